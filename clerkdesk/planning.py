"""Before the meeting: a new meeting that starts from the committee's last one,
minute numbers, actions across meetings, and the draft → final → approved status rules.

Everything here is a plain core call on a ``Store``; the window and the command line share it.
Opening items carry ``extra["planning"]`` (see ``ROLE``) so that an agenda imported later
merges into them instead of duplicating them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as _date
from datetime import datetime

from .errors import BadInput
from .model import STATUSES, Committee, Entry, Item, Meeting, Person, check_date, check_time
from .store import Store
from .wording import format_date, referred_to_as

ROLE = "planning"  # key in Item.extra naming an opening item's role
APOLOGIES, DECLARATIONS, MINUTES, ACTIONS = "apologies", "declarations", "minutes", "actions"
EXEMPT_ACTIONS = "exempt_actions"
OPENING_TITLES = {APOLOGIES: "Apologies for Absence", DECLARATIONS: "Declarations of Interest",
                  MINUTES: "Minutes of the Previous Meeting", ACTIONS: "Action log",
                  EXEMPT_ACTIONS: "Action log (exempt items)"}
CARRIED = "carried_from"  # key in Entry.extra: where a carried action came from
DONE = "done"  # key in Entry.extra: the ISO date an action was done

_PLACEHOLDER = re.compile(r"\{(n|yy|yyyy)\}")


@dataclass
class OpenAction:
    """An action not yet done, with the meeting and item it was minuted under."""

    entry_id: int
    text: str
    owner: str  # as the minutes name them ("The Head of Community Safety"), or "" for nobody
    owner_key: str | None  # the person key at that meeting, or None when the owner is a plain name
    due: str | None
    committee: str
    meeting_id: int
    meeting_date: str
    item_id: int
    item_number: str
    item_title: str
    minute_number: str
    exempt: bool = False  # minuted under an exempt (Part 2) item


# -- minute numbers ------------------------------------------------------------------------


def municipal_year(iso: str) -> int:
    """The year in which the municipal year holding this date began (it runs May to April)."""
    d = _date.fromisoformat(iso)
    return d.year if d.month >= 5 else d.year - 1


def _check_format(fmt: str) -> str:
    if "{n}" not in fmt:
        raise BadInput(f"The committee's minute number format “{fmt}” has no {{n}} for the number; "
                       "use e.g. {n} or CS/{n}/{yy}.")
    return fmt


def format_minute_number(fmt: str, n: int, iso_date: str) -> str:
    """The minute number n in the committee's format, e.g. "CS/12/26"; {yy}/{yyyy} are the meeting's year."""
    year = iso_date[:4]
    values = {"n": str(n), "yy": year[2:], "yyyy": year}
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _check_format(fmt))


def parse_minute_number(fmt: str, text: str) -> int | None:
    """The n in a minute number written in the committee's format, or None when it does not fit."""
    pattern, named = "", False
    for part in re.split(r"(\{(?:n|yy|yyyy)\})", fmt):
        if part == "{n}":
            pattern += r"\d+" if named else r"(?P<n>\d+)"
            named = True
        elif part in ("{yy}", "{yyyy}"):
            pattern += r"\d{2}" if part == "{yy}" else r"\d{4}"
        else:
            pattern += re.escape(part)
    m = re.fullmatch(pattern, text.strip()) if named else None
    return int(m.group("n")) if m else None


def minute_number_base(store: Store, committee: str, iso_date: str, meeting_id: int | None = None) -> int:
    """The highest n the committee used earlier in the municipal year of iso_date (0 when none).

    Earlier means an earlier date, or the same date and an older meeting; meetings in the bin
    do not count.
    """
    fmt = _committee(store, committee).minute_format
    year = municipal_year(iso_date)
    best = 0
    for s in store.list_meetings(committee):
        if s.id == meeting_id or municipal_year(s.date) != year:
            continue
        if s.date < iso_date or (s.date == iso_date and (meeting_id is None or s.id < meeting_id)):
            for item in store.load_meeting(s.id).items:
                n = parse_minute_number(fmt, item.minute_number)
                best = max(best, n or 0)
    return best


def number_items(items: list[Item], fmt: str, iso_date: str, base: int) -> int:
    """Give every item without a minute number the next free n after base; returns how many.

    A number the clerk set is never changed; the count runs on past it and never reuses it.
    """
    used = {n for n in (parse_minute_number(fmt, i.minute_number) for i in items) if n is not None}
    n, numbered = base, 0
    for item in items:
        own = parse_minute_number(fmt, item.minute_number)
        if item.minute_number.strip():
            n = max(n, own or n)
            continue
        n += 1
        while n in used:
            n += 1
        item.minute_number = format_minute_number(fmt, n, iso_date)
        numbered += 1
    return numbered


def assign_minute_numbers(store: Store, meeting_id: int) -> int:
    """Number the meeting's items that have no minute number yet; returns how many were numbered."""
    meeting = store.load_meeting(meeting_id)
    check_editable(meeting)
    base = minute_number_base(store, meeting.committee.name, meeting.date, meeting_id)
    before = {i.id: i.minute_number for i in meeting.items}
    count = number_items(meeting.items, _check_format(meeting.committee.minute_format), meeting.date, base)
    with store.batch():
        for item in meeting.items:
            if item.id is not None and item.minute_number != before[item.id]:
                store.update_item(item.id, minute_number=item.minute_number)
    return count


# -- a new meeting -------------------------------------------------------------------------


def _committee(store: Store, name: str) -> Committee:
    name = name.strip()
    if not name:
        raise BadInput("A meeting needs a committee.")
    for c in store.committees():
        if c.name == name:
            return c
    return Committee(name=name)


def previous_meeting(store: Store, committee: str, iso_date: str) -> Meeting | None:
    """The committee's latest meeting dated before iso_date that is not in the bin, or None."""
    for s in store.list_meetings(committee.strip()):  # newest first
        if s.date < iso_date:
            return store.load_meeting(s.id)
    return None


def _opening(role: str, number: str, entries: list[Entry] | None = None, description: str = "") -> Item:
    return Item(number=number, title=OPENING_TITLES[role], description=description, entries=entries or [],
                extra={ROLE: role})


def plan_meeting(store: Store, committee: str, title: str, date: str, start: str | None = None,
                 venue: str = "") -> Meeting:
    """The new meeting as it would be created, not yet written: see ``new_meeting``."""
    if not check_date(date, "meeting date"):
        raise BadInput("A meeting needs a date.")
    check_time(start, "start time")
    c = _committee(store, committee)
    meeting = Meeting(committee=Committee(name=c.name, minute_format=c.minute_format,
                                          default_template=c.default_template),
                      title=title.strip() or c.name, date=date, start=start or None, venue=venue.strip())
    meeting.items = [_opening(APOLOGIES, "1"), _opening(DECLARATIONS, "2")]
    prev = previous_meeting(store, c.name, date) if c.id is not None else None
    if prev is not None:
        meeting.extra["previous_meeting"] = prev.id
        for p in prev.people:
            if p.attendance == "substitute":
                continue  # they stood in once; the member they replaced is still on the list
            meeting.people.append(Person(
                key=p.key, name=p.name, title=p.title, role=p.role, group=p.group,
                attendance="present" if p.group == "member" else "in_attendance",
                referred_to_as=p.referred_to_as, extra=dict(p.extra)))
        approve = Entry(kind="resolution", text=f"that the minutes of the meeting held on {format_date(prev.date)} "
                                                "be approved as a correct record and signed by the Chair.")
        meeting.items.append(_opening(MINUTES, "3", [approve]))
        keys = {p.key for p in meeting.people}
        actions = open_actions(store, c.name, before=date)
        carried = [_carried_entry(a, keys) for a in actions if not a.exempt]
        if carried:
            meeting.items.append(_opening(ACTIONS, "4", carried,
                                          "Matters arising: actions carried forward from earlier meetings."))
        # Actions minuted in private stay private: they go in an exempt item of their own, last,
        # where Part 2 business is taken, so a public export never shows them.
        private = [_carried_entry(a, keys) for a in actions if a.exempt]
        if private:
            meeting.items.append(_opening(EXEMPT_ACTIONS, "", private,
                                          "Actions carried forward from exempt items of earlier meetings."))
            meeting.items[-1].exempt = True
    base = minute_number_base(store, c.name, date) if c.id is not None else 0
    number_items(meeting.items, _check_format(c.minute_format), date, base)
    return meeting


def _carried_entry(action: OpenAction, keys: set[str]) -> Entry:
    # The owner stays a person key when they are at the new meeting too; otherwise their name.
    owner = action.owner_key if action.owner_key in keys else (action.owner or None)
    return Entry(kind="action", text=action.text, owner=owner, due=action.due, extra={CARRIED: {
        "entry": action.entry_id, "meeting": action.meeting_id, "date": action.meeting_date,
        "item": action.item_number, "minute": action.minute_number, "title": action.item_title}})


def new_meeting(store: Store, committee: str, title: str, date: str, start: str | None = None,
                venue: str = "") -> int:
    """Create a meeting, starting from the committee's previous one when it met before; returns its id.

    It gets the previous meeting's people (attendance reset; last time's substitutes left off),
    Apologies, Declarations, the previous minutes with a draft resolution approving them, an
    Action log of the committee's open actions, and minute numbers running on within the
    municipal year. It is written in one transaction.
    """
    return store.import_meeting(plan_meeting(store, committee, title, date, start, venue))


# -- actions across meetings ---------------------------------------------------------------


def open_actions(store: Store, committee: str | None = None, before: str | None = None) -> list[OpenAction]:
    """Actions not yet done, oldest first, of one committee (or all), from meetings dated before ``before``.

    A carried copy in an Action log is the same action as its original, so only the original is listed.
    """
    result = []
    for row in store.committee_actions(committee):
        e: Entry = row["entry"]
        if e.extra.get(DONE) or e.extra.get(CARRIED) or (before and row["meeting_date"] >= before):
            continue
        owner = referred_to_as(row["owner"]) if row["owner"] else (e.owner or "")
        result.append(OpenAction(
            entry_id=e.id, text=e.text, owner=owner, owner_key=e.owner if row["owner"] else None, due=e.due,
            committee=row["committee"], meeting_id=row["meeting_id"], meeting_date=row["meeting_date"],
            item_id=row["item_id"], item_number=row["item_number"], item_title=row["item_title"],
            minute_number=row["minute_number"], exempt=row["item_exempt"]))
    return result


def mark_action_done(store: Store, entry_id: int, done: bool = True, on: str | None = None) -> None:
    """Mark an action done (on a date, today by default) or not done again.

    The entry may be the original or a carried copy; both are marked, so the action leaves (or
    rejoins) the open list everywhere. Allowed on approved minutes: it records what happened
    since, not what was minuted.
    """
    when = (check_date(on, "date done") or _date.today().isoformat()) if done else None
    rows = store.committee_actions()
    row = next((r for r in rows if r["entry"].id == entry_id), None)
    if row is None:
        raise BadInput(f"Entry {entry_id} is not an action in a meeting in this data folder.")
    origin = (row["entry"].extra.get(CARRIED) or {}).get("entry", entry_id)
    targets = [r["entry"].id for r in rows
               if r["entry"].id == origin or (r["entry"].extra.get(CARRIED) or {}).get("entry") == origin]
    with store.batch():
        for target in targets:
            store.set_entry_extra(target, **{DONE: when})


# -- status --------------------------------------------------------------------------------

# Approved minutes are the council's record; they change only after unlock_approved().
_ALLOWED = {("draft", "final"), ("final", "draft"), ("final", "approved"), ("draft", "approved")}


def is_locked(meeting: Meeting) -> bool:
    """Whether the meeting's minutes are approved, so edits need a deliberate unlock first."""
    return meeting.status == "approved"


def check_editable(meeting: Meeting) -> None:
    """Raise BadInput when the meeting's minutes are approved and so may not be edited."""
    if is_locked(meeting):
        raise BadInput("These minutes have been approved; unlock them first if they really must change.")


def set_status(store: Store, meeting_id: int, status: str) -> None:
    """Move a meeting between draft, final and approved; approved minutes only move by unlock_approved()."""
    if status not in STATUSES:
        raise BadInput(f"“{status}” is not a meeting status; use one of: {', '.join(STATUSES)}.")
    meeting = store.load_meeting(meeting_id)
    if meeting.status == status:
        return
    if (meeting.status, status) not in _ALLOWED:
        raise BadInput("These minutes have been approved; unlock them first if they really must change.")
    with store.batch():
        store.update_meeting(meeting_id, status=status)
        if status == "approved":
            store.set_meeting_extra(meeting_id, approved=_now())


def unlock_approved(store: Store, meeting_id: int, reason: str = "") -> None:
    """Deliberately unlock approved minutes: they go back to final, and the time (and reason) is kept."""
    meeting = store.load_meeting(meeting_id)
    if meeting.status != "approved":
        raise BadInput("These minutes are not approved, so there is nothing to unlock.")
    unlocked = list(meeting.extra.get("unlocked", []))
    unlocked.append({"at": _now(), "reason": reason.strip()} if reason.strip() else {"at": _now()})
    with store.batch():
        store.update_meeting(meeting_id, status="final")
        store.set_meeting_extra(meeting_id, unlocked=unlocked)


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")
