"""The meeting store: one SQLite file, and the only module that speaks SQL.

Every change a clerk makes is one small named call here and one short transaction, so that
what the window shows is on disk within the second (WAL, ``synchronous=FULL``). The store
is not thread-safe: the window calls it from one worker thread only.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from . import schema
from .backup import make_backup
from .search_text import fts_query, snippet
from .errors import BadInput, NoSuchMeeting, StoreDamaged, StoreError, StoreLocked, StoreTooNew
from .model import (ATTENDANCE, ENTRY_KINDS, STATUSES, Committee, Entry, Item, Meeting,
                    MeetingSummary, Person, SearchHit, check_choice, check_date, check_time)

STORE_NAME = "clerkdesk.sqlite3"
RANK_AT_MOST = 4000  # matches ranked by relevance; more than that are listed newest first
_SQLITE_HEADER = b"SQLite format 3\x00"
# Entry attributes kept in the JSON ``data`` column rather than in columns of their own.
_ENTRY_DATA = ("in_response_to", "person", "motion", "mover", "seconder", "votes_for",
               "votes_against", "votes_abstain", "outcome", "recorded", "owner", "due")
_ITEM_COLUMNS = ("number", "title", "minute_number", "exempt", "started", "ended", "description", "documents")
_PERSON_COLUMNS = {"name": "name", "title": "title", "role": "role", "group": "grp",
                   "attendance": "attendance", "substitute_for": "substitute_for",
                   "arrived": "arrived", "left": '"left"', "referred_to_as": "referred_to_as"}
_MEETING_COLUMNS = {"title": "title", "date": "date", "start": "start", "end": '"end"',
                    "venue": "venue", "status": "status"}


class Store:
    """An open meeting store. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | Path, check: bool = True):
        """Open (creating if new) the store at path; ``check`` runs SQLite's quick_check on it."""
        self.path = Path(path)
        _check_is_store_file(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            # Created owner-only before SQLite touches it: SQLite gives -wal and -shm the same mode.
            os.close(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600))
            # Autocommit at the driver level: every transaction is an explicit db.atomic(), and
            # Python's legacy implicit-transaction handling costs a tenth of a millisecond a save.
            conn = sqlite3.connect(self.path, timeout=5.0, check_same_thread=False, isolation_level=None)
        except (OSError, sqlite3.Error) as e:
            raise StoreError(f"The meeting store at {self.path} could not be opened ({e}).") from None
        self.db = sqlite_utils.Database(conn, execute_plugins=False)
        try:
            self._configure()
            if check:
                self._check()
            self._migrate()
        except sqlite3.DatabaseError as e:
            conn.close()
            if "locked" in str(e) or "busy" in str(e):
                raise StoreLocked("Another copy of ClerkDesk is using this data folder; try again in a moment.") from None
            raise StoreDamaged(f"The meeting store at {self.path} is damaged or is not a ClerkDesk store ({e}).") from None
        except StoreError:
            conn.close()
            raise

    # -- opening -------------------------------------------------------------------------

    def _configure(self) -> None:
        conn = self.db.conn
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")

    def _check(self) -> None:
        result = self.db.conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise StoreDamaged(f"The meeting store at {self.path} is damaged ({result}).")

    def _migrate(self) -> None:
        conn = self.db.conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise StoreDamaged(f"{self.path} is an SQLite database but not a ClerkDesk store; it was left alone.")
        if version and app_id != schema.APPLICATION_ID:
            raise StoreDamaged(f"{self.path} is an SQLite database but not a ClerkDesk store; it was left alone.")
        if version > schema.SCHEMA_VERSION:
            raise StoreTooNew(f"This data was saved by a newer version of ClerkDesk (store version {version}); "
                              f"this version reads up to {schema.SCHEMA_VERSION}. Update ClerkDesk to open it.")
        if 0 < version < schema.SCHEMA_VERSION:
            make_backup(conn, self.path.parent, "before-migration")
        while version < schema.SCHEMA_VERSION:
            with self.db.atomic():
                schema.MIGRATIONS[version](conn)
                for statement in schema.search_trigger_sql():
                    conn.execute(statement)
                version += 1
                conn.execute(f"PRAGMA user_version = {version}")
                conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")

    on_close: Callable[[], None] | None = None  # e.g. release the data folder's writer lock

    def close(self) -> None:
        """Close the store; everything was already saved by the call that changed it."""
        self.db.close()
        if self.on_close is not None:
            self.on_close()
            self.on_close = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short transaction; a failure leaves the store as it was."""
        try:
            with self.db.atomic():
                yield self.db.conn
        except sqlite3.IntegrityError as e:
            raise BadInput(f"That change does not fit the meeting ({e}).") from None
        except sqlite3.OperationalError as e:
            text = str(e)
            if "locked" in text or "busy" in text:
                raise StoreLocked("The meeting store is busy in another copy of ClerkDesk; nothing was changed.") from None
            if "full" in text or "disk" in text or "readonly" in text or "read-only" in text:
                raise StoreError(f"ClerkDesk could not save to {self.path.parent} ({text}).") from None
            raise

    def _one(self, sql: str, params: tuple[Any, ...], what: str) -> sqlite3.Row | tuple[Any, ...]:
        row = self.db.conn.execute(sql, params).fetchone()
        if row is None:
            raise NoSuchMeeting(f"There is no {what} in this data folder.")
        return row

    # -- committees ----------------------------------------------------------------------

    def committee_id(self, name: str, minute_format: str | None = None) -> int:
        """The id of the committee with this name, creating it (and setting its format) as needed."""
        name = name.strip()
        if not name:
            raise BadInput("A committee needs a name.")
        with self._write() as conn:
            return self._committee_id(conn, name, minute_format)

    def _committee_id(self, conn: sqlite3.Connection, name: str, minute_format: str | None) -> int:
        row = conn.execute("SELECT id, minute_format FROM committees WHERE name = ?", (name,)).fetchone()
        if row is None:
            return conn.execute("INSERT INTO committees(name, minute_format) VALUES (?, ?)",
                                (name, minute_format or "{n}")).lastrowid
        if minute_format and row[1] != minute_format:
            conn.execute("UPDATE committees SET minute_format = ? WHERE id = ?", (minute_format, row[0]))
        return row[0]

    def committees(self) -> list[Committee]:
        """Every committee, by name."""
        rows = self.db.conn.execute(
            "SELECT id, name, minute_format, default_template FROM committees ORDER BY name").fetchall()
        return [Committee(id=r[0], name=r[1], minute_format=r[2], default_template=r[3]) for r in rows]

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
            return conn.execute("INSERT INTO meetings(committee_id, title, date, start, venue) VALUES (?, ?, ?, ?, ?)",
                                (cid, title.strip() or committee.strip(), date, start, venue)).lastrowid

    def import_meeting(self, meeting: Meeting) -> int:
        """Write a whole (validated) meeting in one transaction; returns the new meeting's id."""
        with self._write() as conn:
            cid = self._committee_id(conn, meeting.committee.name, meeting.committee.minute_format)
            mid = conn.execute(
                'INSERT INTO meetings(committee_id, title, date, start, "end", venue, status, extra) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (cid, meeting.title, meeting.date, meeting.start, meeting.end, meeting.venue,
                 meeting.status, _dump(meeting.extra))).lastrowid
            for n, person in enumerate(meeting.people):
                self._insert_person(conn, mid, person, n)
            for n, item in enumerate(meeting.items):
                self._insert_item(conn, mid, item, n)
            return mid

    def load_meeting(self, meeting_id: int) -> Meeting:
        """The whole meeting: committee, people, items and entries, in order.

        Read in one transaction, so a change committed by another connection (the window's, while
        the command line or a second reader looks) is seen whole or not at all.
        """
        with self.db.atomic():
            return self._load_meeting(meeting_id)

    def _load_meeting(self, meeting_id: int) -> Meeting:
        conn = self.db.conn
        r = self._one('SELECT m.id, m.title, m.date, m.start, m."end", m.venue, m.status, m.current_item_id, '
                      "m.current_speaker, m.extra, c.id, c.name, c.minute_format, c.default_template "
                      "FROM meetings m JOIN committees c ON c.id = m.committee_id "
                      "WHERE m.id = ? AND m.deleted IS NULL", (meeting_id,), f"meeting {meeting_id}")
        meeting = Meeting(id=r[0], title=r[1], date=r[2], start=r[3], end=r[4], venue=r[5], status=r[6],
                          current_item_id=r[7], current_speaker=r[8], extra=json.loads(r[9]),
                          committee=Committee(id=r[10], name=r[11], minute_format=r[12], default_template=r[13]))
        for p in conn.execute('SELECT id, key, name, title, role, grp, attendance, substitute_for, arrived, "left", '
                              "referred_to_as, extra FROM people WHERE meeting_id = ? ORDER BY position, id",
                              (meeting_id,)):
            meeting.people.append(Person(id=p[0], key=p[1], name=p[2], title=p[3], role=p[4], group=p[5],
                                         attendance=p[6], substitute_for=p[7], arrived=p[8], left=p[9],
                                         referred_to_as=p[10], extra=json.loads(p[11])))
        items: dict[int, Item] = {}
        for i in conn.execute("SELECT id, number, title, minute_number, exempt, started, ended, description, "
                              "documents, extra FROM items WHERE meeting_id = ? ORDER BY position, id",
                              (meeting_id,)):
            items[i[0]] = Item(id=i[0], number=i[1], title=i[2], minute_number=i[3], exempt=bool(i[4]),
                               started=i[5], ended=i[6], description=i[7], documents=json.loads(i[8]),
                               extra=json.loads(i[9]))
        for e in conn.execute("SELECT e.id, e.item_id, e.kind, e.text, e.speaker, e.at, e.data FROM entries e "
                              "JOIN items i ON i.id = e.item_id WHERE i.meeting_id = ? ORDER BY e.position, e.id",
                              (meeting_id,)):
            items[e[1]].entries.append(_entry_from_row(e))
        meeting.items = list(items.values())
        return meeting

    def list_meetings(self, committee: str | None = None) -> list[MeetingSummary]:
        """Every meeting not in the bin, newest first, optionally of one committee."""
        sql = ("SELECT m.id, c.name, m.title, m.date, m.status, "
               "(SELECT count(*) FROM items i WHERE i.meeting_id = m.id) "
               "FROM meetings m JOIN committees c ON c.id = m.committee_id WHERE m.deleted IS NULL")
        params: tuple[Any, ...] = ()
        if committee:
            sql += " AND c.name = ?"
            params = (committee,)
        rows = self.db.conn.execute(sql + " ORDER BY m.date DESC, m.id DESC", params).fetchall()
        return [MeetingSummary(*r) for r in rows]

    def update_meeting(self, meeting_id: int, **changes: Any) -> None:
        """Change the meeting's title, date, start, end, venue or status."""
        sets, params = [], []
        for key, value in changes.items():
            if key not in _MEETING_COLUMNS:
                raise BadInput(f"A meeting has no “{key}” to change.")
            if key in ("start", "end"):
                check_time(value, f"{key} time")
                value = value or None
            elif key == "date":
                if not check_date(value, "meeting date"):
                    raise BadInput("A meeting needs a date.")
            elif key == "status":
                check_choice(value, STATUSES, "meeting status")
            sets.append(f"{_MEETING_COLUMNS[key]} = ?")
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

    def delete_meeting(self, meeting_id: int) -> None:
        """Move a meeting to the bin (it can be restored)."""
        self._update("meetings", meeting_id, ["deleted = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')"],
                     [], "meeting")

    def bin_meetings(self) -> list[MeetingSummary]:
        """Meetings in the bin, most recently deleted first, so one deleted by mistake can be restored."""
        rows = self.db.conn.execute(
            "SELECT m.id, c.name, m.title, m.date, m.status, "
            "(SELECT count(*) FROM items i WHERE i.meeting_id = m.id) "
            "FROM meetings m JOIN committees c ON c.id = m.committee_id WHERE m.deleted IS NOT NULL "
            "ORDER BY m.deleted DESC, m.id DESC").fetchall()
        return [MeetingSummary(*r) for r in rows]

    def restore_meeting(self, meeting_id: int) -> None:
        """Take a meeting out of the bin."""
        with self._write() as conn:
            if conn.execute("UPDATE meetings SET deleted = NULL WHERE id = ? AND deleted IS NOT NULL",
                            (meeting_id,)).rowcount == 0:
                raise NoSuchMeeting(f"There is no meeting {meeting_id} in the bin.")

    def duplicate_meeting(self, meeting_id: int) -> int:
        """A copy of a meeting, as a draft titled “… (copy)”, for the clerk to rework; returns its id."""
        meeting = self.load_meeting(meeting_id)
        meeting.id = None
        meeting.title = f"{meeting.title} (copy)"
        meeting.status = "draft"
        for key in ("approved", "unlocked", "draft"):
            meeting.extra.pop(key, None)
        return self.import_meeting(meeting)

    # -- people --------------------------------------------------------------------------

    def _insert_person(self, conn: sqlite3.Connection, meeting_id: int, p: Person, position: int) -> int:
        check_choice(p.attendance, ATTENDANCE, "kind of attendance")
        return conn.execute(
            'INSERT INTO people(meeting_id, key, position, name, title, role, grp, attendance, substitute_for, '
            'arrived, "left", referred_to_as, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            (meeting_id, p.key, position, p.name, p.title, p.role, p.group, p.attendance, p.substitute_for,
             p.arrived, p.left, p.referred_to_as, _dump(p.extra))).lastrowid

    def add_person(self, meeting_id: int, person: Person) -> int:
        """Add someone to the meeting; returns their row id."""
        if not person.key.strip() or not person.name.strip():
            raise BadInput("A person needs a name.")
        with self._write() as conn:
            self._one("SELECT id FROM meetings WHERE id = ?", (meeting_id,), f"meeting {meeting_id}")
            if conn.execute("SELECT 1 FROM people WHERE meeting_id = ? AND key = ?", (meeting_id, person.key)).fetchone():
                raise BadInput(f"There is already someone with the id “{person.key}” at this meeting.")
            n = conn.execute("SELECT coalesce(max(position) + 1, 0) FROM people WHERE meeting_id = ?",
                             (meeting_id,)).fetchone()[0]
            return self._insert_person(conn, meeting_id, person, n)

    def update_person(self, person_id: int, **changes: Any) -> None:
        """Change a person's name, title, role, group, attendance, times or how they are referred to."""
        sets, params = [], []
        for key, value in changes.items():
            if key not in _PERSON_COLUMNS:
                raise BadInput(f"A person has no “{key}” to change.")
            if key == "attendance":
                check_choice(value, ATTENDANCE, "kind of attendance")
            elif key in ("arrived", "left"):
                value = check_time(value, f"{key} time")
            sets.append(f"{_PERSON_COLUMNS[key]} = ?")
            params.append(value)
        if sets:
            self._update("people", person_id, sets, params, "person")

    def set_attendance(self, person_id: int, attendance: str, substitute_for: str | None = None) -> None:
        """Mark someone present, apologies, absent, substitute (for whom), in attendance or remote."""
        self.update_person(person_id, attendance=attendance,
                           substitute_for=substitute_for if attendance == "substitute" else None)

    # -- items ---------------------------------------------------------------------------

    def _insert_item(self, conn: sqlite3.Connection, meeting_id: int, item: Item, position: int) -> int:
        iid = conn.execute(
            "INSERT INTO items(meeting_id, position, number, title, minute_number, exempt, started, ended, "
            "description, documents, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (meeting_id, position, item.number, item.title, item.minute_number, int(item.exempt), item.started,
             item.ended, item.description, _dump(item.documents), _dump(item.extra))).lastrowid
        for n, entry in enumerate(item.entries):
            self._insert_entry(conn, iid, entry, n)
        return iid

    def add_item(self, meeting_id: int, item: Item, index: int | None = None) -> int:
        """Insert an item (with any entries it carries) at index, or at the end; returns its id."""
        if not item.title.strip():
            raise BadInput("An agenda item needs a title.")
        with self._write() as conn:
            self._one("SELECT id FROM meetings WHERE id = ?", (meeting_id,), f"meeting {meeting_id}")
            ids = _ordered(conn, "items", "meeting_id", meeting_id)
            index = len(ids) if index is None else max(0, min(index, len(ids)))
            iid = self._insert_item(conn, meeting_id, item, index)
            _renumber(conn, "items", ids[:index] + [iid] + ids[index:])
            return iid

    def update_item(self, item_id: int, **changes: Any) -> None:
        """Change an item's number, title, minute number, exempt marker, times, description or documents."""
        sets, params = [], []
        for key, value in changes.items():
            if key not in _ITEM_COLUMNS:
                raise BadInput(f"An agenda item has no “{key}” to change.")
            if key in ("started", "ended"):
                value = check_time(value, f"{key} time")
            elif key == "documents":
                value = _dump(list(value))
            elif key == "exempt":
                value = int(bool(value))
            elif key == "title" and not str(value).strip():
                raise BadInput("An agenda item needs a title.")
            sets.append(f"{key} = ?")
            params.append(value)
        if sets:
            self._update("items", item_id, sets, params, "agenda item")

    def move_item(self, item_id: int, index: int) -> None:
        """Move an item to a new place in its agenda."""
        with self._write() as conn:
            meeting_id = self._one("SELECT meeting_id FROM items WHERE id = ?", (item_id,), "such agenda item")[0]
            ids = [i for i in _ordered(conn, "items", "meeting_id", meeting_id) if i != item_id]
            index = max(0, min(index, len(ids)))
            _renumber(conn, "items", ids[:index] + [item_id] + ids[index:])

    def delete_item(self, item_id: int) -> tuple[Item, int]:
        """Delete an item and its entries; returns it and its index, so it can be put back."""
        with self._write() as conn:
            meeting_id = self._one("SELECT meeting_id FROM items WHERE id = ?", (item_id,), "such agenda item")[0]
            ids = _ordered(conn, "items", "meeting_id", meeting_id)
            meeting = self.load_meeting(meeting_id)
            item = next(i for i in meeting.items if i.id == item_id)
            conn.execute("UPDATE meetings SET current_item_id = NULL WHERE current_item_id = ?", (item_id,))
            conn.execute("DELETE FROM items WHERE id = ?", (item_id,))
            return item, ids.index(item_id)

    # -- entries -------------------------------------------------------------------------

    def _insert_entry(self, conn: sqlite3.Connection, item_id: int, e: Entry, position: int) -> int:
        check_choice(e.kind, ENTRY_KINDS, "kind of entry")
        return conn.execute("INSERT INTO entries(item_id, position, kind, text, speaker, at, data) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (item_id, position, e.kind, e.text, e.speaker, e.at, _entry_data(e))).lastrowid

    def add_entry(self, item_id: int, entry: Entry, index: int | None = None) -> int:
        """Add an entry to an item, at index or at the end; returns its id."""
        check_time(entry.at, "time")
        with self._write() as conn:
            if index is None:
                self._one("SELECT id FROM items WHERE id = ?", (item_id,), "such agenda item")
                n = conn.execute("SELECT coalesce(max(position) + 1, 0) FROM entries WHERE item_id = ?",
                                 (item_id,)).fetchone()[0]
                return self._insert_entry(conn, item_id, entry, n)
            ids = _ordered(conn, "entries", "item_id", item_id)
            index = max(0, min(index, len(ids)))
            eid = self._insert_entry(conn, item_id, entry, index)
            _renumber(conn, "entries", ids[:index] + [eid] + ids[index:])
            return eid

    def update_entry(self, entry_id: int, **changes: Any) -> None:
        """Change any of an entry's fields (its text as the clerk types, its kind, speaker...)."""
        columns = {k: v for k, v in changes.items() if k in ("kind", "text", "speaker", "at")}
        data = {k: v for k, v in changes.items() if k not in columns}
        unknown = [k for k in data if k not in _ENTRY_DATA]
        if unknown:
            raise BadInput(f"An entry has no “{unknown[0]}” to change.")
        if "kind" in columns:
            check_choice(columns["kind"], ENTRY_KINDS, "kind of entry")
        if "at" in columns:
            columns["at"] = check_time(columns["at"], "time")
        if "due" in data:
            check_date(data["due"], "due date")
        with self._write() as conn:
            if data:
                row = self._one("SELECT data FROM entries WHERE id = ?", (entry_id,), f"entry {entry_id}")
                merged = json.loads(row[0])
                merged.update(data)
                columns["data"] = _dump({k: v for k, v in merged.items() if v is not None})
            sets = ", ".join(f"{k} = ?" for k in columns)
            if sets and conn.execute(f"UPDATE entries SET {sets} WHERE id = ?",
                                     (*columns.values(), entry_id)).rowcount == 0:
                raise NoSuchMeeting(f"There is no entry {entry_id} in this data folder.")

    def move_entry(self, entry_id: int, index: int, item_id: int | None = None) -> None:
        """Move an entry to index within its item, or into another item."""
        with self._write() as conn:
            old_item = self._one("SELECT item_id FROM entries WHERE id = ?", (entry_id,), f"entry {entry_id}")[0]
            target = old_item if item_id is None else item_id
            if target != old_item:
                conn.execute("UPDATE entries SET item_id = ? WHERE id = ?", (target, entry_id))
                _renumber(conn, "entries", _ordered(conn, "entries", "item_id", old_item))
            ids = [i for i in _ordered(conn, "entries", "item_id", target) if i != entry_id]
            index = max(0, min(index, len(ids)))
            _renumber(conn, "entries", ids[:index] + [entry_id] + ids[index:])

    def delete_entry(self, entry_id: int) -> tuple[Entry, int, int]:
        """Delete an entry; returns it, its item id and its index, so it can be put back."""
        with self._write() as conn:
            row = self._one("SELECT id, item_id, kind, text, speaker, at, data FROM entries WHERE id = ?",
                            (entry_id,), f"entry {entry_id}")
            ids = _ordered(conn, "entries", "item_id", row[1])
            conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
            return _entry_from_row(row), row[1], ids.index(entry_id)

    # -- search --------------------------------------------------------------------------

    def search(self, words: str, limit: int = 50, prefix: bool = True,
               rank_at_most: int = RANK_AT_MOST) -> list[SearchHit]:
        """Meetings where all the words appear, most relevant first, with the best item and a snippet.

        Past ``rank_at_most`` matching passages, the newest meetings come first instead.
        With ``prefix`` the last word also matches the start of longer words, for search as you type.
        """
        query = fts_query(words, prefix)
        if query is None:
            return []
        conn = self.db.conn
        # Ranking costs time per match: tens of thousands of matches (a word still being typed,
        # over years of meetings) take 60 ms to rank and tell the clerk little, so past
        # RANK_AT_MOST matches the newest come first (rowids grow with time) instead.
        matches = len(conn.execute("SELECT rowid FROM search_index WHERE search_index MATCH ? LIMIT ?",
                                   (query, rank_at_most + 1)).fetchall())
        order = "rank" if matches <= rank_at_most else "rowid DESC"
        rows = conn.execute(f"SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY {order}", (query,))
        hits: list[SearchHit] = []
        seen: set[int] = set()
        for (rowid,) in rows:  # read lazily: stop as soon as there are ``limit`` meetings
            source, source_id = schema.SOURCE_TABLES[rowid % 4], rowid // 4
            found = self._search_source(source, source_id)
            if found is None or found[0] in seen:
                continue
            meeting_id, item_id, text = found
            m = conn.execute("SELECT c.name, m.title, m.date FROM meetings m JOIN committees c "
                             "ON c.id = m.committee_id WHERE m.id = ? AND m.deleted IS NULL", (meeting_id,)).fetchone()
            if m is None:
                continue
            seen.add(meeting_id)
            item = conn.execute("SELECT number, title, exempt FROM items WHERE id = ?", (item_id,)).fetchone() \
                if item_id is not None else None
            hits.append(SearchHit(meeting_id, m[0], m[1], m[2], item_id, item[0] if item else None,
                                  item[1] if item else None, snippet(text, words, prefix),
                                  exempt=bool(item[2]) if item else False))
            if len(hits) >= limit:
                break
        return hits

    def _search_source(self, source: str, source_id: int) -> tuple[int, int | None, str] | None:
        """The meeting, item and text behind one search-index row."""
        conn = self.db.conn
        if source == "entries":
            row = conn.execute("SELECT i.meeting_id, e.item_id, e.text || ' ' || "
                               "coalesce(json_extract(e.data, '$.motion'), '') FROM entries e "
                               "JOIN items i ON i.id = e.item_id WHERE e.id = ?", (source_id,)).fetchone()
        elif source == "items":
            row = conn.execute("SELECT meeting_id, id, number || ' ' || title || ' ' || description "
                               "FROM items WHERE id = ?", (source_id,)).fetchone()
        elif source == "people":
            row = conn.execute("SELECT meeting_id, NULL, name || ' ' || role FROM people WHERE id = ?",
                               (source_id,)).fetchone()
        else:
            row = conn.execute("SELECT m.id, NULL, m.title || ' ' || m.venue || ' ' || c.name FROM meetings m "
                               "JOIN committees c ON c.id = m.committee_id WHERE m.id = ?", (source_id,)).fetchone()
        return None if row is None else (row[0], row[1], row[2])

    # -- planning (issue 6) --------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Make the store calls inside one transaction: all of them are saved, or none."""
        with self._write():  # the calls' own transactions nest inside as savepoints
            yield

    def committee_actions(self, committee: str | None = None) -> list[dict[str, Any]]:
        """Every action entry in meetings not in the bin (of one committee, or all), oldest first.

        Each row has ``entry`` (an Entry), ``meeting_id``, ``meeting_date``, ``committee``,
        ``item_id``, ``item_number``, ``item_title``, ``minute_number``, ``item_exempt`` and ``owner`` (the Person
        the action's owner key names at that meeting, or None when the owner is a plain name).
        """
        sql = ("SELECT e.id, e.item_id, e.kind, e.text, e.speaker, e.at, e.data, m.id, m.date, c.name, "
               "i.number, i.title, i.minute_number, p.key, p.name, p.title, p.role, p.grp, p.referred_to_as, i.exempt "
               "FROM entries e JOIN items i ON i.id = e.item_id JOIN meetings m ON m.id = i.meeting_id "
               "JOIN committees c ON c.id = m.committee_id "
               "LEFT JOIN people p ON p.meeting_id = m.id AND p.key = json_extract(e.data, '$.owner') "
               "WHERE e.kind = 'action' AND m.deleted IS NULL")
        params: tuple[Any, ...] = ()
        if committee is not None:
            sql += " AND c.name = ?"
            params = (committee.strip(),)
        sql += " ORDER BY m.date, m.id, i.position, i.id, e.position, e.id"
        rows = []
        for r in self.db.conn.execute(sql, params):
            owner = None if r[13] is None else Person(key=r[13], name=r[14], title=r[15], role=r[16], group=r[17],
                                                     referred_to_as=r[18])
            rows.append({"entry": _entry_from_row(r[:7]), "meeting_id": r[7], "meeting_date": r[8],
                         "committee": r[9], "item_id": r[1], "item_number": r[10], "item_title": r[11],
                         "minute_number": r[12], "item_exempt": bool(r[19]), "owner": owner})
        return rows

    def set_entry_extra(self, entry_id: int, **changes: Any) -> None:
        """Set (or, with None, remove) keys of an entry's ``extra``, which meeting files carry as they are."""
        with self._write() as conn:
            row = self._one("SELECT data FROM entries WHERE id = ?", (entry_id,), f"entry {entry_id}")
            data = json.loads(row[0])
            extra = {**data.get("extra", {}), **changes}
            data["extra"] = {k: v for k, v in extra.items() if v is not None}
            if not data["extra"]:
                del data["extra"]
            conn.execute("UPDATE entries SET data = ? WHERE id = ?", (_dump(data), entry_id))

    def set_meeting_extra(self, meeting_id: int, **changes: Any) -> None:
        """Set (or, with None, remove) keys of a meeting's ``extra``."""
        with self._write() as conn:
            row = self._one("SELECT extra FROM meetings WHERE id = ?", (meeting_id,), f"meeting {meeting_id}")
            extra = {**json.loads(row[0]), **changes}
            conn.execute("UPDATE meetings SET extra = ? WHERE id = ?",
                         (_dump({k: v for k, v in extra.items() if v is not None}), meeting_id))

    # -- live minutes (issue 5) ----------------------------------------------------------

    def set_item_extra(self, item_id: int, **changes: Any) -> None:
        """Set (or, with None, remove) keys of an item's ``extra`` (e.g. who withdraws for it)."""
        with self._write() as conn:
            row = self._one("SELECT extra FROM items WHERE id = ?", (item_id,), "such agenda item")
            extra = {**json.loads(row[0]), **changes}
            conn.execute("UPDATE items SET extra = ? WHERE id = ?",
                         (_dump({k: v for k, v in extra.items() if v is not None}), item_id))


def _check_is_store_file(path: Path) -> None:
    """Refuse, before SQLite touches it, a file that is plainly not a database."""
    try:
        with open(path, "rb") as f:
            header = f.read(16)
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise StoreError(f"{path} is a folder, not a meeting store.") from None
    except OSError as e:
        raise StoreError(f"The meeting store at {path} could not be read ({e.strerror}).") from None
    if header and header != _SQLITE_HEADER:
        raise StoreDamaged(f"The meeting store at {path} is damaged: it is not a database any more.")


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _entry_data(e: Entry) -> str:
    data = {k: getattr(e, k) for k in _ENTRY_DATA if getattr(e, k) is not None}
    if e.extra:
        data["extra"] = e.extra
    return _dump(data)


def _entry_from_row(r: sqlite3.Row | tuple[Any, ...]) -> Entry:
    data = json.loads(r[6])
    extra = data.pop("extra", {})
    return Entry(id=r[0], kind=r[2], text=r[3], speaker=r[4], at=r[5], extra=extra, **data)


def _ordered(conn: sqlite3.Connection, table: str, parent: str, parent_id: int) -> list[int]:
    return [r[0] for r in conn.execute(f"SELECT id FROM {table} WHERE {parent} = ? ORDER BY position, id",
                                       (parent_id,))]


def _renumber(conn: sqlite3.Connection, table: str, ids: list[int]) -> None:
    conn.executemany(f"UPDATE {table} SET position = ? WHERE id = ? AND position IS NOT ?",
                     [(n, i, n) for n, i in enumerate(ids)])


def default_store_path(data_dir: str | Path) -> Path:
    """Where the store lives inside a data folder."""
    return Path(data_dir) / STORE_NAME


def secure_folder(path: Path) -> None:
    """Make a data folder readable by its owner only (POSIX)."""
    if os.name == "posix":
        try:
            path.chmod(0o700)
        except OSError:
            pass
