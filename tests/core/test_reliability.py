"""Nothing lost, nothing leaked: locks, backups, damaged stores, full disks, permissions, hostile files."""

from __future__ import annotations

import json
import os
import signal
import stat
from datetime import datetime, timedelta
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clerkdesk.store.backup import list_backups, prune, restore
from clerkdesk.datafolder import DataFolder
from clerkdesk.errors import BadMeetingFile, StoreDamaged, StoreError, StoreLocked
from clerkdesk.meeting_file import parse_meeting_file
from clerkdesk.model import Entry
from clerkdesk.sample import SAMPLE, sample_meeting
from clerkdesk.store import Store
from tests.core.test_cli import clerkdesk, fingerprint, write


def test_a_second_writer_is_refused(data_dir: Path) -> None:
    first = DataFolder(data_dir)
    store = first.open_for_writing()
    try:
        with pytest.raises(StoreLocked, match="ClerkDesk is open on this data folder"):
            DataFolder(data_dir).open_for_writing(wait=0.2)
        reader = DataFolder(data_dir).open_for_reading()  # reading still works
        reader.close()
    finally:
        store.close()
        first.release()
    DataFolder(data_dir).open_for_writing().close()  # and the lock is free again


HOLD_LOCK = """
import sys
from clerkdesk.datafolder import DataFolder
folder = DataFolder(sys.argv[1])
store = folder.open_for_writing(who="the test window")
print("holding", flush=True)
sys.stdin.read()
"""


def test_command_line_while_another_process_writes_and_after_it_is_killed(data_dir: Path, tmp_path: Path) -> None:
    sample = write(tmp_path, "sample.json", SAMPLE)
    assert clerkdesk(data_dir, "import", str(sample)).returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(data_dir)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        before = fingerprint(data_dir)
        refused = clerkdesk(data_dir, "import", str(sample))
        assert refused.returncode == 2
        assert "ClerkDesk is open on this data folder (the test window" in refused.stderr
        assert len(refused.stderr.splitlines()) == 1
        assert fingerprint(data_dir) == before
        assert clerkdesk(data_dir, "list").returncode == 0
        assert clerkdesk(data_dir, "search", "fly-tipping").returncode == 0
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert clerkdesk(data_dir, "import", str(sample)).returncode == 0  # a killed holder leaves no stale lock


def test_data_folder_store_and_backups_are_owner_only(data_dir: Path) -> None:
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    folder = data_dir / "fresh"
    store = DataFolder(folder).open_for_writing()
    try:
        store.import_meeting(sample_meeting())
    finally:
        store.close()
        DataFolder(folder).release()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.glob("clerkdesk.sqlite3*"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    backups = list_backups(folder)
    assert backups and backups[0].reason == "daily"
    assert stat.S_IMODE(backups[0].path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(backups[0].path.stat().st_mode) == 0o600


def test_backup_and_restore_keep_the_replaced_store(data_dir: Path, store: Store) -> None:
    first = store.import_meeting(sample_meeting())
    backup = store.backup(data_dir, "manual")
    store.delete_meeting(first)
    store.close()
    aside = restore(store.path, backup)
    assert aside is not None and aside.exists()
    with Store(store.path) as restored:
        assert [m.id for m in restored.list_meetings()] == [first]
    with Store(aside, check=True) as replaced:
        assert replaced.list_meetings() == []


def test_prune_keeps_recent_and_daily(data_dir: Path) -> None:
    folder = data_dir / "backups"
    folder.mkdir()
    first = datetime(2026, 10, 1)
    for day in range(40):
        for hour in (9, 17):
            when = first + timedelta(days=day, hours=hour)
            (folder / f"clerkdesk-{when:%Y%m%d-%H%M%S}-daily.sqlite3").touch()
    prune(data_dir)
    left = list_backups(data_dir)
    assert len({b.when.date() for b in left}) == 30  # one a day for thirty days
    assert len(left) == 30 + 5  # and the ten newest, which cover the last five days twice over
    assert left[0].when == first + timedelta(days=39, hours=17)


def test_restore_refuses_what_is_not_a_backup(data_dir: Path, store: Store, tmp_path: Path) -> None:
    bogus = tmp_path / "holiday.jpg"
    bogus.write_bytes(b"\xff\xd8\xff\xe0 not a database")
    store.close()
    before = store.path.read_bytes()
    result = clerkdesk(data_dir, "restore", str(bogus))
    assert result.returncode == 2 and "not a ClerkDesk store" in result.stderr
    assert store.path.read_bytes() == before


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "overwritten":
        for offset in range(4096, len(data), 4096):  # every page after the first: b-trees and all
            data[offset:offset + 64] = b"\x13" * 64
        path.write_bytes(bytes(data))
    elif how == "truncated":
        path.write_bytes(bytes(data[: len(data) // 3]))
    else:
        path.write_bytes(b"PK\x03\x04 someone saved a Word document here")


@pytest.mark.parametrize("how", ["overwritten", "truncated", "not a database"])
def test_a_damaged_store_is_detected_and_the_backup_offered(data_dir: Path, how: str) -> None:
    folder = DataFolder(data_dir)
    store = folder.open_for_writing()  # makes today's backup
    store.import_meeting(sample_meeting())
    for _ in range(3):
        store.import_meeting(sample_meeting())
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    folder.release()
    _damage(folder.store_path, how)
    damaged = folder.store_path.read_bytes()
    with pytest.raises(StoreDamaged) as caught:
        DataFolder(data_dir).open_for_reading()
    assert "clerkdesk restore" in str(caught.value)
    assert folder.store_path.read_bytes() == damaged  # nothing overwritten without asking
    result = clerkdesk(data_dir, "list")
    assert result.returncode == 2 and "damaged" in result.stderr and len(result.stderr.splitlines()) == 1
    backup = caught.value.backup.path
    assert clerkdesk(data_dir, "restore", str(backup)).returncode == 0
    assert clerkdesk(data_dir, "list").returncode == 0


def test_a_full_store_fails_clearly_and_keeps_what_was_saved(store: Store) -> None:
    mid = store.import_meeting(sample_meeting())
    item = store.load_meeting(mid).items[0].id
    pages = store.db.conn.execute("PRAGMA page_count").fetchone()[0]
    store.db.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(StoreError, match="could not save"):
        store.add_entry(item, Entry("note", text="x" * 200_000))
    assert [e.text for e in store.load_meeting(mid).items[0].entries][-1].startswith("Apologies")
    store.db.conn.execute("PRAGMA max_page_count = 1073741823")  # space returns
    store.add_entry(item, Entry("note", text="x" * 200_000))
    assert store.load_meeting(mid).items[0].entries[-1].text == "x" * 200_000


def test_a_read_only_store_fails_clearly(store: Store) -> None:
    mid = store.import_meeting(sample_meeting())
    store.db.conn.execute("PRAGMA query_only = 1")  # as a read-only folder would refuse the write
    with pytest.raises(StoreError, match="could not save"):
        store.update_meeting(mid, venue="Elsewhere")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_meeting_files_import_or_are_refused_cleanly(store: Store, data: st.DataObject) -> None:
    raw = bytearray(json.dumps(SAMPLE, ensure_ascii=False).encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["flip", "cut", "dup", "insert"]))
        if action == "flip":
            raw[at] = data.draw(st.integers(0, 255))
        elif action == "cut":
            del raw[at: at + data.draw(st.integers(1, 200))]
        elif action == "dup":
            raw[at:at] = raw[at: at + data.draw(st.integers(1, 200))]
        else:
            raw[at:at] = data.draw(st.sampled_from([b"null", b"[]", b"{}", b'"x"', b"-1", b"1e999", b"\x00", b"{"]))
    before = store.list_meetings()
    try:
        meeting = parse_meeting_file(bytes(raw))
    except BadMeetingFile:
        assert store.list_meetings() == before
        return
    store.load_meeting(store.import_meeting(meeting))
