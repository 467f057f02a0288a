"""Operations on a meeting's recordings: attach a file made elsewhere, note a recording made in
the window, delete one, set a committee's policy, and delete what the policy no longer keeps.

Recordings are not the minutes: approved minutes still take and lose recordings (deleting the
recording once the minutes are approved is the usual policy). None of these is undoable — a
deleted recording is gone — so each returns a Change with no inverse.
"""

from __future__ import annotations

import os
import shutil
import wave
from datetime import date, datetime, timedelta
from pathlib import Path

from clerkdesk import ulaw_wav
from clerkdesk.errors import BadInput
from clerkdesk.store import RECORDINGS_FOLDER, Recording, RecordingPolicy, Store
from .record import Change

FORMATS = ("wav", "mp3", "m4a", "ogg", "opus", "aac")


def recordings_folder(store: Store) -> Path:
    """The folder beside the store that holds its recordings."""
    return store.path.parent / RECORDINGS_FOLDER


def recording_path(store: Store, recording: Recording) -> Path:
    """Where a recording's file is."""
    return store.path.parent / recording.file


def wav_duration_ms(path: Path) -> int | None:
    """A WAV file's length in milliseconds, or None when it is not one Python's wave module reads."""
    try:
        with wave.open(str(path), "rb") as w:
            return int(w.getnframes() * 1000 / w.getframerate())
    except (wave.Error, EOFError, OSError):
        return None


def _start_time(meeting_date: str, start: str) -> str:
    """The ISO time a recording started from "HH:MM" or "HH:MM:SS" on the meeting's day."""
    parts = start.split(":")
    try:
        if len(parts) not in (2, 3) or not all(p.isdigit() and len(p) == 2 for p in parts):
            raise ValueError
        h, m, s = (int(p) for p in (*parts, "00")[:3])
        when = datetime.fromisoformat(meeting_date).replace(hour=h, minute=m, second=s)
    except ValueError:
        raise BadInput(f"The start time “{start}” is not a time; write it as 24-hour HH:MM or HH:MM:SS, "
                       "e.g. 18:30 or 18:29:45.") from None
    return when.isoformat(timespec="seconds")


def _new_file(store: Store, meeting_id: int, ext: str) -> Path:
    folder = recordings_folder(store)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    n = 1
    while (folder / f"meeting-{meeting_id}-{n}.{ext}").exists():
        n += 1
    return folder / f"meeting-{meeting_id}-{n}.{ext}"


def _change(label: str, meeting_id: int | None, result: object) -> Change:
    return Change(label=label, meeting_id=meeting_id, inverse=None, undoable=False, result=result)


def attach_recording(store: Store, meeting_id: int, path: str, start: str) -> Change:
    """Copy an audio file made elsewhere into the data folder as the meeting's recording, started at ``start``.

    ``start`` is the clock time of its first second on the meeting's day (HH:MM or HH:MM:SS), so
    that the entries line up. The clerk's own file is left where it was.
    """
    source = Path(path)
    if not source.is_file():
        raise BadInput(f"There is no audio file at {source}.")
    ext = source.suffix.lower().lstrip(".")
    if ext not in FORMATS:
        raise BadInput(f"{source.name} is not a recording ClerkDesk can play; use WAV, MP3, M4A, OGG or AAC.")
    meeting = store.load_meeting(meeting_id)
    started = _start_time(meeting.date, start)
    if ext == "wav" and wav_duration_ms(source) is None:
        raise BadInput(f"{source.name} is not a WAV file that can be read; is it damaged?")
    target = _new_file(store, meeting_id, ext)
    try:
        shutil.copyfile(source, target)
        os.chmod(target, 0o600)
    except OSError as e:
        target.unlink(missing_ok=True)
        raise BadInput(f"{source.name} could not be copied into the data folder ({e.strerror}).") from None
    duration = wav_duration_ms(target) if ext == "wav" else None
    rid = store.add_recording(meeting_id, target.relative_to(store.path.parent).as_posix(), started, duration, ext,
                              target.stat().st_size, "attached", datetime.now().isoformat(timespec="seconds"))
    return _change("attach recording", meeting_id, rid)


def begin_recording(store: Store, meeting_id: int, ext: str, started: str | None = None) -> Change:
    """Note a recording the window is about to write; its result is the recording's id and the file's path."""
    store.load_meeting(meeting_id)
    target = _new_file(store, meeting_id, ext)
    started = started or datetime.now().isoformat(timespec="seconds")
    rid = store.add_recording(meeting_id, target.relative_to(store.path.parent).as_posix(), started, None, ext, 0,
                              "recorded", datetime.now().isoformat(timespec="seconds"))
    return _change("record", meeting_id, (rid, str(target)))


def note_recording_length(store: Store, recording_id: int, duration_ms: int | None) -> Change:
    """Note how long a recording is and how big its file now is (a recording in progress, or one just read)."""
    r = store.recording(recording_id)
    file = recording_path(store, r)
    store.update_recording(recording_id, duration_ms, file.stat().st_size if file.exists() else 0)
    return _change("note recording length", r.meeting_id, recording_id)


def recover_recordings(store: Store) -> Change:
    """After a crash: give recordings the window was still writing their real length (the result: how many).

    Called when the window starts, before it records anything. What was written up to the crash
    plays; a recording whose file never appeared is forgotten.
    """
    recovered = 0
    for r in store.recordings():
        if r.source != "recorded" or r.duration_ms is not None:
            continue
        path = recording_path(store, r)
        duration = ulaw_wav.finish(path) if r.format == "wav" else None
        if duration is None and not path.exists():
            store.delete_recording_row(r.id)
            continue
        store.update_recording(r.id, duration, path.stat().st_size)
        recovered += 1
    return _change("recover recordings", None, recovered)


def delete_recording(store: Store, recording_id: int) -> Change:
    """Delete a recording and its file, at once."""
    r = store.recording(recording_id)
    recording_path(store, r).unlink(missing_ok=True)
    store.delete_recording_row(recording_id)
    return _change("delete recording", r.meeting_id, r)


def delete_recordings(store: Store, meeting_id: int) -> Change:
    """Delete every recording of a meeting; the result is how many bytes were freed."""
    freed = 0
    for r in store.recordings(meeting_id):
        freed += r.size
        delete_recording(store, r.id)
    return _change("delete recordings", meeting_id, freed)


def set_recording_policy(store: Store, committee: str, keep_days: int | None, pauses_exempt: bool = False) -> Change:
    """Set how long a committee's recordings are kept after its minutes are approved (None: until deleted
    by hand), and whether recording pauses while an exempt item is current."""
    if keep_days is not None and (not isinstance(keep_days, int) or keep_days < 0):
        raise BadInput("Days to keep a recording after approval is a whole number, 0 or more.")
    c = store.committee(committee)
    if c is None or c.id is None:
        raise BadInput(f"There is no committee “{committee}” in this data folder.")
    store.set_recording_policy(c.id, RecordingPolicy(keep_days, pauses_exempt))
    return _change("recording policy", None, None)


def apply_retention(store: Store, today: date | None = None) -> Change:
    """Delete the recordings of approved meetings kept longer than their committee's policy allows.

    The result lists (meeting id, bytes freed) for the clerk's notice.
    """
    today = today or date.today()
    deleted: list[tuple[int, int]] = []
    for meeting_id, approved_at, keep_days in store.approved_with_recordings():
        if keep_days is None:
            continue
        approved = datetime.fromisoformat(approved_at).date()
        if today >= approved + timedelta(days=keep_days):
            deleted.append((meeting_id, delete_recordings(store, meeting_id).result))
    return _change("apply recording policy", None, deleted)
