"""Operations on who is at the meeting: attendance, late arrivals, early departures, declarations."""

from __future__ import annotations

from collections.abc import Callable

from clerkdesk.errors import BadInput
from clerkdesk.live import now_hhmm, out_of_room
from clerkdesk.model import ATTENDING, Entry, Meeting, Person
from clerkdesk.store import Store
from clerkdesk.wording import name_for
from .record import Change, Recorder, check_editable, editing


def _person(meeting: Meeting, key: str) -> Person:
    person = meeting.person(key)
    if person is None or person.id is None:
        raise BadInput(f"“{key}” is not a person at this meeting.")
    return person


def add_event(rec: Recorder, meeting: Meeting, item_id: int, key: str, words: str, at: str,
              left_room: bool = False, returned: bool = False) -> int:
    """Minute that someone came or went, as an event entry stamped with the time."""
    return rec.add_entry(item_id, Entry(kind="event", text=f"{name_for(meeting, key)} {words}", at=at,
                                        left_room=key if left_room else None, returned=key if returned else None))


def set_attendance(store: Store, meeting_id: int, key: str, attendance: str, substitute_for: str | None = None) -> Change:
    """Mark someone present, apologies, substitute (for whom), in attendance, remote or absent."""
    check_editable(store, meeting_id)
    meeting = store.load_meeting(meeting_id)
    person = _person(meeting, key)
    if attendance == "substitute" and substitute_for and meeting.person(substitute_for) is None \
            and not substitute_for.strip():
        raise BadInput("Say whom the substitute stands in for.")
    rec = Recorder(store, meeting_id)
    with store.batch():
        rec.update_person(person.id, attendance=attendance,
                          substitute_for=substitute_for if attendance == "substitute" else None)
        return rec.change("attendance")


def record_arrival(store: Store, meeting_id: int, key: str, at: str | None = None) -> Change:
    """Someone arrived late: stamp their arrival, mark them present, minute it under the current item."""
    def arrive(person: Person, at: str) -> dict[str, str]:
        changes = {"arrived": at}
        if person.attendance not in ATTENDING:
            changes["attendance"] = "present" if person.group == "member" else "in_attendance"
        return changes
    return _came_or_went(store, meeting_id, key, at, "arrival", "arrived at the meeting", arrive)


def record_departure(store: Store, meeting_id: int, key: str, at: str | None = None) -> Change:
    """Someone left before the end: stamp their departure and minute it under the current item."""
    return _came_or_went(store, meeting_id, key, at, "departure", "left the meeting", lambda _p, at: {"left": at})


def _came_or_went(store: Store, meeting_id: int, key: str, at: str | None, label: str, words: str,
                  changes: Callable[[Person, str], dict[str, str]]) -> Change:
    """Stamp someone's coming or going on them and minute it under the current item (if there is one);
    the event entry's id is the result."""
    at = at or now_hhmm()
    meeting = store.load_meeting(meeting_id)
    person = _person(meeting, key)

    def record(rec: Recorder) -> int | None:
        rec.update_person(person.id, **changes(person, at))
        if meeting.current_item_id is None:
            return None
        return add_event(rec, meeting, meeting.current_item_id, key, words, at)
    return editing(store, meeting_id, label, record)


def declare_interest(store: Store, meeting_id: int, key: str, text: str, leaves_for_item: int | None = None,
                     at: str | None = None) -> Change:
    """Minute a declaration under the current item; with ``leaves_for_item``, the member leaves for that item.

    A disclosable pecuniary interest means the member leaves the room while the item is
    discussed. If that item is the current one the departure is minuted now; otherwise it is
    minuted when the meeting reaches the item, and the return when it moves on. Either way the
    member is left out of that item's vote. The declaration's id is the change's result.
    """
    check_editable(store, meeting_id)
    meeting = store.load_meeting(meeting_id)
    _person(meeting, key)
    if meeting.current_item_id is None:
        raise BadInput("Choose the agenda item the declaration is made under first.")
    if not text.strip():
        raise BadInput("Say what the interest is.")
    item = None
    if leaves_for_item is not None:
        item = next((i for i in meeting.items if i.id == leaves_for_item), None)
        if item is None:
            raise BadInput("That agenda item is not in this meeting.")
    rec = Recorder(store, meeting_id)
    with store.batch():
        eid = rec.add_entry(meeting.current_item_id, Entry(kind="declaration", person=key, text=text.strip()))
        if item is not None:
            rec.set_withdrawn(item.id, sorted(set(item.withdrawn) | {key}))
            if item.id == meeting.current_item_id and key not in out_of_room(item):
                add_event(rec, meeting, item.id, key, "left the meeting for this item", at or now_hhmm(),
                          left_room=True)
        return rec.change("declaration", result=eid)
