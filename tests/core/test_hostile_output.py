"""``export --out`` writes to what the path names, through the real command line.

A symlink is followed to its file, a hard link stays linked, an existing file keeps its mode;
a device, a named pipe or a folder is refused in one line and left as it was; a new public
export is as readable as the clerk's umask says, a new confidential one is the owner's alone.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.test_cli import clerkdesk

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symlinks, FIFOs and modes as POSIX has them")


@pytest.fixture
def sample_id(data_dir: Path) -> str:
    result = clerkdesk(data_dir, "sample")
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def export(data_dir: Path, sample_id: str, out: Path | str, *extra: str, umask: int | None = None):
    env = {k: v for k, v in os.environ.items() if k != "CLERKDESK_DATA_DIR"}
    return subprocess.run([sys.executable, "-m", "clerkdesk", "--data-dir", str(data_dir), "export", sample_id,
                           "--format", "text", "--out", str(out), *extra], capture_output=True, text=True,
                          env=env, timeout=120, preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)


def test_a_symlink_is_followed_to_the_file_it_names(data_dir: Path, sample_id: str, tmp_path: Path) -> None:
    real = tmp_path / "shared" / "minutes.txt"
    real.parent.mkdir()
    real.write_text("old minutes")
    link = tmp_path / "latest.txt"
    link.symlink_to(real)
    result = export(data_dir, sample_id, link)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "Environment and Communities Committee" in real.read_text(encoding="utf-8")
    assert sorted(p.name for p in real.parent.iterdir()) == ["minutes.txt"]  # no temporary file left


def test_a_hard_link_stays_linked(data_dir: Path, sample_id: str, tmp_path: Path) -> None:
    first = tmp_path / "minutes.txt"
    first.write_text("old minutes")
    second = tmp_path / "copy-for-the-chair.txt"
    os.link(first, second)
    result = export(data_dir, sample_id, first)
    assert result.returncode == 0, result.stderr
    assert first.stat().st_ino == second.stat().st_ino and first.stat().st_nlink == 2
    assert "Environment and Communities Committee" in second.read_text(encoding="utf-8")


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o664])
def test_an_existing_file_keeps_its_mode(mode: int, data_dir: Path, sample_id: str, tmp_path: Path) -> None:
    out = tmp_path / "minutes.txt"
    out.write_text("old minutes")
    out.chmod(mode)
    assert export(data_dir, sample_id, out).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert "Environment and Communities Committee" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_a_new_public_export_follows_the_umask_and_a_confidential_one_is_private(
        umask: int, data_dir: Path, sample_id: str, tmp_path: Path) -> None:
    public, confidential = tmp_path / "public.txt", tmp_path / "confidential.txt"
    assert export(data_dir, sample_id, public, umask=umask).returncode == 0
    assert export(data_dir, sample_id, confidential, "--confidential", umask=umask).returncode == 0
    assert stat.S_IMODE(public.stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE(confidential.stat().st_mode) == 0o600


def _fifo(tmp: Path) -> Path:
    path = tmp / "pipe.txt"
    os.mkfifo(path)
    return path


def _folder(tmp: Path) -> Path:
    path = tmp / "minutes.txt"
    path.mkdir()
    return path


def _device(tmp: Path) -> Path:
    """A character device like /dev/null, made in the test's own folder: the real one is never put at risk."""
    path = tmp / "null-device"
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    return path


def _link_to_device(tmp: Path) -> Path:
    link = tmp / "minutes.txt"
    link.symlink_to(_device(tmp))
    return link


SPECIAL = [_fifo, _folder, _device, _link_to_device]


@pytest.mark.parametrize("make", SPECIAL, ids=[f.__name__.strip("_") for f in SPECIAL])
def test_a_device_pipe_or_folder_is_refused_in_one_line_and_left_alone(make, data_dir: Path, sample_id: str,
                                                                        tmp_path: Path) -> None:
    path = make(tmp_path)
    before = os.lstat(path)
    resolved_before = os.stat(path)
    result = export(data_dir, sample_id, path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("clerkdesk: "), result.stderr
    after = os.lstat(path)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert stat.S_IFMT(os.stat(path).st_mode) == stat.S_IFMT(resolved_before.st_mode)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
