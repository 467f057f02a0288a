"""The docs that restate the source stay true: the shortcut list, and the module map."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from clerkdesk.ui.shortcuts import DOCS_BEGIN, DOCS_END, SHORTCUTS, markdown

ROOT = Path(__file__).resolve().parents[2]


def test_the_shortcut_section_of_the_window_page_is_the_shortcut_table() -> None:
    """docs/window.md carries what ``python -m clerkdesk.ui.shortcuts --markdown`` prints, unchanged."""
    page = (ROOT / "docs" / "window.md").read_text(encoding="utf-8")
    assert DOCS_BEGIN in page and DOCS_END in page, "docs/window.md has lost its shortcut section"
    section = page[page.index(DOCS_BEGIN):page.index(DOCS_END) + len(DOCS_END)] + "\n"
    assert section == markdown(), ("docs/window.md's shortcuts differ from ui/shortcuts.py; paste the output of "
                                   "python -m clerkdesk.ui.shortcuts --markdown in place of its section")
    for keys, _where, what in SHORTCUTS.values():
        assert f"| {keys} |" in section and what in section


def test_the_markdown_command_prints_the_section() -> None:
    result = subprocess.run([sys.executable, "-m", "clerkdesk.ui.shortcuts", "--markdown"], capture_output=True,
                            text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.replace("\r\n", "\n") == markdown()
    assert "| Ctrl+PgDown | Anywhere |" in result.stdout


def modules(package: Path) -> list[str]:
    """Every module of a package folder as it stands now, relative to it ("store.py", "export/docx.py")."""
    return sorted(p.relative_to(package).as_posix() for p in package.rglob("*.py")
                  if p.name not in ("__init__.py", "__main__.py") and "__pycache__" not in p.parts)


def missing_from(page: str, package: Path) -> list[str]:
    """The modules of ``package`` that ``page`` does not name: "x.py", or "sub/x.py" (or both "sub/" and "x.py")."""
    missing = []
    for module in modules(package):
        folder, _, name = module.rpartition("/")
        named = module in page or (folder and f"{folder}/" in page and name in page)
        if not named:
            missing.append(f"{package.name}/{module}")
    return missing


def test_the_architecture_page_names_every_module() -> None:
    """The module list is read from the tree at test time, so moved or new modules are checked too."""
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = missing_from(page, ROOT / "clerkdesk") + missing_from(page, ROOT / "ui")
    assert not missing, f"docs/architecture.md does not mention: {', '.join(missing)}"


def test_the_module_check_sees_nested_packages(tmp_path: Path) -> None:
    (tmp_path / "pkg" / "store").mkdir(parents=True)
    for name in ("__init__.py", "model.py", "store/__init__.py", "store/queries.py"):
        (tmp_path / "pkg" / name).write_text("", encoding="utf-8")
    assert missing_from("model.py", tmp_path / "pkg") == ["pkg/store/queries.py"]
    assert missing_from("model.py store/queries.py", tmp_path / "pkg") == []
    assert missing_from("model.py\n  store/  the store\n    queries.py", tmp_path / "pkg") == []
