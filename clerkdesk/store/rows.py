"""How the model's objects are laid out in rows: the columns, the JSON of an entry's kind-specific
fields, and the positions that keep items and entries in order."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from clerkdesk.model import CarriedFrom, Committee, Entry

# Entry attributes of the record kept in the JSON ``data`` column (they depend on the kind).
ENTRY_DATA = ("in_response_to", "person", "motion", "mover", "seconder", "votes_for",
              "votes_against", "votes_abstain", "outcome", "recorded", "owner", "due")
# Entry attributes with columns of their own.
ENTRY_COLUMNS = {"kind": "kind", "text": "text", "speaker": "speaker", "at": "at", "done": "done_on",
                 "left_room": "left_room", "returned": "returned", "joins_previous": "joins_previous",
                 "level": "level", "typed_at": "typed_at"}
_CARRIED = ("entry", "meeting", "date", "item", "minute", "title")
ENTRY_SELECT = ("e.id, e.item_id, e.kind, e.text, e.speaker, e.at, e.data, e.done_on, e.left_room, e.returned, "
                "e.joins_previous, e.level, e.carried_entry, e.carried_meeting, e.carried_date, e.carried_item, "
                "e.carried_minute, e.carried_title, e.typed_at")
ENTRY_WIDTH = 19  # columns in ENTRY_SELECT

ITEM_COLUMNS = ("number", "title", "minute_number", "exempt", "started", "ended", "description", "documents", "role")
PERSON_COLUMNS = {"name": "name", "title": "title", "role": "role", "group": "grp",
                  "attendance": "attendance", "substitute_for": "substitute_for",
                  "arrived": "arrived", "left": '"left"', "referred_to_as": "referred_to_as",
                  "voting": "voting"}
# A committee's quorum settings (clerkdesk.quorum), in the order the store reads them.
QUORUM_COLUMNS = ("quorum_number", "quorum_fraction", "quorum_minimum", "remote_counts")
# A committee's columns, read with the alias ``c`` (alone, or joined to its meetings).
COMMITTEE_SELECT = ("c.id, c.name, c.minute_format, c.default_template, c.speaking_limit, c.exempt_titles_public, "
                    + ", ".join(f"c.{q}" for q in QUORUM_COLUMNS))
COMMITTEE_WIDTH = 10
MEETING_COLUMNS = {"title": "title", "date": "date", "start": "start", "end": '"end"',
                   "venue": "venue", "status": "status"}


def committee_from_row(r: sqlite3.Row | tuple[Any, ...]) -> Committee:
    """A Committee from a row selected with COMMITTEE_SELECT."""
    return Committee(id=r[0], name=r[1], minute_format=r[2], default_template=r[3], speaking_limit=r[4],
                     exempt_titles_public=bool(r[5]), quorum_number=r[6], quorum_fraction=r[7] or "",
                     quorum_minimum=r[8] or 0, remote_counts=bool(r[9]))


def dump(value: Any) -> str:
    """Compact JSON, as the store keeps it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def entry_data(e: Entry) -> str:
    """The JSON of an entry's kind-specific fields (and any unknown meeting-file fields)."""
    data = {k: getattr(e, k) for k in ENTRY_DATA if getattr(e, k) is not None}
    if e.extra:
        data["extra"] = e.extra
    return dump(data)


def entry_values(e: Entry) -> tuple[Any, ...]:
    """The values of an entry's own columns, in the order of ``INSERT_ENTRY``."""
    c = e.carried_from
    carried = tuple(getattr(c, k) if c else None for k in _CARRIED)
    return (e.kind, e.text, e.speaker, e.at, entry_data(e), e.done, e.left_room, e.returned,
            int(bool(e.joins_previous)), e.level or 1, *carried, e.typed_at)


INSERT_ENTRY = ("INSERT INTO entries(id, item_id, position, kind, text, speaker, at, data, done_on, left_room, returned, "
                "joins_previous, level, carried_entry, carried_meeting, carried_date, carried_item, carried_minute, "
                "carried_title, typed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def entry_from_row(r: sqlite3.Row | tuple[Any, ...]) -> Entry:
    """An Entry from a row selected with ENTRY_SELECT."""
    data = json.loads(r[6])
    extra = data.pop("extra", {})
    carried = CarriedFrom(*r[12:18]) if r[12] is not None or r[14] is not None else None
    if carried is not None:
        carried.date, carried.item, carried.minute, carried.title = (v or "" for v in r[14:18])
    return Entry(id=r[0], kind=r[2], text=r[3], speaker=r[4], at=r[5], done=r[7], left_room=r[8], returned=r[9],
                 joins_previous=bool(r[10]), level=r[11], carried_from=carried, typed_at=r[18], extra=extra, **data)


def ordered(conn: sqlite3.Connection, table: str, parent: str, parent_id: int) -> list[int]:
    """The ids of a parent's rows, in order."""
    return [r[0] for r in conn.execute(f"SELECT id FROM {table} WHERE {parent} = ? ORDER BY position, id",
                                       (parent_id,))]


def renumber(conn: sqlite3.Connection, table: str, ids: list[int]) -> None:
    """Give rows the positions of their order in ``ids`` (only those that change are written)."""
    conn.executemany(f"UPDATE {table} SET position = ? WHERE id = ? AND position IS NOT ?",
                     [(n, i, n) for n, i in enumerate(ids)])
