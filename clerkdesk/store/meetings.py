"""Committees and meetings: creating, reading whole, listing, the bin, and the meeting's own state."""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

from clerkdesk.errors import BadInput, NoSuchMeeting
from clerkdesk.model import (STATUSES, Committee, Draft, Item, Meeting, MeetingSummary, Person, Unlock, check_choice,
                     check_date, check_time)
from .connection import Connection
from .rows import COMMITTEE_SELECT, ENTRY_SELECT, MEETING_COLUMNS, QUORUM_COLUMNS, committee_from_row, dump, entry_from_row

_SUMMARY = ("SELECT m.id, c.name, m.title, m.date, m.status, "
            "(SELECT count(*) FROM items i WHERE i.meeting_id = m.id) "
            "FROM meetings m JOIN committees c ON c.id = m.committee_id ")


def new_uid() -> str:
    """A meeting uid: unique across machines."""
    return uuid.uuid4().hex


def _quorum_values(c: Committee) -> tuple[Any, ...]:
    """A committee's quorum settings as the columns QUORUM_COLUMNS hold them."""
    return (c.quorum_number, c.quorum_fraction or "", c.quorum_minimum or 0, int(bool(c.remote_counts)))


class MeetingRows(Connection):
    """Committees and meetings."""

    # -- committees ----------------------------------------------------------------------

    def committee_id(self, name: str, minute_format: str | None = None) -> int:
        """The id of the committee with this name, creating it (with the format) when new."""
        name = name.strip()
        if not name:
            raise BadInput("A committee needs a name.")
        with self._write() as conn:
            return self._committee_id(conn, name, minute_format)

    def _committee_id(self, conn: sqlite3.Connection, name: str, minute_format: str | None,
                      like: Committee | None = None) -> int:
        """The committee's id; a new one takes its quorum settings from ``like`` (a meeting file's committee)."""
        row = conn.execute("SELECT id FROM committees WHERE name = ?", (name,)).fetchone()
        if row is None:
            quorum = _quorum_values(like or Committee(name=name))
            return conn.execute(f"INSERT INTO committees(name, minute_format, {', '.join(QUORUM_COLUMNS)}) "
                                "VALUES (?, ?, ?, ?, ?, ?)", (name, minute_format or "{n}", *quorum)).lastrowid
        return row[0]

    def committee(self, name: str) -> Committee | None:
        """The committee with this name, or None."""
        r = self.db.conn.execute(f"SELECT {COMMITTEE_SELECT} FROM committees c WHERE name = ?",
                                 (name.strip(),)).fetchone()
        return None if r is None else committee_from_row(r)

    def committees(self) -> list[Committee]:
        """Every committee, by name."""
        rows = self.db.conn.execute(f"SELECT {COMMITTEE_SELECT} FROM committees c ORDER BY name").fetchall()
        return [committee_from_row(r) for r in rows]

    def set_quorum(self, committee: str, quorum_number: int | None, quorum_fraction: str, quorum_minimum: int,
                   remote_counts: bool) -> None:
        """Change a committee's quorum rule and whether remote attendance counts towards it."""
        values = _quorum_values(Committee(name=committee, quorum_number=quorum_number, quorum_fraction=quorum_fraction,
                                          quorum_minimum=quorum_minimum, remote_counts=remote_counts))
        with self._write() as conn:
            sets = ", ".join(f"{c} = ?" for c in QUORUM_COLUMNS)
            if conn.execute(f"UPDATE committees SET {sets} WHERE name = ?", (*values, committee.strip())).rowcount == 0:
                raise NoSuchMeeting(f"There is no committee “{committee}” in this data folder.")

    def set_committee_settings(self, committee: str, speaking_limit: int | None,
                               exempt_titles_public: bool) -> None:
        """Change a committee's chamber-screen settings."""
        with self._write() as conn:
            if conn.execute("UPDATE committees SET speaking_limit = ?, exempt_titles_public = ? WHERE name = ?",
                            (speaking_limit, int(exempt_titles_public), committee.strip())).rowcount == 0:
                raise NoSuchMeeting(f"There is no committee “{committee}” in this data folder.")

    def set_minute_format(self, committee: str, minute_format: str) -> None:
        """Change how a committee's minutes are numbered."""
        with self._write() as conn:
            if conn.execute("UPDATE committees SET minute_format = ? WHERE name = ?",
                            (minute_format, committee.strip())).rowcount == 0:
                raise NoSuchMeeting(f"There is no committee “{committee}” in this data folder.")

    # -- meetings ------------------------------------------------------------------------

    def create_meeting(self, committee: str, title: str, date: str, start: str | None = None,
                       venue: str = "", minute_format: str | None = None) -> int:
        """A new, empty meeting of the named committee (created if new); returns its id."""
        check_date(date, "meeting date")
        check_time(start, "start time")
        if not date:
            raise BadInput("A meeting needs a date.")
        with self._write() as conn:
            cid = self._committee_id(conn, committee.strip(), minute_format)
            return conn.execute("INSERT INTO meetings(committee_id, title, date, start, venue, uid) "
                                "VALUES (?, ?, ?, ?, ?, ?)",
                                (cid, title.strip() or committee.strip(), date, start, venue, new_uid())).lastrowid

    def import_meeting(self, meeting: Meeting) -> int:
        """Write a whole (validated) meeting in one transaction; returns the new meeting's id.

        A meeting with no uid is given one; a uid already in the store is refused (see ``meeting_with_uid``).
        """
        with self._write() as conn:
            cid = self._committee_id(conn, meeting.committee.name, meeting.committee.minute_format, meeting.committee)
            uid = meeting.uid or new_uid()
            if conn.execute("SELECT 1 FROM meetings WHERE uid = ?", (uid,)).fetchone():
                raise BadInput("That meeting is already in this data folder.")
            draft = meeting.draft
            mid = conn.execute(
                'INSERT INTO meetings(committee_id, title, date, start, "end", venue, status, extra, uid, '
                "approved_at, live_started, previous_meeting_id, draft_kind, draft_text, draft_respond) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (cid, meeting.title, meeting.date, meeting.start, meeting.end, meeting.venue, meeting.status,
                 dump(meeting.extra), uid, meeting.approved_at, meeting.live_started, meeting.previous_meeting_id,
                 draft.kind if draft else None, draft.text if draft else None,
                 int(draft.respond) if draft else 0)).lastrowid
            conn.executemany("INSERT INTO unlocks(meeting_id, at, reason) VALUES (?, ?, ?)",
                             [(mid, u.at, u.reason) for u in meeting.unlocks])
            conn.executemany("INSERT OR IGNORE INTO ignored_words(meeting_id, word) VALUES (?, ?)",
                             [(mid, w) for w in meeting.ignored_words])
            for n, person in enumerate(meeting.people):
                self._insert_person(conn, mid, person, n)
            for n, item in enumerate(meeting.items):
                self._insert_item(conn, mid, item, n)
            return mid

    def meeting_with_uid(self, uid: str) -> int | None:
        """The id of the meeting (in the bin or not) with this uid, or None."""
        row = self.db.conn.execute("SELECT id FROM meetings WHERE uid = ?", (uid,)).fetchone()
        return row[0] if row else None

    def load_meeting(self, meeting_id: int) -> Meeting:
        """The whole meeting: committee, people, items and entries, in order.

        Read in one transaction, so a change committed by another connection (the window's, while
        the command line or a second reader looks) is seen whole or not at all.
        """
        with self.reading():
            return self._load_meeting(meeting_id)

    def _load_meeting(self, meeting_id: int) -> Meeting:
        conn = self.db.conn
        r = self._one('SELECT m.id, m.title, m.date, m.start, m."end", m.venue, m.status, m.current_item_id, '
                      "m.current_speaker, m.extra, m.uid, "
                      "m.approved_at, m.live_started, m.previous_meeting_id, m.draft_kind, m.draft_text, "
                      f"m.draft_respond, {COMMITTEE_SELECT} FROM meetings m JOIN committees c ON c.id = m.committee_id "
                      "WHERE m.id = ? AND m.deleted IS NULL", (meeting_id,), f"meeting {meeting_id}")
        meeting = Meeting(id=r[0], title=r[1], date=r[2], start=r[3], end=r[4], venue=r[5], status=r[6],
                          current_item_id=r[7], current_speaker=r[8], extra=json.loads(r[9]),
                          uid=r[10] or "", approved_at=r[11], live_started=r[12], previous_meeting_id=r[13],
                          draft=Draft(kind=r[14], text=r[15] or "", respond=bool(r[16])) if r[14] else None,
                          committee=committee_from_row(r[17:]))
        meeting.unlocks = [Unlock(at=u[0], reason=u[1]) for u in conn.execute(
            "SELECT at, reason FROM unlocks WHERE meeting_id = ? ORDER BY id", (meeting_id,))]
        meeting.ignored_words = [w for (w,) in conn.execute(
            "SELECT word FROM ignored_words WHERE meeting_id = ? ORDER BY word", (meeting_id,))]
        for p in conn.execute('SELECT id, key, name, title, role, grp, attendance, substitute_for, arrived, "left", '
                              "referred_to_as, extra, voting FROM people WHERE meeting_id = ? ORDER BY position, id",
                              (meeting_id,)):
            meeting.people.append(Person(id=p[0], key=p[1], name=p[2], title=p[3], role=p[4], group=p[5],
                                         attendance=p[6], substitute_for=p[7], arrived=p[8], left=p[9],
                                         referred_to_as=p[10], extra=json.loads(p[11]), voting=bool(p[12])))
        items: dict[int, Item] = {}
        for i in conn.execute("SELECT id, number, title, minute_number, exempt, started, ended, description, "
                              "documents, extra, role FROM items WHERE meeting_id = ? ORDER BY position, id",
                              (meeting_id,)):
            items[i[0]] = Item(id=i[0], number=i[1], title=i[2], minute_number=i[3], exempt=bool(i[4]),
                               started=i[5], ended=i[6], description=i[7], documents=json.loads(i[8]),
                               extra=json.loads(i[9]), role=i[10])
        for item_id, key in conn.execute("SELECT w.item_id, w.person_key FROM withdrawals w JOIN items i "
                                         "ON i.id = w.item_id WHERE i.meeting_id = ? ORDER BY w.person_key",
                                         (meeting_id,)):
            items[item_id].withdrawn.append(key)
        for e in conn.execute(f"SELECT {ENTRY_SELECT} FROM entries e JOIN items i ON i.id = e.item_id "
                              "WHERE i.meeting_id = ? ORDER BY e.position, e.id", (meeting_id,)):
            items[e[1]].entries.append(entry_from_row(e))
        meeting.items = list(items.values())
        return meeting

    def list_meetings(self, committee: str | None = None) -> list[MeetingSummary]:
        """Every meeting not in the bin, newest first, optionally of one committee."""
        sql, params = _SUMMARY + "WHERE m.deleted IS NULL", ()
        if committee:
            sql += " AND c.name = ?"
            params = (committee,)
        rows = self.db.conn.execute(sql + " ORDER BY m.date DESC, m.id DESC", params).fetchall()
        return [MeetingSummary(*r) for r in rows]

    def meeting_of(self, item_id: int | None = None, entry_id: int | None = None) -> int:
        """The meeting an item or an entry belongs to."""
        if entry_id is not None:
            return self._one("SELECT i.meeting_id FROM entries e JOIN items i ON i.id = e.item_id WHERE e.id = ?",
                             (entry_id,), f"entry {entry_id}")[0]
        return self._one("SELECT meeting_id FROM items WHERE id = ?", (item_id,), "such agenda item")[0]

    def meeting_status(self, meeting_id: int) -> str:
        """Draft, final or approved."""
        return self._one("SELECT status FROM meetings WHERE id = ?", (meeting_id,), f"meeting {meeting_id}")[0]

    def update_meeting(self, meeting_id: int, **changes: Any) -> None:
        """Change the meeting's title, date, start, end, venue or status."""
        sets, params = [], []
        for key, value in changes.items():
            if key not in MEETING_COLUMNS:
                raise BadInput(f"A meeting has no “{key}” to change.")
            if key in ("start", "end"):
                check_time(value, f"{key} time")
                value = value or None
            elif key == "date":
                if not check_date(value, "meeting date"):
                    raise BadInput("A meeting needs a date.")
            elif key == "status":
                check_choice(value, STATUSES, "meeting status")
            sets.append(f"{MEETING_COLUMNS[key]} = ?")
            params.append(value)
        if sets:
            self._update("meetings", meeting_id, sets, params, "meeting")

    def _update(self, table: str, row_id: int, sets: list[str], params: list[Any], what: str) -> None:
        with self._write() as conn:
            if conn.execute(f"UPDATE {table} SET {', '.join(sets)} WHERE id = ?", (*params, row_id)).rowcount == 0:
                raise NoSuchMeeting(f"There is no {what} {row_id} in this data folder.")

    def set_current(self, meeting_id: int, item_id: int | None = None, speaker: str | None = None) -> None:
        """Remember which item is current and who is speaking, so a restart reopens there."""
        self._update("meetings", meeting_id, ["current_item_id = ?", "current_speaker = ?"],
                     [item_id, speaker], "meeting")

    def set_draft(self, meeting_id: int, draft: Draft | None) -> None:
        """Keep (or, with None, forget) the entry being typed."""
        self._update("meetings", meeting_id, ["draft_kind = ?", "draft_text = ?", "draft_respond = ?"],
                     [draft.kind if draft else None, draft.text if draft else None,
                      int(draft.respond) if draft else 0], "meeting")

    def set_live_started(self, meeting_id: int, when: str | None) -> None:
        """When the clerk pressed Start (None: the meeting is not running)."""
        self._update("meetings", meeting_id, ["live_started = ?"], [when], "meeting")

    def set_approved_at(self, meeting_id: int, when: str | None) -> None:
        """When the minutes were approved."""
        self._update("meetings", meeting_id, ["approved_at = ?"], [when], "meeting")

    def add_unlock(self, meeting_id: int, unlock: Unlock) -> int:
        """Record a deliberate unlock of approved minutes; returns its row id."""
        with self._write() as conn:
            return conn.execute("INSERT INTO unlocks(meeting_id, at, reason) VALUES (?, ?, ?)",
                                (meeting_id, unlock.at, unlock.reason)).lastrowid

    def remove_unlock(self, unlock_id: int) -> None:
        """Forget an unlock record (undoing it)."""
        with self._write() as conn:
            conn.execute("DELETE FROM unlocks WHERE id = ?", (unlock_id,))

    def ignored_words(self, meeting_id: int) -> list[str]:
        """The words the proofing ignores in this meeting, in order."""
        return [w for (w,) in self.db.conn.execute(
            "SELECT word FROM ignored_words WHERE meeting_id = ? ORDER BY word", (meeting_id,))]

    def set_word_ignored(self, meeting_id: int, word: str, ignored: bool = True) -> None:
        """Ignore a word in this meeting's proofing (or stop ignoring it)."""
        with self._write() as conn:
            if ignored:
                conn.execute("INSERT OR IGNORE INTO ignored_words(meeting_id, word) VALUES (?, ?)", (meeting_id, word))
            else:
                conn.execute("DELETE FROM ignored_words WHERE meeting_id = ? AND word = ?", (meeting_id, word))

    def delete_meeting(self, meeting_id: int) -> None:
        """Move a meeting to the bin (it can be restored)."""
        self._update("meetings", meeting_id, ["deleted = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')"],
                     [], "meeting")

    def bin_meetings(self) -> list[MeetingSummary]:
        """Meetings in the bin, most recently deleted first, so one deleted by mistake can be restored."""
        rows = self.db.conn.execute(_SUMMARY + "WHERE m.deleted IS NOT NULL ORDER BY m.deleted DESC, m.id DESC")
        return [MeetingSummary(*r) for r in rows.fetchall()]

    def restore_meeting(self, meeting_id: int) -> None:
        """Take a meeting out of the bin."""
        with self._write() as conn:
            if conn.execute("UPDATE meetings SET deleted = NULL WHERE id = ? AND deleted IS NOT NULL",
                            (meeting_id,)).rowcount == 0:
                raise NoSuchMeeting(f"There is no meeting {meeting_id} in the bin.")

    def duplicate_meeting(self, meeting_id: int) -> int:
        """A copy of a meeting, as a draft titled “… (copy)”, for the clerk to rework; returns its id."""
        meeting = self.load_meeting(meeting_id)
        meeting.id, meeting.uid = None, ""
        meeting.title = f"{meeting.title} (copy)"
        meeting.status, meeting.approved_at, meeting.unlocks = "draft", None, []
        meeting.draft, meeting.live_started = None, None
        return self.import_meeting(meeting)
