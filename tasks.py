"""The project's tasks, the same on Linux, macOS and Windows (the Makefile calls this too).

    python tasks.py run       set up .venv and open the app
    python tasks.py test      set up .venv, lint, and run the whole test suite (Qt offscreen)
    python tasks.py test -m "not slow"    ...without the slow bundle build; any pytest options pass on
    python tasks.py bench     set up .venv and run the benchmarks (options pass on: --quick)
    python tasks.py setup     only set up .venv (again when pyproject.toml has changed)
    python tasks.py clean     remove .venv and the build and cache folders

On Windows use ``py tasks.py ...`` (or ``python``). Only the standard library is used here: this
file runs before .venv exists.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed"
# Setting up again when one of these is newer than the last setup.
INPUTS = [ROOT / "pyproject.toml", ROOT / "installer" / "linux" / "qt-system-packages.sh"]
CLEAN = [".venv", "build", "dist", ".pytest_cache", ".hypothesis", ".ruff_cache", "clerkdesk.egg-info"]


def venv_bin(name: str) -> Path:
    """A program in .venv: .venv/bin/NAME, or .venv\\Scripts\\NAME.exe on Windows."""
    if os.name == "nt":
        return VENV / "Scripts" / f"{name}.exe"
    return VENV / "bin" / name


def call(*args: str | Path, env: dict[str, str] | None = None) -> None:
    """Run a program in the project folder; stop with its exit status if it fails."""
    print("+", " ".join(str(a) for a in args), flush=True)
    status = subprocess.call([str(a) for a in args], cwd=ROOT, env=env)
    if status != 0:
        sys.exit(status)


def system_packages() -> None:
    """On Debian/Ubuntu, the libraries Qt needs for a real window (never fatal: see the script)."""
    bash = shutil.which("bash")
    if sys.platform.startswith("linux") and bash:
        subprocess.call([bash, str(INPUTS[1])], cwd=ROOT)


def setup() -> None:
    """.venv with ClerkDesk installed editable and the test tools, unless it is already up to date."""
    if STAMP.exists() and all(STAMP.stat().st_mtime >= p.stat().st_mtime for p in INPUTS):
        return
    system_packages()
    python = venv_bin("python")
    if not python.exists():
        call(sys.executable, "-m", "venv", VENV)
    call(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    call(python, "-m", "pip", "install", "--quiet", "-e", ".[test]")
    STAMP.touch()


def offscreen() -> dict[str, str]:
    """This environment with Qt drawing offscreen (tests and benchmarks need no display)."""
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def run(args: list[str]) -> None:
    setup()
    call(venv_bin("clerkdesk"), *args)


def test_audio_packages() -> None:
    """On Debian/Ubuntu, PulseAudio for the live recording tests' virtual microphone (never fatal)."""
    bash = shutil.which("bash")
    if sys.platform.startswith("linux") and bash:
        subprocess.call([bash, str(ROOT / "installer" / "linux" / "test-audio-packages.sh")], cwd=ROOT)


def test(args: list[str]) -> None:
    setup()
    test_audio_packages()
    call(venv_bin("ruff"), "check", ".")
    call(venv_bin("python"), "-m", "pytest", *args, env=offscreen())


def bench(args: list[str]) -> None:
    setup()
    call(venv_bin("python"), "-m", "bench", *args, env=offscreen())


def clean(_args: list[str]) -> None:
    for name in CLEAN:
        shutil.rmtree(ROOT / name, ignore_errors=True)


TASKS = {"run": run, "test": test, "bench": bench, "setup": lambda _args: setup(), "clean": clean}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in TASKS:
        print(__doc__.strip(), file=sys.stderr)
        return 0 if argv[:1] in (["-h"], ["--help"]) else 2
    TASKS[argv[0]](argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
