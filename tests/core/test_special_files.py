"""Special files given as input: a named pipe must not hang the command, a device must not eat memory.

Each command runs in a real subprocess with a time limit and an address-space cap, so the old
behaviour (waiting forever on a pipe, reading /dev/zero until memory ran out) fails the test
instead of hanging it.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from clerkdesk.files import TooLarge, read_regular
from tests.core.test_cli import fingerprint

pytestmark = pytest.mark.skipif(os.name != "posix", reason="named pipes and /dev/zero as POSIX has them")

MEMORY_CAP = 1536 * 1024 * 1024  # far above what an import needs; reading /dev/zero would pass it in seconds


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CLERKDESK_DATA_DIR"}
    env["QT_QPA_PLATFORM"] = "offscreen"  # so clerkdesk FILE gets as far as reading the file
    try:
        return subprocess.run([sys.executable, "-m", "clerkdesk.ui", "--data-dir", str(data_dir), *args],
                              capture_output=True, text=True, env=env, timeout=30, preexec_fn=_limited)
    except subprocess.TimeoutExpired:
        pytest.fail(f"clerkdesk {' '.join(args)} hung")


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "meeting.json"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("verb", [["import"], ["import-agenda", "--committee", "Planning", "--date", "2026-10-01"],
                                  []], ids=["import", "import-agenda", "open-file"])
def test_a_named_pipe_is_refused_at_once(verb: list[str], fifo: Path, data_dir: Path) -> None:
    before = fingerprint(data_dir)
    result = run(data_dir, *verb, str(fifo))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "not a file" in lines[0], result.stderr
    assert fingerprint(data_dir) == before


@pytest.mark.parametrize("verb", ["import", "import-agenda"])
def test_an_endless_device_is_refused_without_reading_it(verb: str, data_dir: Path) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    result = run(data_dir, verb, "/dev/zero")
    assert result.returncode == 2, result.stderr[-500:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "device" in lines[0], result.stderr[-500:]


def test_a_file_is_read_with_a_cap_not_by_trusting_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"x" * 5000)
    assert read_regular(path, 5000) == b"x" * 5000
    with pytest.raises(TooLarge):
        read_regular(path, 4999)
    # A file that grows after it was looked at is still cut off at the cap: /proc files claim size 0.
    proc = Path("/proc/self/maps")
    if proc.exists():
        assert os.stat(proc).st_size == 0
        assert len(read_regular(proc, 1 << 20)) > 0
        with pytest.raises(TooLarge):
            read_regular(proc, 10)
