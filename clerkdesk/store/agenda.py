"""Agenda items: adding, changing, moving and deleting them, with who withdraws for each."""

from __future__ import annotations

import sqlite3
from typing import Any

from clerkdesk.errors import BadInput
from clerkdesk.model import Item, check_time
from .connection import Connection
from .rows import ITEM_COLUMNS, dump, ordered, renumber


class AgendaRows(Connection):
    """Items, in order within their meeting."""

    def _insert_item(self, conn: sqlite3.Connection, meeting_id: int, item: Item, position: int,
                     keep_ids: bool = False) -> int:
        iid = conn.execute(
            "INSERT INTO items(id, meeting_id, position, number, title, minute_number, exempt, started, ended, "
            "description, documents, extra, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (item.id if keep_ids else None, meeting_id, position, item.number, item.title, item.minute_number, int(item.exempt),
             item.started, item.ended, item.description, dump(item.documents), dump(item.extra),
             item.role)).lastrowid
        conn.executemany("INSERT OR IGNORE INTO withdrawals(item_id, person_key) VALUES (?, ?)",
                         [(iid, key) for key in item.withdrawn])
        for n, entry in enumerate(item.entries):
            self._insert_entry(conn, iid, entry, n, keep_ids)
        return iid

    def add_item(self, meeting_id: int, item: Item, index: int | None = None) -> int:
        """Insert an item (with any entries it carries) at index, or at the end; returns its id.

        An item with an id keeps it (putting back a deleted item); its entries keep theirs too.
        """
        if not item.title.strip():
            raise BadInput("An agenda item needs a title.")
        with self._write() as conn:
            self._one("SELECT id FROM meetings WHERE id = ?", (meeting_id,), f"meeting {meeting_id}")
            ids = ordered(conn, "items", "meeting_id", meeting_id)
            index = len(ids) if index is None else max(0, min(index, len(ids)))
            iid = self._insert_item(conn, meeting_id, item, index, keep_ids=True)
            renumber(conn, "items", ids[:index] + [iid] + ids[index:])
            return iid

    def load_item(self, item_id: int) -> Item:
        """One item with its entries, as stored."""
        meeting = self.load_meeting(self.meeting_of(item_id=item_id))
        return next(i for i in meeting.items if i.id == item_id)

    def item_index(self, item_id: int) -> int:
        """Where the item stands in its agenda (0 first)."""
        conn = self.db.conn
        return ordered(conn, "items", "meeting_id", self.meeting_of(item_id=item_id)).index(item_id)

    def update_item(self, item_id: int, **changes: Any) -> None:
        """Change an item's number, title, minute number, exempt marker, times, description, documents or role."""
        sets, params = [], []
        for key, value in changes.items():
            if key not in ITEM_COLUMNS:
                raise BadInput(f"An agenda item has no “{key}” to change.")
            if key in ("started", "ended"):
                value = check_time(value, f"{key} time")
            elif key == "documents":
                value = dump(list(value))
            elif key == "exempt":
                value = int(bool(value))
            elif key == "title" and not str(value).strip():
                raise BadInput("An agenda item needs a title.")
            sets.append(f"{key} = ?")
            params.append(value)
        if sets:
            self._update("items", item_id, sets, params, "agenda item")

    def set_withdrawn(self, item_id: int, keys: list[str]) -> None:
        """Who leaves the room for this item (a declared interest)."""
        with self._write() as conn:
            self._one("SELECT id FROM items WHERE id = ?", (item_id,), "such agenda item")
            conn.execute("DELETE FROM withdrawals WHERE item_id = ?", (item_id,))
            conn.executemany("INSERT INTO withdrawals(item_id, person_key) VALUES (?, ?)",
                             [(item_id, k) for k in sorted(set(keys))])

    def move_item(self, item_id: int, index: int) -> None:
        """Move an item to a new place in its agenda."""
        with self._write() as conn:
            meeting_id = self._one("SELECT meeting_id FROM items WHERE id = ?", (item_id,), "such agenda item")[0]
            ids = [i for i in ordered(conn, "items", "meeting_id", meeting_id) if i != item_id]
            index = max(0, min(index, len(ids)))
            renumber(conn, "items", ids[:index] + [item_id] + ids[index:])

    def delete_item(self, item_id: int) -> tuple[Item, int]:
        """Delete an item and its entries; returns it and its index, so it can be put back."""
        with self._write() as conn:
            meeting_id = self._one("SELECT meeting_id FROM items WHERE id = ?", (item_id,), "such agenda item")[0]
            ids = ordered(conn, "items", "meeting_id", meeting_id)
            item = next(i for i in self._load_meeting(meeting_id).items if i.id == item_id)
            conn.execute("UPDATE meetings SET current_item_id = NULL WHERE current_item_id = ?", (item_id,))
            conn.execute("DELETE FROM items WHERE id = ?", (item_id,))
            renumber(conn, "items", [i for i in ids if i != item_id])
            return item, ids.index(item_id)
