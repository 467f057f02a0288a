"""What this machine knows of the team archive: the version of each meeting it last published or
pulled, the meetings waiting to publish, and which committees publish on marking final.

The archive itself is PostgreSQL, spoken to only by ``clerkdesk.archive``; these are local rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from clerkdesk.model import Meeting
from .connection import Connection
from .rows import dump


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


@dataclass
class ArchiveCopy:
    """The archive version of a meeting this machine last published or pulled, and its record's digest then."""

    version: int
    digest: str
    synced: str


@dataclass
class QueuedPublication:
    """A meeting waiting to publish because the archive could not be reached."""

    meeting_id: int
    title: str
    date: str
    queued: str
    attempts: int
    last_error: str


class ArchiveRows(Connection):
    """Local state about the team archive."""

    def archive_copy(self, meeting_id: int) -> ArchiveCopy | None:
        """The archive version this machine last saw of the meeting, or None if never published or pulled."""
        r = self.db.conn.execute("SELECT version, digest, synced FROM archive_copies WHERE meeting_id = ?",
                                 (meeting_id,)).fetchone()
        return None if r is None else ArchiveCopy(*r)

    def set_archive_copy(self, meeting_id: int, version: int, digest: str) -> None:
        """Remember that the archive's version ``version`` of the meeting is the record with this digest."""
        with self._write() as conn:
            conn.execute("INSERT INTO archive_copies(meeting_id, version, digest, synced) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT(meeting_id) DO UPDATE SET version = excluded.version, "
                         "digest = excluded.digest, synced = excluded.synced",
                         (meeting_id, version, digest, _now()))
            conn.execute("DELETE FROM publish_queue WHERE meeting_id = ?", (meeting_id,))

    def queue_publication(self, meeting_id: int) -> None:
        """Put a meeting in the queue to publish (once: queuing it again keeps its place)."""
        with self._write() as conn:
            self._one("SELECT id FROM meetings WHERE id = ?", (meeting_id,), f"meeting {meeting_id}")
            conn.execute("INSERT OR IGNORE INTO publish_queue(meeting_id, queued) VALUES (?, ?)",
                         (meeting_id, _now()))

    def publication_failed(self, meeting_id: int, reason: str) -> None:
        """Count a failed attempt to publish a queued meeting, and keep why."""
        with self._write() as conn:
            conn.execute("UPDATE publish_queue SET attempts = attempts + 1, last_error = ? WHERE meeting_id = ?",
                         (reason, meeting_id))

    def unqueue_publication(self, meeting_id: int) -> None:
        """Take a meeting out of the queue (published, or given up)."""
        with self._write() as conn:
            conn.execute("DELETE FROM publish_queue WHERE meeting_id = ?", (meeting_id,))

    def queued_publications(self) -> list[QueuedPublication]:
        """The meetings waiting to publish, oldest first (meetings in the bin are left out)."""
        rows = self.db.conn.execute(
            "SELECT q.meeting_id, m.title, m.date, q.queued, q.attempts, q.last_error FROM publish_queue q "
            "JOIN meetings m ON m.id = q.meeting_id WHERE m.deleted IS NULL ORDER BY q.queued, q.meeting_id")
        return [QueuedPublication(*r) for r in rows.fetchall()]

    def publishes_when_final(self, committee: str) -> bool:
        """Whether the committee's meetings publish to the archive on being marked final or approved."""
        r = self.db.conn.execute("SELECT publish_when_final FROM committees WHERE name = ?",
                                 (committee.strip(),)).fetchone()
        return bool(r and r[0])

    def set_publishes_when_final(self, committee: str, on: bool) -> None:
        """Say whether the committee's meetings publish on being marked final or approved."""
        with self._write() as conn:
            self._committee_id(conn, committee.strip(), None)
            conn.execute("UPDATE committees SET publish_when_final = ? WHERE name = ?", (int(on), committee.strip()))

    def replace_meeting(self, meeting_id: int, meeting: Meeting) -> None:
        """Put another copy of the same meeting (the archive's) in place of this one's record, keeping its id.

        Session state (the current item, the draft, the live clock) is cleared, since it belonged to
        the record that was replaced.
        """
        with self._write() as conn:
            self._one("SELECT id FROM meetings WHERE id = ?", (meeting_id,), f"meeting {meeting_id}")
            cid = self._committee_id(conn, meeting.committee.name, meeting.committee.minute_format)
            conn.execute("DELETE FROM items WHERE meeting_id = ?", (meeting_id,))
            conn.execute("DELETE FROM people WHERE meeting_id = ?", (meeting_id,))
            conn.execute("DELETE FROM unlocks WHERE meeting_id = ?", (meeting_id,))
            conn.execute('UPDATE meetings SET committee_id = ?, title = ?, date = ?, start = ?, "end" = ?, venue = ?, '
                         "status = ?, extra = ?, approved_at = ?, current_item_id = NULL, current_speaker = NULL, "
                         "live_started = NULL, draft_kind = NULL, draft_text = NULL, draft_respond = 0, "
                         "deleted = NULL WHERE id = ?",
                         (cid, meeting.title, meeting.date, meeting.start, meeting.end, meeting.venue, meeting.status,
                          dump(meeting.extra), meeting.approved_at, meeting_id))
            conn.executemany("INSERT INTO unlocks(meeting_id, at, reason) VALUES (?, ?, ?)",
                             [(meeting_id, u.at, u.reason) for u in meeting.unlocks])
            for n, person in enumerate(meeting.people):
                self._insert_person(conn, meeting_id, person, n)
            for n, item in enumerate(meeting.items):
                self._insert_item(conn, meeting_id, item, n)
