"""The people at a meeting: who they are and their attendance."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from clerkdesk.errors import BadInput
from clerkdesk.model import ATTENDANCE, Person, check_choice, check_time
from .connection import Connection
from .rows import PERSON_COLUMNS, dump


class PeopleRows(Connection):
    """People, keyed within their meeting by ``key``."""

    def _insert_person(self, conn: sqlite3.Connection, meeting_id: int, p: Person, position: int) -> int:
        check_choice(p.attendance, ATTENDANCE, "kind of attendance")
        return conn.execute(
            'INSERT INTO people(meeting_id, key, position, name, title, role, grp, attendance, substitute_for, '
            'arrived, "left", referred_to_as, voting, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            (meeting_id, p.key, position, p.name, p.title, p.role, p.group, p.attendance, p.substitute_for,
             p.arrived, p.left, p.referred_to_as, int(bool(p.voting)), dump(p.extra))).lastrowid

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

    def person_keys(self, meeting_id: int) -> set[str]:
        """The keys of everyone at the meeting."""
        return {r[0] for r in self.db.conn.execute("SELECT key FROM people WHERE meeting_id = ?", (meeting_id,))}

    def person_id(self, meeting_id: int, key: str) -> int | None:
        """The row id of the person with this key at the meeting, or None."""
        row = self.db.conn.execute("SELECT id FROM people WHERE meeting_id = ? AND key = ?", (meeting_id, key)).fetchone()
        return row[0] if row else None

    def load_person(self, person_id: int) -> Person:
        """One person as stored."""
        p = self._one('SELECT id, key, name, title, role, grp, attendance, substitute_for, arrived, "left", '
                      "referred_to_as, extra, voting FROM people WHERE id = ?", (person_id,), "such person")
        return Person(id=p[0], key=p[1], name=p[2], title=p[3], role=p[4], group=p[5], attendance=p[6],
                      substitute_for=p[7], arrived=p[8], left=p[9], referred_to_as=p[10], extra=json.loads(p[11]),
                      voting=bool(p[12]))

    def update_person(self, person_id: int, **changes: Any) -> None:
        """Change a person's name, title, role, group, attendance, times or how they are referred to."""
        sets, params = [], []
        for key, value in changes.items():
            if key not in PERSON_COLUMNS:
                raise BadInput(f"A person has no “{key}” to change.")
            if key == "attendance":
                check_choice(value, ATTENDANCE, "kind of attendance")
            elif key in ("arrived", "left"):
                value = check_time(value, f"{key} time")
            elif key == "voting":
                value = int(bool(value))
            sets.append(f"{PERSON_COLUMNS[key]} = ?")
            params.append(value)
        if sets:
            self._update("people", person_id, sets, params, "person")

    def set_attendance(self, person_id: int, attendance: str, substitute_for: str | None = None) -> None:
        """Mark someone present, apologies, absent, substitute (for whom), in attendance or remote."""
        self.update_person(person_id, attendance=attendance,
                           substitute_for=substitute_for if attendance == "substitute" else None)
