"""Hostile disks and store files: a full disk, a read-only folder, an empty or byte-flipped store,
another program's database, a deleted -wal, and backups taken when they are needed.

A full disk is a real one: a small tmpfs mounted for the test and filled with a file (so the
test needs root, as it has in CI and here; elsewhere it is skipped). A read-only folder is
that tmpfs remounted read-only, and a read-only store a read-only bind mount of the file alone,
because root ignores file modes.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from clerkdesk.datafolder import DataFolder
from clerkdesk.errors import StoreDamaged, StoreError
from clerkdesk.sample import SAMPLE, sample_meeting
from clerkdesk.store import Store, default_store_path, list_backups, restore
from tests.core.test_cli import clerkdesk, fingerprint, write


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 2 MB filesystem of the test's own (tmpfs), unmounted afterwards."""
    where = tmp_path / "disk"
    where.mkdir()
    if os.geteuid() != 0 or not _mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(where)):
        pytest.skip("mounting a small filesystem needs root")
    yield where
    subprocess.run(["umount", "-l", str(where)], check=False)


def _fill(disk: Path) -> Path:
    """Fill the disk to its last byte; returns the filler (delete it and space returns)."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


def _one_line_exit_2(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    return result.stderr


# -- a full disk ------------------------------------------------------------------------

def test_a_full_disk_is_a_full_disk_reading_works_and_a_restore_moves_nothing(small_disk: Path) -> None:
    data = small_disk / "data"
    assert clerkdesk(data, "sample").returncode == 0
    backup = list_backups(data)[0].path
    before = fingerprint(data)
    filler = _fill(small_disk)

    listed = clerkdesk(data, "list")  # was: "damaged (disk I/O error)", and nothing listed
    assert listed.returncode == 0, listed.stderr
    assert "Environment and Communities Committee" in listed.stdout
    assert clerkdesk(data, "search", "committee").returncode == 0
    assert "Environment and Communities" in clerkdesk(data, "export", "1", "--format", "text").stdout

    said = _one_line_exit_2(clerkdesk(data, "sample"))
    assert "is full" in said and "damaged" not in said

    names = sorted(p.name for p in data.iterdir())
    said = _one_line_exit_2(clerkdesk(data, "restore", str(backup)))  # was: store moved aside, then the copy failed
    assert "is full" in said and "left exactly as it was" in said
    assert sorted(p.name for p in data.iterdir()) == names  # nothing moved aside, no part-file left
    filler.unlink()
    assert fingerprint(data) == before
    assert "Environment and Communities Committee" in clerkdesk(data, "list").stdout  # not "No meetings yet"
    assert clerkdesk(data, "sample").returncode == 0  # space is back: writing works again


def test_opening_on_a_full_disk_is_never_called_damaged(small_disk: Path) -> None:
    data = small_disk / "data"
    assert clerkdesk(data, "sample").returncode == 0
    _fill(small_disk)
    with pytest.raises(StoreError, match="is full"):
        Store(default_store_path(data))
    with pytest.raises(StoreError, match="is full"):
        DataFolder(data).open_for_writing()
    with DataFolder(data).open_for_reading() as store:
        assert len(store.list_meetings()) == 1


def test_restore_copies_checks_and_only_then_moves_the_store_aside(data_dir: Path, tmp_path: Path) -> None:
    store = DataFolder(data_dir).open_for_writing()
    store.import_meeting(sample_meeting())
    backup = store.backup(data_dir, "manual")
    store.import_meeting(sample_meeting())
    store.close()
    DataFolder(data_dir).release()
    damaged_backup = tmp_path / "bad.sqlite3"
    damaged_backup.write_bytes(backup.read_bytes()[:8192])
    names = sorted(p.name for p in data_dir.iterdir())
    with pytest.raises(StoreError):
        restore(default_store_path(data_dir), damaged_backup)
    assert sorted(p.name for p in data_dir.iterdir()) == names
    aside = restore(default_store_path(data_dir), backup)
    assert aside is not None and aside.exists()
    with Store(default_store_path(data_dir)) as s:
        assert len(s.list_meetings()) == 1
    with Store(aside) as s:
        assert len(s.list_meetings()) == 2


# -- a read-only data folder or store ---------------------------------------------------

def test_a_read_only_data_folder_reads_and_refuses_writes_in_one_line(small_disk: Path, tmp_path: Path) -> None:
    data = small_disk / "data"
    assert clerkdesk(data, "sample").returncode == 0
    sample = write(tmp_path, "sample.json", SAMPLE)
    assert _mount("-o", "remount,ro", str(small_disk))
    listed = clerkdesk(data, "list")
    assert listed.returncode == 0, listed.stderr
    assert "Environment and Communities Committee" in listed.stdout
    assert clerkdesk(data, "search", "committee").returncode == 0
    for verb in (["import", str(sample)], ["sample"], ["status", "1", "final"], ["backup"]):
        said = _one_line_exit_2(clerkdesk(data, *verb))  # import and sample crashed on the lock file
        assert "read-only" in said, said


def test_a_read_only_store_file_reads_and_refuses_writes(data_dir: Path) -> None:
    assert clerkdesk(data_dir, "sample").returncode == 0
    path = default_store_path(data_dir)
    if os.geteuid() != 0 or not _mount("--bind", str(path), str(path)):
        pytest.skip("a read-only bind mount needs root")
    try:
        assert _mount("-o", "remount,bind,ro", str(path))
        assert clerkdesk(data_dir, "list").returncode == 0
        said = _one_line_exit_2(clerkdesk(data_dir, "sample"))
        assert "read-only" in said
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


# -- an empty or byte-flipped store -----------------------------------------------------

def test_an_empty_store_gets_the_damaged_path_and_a_new_folder_still_starts(data_dir: Path, tmp_path: Path) -> None:
    assert clerkdesk(data_dir, "sample").returncode == 0
    path = default_store_path(data_dir)
    path.write_bytes(b"")
    said = _one_line_exit_2(clerkdesk(data_dir, "list"))
    assert "damaged: it is empty" in said and "clerkdesk restore" in said
    _one_line_exit_2(clerkdesk(data_dir, "sample"))
    assert path.read_bytes() == b""  # nothing overwritten
    fresh = tmp_path / "fresh"
    assert clerkdesk(fresh, "sample").returncode == 0
    assert clerkdesk(fresh, "list").returncode == 0


def _flip_schema(path: Path, column_at: bytes, by: int) -> None:
    data = bytearray(path.read_bytes())
    at = data.find(column_at)
    assert at >= 0
    data[at + by] ^= 0xC0
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(("where", "by"), [
    (b"tableentriesentries", 5),  # the table's name: SQLite quotes it back undecodable
    (b"CREATE TABLE meetings (\n        id INTEGER", 31),  # before a column's name: still valid SQL
    (b"CREATE TABLE meetings (\n        id INTEGER", 42),  # after a column's type: ids become NULL
])
def test_a_byte_flipped_schema_gets_the_damaged_path(data_dir: Path, where: bytes, by: int) -> None:
    assert clerkdesk(data_dir, "sample").returncode == 0
    path = default_store_path(data_dir)
    _flip_schema(path, where, by)
    before = path.read_bytes()
    for verb in (["list"], ["export", "1", "--format", "text"], ["sample"]):
        said = _one_line_exit_2(clerkdesk(data_dir, *verb))  # was a UnicodeDecodeError or a wrong answer
        assert "damaged" in said and "clerkdesk restore" in said, said
    assert path.read_bytes() == before
    with pytest.raises(StoreDamaged):
        DataFolder(data_dir).open_for_reading()


# -- silent side effects ----------------------------------------------------------------

def test_another_programs_database_is_not_switched_to_wal(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = default_store_path(data_dir)
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE photos (name TEXT)")
    other.execute("PRAGMA user_version = 7")
    other.commit()
    other.close()
    before = path.read_bytes()
    said = _one_line_exit_2(clerkdesk(data_dir, "list"))
    assert "left alone" in said
    _one_line_exit_2(clerkdesk(data_dir, "sample"))
    assert path.read_bytes() == before  # the header's bytes 18-19 would say WAL
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert not Path(f"{path}-wal").exists()


def test_a_deleted_wal_is_noticed_and_its_changes_saved(data_dir: Path) -> None:
    store = Store(default_store_path(data_dir))
    assert store.wal_lost() is None
    mid = store.import_meeting(sample_meeting())
    os.unlink(f"{store.path}-wal")
    assert "-wal was deleted" in store.wal_lost()
    store.rescue_wal()
    store.close()
    with Store(default_store_path(data_dir)) as s:
        assert s.load_meeting(mid).title


def test_importing_into_a_known_committee_keeps_its_minute_format(data_dir: Path, tmp_path: Path) -> None:
    assert clerkdesk(data_dir, "sample").returncode == 0
    assert clerkdesk(data_dir, "minute-format", "Environment and Communities Committee", "ENV/{n}").returncode == 0
    meeting = json.loads(json.dumps(SAMPLE))
    meeting["committee"]["minute_format"] = "no number here"
    result = clerkdesk(data_dir, "import", str(write(tmp_path, "m.json", meeting)))
    assert result.returncode == 0, result.stderr
    assert "was not applied" in result.stderr
    with Store(default_store_path(data_dir)) as s:
        assert s.committee("Environment and Communities Committee").minute_format == "ENV/{n}"
    assert clerkdesk(data_dir, "new-meeting", "--committee", "Environment and Communities Committee",
                     "--date", "2026-12-01").returncode == 0
