"""Operations on entries: add, edit, delete, move, join to the previous paragraph, sub-points."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from clerkdesk.errors import BadInput
from clerkdesk.live import check_vote
from clerkdesk.model import Entry
from clerkdesk.store import Store
from .record import Change, Recorder, check_editable, editing

# Fields that name a person of the meeting.
_PERSON_FIELDS = ("speaker", "in_response_to", "person", "mover", "seconder")


def check_people(keys: set[str], entry: Entry | None = None, **fields: Any) -> None:
    """Refuse an entry (or changed fields) naming someone who is not at the meeting (``keys``: who is)."""
    values = {k: getattr(entry, k) for k in _PERSON_FIELDS} if entry is not None else {}
    values.update({k: v for k, v in fields.items() if k in _PERSON_FIELDS})
    for name, value in values.items():
        if value and value not in keys:
            raise BadInput(f"“{value}” is not a person at this meeting, so they cannot be the {name.replace('_', ' ')}.")
    recorded = (entry.recorded if entry is not None else None) or fields.get("recorded") or {}
    for side in recorded.values():
        for key in side or []:
            if key not in keys:
                raise BadInput(f"“{key}” is not a person at this meeting, so they cannot vote.")


def _people(store: Store, meeting_id: int) -> set[str]:
    """Who is at the meeting, once its minutes are known to be editable."""
    check_editable(store, meeting_id)
    return store.person_keys(meeting_id)


def add_entry(store: Store, item_id: int, entry: Entry, index: int | None = None, clear_draft: bool = False) -> Change:
    """Add an entry under an item (at the end, or at index); ``clear_draft`` forgets the typed draft with it.

    An entry that does not say when it was typed is stamped now: its bookmark in the recording.
    """
    mid = store.meeting_of(item_id=item_id)
    if entry.typed_at is None:
        entry = replace(entry, typed_at=datetime.now().isoformat(timespec="seconds"))
    check_people(_people(store, mid), entry)
    if entry.kind == "vote":
        check_vote(entry)
    if entry.level not in (1, 2):
        raise BadInput("An entry's level is 1, or 2 for a sub-point.")
    rec = Recorder(store, mid)
    with store.batch():
        eid = rec.add_entry(item_id, entry, index)
        if clear_draft:
            store.set_draft(mid, None)
        return rec.change(f"add {entry.kind}", result=eid)


def edit_entry(store: Store, entry_id: int, **changes: Any) -> Change:
    """Change an entry's text, kind or any of its fields."""
    mid = store.meeting_of(entry_id=entry_id)
    check_people(_people(store, mid), None, **changes)
    rec = Recorder(store, mid)
    with store.batch():
        rec.update_entry(entry_id, **changes)
        if "recorded" in changes or any(k.startswith("votes_") for k in changes):
            check_vote(store.load_entry(entry_id)[0])
        return rec.change("edit entry")


def delete_entry(store: Store, entry_id: int) -> Change:
    """Delete an entry (undo puts it back where it was, with its id)."""
    return editing(store, store.meeting_of(entry_id=entry_id), "delete entry", lambda rec: rec.delete_entry(entry_id))


def move_entry(store: Store, entry_id: int, index: int, item_id: int | None = None) -> Change:
    """Move an entry within its item, or into another item of the same meeting."""
    mid = store.meeting_of(entry_id=entry_id)
    if item_id is not None and store.meeting_of(item_id=item_id) != mid:
        raise BadInput("An entry can only move within its own meeting.")
    return editing(store, mid, "move entry", lambda rec: rec.move_entry(entry_id, index, item_id))


def join_entry(store: Store, entry_id: int, joined: bool = True) -> Change:
    """Make an entry continue the previous entry's paragraph, or stand as a paragraph of its own again."""
    entry, _item_id, index = store.load_entry(entry_id)
    if joined and index == 0:
        raise BadInput("The first entry of an item has no paragraph before it to join.")
    change = edit_entry(store, entry_id, joins_previous=joined)
    return Change(**{**change.__dict__, "label": "join paragraphs" if joined else "split paragraphs"})


def set_level(store: Store, entry_id: int, level: int) -> Change:
    """Make an entry a sub-point (2) of the one before, or a point of its own (1)."""
    if level not in (1, 2):
        raise BadInput("An entry's level is 1, or 2 for a sub-point.")
    change = edit_entry(store, entry_id, level=level)
    return Change(**{**change.__dict__, "label": "indent" if level == 2 else "outdent"})
