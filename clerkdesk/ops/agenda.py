"""Operations on the agenda: items added, changed, moved, deleted, made exempt, and minute numbers."""

from __future__ import annotations

from typing import Any

from clerkdesk.errors import BadInput
from clerkdesk.live import EXCLUSION_TITLE, exclusion_resolution
from clerkdesk.model import Entry, Item
from clerkdesk.planning import check_format, minute_number_base, number_items
from clerkdesk.store import Store
from .record import Change, Recorder, check_editable, editing


def add_item(store: Store, meeting_id: int, number: str, title: str, index: int | None = None) -> Change:
    """Add an agenda item (at index, or at the end)."""
    check_editable(store, meeting_id)
    if not title.strip():
        raise BadInput("An agenda item needs a title.")
    rec = Recorder(store, meeting_id)
    with store.batch():
        iid = rec.add_item(meeting_id, Item(number=number.strip(), title=title.strip()), index)
        return rec.change("add item", result=iid)


def edit_item(store: Store, item_id: int, **changes: Any) -> Change:
    """Change an item's number, title, minute number, description, documents or times."""
    return editing(store, store.meeting_of(item_id=item_id), "edit item", lambda rec: rec.update_item(item_id, **changes))


def move_item(store: Store, item_id: int, index: int) -> Change:
    """Move an item to another place in the agenda."""
    return editing(store, store.meeting_of(item_id=item_id), "move item", lambda rec: rec.move_item(item_id, index))


def delete_item(store: Store, item_id: int) -> Change:
    """Delete an item and its entries (undo puts them back, with their ids)."""
    return editing(store, store.meeting_of(item_id=item_id), "delete item", lambda rec: rec.delete_item(item_id))


def set_exempt(store: Store, item_id: int, exempt: bool = True, paragraph: int | None = None) -> Change:
    """Mark an item exempt (Part 2), with the exclusion resolution before it when a paragraph is given; or public.

    The resolution goes in a public item just before the exempt one — the item before it when
    that is already the exclusion item, else a new "Exclusion of the Press and Public" item —
    because an exempt item's own entries never reach the public minutes. Making the item public
    again leaves the resolution for the clerk to delete.
    """
    mid = store.meeting_of(item_id=item_id)
    check_editable(store, mid)
    text = exclusion_resolution(paragraph) if exempt and paragraph is not None else None
    meeting = store.load_meeting(mid)
    index = next(n for n, i in enumerate(meeting.items) if i.id == item_id)
    rec = Recorder(store, mid)
    with store.batch():
        rec.update_item(item_id, exempt=exempt)
        resolution = None
        if text is not None:
            before = meeting.items[index - 1] if index > 0 else None
            if before is not None and not before.exempt and "exclusion" in before.title.lower():
                target = before.id
            else:
                target = rec.add_item(mid, Item(number="", title=EXCLUSION_TITLE), index)
            resolution = rec.add_entry(target, Entry(kind="resolution", text=text))
        return rec.change("exempt item" if exempt else "public item", result=resolution)


def number_minutes(store: Store, meeting_id: int) -> Change:
    """Give minute numbers to the items that have none, running on from the committee's earlier meetings."""
    check_editable(store, meeting_id)
    rec = Recorder(store, meeting_id)
    with store.batch():
        count = give_minute_numbers(rec, meeting_id)
        return rec.change("number the minutes", result=count)


def give_minute_numbers(rec: Recorder, meeting_id: int) -> int:
    """Number the meeting's unnumbered items through ``rec``; returns how many were numbered."""
    meeting = rec.store.load_meeting(meeting_id)
    base = minute_number_base(rec.store, meeting.committee.name, meeting.date, meeting_id)
    before = {i.id: i.minute_number for i in meeting.items}
    count = number_items(meeting.items, check_format(meeting.committee.minute_format), meeting.date, base)
    for item in meeting.items:
        if item.minute_number != before[item.id]:
            rec.update_item(item.id, minute_number=item.minute_number)
    return count
