"""Operations on the running meeting: start, close, moving between items, the speaker, the meeting's
details, and the draft being typed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from clerkdesk.errors import BadInput
from clerkdesk.live import is_running, now_hhmm, out_of_room
from clerkdesk.model import Draft, Item, Meeting
from clerkdesk.store import Store
from .people import add_event
from .record import Change, Recorder, check_editable


def _current(meeting: Meeting) -> Item | None:
    return next((i for i in meeting.items if i.id == meeting.current_item_id), None)


def _leave_item(rec: Recorder, meeting: Meeting, item: Item, at: str) -> None:
    if item.started:
        rec.update_item(item.id, ended=at)
    for key in sorted(out_of_room(item)):
        add_event(rec, meeting, item.id, key, "returned to the meeting", at, returned=True)


def start_meeting(store: Store, meeting_id: int, at: str | None = None) -> Change:
    """Stamp the start time (and the current item's start); the time stamped is the change's result."""
    check_editable(store, meeting_id)
    at = at or now_hhmm()
    meeting = store.load_meeting(meeting_id)
    item = _current(meeting) or (meeting.items[0] if meeting.items else None)
    rec = Recorder(store, meeting_id)
    with store.batch():
        rec.update_meeting(start=at, end=None)
        # To the second when stamped from the clock, so the header's elapsed time is exact.
        rec.set_live_started(datetime.now().isoformat(timespec="seconds") if at == now_hhmm()
                             else f"{meeting.date}T{at}:00")
        if item is not None:
            if not item.started:
                rec.update_item(item.id, started=at)
            rec.set_current(item.id, meeting.current_speaker)
        return rec.change("start the meeting", result=at)


def close_meeting(store: Store, meeting_id: int, at: str | None = None) -> Change:
    """Stamp the end time and end the current item (members out of the room return); the time is the result."""
    check_editable(store, meeting_id)
    at = at or now_hhmm()
    meeting = store.load_meeting(meeting_id)
    item = _current(meeting)
    rec = Recorder(store, meeting_id)
    with store.batch():
        if item is not None:
            _leave_item(rec, meeting, item, at)
        rec.update_meeting(end=at)
        return rec.change("close the meeting", result=at)


def go_to_item(store: Store, meeting_id: int, item_id: int, at: str | None = None) -> Change:
    """Make an item current; while the meeting runs, end the one left and start the one entered.

    Members who left the room for the item being left are minuted as returning; members who
    said they would leave for the item being entered are minuted as leaving. Moving about a
    meeting that is not running is allowed on approved minutes (it changes nothing minuted).
    """
    meeting = store.load_meeting(meeting_id)
    target = next((i for i in meeting.items if i.id == item_id), None)
    if target is None:
        raise BadInput("That agenda item is not in this meeting.")
    previous = _current(meeting)
    running = is_running(meeting) and previous is not target
    if running:
        check_editable(store, meeting_id)
    rec = Recorder(store, meeting_id)
    with store.batch():
        if running:
            at = at or now_hhmm()
            if previous is not None:
                _leave_item(rec, meeting, previous, at)
            if not target.started:
                rec.update_item(item_id, started=at)
            for key in target.withdrawn:
                if key not in out_of_room(target):
                    add_event(rec, meeting, item_id, key, "left the meeting for this item", at, left_room=True)
        rec.set_current(item_id, meeting.current_speaker)
        return rec.change("next item", undoable=False)


def set_speaker(store: Store, meeting_id: int, item_id: int | None, key: str | None) -> Change:
    """Remember the current item and speaker, so a restart reopens with them (not a change to the record)."""
    if key is not None and store.person_id(meeting_id, key) is None:
        raise BadInput(f"“{key}” is not a person at this meeting.")
    store.set_current(meeting_id, item_id, key)
    return Change(label="speaker", meeting_id=meeting_id, undoable=False)


def update_meeting(store: Store, meeting_id: int, **changes: Any) -> Change:
    """Change the meeting's title, date, start and end times or venue."""
    check_editable(store, meeting_id)
    if "status" in changes:
        raise BadInput("The status changes through set_status, which keeps approved minutes locked.")
    rec = Recorder(store, meeting_id)
    with store.batch():
        rec.update_meeting(**changes)
        return rec.change("meeting details")


def save_draft(store: Store, meeting_id: int, draft: Draft | None) -> Change:
    """Keep the entry being typed (None: forget it). Session state: never undone, never in a meeting file."""
    store.set_draft(meeting_id, draft if draft is not None and draft.text else None)
    return Change(label="draft", meeting_id=meeting_id, undoable=False)
