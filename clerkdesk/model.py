"""What a meeting holds, as plain dataclasses.

People and entries refer to each other by the person's ``key`` (the ``id`` of a meeting
file), which is unique within a meeting. Times are "HH:MM" strings and dates ISO
"YYYY-MM-DD" strings, as the clerk's meeting file has them; wording.py turns them into
"6.30 pm" and "Thursday, 17 September 2026".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as _date
from typing import Any

from .errors import BadInput

ATTENDANCE = ("present", "apologies", "absent", "substitute", "in_attendance", "remote")
GROUPS = ("member", "officer", "guest")
ENTRY_KINDS = ("note", "speech", "point", "resolution", "vote", "action", "declaration", "event")
OUTCOMES = ("carried", "lost", "withdrawn")
STATUSES = ("draft", "final", "approved")
LEVELS = (1, 2)

# Attendance states in which a person is in the room (or on the call) for the meeting.
ATTENDING = ("present", "substitute", "in_attendance", "remote")

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def check_time(value: str | None, what: str = "time") -> str | None:
    """Return a "HH:MM" time unchanged, None for no time; raise BadInput otherwise."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _TIME.match(value):
        raise BadInput(f"The {what} “{value}” is not a time; write it as 24-hour HH:MM, e.g. 18:30.")
    return value


def check_date(value: str | None, what: str = "date") -> str | None:
    """Return an ISO date unchanged, None for no date; raise BadInput otherwise."""
    if value is None or value == "":
        return None
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        _date.fromisoformat(value)
    except ValueError:
        raise BadInput(f"The {what} “{value}” is not a date; write it as YYYY-MM-DD, e.g. 2026-09-17.") from None
    return value


def check_choice(value: str, choices: tuple[str, ...], what: str) -> str:
    """Return value if it is one of choices; raise BadInput naming the choices otherwise."""
    if value not in choices:
        raise BadInput(f"“{value}” is not a {what}; use one of: {', '.join(choices)}.")
    return value


@dataclass
class Draft:
    """The entry the clerk is typing and has not yet added: kept so a crash loses at most a moment of it."""

    kind: str = "speech"
    text: str = ""
    respond: bool = False


@dataclass
class Unlock:
    """A deliberate unlock of approved minutes: when, and why."""

    at: str
    reason: str = ""


@dataclass
class CarriedFrom:
    """Where an action carried into an Action log was first minuted."""

    entry: int | None = None  # the original action's id in this store (None once it came from another machine)
    meeting: int | None = None
    date: str = ""
    item: str = ""
    minute: str = ""
    title: str = ""


@dataclass
class Committee:
    """A committee: its name, how its minutes are numbered and its usual template."""

    name: str
    minute_format: str = "{n}"
    default_template: str | None = None
    speaking_limit: int | None = None  # seconds a speaker has before the timer turns red; None: no limit
    exempt_titles_public: bool = False  # whether the chamber screen shows a Part 2 item's title
    # The quorum (clerkdesk.quorum): a fixed number of members, or a fraction of the voting
    # membership ("1/4") with a minimum; neither set means the default rule, DEFAULT_QUORUM.
    quorum_number: int | None = None
    quorum_fraction: str = ""
    quorum_minimum: int = 0
    remote_counts: bool = False  # whether members attending remotely count towards the quorum
    id: int | None = None


@dataclass
class Person:
    """Someone at (or sending apologies to) a meeting, with their attendance."""

    key: str
    name: str
    title: str = ""
    role: str = ""
    group: str = "member"
    attendance: str = "present"
    substitute_for: str | None = None  # a person key, or a name when they are not listed
    arrived: str | None = None
    left: str | None = None
    referred_to_as: str = ""  # "" means the default rule in wording.referred_to_as
    voting: bool = True  # False: a co-opted member without a vote, never counted towards the quorum
    extra: dict[str, Any] = field(default_factory=dict)
    id: int | None = None


@dataclass
class Entry:
    """One thing the clerk typed under an item; which fields matter depends on ``kind``."""

    kind: str
    text: str = ""
    speaker: str | None = None
    in_response_to: str | None = None
    person: str | None = None  # declaration
    at: str | None = None
    motion: str | None = None  # vote
    mover: str | None = None
    seconder: str | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    outcome: str | None = None
    recorded: dict[str, list[str]] | None = None  # {"for": [keys], "against": [...], "abstain": [...]}
    owner: str | None = None  # action: a person key or a name
    due: str | None = None
    done: str | None = None  # action: the ISO date it was done
    carried_from: CarriedFrom | None = None  # action: an earlier meeting's action carried forward
    left_room: str | None = None  # event: this person left the room for the item (a declared interest)
    returned: str | None = None  # event: this person came back into the room
    joins_previous: bool = False  # continues the previous entry's paragraph
    level: int = 1  # 2: a sub-point of the entry before
    extra: dict[str, Any] = field(default_factory=dict)
    id: int | None = None
    # When the clerk typed it (local ISO time, to the second): its place in the meeting's
    # recording. Session state: kept in the store, never in a meeting file; not part of what
    # makes two entries the same.
    typed_at: str | None = field(default=None, compare=False)


@dataclass
class Item:
    """An agenda item and the entries minuted under it."""

    number: str
    title: str
    minute_number: str = ""
    exempt: bool = False
    started: str | None = None
    ended: str | None = None
    description: str = ""
    documents: list[str] = field(default_factory=list)
    role: str = ""  # an opening item's role (apologies, declarations, minutes, actions…), so an agenda merges in
    withdrawn: list[str] = field(default_factory=list)  # keys of people who leave the room for this item
    entries: list[Entry] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    id: int | None = None


@dataclass
class Meeting:
    """One meeting of a committee: when and where, who came, and what was minuted."""

    committee: Committee
    title: str
    date: str
    start: str | None = None
    end: str | None = None
    venue: str = ""
    status: str = "draft"
    people: list[Person] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    uid: str = ""  # stable across machines; given on first import when empty
    approved_at: str | None = None  # when the minutes were approved (ISO, to the second)
    unlocks: list[Unlock] = field(default_factory=list)
    # Session state: kept in the store, never in a meeting file.
    current_item_id: int | None = None
    current_speaker: str | None = None
    live_started: str | None = None  # when the clerk pressed Start (ISO, to the second)
    previous_meeting_id: int | None = None  # the meeting this one was planned from, in this store
    draft: Draft | None = None
    ignored_words: list[str] = field(default_factory=list)  # proofing: words ignored in this meeting only
    extra: dict[str, Any] = field(default_factory=dict)  # unknown meeting-file fields, kept as they came
    id: int | None = None

    def person(self, key: str | None) -> Person | None:
        """The person with this key, or None."""
        if key is None:
            return None
        for p in self.people:
            if p.key == key:
                return p
        return None


@dataclass
class MeetingSummary:
    """A line in the list of meetings."""

    id: int
    committee: str
    title: str
    date: str
    status: str
    items: int


@dataclass
class SearchHit:
    """One meeting that matched a search, with its best-matching item and a snippet."""

    meeting_id: int
    committee: str
    title: str
    date: str
    item_id: int | None
    item_number: str | None
    item_title: str | None
    snippet: str
    exempt: bool = False  # the best item is Part 2: its snippet is for the clerk's eyes, not to publish
