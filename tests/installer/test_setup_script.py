"""installer/linux/qt-system-packages.sh: installs what it can, and never stops `make test` or `make run`.

Run for real with bash, with stand-ins for dpkg-query, id, sudo and apt-get first on PATH, so each
situation a newcomer meets (no root, another apt holding the lock) is played out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "installer" / "linux" / "qt-system-packages.sh"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("bash") is None,
                                reason="the system-package script is for Linux, run by bash")


def run_script(tmp_path: Path, *, uid: int, installed: bool = False, sudo: str = "", apt: str = "") -> \
        subprocess.CompletedProcess[str]:
    """Run the script with stand-in programs: ``sudo``/``apt`` are the bodies of those scripts ("": absent)."""
    fake = tmp_path / "bin"
    fake.mkdir()
    programs = {
        "dpkg-query": f"echo -n '{'install ok installed' if installed else 'unknown ok not-installed'}'",
        "id": f"echo {uid}",
    }
    if sudo:
        programs["sudo"] = sudo
    if apt:
        programs["apt-get"] = apt
    for name, body in programs.items():
        (fake / name).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        (fake / name).chmod(0o755)
    # Only the stand-ins and the basic tools the script uses: no real sudo or apt-get can be reached.
    tools = tmp_path / "tools"
    tools.mkdir()
    for tool in ("grep", "mktemp", "rm", "cat"):
        (tools / tool).symlink_to(shutil.which(tool))
    env = {"PATH": f"{fake}{os.pathsep}{tools}", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    return subprocess.run([shutil.which("bash"), str(SCRIPT)], capture_output=True, text=True, env=env, timeout=60)


def test_nothing_missing_says_nothing(tmp_path: Path) -> None:
    result = run_script(tmp_path, uid=1000, installed=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_without_root_it_says_what_is_missing_and_carries_on(tmp_path: Path) -> None:
    result = run_script(tmp_path, uid=1000)  # no sudo at all
    assert result.returncode == 0, result.stderr
    assert "without root" in result.stderr and "libxcb-cursor0" in result.stderr
    assert "the window needs" in result.stderr and "carrying on" in result.stderr


def test_sudo_that_wants_a_password_is_not_asked(tmp_path: Path) -> None:
    result = run_script(tmp_path, uid=1000, sudo='[ "$1" = -n ] && exit 1; echo asked >&2; exit 1')
    assert result.returncode == 0
    assert "asked" not in result.stderr and "without root" in result.stderr


def test_a_held_dpkg_lock_is_named_and_setup_carries_on(tmp_path: Path) -> None:
    lock = ("echo 'E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)' >&2; "
            "exit 100")
    result = run_script(tmp_path, uid=0, apt=lock)
    assert result.returncode == 0
    assert "lock" in result.stderr and "libegl1" in result.stderr and "carrying on" in result.stderr


def test_apt_that_fails_otherwise_says_why(tmp_path: Path) -> None:
    result = run_script(tmp_path, uid=0, apt="echo 'E: Unable to locate package libxcb-cursor0' >&2; exit 100")
    assert result.returncode == 0
    assert "Unable to locate package" in result.stderr


def test_root_installs_them(tmp_path: Path) -> None:
    result = run_script(tmp_path, uid=0, apt=f"echo \"$@\" >> '{tmp_path}/apt.log'")
    assert result.returncode == 0 and result.stderr == ""
    assert "install -y -qq libegl1" in (tmp_path / "apt.log").read_text(encoding="utf-8")
