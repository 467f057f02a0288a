"""Every package of the tree ships: pyproject's package list names each folder with an __init__.py,
so the wheel and the bundle (which reads the same list) hold every module the app imports."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_folder_is_in_pyproject() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    dirs = {name: ROOT / setuptools["package-dir"].get(name, name.replace(".", "/"))
            for name in setuptools["packages"]}
    listed = {d.resolve() for d in dirs.values()}
    found = {init.parent.resolve() for top in ("clerkdesk", "ui") for init in (ROOT / top).rglob("__init__.py")}
    assert not found - listed, f"not in pyproject's packages: {sorted(str(p.relative_to(ROOT)) for p in found - listed)}"
    assert all(d.is_dir() for d in dirs.values()), dirs
