"""Entries: what the clerk minuted under an item, in order."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from clerkdesk.errors import BadInput, NoSuchMeeting
from clerkdesk.model import ENTRY_KINDS, CarriedFrom, Entry, check_choice, check_date, check_time
from .connection import Connection
from .rows import (ENTRY_COLUMNS, ENTRY_DATA, ENTRY_SELECT, INSERT_ENTRY, dump, entry_from_row, entry_values,
                   ordered, renumber)


class EntryRows(Connection):
    """Entries, in order within their item."""

    def _insert_entry(self, conn: sqlite3.Connection, item_id: int, e: Entry, position: int,
                      keep_id: bool = False) -> int:
        check_choice(e.kind, ENTRY_KINDS, "kind of entry")
        if e.level not in (1, 2):
            raise BadInput("An entry's level is 1, or 2 for a sub-point.")
        return conn.execute(INSERT_ENTRY, (e.id if keep_id else None, item_id, position, *entry_values(e))).lastrowid

    def add_entry(self, item_id: int, entry: Entry, index: int | None = None) -> int:
        """Add an entry to an item, at index or at the end; returns its id.

        An entry with an id keeps it (putting back a deleted entry).
        """
        check_time(entry.at, "time")
        with self._write() as conn:
            if index is None:
                self._one("SELECT id FROM items WHERE id = ?", (item_id,), "such agenda item")
                n = conn.execute("SELECT coalesce(max(position) + 1, 0) FROM entries WHERE item_id = ?",
                                 (item_id,)).fetchone()[0]
                return self._insert_entry(conn, item_id, entry, n, keep_id=True)
            ids = ordered(conn, "entries", "item_id", item_id)
            index = max(0, min(index, len(ids)))
            eid = self._insert_entry(conn, item_id, entry, index, keep_id=True)
            renumber(conn, "entries", ids[:index] + [eid] + ids[index:])
            return eid

    def load_entry(self, entry_id: int) -> tuple[Entry, int, int]:
        """An entry as stored, its item's id and its index within the item."""
        conn = self.db.conn
        row = self._one(f"SELECT {ENTRY_SELECT} FROM entries e WHERE e.id = ?", (entry_id,), f"entry {entry_id}")
        return entry_from_row(row), row[1], ordered(conn, "entries", "item_id", row[1]).index(entry_id)

    def update_entry(self, entry_id: int, **changes: Any) -> None:
        """Change any of an entry's fields (its text as the clerk types, its kind, speaker...)."""
        columns = {ENTRY_COLUMNS[k]: v for k, v in changes.items() if k in ENTRY_COLUMNS}
        data = {k: v for k, v in changes.items() if k not in ENTRY_COLUMNS and k != "carried_from"}
        unknown = [k for k in data if k not in ENTRY_DATA]
        if unknown:
            raise BadInput(f"An entry has no “{unknown[0]}” to change.")
        if "kind" in columns:
            check_choice(columns["kind"], ENTRY_KINDS, "kind of entry")
        if "at" in columns:
            columns["at"] = check_time(columns["at"], "time")
        if "done_on" in columns:
            columns["done_on"] = check_date(columns["done_on"], "date done")
        if "level" in columns and columns["level"] not in (1, 2):
            raise BadInput("An entry's level is 1, or 2 for a sub-point.")
        if "joins_previous" in columns:
            if not isinstance(columns["joins_previous"], bool):
                raise BadInput("Whether an entry joins the previous paragraph is true or false.")
            columns["joins_previous"] = int(columns["joins_previous"])
        if "due" in data:
            check_date(data["due"], "due date")
        if "carried_from" in changes:
            c: CarriedFrom | None = changes["carried_from"]
            for name in ("entry", "meeting", "date", "item", "minute", "title"):
                columns[f"carried_{name}"] = getattr(c, name) if c else None
        with self._write() as conn:
            if data:
                row = self._one("SELECT data FROM entries WHERE id = ?", (entry_id,), f"entry {entry_id}")
                merged = json.loads(row[0])
                merged.update(data)
                columns["data"] = dump({k: v for k, v in merged.items() if v is not None})
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
                renumber(conn, "entries", ordered(conn, "entries", "item_id", old_item))
            ids = [i for i in ordered(conn, "entries", "item_id", target) if i != entry_id]
            index = max(0, min(index, len(ids)))
            renumber(conn, "entries", ids[:index] + [entry_id] + ids[index:])

    def delete_entry(self, entry_id: int) -> tuple[Entry, int, int]:
        """Delete an entry; returns it, its item id and its index, so it can be put back."""
        with self._write() as conn:
            entry, item_id, index = self.load_entry(entry_id)
            conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
            renumber(conn, "entries", ordered(conn, "entries", "item_id", item_id))
            return entry, item_id, index
