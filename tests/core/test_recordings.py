"""A meeting's recordings: entries as bookmarks, attaching files, deleting and the retention policy."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from clerkdesk import ops
from clerkdesk.bookmarks import bookmark, entry_at
from clerkdesk.errors import BadInput
from clerkdesk.export import render
from clerkdesk.meeting_file import parse_meeting_file, write_meeting_file
from clerkdesk.model import Entry
from clerkdesk.store import Recording, Store
from tests.builders import make_meeting, tone_wav
from tests.core.test_cli import clerkdesk, fingerprint


def _rec(rid: int, started: str, duration_ms: int | None) -> Recording:
    return Recording(rid, 1, f"recordings/{rid}.wav", started, duration_ms, "wav", 0, "attached", started)


@pytest.fixture
def meeting(store: Store) -> int:
    return store.import_meeting(make_meeting(items=3, entries=9, people=6))


def test_an_entry_added_is_stamped_with_when_it_was_typed(store: Store, meeting: int) -> None:
    item = store.load_meeting(meeting).items[0]
    before = datetime.now().replace(microsecond=0)
    eid = ops.add_entry(store, item.id, Entry(kind="note", text="typed now")).result
    typed = datetime.fromisoformat(store.load_entry(eid)[0].typed_at)
    assert before <= typed <= datetime.now()
    given = ops.add_entry(store, item.id, Entry(kind="note", text="at a set time", typed_at="2026-09-17T18:31:05"))
    assert store.load_entry(given.result)[0].typed_at == "2026-09-17T18:31:05"


def test_undo_puts_a_deleted_entry_back_with_its_typed_time(store: Store, meeting: int) -> None:
    item = store.load_meeting(meeting).items[0]
    eid = ops.add_entry(store, item.id, Entry(kind="note", text="x", typed_at="2026-09-17T18:40:00")).result
    ops.run(store, ops.delete_entry(store, eid).inverse)
    assert store.load_entry(eid)[0].typed_at == "2026-09-17T18:40:00"


def test_the_typed_time_never_goes_into_a_meeting_file(store: Store, meeting: int) -> None:
    item = store.load_meeting(meeting).items[0]
    ops.add_entry(store, item.id, Entry(kind="note", text="x", typed_at="2026-09-17T18:40:00"))
    text = write_meeting_file(store.load_meeting(meeting))
    assert "typed_at" not in text and "18:40:00" not in text
    again = parse_meeting_file(text.encode())
    assert all(e.typed_at is None for i in again.items for e in i.entries)


def test_an_entry_maps_to_its_place_in_the_recording_less_the_lead_in() -> None:
    recordings = [_rec(1, "2026-09-17T18:30:00", 3_600_000)]
    assert bookmark(recordings, "2026-09-17T18:45:30") == bookmark(recordings, "2026-09-17T18:45:30", lead_s=10)
    assert bookmark(recordings, "2026-09-17T18:45:30", lead_s=10).position_ms == (15 * 60 + 20) * 1000
    assert bookmark(recordings, "2026-09-17T18:30:04", lead_s=10).position_ms == 0  # never before the start
    assert bookmark(recordings, "2026-09-17T18:29:59") is None  # typed before the recording began
    assert bookmark(recordings, "2026-09-17T19:30:01") is None  # after it ended
    assert bookmark(recordings, None) is None  # typed before entries kept their time


def test_a_recording_paused_and_resumed_is_two_recordings_and_each_entry_finds_its_own() -> None:
    recordings = [_rec(2, "2026-09-17T19:10:00", None), _rec(1, "2026-09-17T18:30:00", 1_200_000)]
    assert bookmark(recordings, "2026-09-17T18:40:00", lead_s=0).recording_id == 1
    assert bookmark(recordings, "2026-09-17T19:00:00") is None  # the pause (an exempt item)
    b = bookmark(recordings, "2026-09-17T21:00:00", lead_s=5)  # the live one: its length not known yet
    assert (b.recording_id, b.position_ms) == (2, (110 * 60 - 5) * 1000)


def test_the_entry_heard_is_the_next_one_typed(store: Store, meeting: int) -> None:
    item = store.load_meeting(meeting).items[1]
    first = ops.add_entry(store, item.id, Entry(kind="note", text="a", typed_at="2026-09-17T18:31:00")).result
    second = ops.add_entry(store, item.id, Entry(kind="note", text="b", typed_at="2026-09-17T18:32:00")).result
    m, r = store.load_meeting(meeting), _rec(1, "2026-09-17T18:30:00", None)
    assert entry_at(m, r, 30_000) == first
    assert entry_at(m, r, 60_000) == first
    assert entry_at(m, r, 61_000) == second
    assert entry_at(m, r, 3_000_000) is None
    assert entry_at(m, r, bookmark([r], "2026-09-17T18:32:00", lead_s=10).position_ms) == second


def test_attaching_a_wav_copies_it_beside_the_store_with_its_length(store: Store, meeting: int, tmp_path: Path) -> None:
    source = tone_wav(tmp_path / "dictaphone.wav", 3.5)
    rid = ops.attach_recording(store, meeting, str(source), "18:29:45").result
    r = store.recording(rid)
    assert (r.started, r.duration_ms, r.format, r.source) == ("2026-09-17T18:29:45", 3500, "wav", "attached")
    copy = store.path.parent / r.file
    assert copy.read_bytes() == source.read_bytes() and r.size == source.stat().st_size
    assert copy.parent.name == "recordings" and source.exists()
    assert store.recording_sizes() == {meeting: r.size}


@pytest.mark.parametrize(("start", "name", "says"), [
    ("6.30pm", "a.wav", "not a time"), ("25:00", "a.wav", "not a time"),
    ("18:30", "a.txt", "not a recording ClerkDesk can play"), ("18:30", "missing.wav", "no audio file")])
def test_a_bad_attachment_is_refused_and_nothing_is_kept(store: Store, meeting: int, tmp_path: Path,
                                                        start: str, name: str, says: str) -> None:
    if name != "missing.wav":
        tone_wav(tmp_path / name, 0.2)
    with pytest.raises(BadInput, match=says):
        ops.attach_recording(store, meeting, str(tmp_path / name), start)
    assert store.recordings(meeting) == []
    assert not (store.path.parent / "recordings").exists() or not any((store.path.parent / "recordings").iterdir())


def test_a_damaged_wav_is_refused(store: Store, meeting: int, tmp_path: Path) -> None:
    (tmp_path / "bad.wav").write_bytes(b"RIFF....not really")
    with pytest.raises(BadInput, match="damaged"):
        ops.attach_recording(store, meeting, str(tmp_path / "bad.wav"), "18:30")


def test_deleting_removes_the_file_at_once(store: Store, meeting: int, tmp_path: Path) -> None:
    rid = ops.attach_recording(store, meeting, str(tone_wav(tmp_path / "a.wav", 0.5)), "18:30").result
    path = store.path.parent / store.recording(rid).file
    change = ops.delete_recordings(store, meeting)
    assert change.result > 0 and change.inverse is None and not change.undoable
    assert not path.exists() and store.recordings(meeting) == []


def _approved(store: Store, meeting: int, on: str) -> None:
    ops.set_status(store, meeting, "approved")
    store.set_approved_at(meeting, f"{on}T19:00:00")


def test_retention_deletes_recordings_kept_past_the_policy_and_no_others(store: Store, tmp_path: Path) -> None:
    wav = tone_wav(tmp_path / "a.wav", 0.5)
    old, recent, unapproved = (store.import_meeting(make_meeting(items=1, entries=1, seed=n)) for n in (1, 2, 3))
    other = store.import_meeting(make_meeting(items=1, entries=1, committee="Licensing Committee"))
    for mid in (old, recent, unapproved, other):
        ops.attach_recording(store, mid, str(wav), "18:30")
    ops.set_recording_policy(store, "Community Safety Scrutiny Committee", 30)
    _approved(store, old, "2026-09-01")
    _approved(store, recent, "2026-09-20")
    _approved(store, other, "2026-01-01")  # its committee keeps recordings until deleted by hand
    change = ops.apply_retention(store, today=date(2026, 10, 1))
    assert [m for m, _size in change.result] == [old]
    assert store.recordings(old) == [] and all(store.recordings(m) for m in (recent, unapproved, other))
    assert ops.apply_retention(store, today=date(2026, 10, 1)).result == []


def test_policy_is_per_committee_and_checked(store: Store, meeting: int) -> None:
    ops.set_recording_policy(store, "Community Safety Scrutiny Committee", 0, pauses_exempt=True)
    c = store.committee("Community Safety Scrutiny Committee")
    assert store.recording_policy(c.id).keep_days == 0 and store.recording_policy(c.id).pauses_exempt
    with pytest.raises(BadInput, match="whole number"):
        ops.set_recording_policy(store, "Community Safety Scrutiny Committee", -1)
    with pytest.raises(BadInput, match="no committee"):
        ops.set_recording_policy(store, "Nobody's Committee", 5)


def test_recordings_never_go_into_exports_or_backups(store: Store, meeting: int, tmp_path: Path) -> None:
    ops.attach_recording(store, meeting, str(tone_wav(tmp_path / "a.wav", 0.5)), "18:30")
    m = store.load_meeting(meeting)
    for fmt in ("text", "json", "html"):
        text = render(m, fmt).data.decode("utf-8")
        assert "recording" not in text.lower() and ".wav" not in text and "18:30:00" not in text
    backup = store.backup(store.path.parent, "manual")
    assert backup.stat().st_size < 5_000_000
    assert not any(p.suffix == ".wav" for p in backup.parent.rglob("*"))


# -- the command line, for real ---------------------------------------------------------------

def test_cli_attach_list_and_delete(data_dir: Path, tmp_path: Path) -> None:
    meeting = json.loads(write_meeting_file(make_meeting(items=2, entries=2)))
    (tmp_path / "m.json").write_text(json.dumps(meeting), encoding="utf-8")
    mid = clerkdesk(data_dir, "import", str(tmp_path / "m.json")).stdout.split()[-1]
    with Store(data_dir / "clerkdesk.sqlite3") as store:
        item = store.load_meeting(int(mid)).items[0]
        eid = ops.add_entry(store, item.id, Entry(kind="note", text="x", typed_at="2026-09-17T18:30:42")).result
    wav = tone_wav(tmp_path / "dictaphone.wav", 60.0)
    done = clerkdesk(data_dir, "recording", "attach", mid, str(wav), "--start", "18:30:00")
    assert done.returncode == 0, done.stderr
    assert "Attached" in done.stdout
    listed = clerkdesk(data_dir, "recording", "list", mid)
    assert listed.returncode == 0, listed.stderr
    assert "0:01:00  wav  1.0 MB" in listed.stdout  # its length, measured
    assert f"entry {eid} (item {item.number}) at 0:00:42 of recording 1" in listed.stdout
    gone = clerkdesk(data_dir, "recording", "delete", mid)
    assert gone.returncode == 0 and "Deleted" in gone.stdout
    assert "has no recording" in clerkdesk(data_dir, "recording", "list", mid).stdout


@pytest.mark.parametrize("args", [("--start", "half six"), ("--start", "18:30", "--bogus")])
def test_cli_bad_start_is_one_line_exit_2_and_changes_nothing(data_dir: Path, tmp_path: Path, args: tuple) -> None:
    mid = clerkdesk(data_dir, "sample").stdout.strip()
    before = fingerprint(data_dir)
    result = clerkdesk(data_dir, "recording", "attach", mid, str(tone_wav(tmp_path / "a.wav", 0.2)), *args)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert fingerprint(data_dir) == before


def test_cli_help_mentions_the_recording_verb() -> None:
    out = subprocess.run([sys.executable, "-m", "clerkdesk", "recording", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "attach" in out.stdout and "never in meeting files" in out.stdout
