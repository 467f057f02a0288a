"""What a clerk does to a meeting while it runs, when that is more than one store call.

Starting and closing the meeting, moving between items, a late arrival or an early
departure, a member leaving the room for an item after declaring an interest, and the
exclusion of the public before an exempt item. The window and the command line share these
plain functions; each takes a ``Store`` and is one transaction (``store.batch()``), so a
crash never leaves half of a clerk's action on disk.

Times are "HH:MM" strings; ``at`` defaults to the clock. Whether the meeting is running is
kept in the meeting's ``extra`` as ``live_started`` (when the clerk pressed Start), so a
restart during the meeting carries on stamping item times.
"""

from __future__ import annotations

from datetime import datetime

from .errors import BadInput
from .model import ATTENDING, Entry, Item, Meeting
from .store import Store
from .wording import name_for

EXCLUSION_TITLE = "Exclusion of the Press and Public"
EXEMPT_PARAGRAPHS = range(1, 8)  # Part 1 of Schedule 12A has paragraphs 1 to 7


def now_hhmm() -> str:
    """The clock as "HH:MM"."""
    return datetime.now().strftime("%H:%M")


# -- the meeting ------------------------------------------------------------------------


def is_running(meeting: Meeting) -> bool:
    """Whether the clerk has started the meeting and not yet closed it."""
    return bool(meeting.extra.get("live_started")) and not meeting.end


def started_at(meeting: Meeting) -> datetime | None:
    """When the clerk pressed Start (to the second), for the elapsed-time clock; None if not started."""
    stamp = meeting.extra.get("live_started")
    try:
        return datetime.fromisoformat(stamp) if stamp else None
    except ValueError:
        return None


def _current(meeting: Meeting) -> Item | None:
    return next((i for i in meeting.items if i.id == meeting.current_item_id), None)


def start_meeting(store: Store, meeting_id: int, at: str | None = None) -> str:
    """Stamp the start time (and the current item's start); returns the time stamped."""
    at = at or now_hhmm()
    meeting = store.load_meeting(meeting_id)
    item = _current(meeting) or (meeting.items[0] if meeting.items else None)
    with store.batch():
        store.update_meeting(meeting_id, start=at, end=None)
        # To the second when stamped from the clock, so the header's elapsed time is exact.
        store.set_meeting_extra(meeting_id, live_started=datetime.now().isoformat(timespec="seconds")
                                if at == now_hhmm() else f"{meeting.date}T{at}:00")
        if item is not None:
            if not item.started:
                store.update_item(item.id, started=at)
            store.set_current(meeting_id, item.id, meeting.current_speaker)
    return at


def close_meeting(store: Store, meeting_id: int, at: str | None = None) -> str:
    """Stamp the end time and end the current item (members out of the room return); returns the time."""
    at = at or now_hhmm()
    meeting = store.load_meeting(meeting_id)
    item = _current(meeting)
    with store.batch():
        if item is not None:
            _leave_item(store, meeting, item, at)
        store.update_meeting(meeting_id, end=at)
    return at


def go_to_item(store: Store, meeting_id: int, item_id: int, at: str | None = None) -> None:
    """Make an item current; while the meeting runs, end the one left and start the one entered.

    Members who left the room for the item being left are minuted as returning; members who
    said they would leave for the item being entered are minuted as leaving.
    """
    meeting = store.load_meeting(meeting_id)
    target = next((i for i in meeting.items if i.id == item_id), None)
    if target is None:
        raise BadInput("That agenda item is not in this meeting.")
    previous = _current(meeting)
    with store.batch():
        if is_running(meeting) and previous is not target:
            at = at or now_hhmm()
            if previous is not None:
                _leave_item(store, meeting, previous, at)
            if not target.started:
                store.update_item(item_id, started=at)
            for key in target.extra.get("withdrawn", []):
                if key not in out_of_room(target):
                    _add_event(store, meeting, item_id, key, "left the meeting for this item", at, "left_room")
        store.set_current(meeting_id, item_id, meeting.current_speaker)


def _leave_item(store: Store, meeting: Meeting, item: Item, at: str) -> None:
    if item.started:
        store.update_item(item.id, ended=at)
    for key in sorted(out_of_room(item)):
        _add_event(store, meeting, item.id, key, "returned to the meeting", at, "returned")


def _add_event(store: Store, meeting: Meeting, item_id: int, key: str, words: str, at: str,
               mark: str | None = None) -> int:
    text = f"{name_for(meeting, key)} {words}"
    return store.add_entry(item_id, Entry(kind="event", text=text, at=at, extra={mark: key} if mark else {}))


# -- people -----------------------------------------------------------------------------


def _person(meeting: Meeting, key: str):
    person = meeting.person(key)
    if person is None or person.id is None:
        raise BadInput("That person is not at this meeting.")
    return person


def record_arrival(store: Store, meeting_id: int, key: str, at: str | None = None) -> int | None:
    """Someone arrived late: stamp their arrival, mark them present, minute it under the current item.

    Returns the event entry's id (None when there is no current item to minute it under).
    """
    at = at or now_hhmm()
    meeting = store.load_meeting(meeting_id)
    person = _person(meeting, key)
    with store.batch():
        changes: dict[str, str] = {"arrived": at}
        if person.attendance not in ATTENDING:
            changes["attendance"] = "present" if person.group == "member" else "in_attendance"
        store.update_person(person.id, **changes)
        if meeting.current_item_id is not None:
            return _add_event(store, meeting, meeting.current_item_id, key, "arrived at the meeting", at)
    return None


def record_departure(store: Store, meeting_id: int, key: str, at: str | None = None) -> int | None:
    """Someone left before the end: stamp their departure and minute it under the current item."""
    at = at or now_hhmm()
    meeting = store.load_meeting(meeting_id)
    person = _person(meeting, key)
    with store.batch():
        store.update_person(person.id, left=at)
        if meeting.current_item_id is not None:
            return _add_event(store, meeting, meeting.current_item_id, key, "left the meeting", at)
    return None


def out_of_room(item: Item) -> set[str]:
    """People minuted as having left the room for this item and not yet back."""
    out: set[str] = set()
    for entry in item.entries:
        if entry.kind != "event":
            continue
        if entry.extra.get("left_room"):
            out.add(entry.extra["left_room"])
        elif entry.extra.get("returned"):
            out.discard(entry.extra["returned"])
    return out


def declare_interest(store: Store, meeting_id: int, key: str, text: str, leaves_for_item: int | None = None,
                     at: str | None = None) -> int:
    """Minute a declaration under the current item; with ``leaves_for_item``, the member leaves for that item.

    A disclosable pecuniary interest means the member leaves the room while the item is
    discussed. If that item is the current one the departure is minuted now; otherwise it is
    minuted when the meeting reaches the item, and the return when it moves on. Either way the
    member is left out of that item's vote. Returns the declaration's id.
    """
    meeting = store.load_meeting(meeting_id)
    _person(meeting, key)
    if meeting.current_item_id is None:
        raise BadInput("Choose the agenda item the declaration is made under first.")
    if not text.strip():
        raise BadInput("Say what the interest is.")
    with store.batch():
        eid = store.add_entry(meeting.current_item_id, Entry(kind="declaration", person=key, text=text.strip()))
        if leaves_for_item is not None:
            item = next((i for i in meeting.items if i.id == leaves_for_item), None)
            if item is None:
                raise BadInput("That agenda item is not in this meeting.")
            withdrawn = sorted(set(item.extra.get("withdrawn", [])) | {key})
            store.set_item_extra(item.id, withdrawn=withdrawn)
            if item.id == meeting.current_item_id and key not in out_of_room(item):
                _add_event(store, meeting, item.id, key, "left the meeting for this item", at or now_hhmm(),
                           "left_room")
    return eid


def voting_members(meeting: Meeting, item: Item | None) -> list[str]:
    """Keys of the members who can vote on an item: members present (substitutes in place of
    whom they replace), not gone home, and not out of the room for the item."""
    away = set()
    if item is not None:
        away = out_of_room(item) | set(item.extra.get("withdrawn", []))
    return [p.key for p in meeting.people
            if p.group == "member" and p.attendance in ("present", "substitute", "remote")
            and not p.left and p.key not in away]


def check_vote(entry: Entry) -> None:
    """Raise BadInput when a recorded vote's counts do not agree with its names."""
    if not entry.recorded:
        return
    for side, count in (("for", entry.votes_for), ("against", entry.votes_against),
                        ("abstain", entry.votes_abstain)):
        names = len(entry.recorded.get(side, []) or [])
        if (count or 0) != names:
            label = {"for": "For", "against": "Against", "abstain": "Abstentions"}[side]
            raise BadInput(f"{label} is {count or 0} but {names} member{'s' if names != 1 else ''} "
                           f"{'are' if names != 1 else 'is'} ticked; make them agree.")
    ticked = [k for side in ("for", "against", "abstain") for k in entry.recorded.get(side, []) or []]
    if len(ticked) != len(set(ticked)):
        raise BadInput("A member is ticked on more than one side of the vote.")


def vote_outcome(votes_for: int, votes_against: int) -> str:
    """Carried when more are for than against, otherwise lost (the Chair's casting vote is typed as a vote)."""
    return "carried" if votes_for > votes_against else "lost"


def record_vote(store: Store, item_id: int, entry: Entry) -> int:
    """Add a vote entry once its counts and names agree; returns its id."""
    if entry.kind != "vote":
        raise BadInput("That is not a vote.")
    check_vote(entry)
    return store.add_entry(item_id, entry)


# -- exempt items -----------------------------------------------------------------------


def exclusion_resolution(paragraph: int) -> str:
    """The standard resolution excluding the public under Section 100A(4), citing a paragraph of Schedule 12A."""
    if paragraph not in EXEMPT_PARAGRAPHS:
        raise BadInput("The exempt information paragraph is a number from 1 to 7.")
    return ("that under Section 100A(4) of the Local Government Act 1972 the public be excluded from the meeting "
            "for the following item on the grounds that it involves the likely disclosure of exempt information "
            f"as defined in Paragraph {paragraph} of Part 1 of Schedule 12A of the Act.")


def mark_exempt(store: Store, meeting_id: int, item_id: int, paragraph: int | None = None) -> int | None:
    """Mark an item exempt (Part 2); with ``paragraph``, minute the exclusion resolution before it.

    The resolution goes in a public item just before the exempt one — the item before it when
    that is already the exclusion item, else a new "Exclusion of the Press and Public" item —
    because an exempt item's own entries never reach the public minutes. Returns the
    resolution's id, or None without a paragraph.
    """
    text = exclusion_resolution(paragraph) if paragraph is not None else None
    meeting = store.load_meeting(meeting_id)
    index = next((n for n, i in enumerate(meeting.items) if i.id == item_id), None)
    if index is None:
        raise BadInput("That agenda item is not in this meeting.")
    with store.batch():
        store.update_item(item_id, exempt=True)
        if text is None:
            return None
        before = meeting.items[index - 1] if index > 0 else None
        if before is not None and not before.exempt and "exclusion" in before.title.lower():
            target = before.id
        else:
            target = store.add_item(meeting_id, Item(number="", title=EXCLUSION_TITLE), index)
        return store.add_entry(target, Entry(kind="resolution", text=text))


def unmark_exempt(store: Store, item_id: int) -> None:
    """Make an item public again (the exclusion resolution, if any, is left for the clerk to delete)."""
    store.update_item(item_id, exempt=False)


def previous_speaker(item: Item | None, current: str | None) -> str | None:
    """Who spoke last under the item before the current speaker, for "in response to"."""
    if item is None:
        return None
    for entry in reversed(item.entries):
        if entry.kind == "speech" and entry.speaker and entry.speaker != current:
            return entry.speaker
    return None
