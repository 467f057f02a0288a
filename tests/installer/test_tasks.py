"""tasks.py: the project's commands without make (Windows), and the Makefile only calling it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def tasks(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "tasks.py"), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)


def test_without_a_task_it_lists_them() -> None:
    for args, status in (((), 2), (("frobnicate",), 2), (("--help",), 0)):
        result = tasks(*args)
        assert result.returncode == status
        for task in ("run", "test", "bench", "setup", "clean"):
            assert f"python tasks.py {task}" in result.stderr


def test_it_uses_only_the_standard_library() -> None:
    """It runs before .venv exists, with whatever Python the developer has."""
    code = ("import sys, runpy; before = set(sys.modules); runpy.run_path(sys.argv[1]); "
            "import importlib.util as u; "
            "print([m for m in set(sys.modules) - before if u.find_spec(m.split('.')[0]) and "
            "'site-packages' in str(u.find_spec(m.split('.')[0]).origin)])")
    result = subprocess.run([sys.executable, "-c", code, str(ROOT / "tasks.py")], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_the_makefile_calls_the_same_tasks() -> None:
    for target in ("run", "test", "bench", "setup", "clean"):
        result = subprocess.run(["make", "-n", target], capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert result.returncode == 0, result.stderr
        assert f"tasks.py {target}" in result.stdout
