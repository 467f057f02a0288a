"""The meeting's recordings: audio files beside the store, and each committee's recording policy.

A row names a file in the data folder's ``recordings`` folder (relative to the data folder, so
a moved folder keeps its recordings), when its first sample was heard, its length where known,
its format and size. The files are local state: never in a meeting file, an export or a backup.
"""

from __future__ import annotations

from dataclasses import dataclass

from clerkdesk.errors import BadInput, NoSuchMeeting
from .connection import Connection

RECORDINGS_FOLDER = "recordings"


@dataclass(frozen=True)
class Recording:
    """One recording of a meeting (a whole file attached, or one stretch recorded between start and pause)."""

    id: int
    meeting_id: int
    file: str  # relative to the data folder
    started: str  # local ISO time of its first sample, to the second
    duration_ms: int | None
    format: str  # the file's extension: wav, mp3, m4a, ogg, aac
    size: int
    source: str  # "recorded" in the window, or "attached"
    added: str


@dataclass(frozen=True)
class RecordingPolicy:
    """A committee's rules for recordings: days kept after approval (None: until deleted by hand), pausing for exempt items."""

    keep_days: int | None = None
    pauses_exempt: bool = False


_COLUMNS = "id, meeting_id, file, started, duration_ms, format, size, source, added"


class RecordingRows(Connection):
    """Recordings' rows, and the committees' recording policies."""

    def add_recording(self, meeting_id: int, file: str, started: str, duration_ms: int | None, fmt: str,
                      size: int, source: str, added: str) -> int:
        """Note a recording of a meeting; returns its id."""
        if source not in ("recorded", "attached"):
            raise BadInput(f"“{source}” is not how a recording was made.")
        with self._write() as conn:
            self._one("SELECT id FROM meetings WHERE id = ?", (meeting_id,), f"meeting {meeting_id}")
            return conn.execute(f"INSERT INTO recordings({_COLUMNS}) VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?)",
                                (meeting_id, file, started, duration_ms, fmt, size, source, added)).lastrowid

    def recordings(self, meeting_id: int | None = None) -> list[Recording]:
        """A meeting's recordings (every meeting's when None), in the order they started."""
        where, args = ("WHERE meeting_id = ?", (meeting_id,)) if meeting_id is not None else ("", ())
        rows = self.db.conn.execute(f"SELECT {_COLUMNS} FROM recordings {where} ORDER BY meeting_id, started, id", args)
        return [Recording(*r) for r in rows]

    def recording(self, recording_id: int) -> Recording:
        """One recording by its id."""
        row = self.db.conn.execute(f"SELECT {_COLUMNS} FROM recordings WHERE id = ?", (recording_id,)).fetchone()
        if row is None:
            raise NoSuchMeeting(f"There is no recording {recording_id} in this data folder.")
        return Recording(*row)

    def update_recording(self, recording_id: int, duration_ms: int | None, size: int) -> None:
        """Note a recording's length and size as they now stand (a live recording grows)."""
        with self._write() as conn:
            conn.execute("UPDATE recordings SET duration_ms = ?, size = ? WHERE id = ?", (duration_ms, size, recording_id))

    def delete_recording_row(self, recording_id: int) -> None:
        """Forget a recording (its file is removed by the operation)."""
        with self._write() as conn:
            conn.execute("DELETE FROM recordings WHERE id = ?", (recording_id,))

    def recording_sizes(self) -> dict[int, int]:
        """Each meeting's recordings' total size in bytes (meetings without one are left out)."""
        return dict(self.db.conn.execute("SELECT meeting_id, sum(size) FROM recordings GROUP BY meeting_id"))

    def recording_policy(self, committee_id: int) -> RecordingPolicy:
        """A committee's recording policy."""
        row = self._one("SELECT recording_keep_days, recording_pauses_exempt FROM committees WHERE id = ?",
                        (committee_id,), f"committee {committee_id}")
        return RecordingPolicy(row[0], bool(row[1]))

    def set_recording_policy(self, committee_id: int, policy: RecordingPolicy) -> None:
        """Set a committee's recording policy."""
        with self._write() as conn:
            conn.execute("UPDATE committees SET recording_keep_days = ?, recording_pauses_exempt = ? WHERE id = ?",
                         (policy.keep_days, int(policy.pauses_exempt), committee_id))

    def approved_with_recordings(self) -> list[tuple[int, str, int | None]]:
        """Approved meetings that have recordings: id, when approved, and their committee's days to keep them."""
        return list(self.db.conn.execute(
            "SELECT m.id, m.approved_at, c.recording_keep_days FROM meetings m JOIN committees c ON c.id = m.committee_id "
            "WHERE m.status = 'approved' AND m.approved_at IS NOT NULL "
            "AND EXISTS (SELECT 1 FROM recordings r WHERE r.meeting_id = m.id)"))
