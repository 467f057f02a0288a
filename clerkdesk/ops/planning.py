"""Operations before and after the meeting: a new meeting, an agenda applied, a meeting file imported,
actions marked done, and the draft → final → approved status with its recorded unlock."""

from __future__ import annotations

from datetime import date as _date
from datetime import datetime

from clerkdesk.errors import BadInput
from clerkdesk.model import STATUSES, Item, Meeting, Unlock, check_date
from clerkdesk.planning import check_format, plan_meeting
from clerkdesk.store import Store
from .record import Change, Recorder, check_editable

# Approved minutes are the council's record; they change only after unlock().
_ALLOWED = {("draft", "final"), ("final", "draft"), ("final", "approved"), ("draft", "approved")}


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def import_meeting(store: Store, meeting: Meeting, copy: bool = False) -> Change:
    """Add a whole (validated) meeting; its id is the result.

    A meeting whose uid is already in the store is refused, unless ``copy`` makes it a new meeting.
    """
    if meeting.uid and store.meeting_with_uid(meeting.uid) is not None:
        if not copy:
            raise BadInput(f"That meeting is already here (meeting {store.meeting_with_uid(meeting.uid)}); "
                           "open it, or import a copy of it.")
        meeting.uid = ""
    mid = store.import_meeting(meeting)
    return Change(label="import meeting", meeting_id=mid, undoable=False, result=mid)


def open_or_import(store: Store, meeting: Meeting) -> Change:
    """The meeting a file holds: the one already in the store with its uid (taken out of the bin if it was
    there), else the file imported; its id is the result, and the label says which."""
    found = store.meeting_with_uid(meeting.uid) if meeting.uid else None
    if found is None:
        return import_meeting(store, meeting)
    if any(m.id == found for m in store.bin_meetings()):
        store.restore_meeting(found)
    return Change(label="already here", meeting_id=found, undoable=False, result=found)


def bin_meeting(store: Store, meeting_id: int) -> Change:
    """Move a meeting to the bin (it can be restored)."""
    store.delete_meeting(meeting_id)
    return Change(label="move to the bin", meeting_id=meeting_id, undoable=False, result=meeting_id)


def restore_meeting(store: Store, meeting_id: int) -> Change:
    """Take a meeting out of the bin."""
    store.restore_meeting(meeting_id)
    return Change(label="restore from the bin", meeting_id=meeting_id, undoable=False, result=meeting_id)


def duplicate_meeting(store: Store, meeting_id: int) -> Change:
    """A draft copy of a meeting, titled “… (copy)”, with a uid of its own; its id is the result."""
    mid = store.duplicate_meeting(meeting_id)
    return Change(label="duplicate meeting", meeting_id=mid, undoable=False, result=mid)


def new_meeting(store: Store, committee: str, title: str, date: str, start: str | None = None,
                venue: str = "") -> Change:
    """Create a meeting, starting from the committee's previous one when it met before; its id is the result.

    It gets the previous meeting's people (attendance reset; last time's substitutes left off),
    Apologies, Declarations, the previous minutes with a draft resolution approving them, an
    Action log of the committee's open actions, and minute numbers running on within the
    municipal year. It is written in one transaction.
    """
    mid = store.import_meeting(plan_meeting(store, committee, title, date, start, venue))
    return Change(label="new meeting", meeting_id=mid, undoable=False, result=mid)


def apply_agenda(store: Store, items: list[Item], meeting_id: int | None = None, committee: str | None = None,
                 date: str | None = None, title: str = "", start: str | None = None, venue: str = "") -> Change:
    """Write (corrected) agenda items; the meeting's id is the result.

    Into a meeting: opening items and items of the same title are updated, keeping their entries,
    the others added in the agenda's order, and minute numbers given to items without one.
    Without ``meeting_id``, a new meeting of the committee on that date is made from the agenda,
    planned from the committee's previous meeting as ``new_meeting`` does.
    """
    from clerkdesk.agenda_import import agenda_meeting, checked_items, merge_agenda
    from .agenda import give_minute_numbers

    items = checked_items(items)
    if meeting_id is None:
        mid = store.import_meeting(agenda_meeting(store, items, committee, date, title, start, venue))
        return Change(label="import agenda", meeting_id=mid, undoable=False, result=mid)
    check_editable(store, meeting_id)
    merged = merge_agenda(store.load_meeting(meeting_id).items, items)
    rec = Recorder(store, meeting_id)
    with store.batch():
        for index, item in enumerate(merged):
            if item.id is None:
                rec.add_item(meeting_id, item, index)
            else:
                rec.update_item(item.id, number=item.number, title=item.title, description=item.description,
                                exempt=item.exempt)
                rec.move_item(item.id, index)
        give_minute_numbers(rec, meeting_id)
        return rec.change("import agenda", result=meeting_id)


def mark_action_done(store: Store, entry_id: int, done: bool = True, on: str | None = None) -> Change:
    """Mark an action done (on a date, today by default) or not done again.

    The entry may be the original or a carried copy; all of them are marked, so the action leaves
    (or rejoins) the open list everywhere. Allowed on approved minutes: it records what happened
    since, not what was minuted.
    """
    when = (check_date(on, "date done") or _date.today().isoformat()) if done else None
    family = store.action_family(entry_id)
    if not family:
        raise BadInput(f"Entry {entry_id} is not an action in a meeting in this data folder.")
    rec = Recorder(store, store.meeting_of(entry_id=entry_id))
    with store.batch():
        for target in family:
            rec.update_entry(target, done=when)
        return rec.change("action done" if done else "action not done")


def set_status(store: Store, meeting_id: int, status: str) -> Change:
    """Move a meeting between draft, final and approved; approved minutes only move by unlock()."""
    if status not in STATUSES:
        raise BadInput(f"“{status}” is not a meeting status; use one of: {', '.join(STATUSES)}.")
    current = store.meeting_status(meeting_id)
    rec = Recorder(store, meeting_id)
    if current == status:
        return rec.change("status")
    if (current, status) not in _ALLOWED:
        raise BadInput("These minutes have been approved; unlock them first if they really must change.")
    with store.batch():
        rec.update_meeting(status=status)
        if status == "approved":
            rec.set_approved_at(_now())
        return rec.change(f"mark {status}")


def unlock(store: Store, meeting_id: int, reason: str = "") -> Change:
    """Deliberately unlock approved minutes: they go back to final, and the time (and reason) is kept."""
    if store.meeting_status(meeting_id) != "approved":
        raise BadInput("These minutes are not approved, so there is nothing to unlock.")
    rec = Recorder(store, meeting_id)
    with store.batch():
        rec.update_meeting(status="final")
        rec.add_unlock(Unlock(at=_now(), reason=reason.strip()))
        return rec.change("unlock approved minutes")


def set_minute_format(store: Store, committee: str, minute_format: str) -> Change:
    """Change how a committee numbers its minutes (the format must hold {n})."""
    store.set_minute_format(committee, check_format(minute_format))
    return Change(label="minute numbers", meeting_id=None, undoable=False)
