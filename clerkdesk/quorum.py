"""Whether the meeting can decide: who counts towards the quorum, the rule, and when it changed.

Who counts: voting members in the room. A substitute counts for the member they replace (one
seat, however the two are marked); members attending remotely count only when the committee
says so (``Committee.remote_counts``: in England remote attendance has not been presence since
2021); officers, guests and co-opted members without a vote (``Person.voting``) never count;
a member out of the room for a declared interest does not count for that item.

The rule is the committee's: a fixed number, or a fraction of the voting membership rounded
up with a minimum; a committee with neither has ``DEFAULT_QUORUM`` (one quarter, at least 3).

The timeline is derived from the record alone — people's ``arrived``/``left`` times, the
events minuted (leaving and returning to the room), items' ``started``/``ended`` times — so a
meeting typed live and one imported from a meeting file read the same. Each change in the count
is placed where it happened: under an item, after a given entry, so the minutes can say
"The meeting became inquorate at 8.15 pm." at that point.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from fractions import Fraction

from .errors import BadInput
from .live import out_of_room
from .model import Committee, Item, Meeting, Person

DEFAULT_FRACTION, DEFAULT_MINIMUM = "1/4", 3
_COUNTING = ("present", "substitute")
_AFTER_ALL = "24:00"  # later than any HH:MM
_FRACTION = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
_WORDS = {"a quarter": "1/4", "one quarter": "1/4", "a third": "1/3", "one third": "1/3", "a half": "1/2",
          "one half": "1/2", "half": "1/2", "quarter": "1/4", "third": "1/3"}


@dataclass(frozen=True)
class Rule:
    """How many members make a quorum: ``number``, or ``fraction`` of the membership, at least ``minimum``."""

    number: int | None = None
    fraction: str = ""
    minimum: int = 0

    def required(self, membership: int) -> int:
        """The quorum for a committee of this many voting members."""
        if self.number is not None:
            return self.number
        share = Fraction(self.fraction or DEFAULT_FRACTION)
        return max(self.minimum, math.ceil(share * membership))

    def describe(self) -> str:
        """"3", "1/4 (at least 3)"."""
        if self.number is not None:
            return str(self.number)
        return self.fraction + (f" (at least {self.minimum})" if self.minimum else "")


DEFAULT_QUORUM = Rule(fraction=DEFAULT_FRACTION, minimum=DEFAULT_MINIMUM)


def rule_of(committee: Committee) -> Rule:
    """The committee's rule, or the default when it has none."""
    if committee.quorum_number is not None:
        return Rule(number=committee.quorum_number)
    if committee.quorum_fraction:
        return Rule(fraction=committee.quorum_fraction, minimum=committee.quorum_minimum)
    return DEFAULT_QUORUM


def check_fraction(text: str) -> str:
    """A fraction "a/b" between 0 and 1 written canonically; raise BadInput otherwise."""
    m = _FRACTION.match(text)
    if not m or int(m[2]) == 0 or not 0 < int(m[1]) <= int(m[2]):
        raise BadInput(f"“{text}” is not a fraction of the membership; write it as e.g. 1/4 or 1/3.")
    return f"{int(m[1])}/{int(m[2])}"


def check_count(value: object, what: str = "quorum") -> int:
    """A whole number of members, 1 or more; raise BadInput otherwise."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1 or value > 10000:
        raise BadInput(f"The {what} “{value}” is not a number of members; give a whole number such as 3.")
    return value


def parse_rule(text: str) -> Rule | None:
    """The rule a clerk types: "3", "1/4", "1/4 at least 3", "one third, minimum 3"; "default" gives None."""
    words = " ".join(text.strip().lower().replace(",", " ").split())
    if words in ("default", ""):
        return None
    if words.isdigit():
        return Rule(number=check_count(int(words)))
    m = re.match(r"^(.*?)(?:\s+(?:at least|minimum|min|min\.)\s+(\d+))?$", words)
    share, minimum = m[1].strip(), m[2]
    share = _WORDS.get(share, share)
    return Rule(fraction=check_fraction(share), minimum=check_count(int(minimum), "minimum") if minimum else 0)


# -- who counts -------------------------------------------------------------------------


def _seat(meeting: Meeting, person: Person) -> str:
    """The seat a person fills: a substitute fills the seat of the member they replace."""
    if person.attendance == "substitute" and person.substitute_for:
        replaced = meeting.person(person.substitute_for)
        if replaced is not None and replaced.group == "member":
            return replaced.key
    return person.key


def _is_voting_member(person: Person) -> bool:
    return person.group == "member" and person.voting


def membership(meeting: Meeting) -> int:
    """The committee's voting membership at this meeting: its seats, however filled."""
    return len({_seat(meeting, p) for p in meeting.people if _is_voting_member(p)})


def required(meeting: Meeting) -> int:
    """How many members make a quorum at this meeting."""
    return rule_of(meeting.committee).required(membership(meeting))


def may_count(meeting: Meeting, person: Person) -> bool:
    """Whether this person counts towards the quorum when in the room."""
    if not _is_voting_member(person):
        return False
    return person.attendance in _COUNTING or (person.attendance == "remote" and meeting.committee.remote_counts)


def counted(meeting: Meeting, present: set[str], away: set[str] = frozenset()) -> int:
    """How many seats are filled by the people ``present`` who are not ``away`` (out of the room)."""
    return len({_seat(meeting, p) for p in meeting.people
                if p.key in present and p.key not in away and may_count(meeting, p)})


@dataclass(frozen=True)
class Status:
    """Whether the meeting can decide now: members counted, the quorum, and the membership."""

    counted: int
    quorum: int
    membership: int

    @property
    def quorate(self) -> bool:
        return self.counted >= self.quorum

    def summary(self) -> str:
        """"Quorate · 5 of 8 present · quorum 3"."""
        return (f"{'Quorate' if self.quorate else 'Inquorate'} · {self.counted} of {self.membership} present"
                f" · quorum {self.quorum}")


def status_now(meeting: Meeting, item: Item | None = None) -> Status:
    """The quorum as things stand: everyone marked present and not gone, less those out of the room for ``item``."""
    present = {p.key for p in meeting.people if not p.left}
    away = (out_of_room(item) | set(item.withdrawn)) if item is not None else set()
    return Status(counted(meeting, present, away), required(meeting), membership(meeting))


# -- the timeline -----------------------------------------------------------------------


@dataclass(frozen=True)
class Moment:
    """A change in the count: when, where in the record (item id, after which entry), and the new count.

    ``item_id`` None and ``after`` None: before the first item (the start); ``item_id`` None and
    ``after`` -1: after the last item (before the close). ``after`` -1 under an item: at its start.
    """

    at: str
    counted: int
    quorum: int
    item_id: int | None
    item_index: int | None
    after: int | None
    why: str = ""

    @property
    def quorate(self) -> bool:
        return self.counted >= self.quorum


@dataclass
class Timeline:
    """Every change in the count through the meeting, and the votes recorded while inquorate."""

    moments: list[Moment] = field(default_factory=list)
    inquorate_votes: list[tuple[int, int]] = field(default_factory=list)  # (item index, entry index)
    membership: int = 0
    quorum: int = 0
    end: str | None = None

    @property
    def quorate_at_end(self) -> bool:
        return not self.moments or self.moments[-1].quorate


def _item_times(meeting: Meeting) -> list[tuple[str, int]]:
    """Each item's time key (its start, else its first timed entry, else the item before's) and index."""
    keys, last = [], meeting.start or ""
    for n, item in enumerate(meeting.items):
        key = item.started or next((e.at for e in item.entries if e.at), None) or last
        keys.append((key, n))
        last = key
    return sorted(keys)


def _changes(meeting: Meeting) -> list[tuple[str, str, bool]]:
    """Arrivals and departures by time: (time, person key, arriving)."""
    out = []
    for p in meeting.people:
        if not may_count(meeting, p):
            continue
        if p.arrived and (not meeting.start or p.arrived > meeting.start):
            out.append((p.arrived, p.key, True))
        if p.left:
            out.append((p.left, p.key, False))
    return sorted(out, key=lambda c: (c[0], not c[2]))


def timeline(meeting: Meeting) -> Timeline:
    """The count through the meeting from its record; empty when the meeting has no times at all."""
    quorum, seats = required(meeting), membership(meeting)
    result = Timeline(membership=seats, quorum=quorum, end=meeting.end)
    order = _item_times(meeting)
    start = meeting.start or next((meeting.items[n].started for _k, n in order if meeting.items[n].started), None)
    if not start or not seats:  # not started, or no members listed: nothing to judge
        return result
    changes = _changes(meeting)
    present = {p.key for p in meeting.people
               if not (p.arrived and p.arrived > start) and not (p.left and p.left <= start)}
    away: set[str] = set()
    names = {p.key: p.name for p in meeting.people}
    state = {"count": counted(meeting, present, away), "t": start}
    result.moments.append(Moment(start, state["count"], quorum, None, None, None, "the meeting starts"))

    def note(at: str, item: Item | None, index: int | None, after: int | None, why: str) -> None:
        now = counted(meeting, present, away)
        if now != state["count"]:
            state["count"] = now
            result.moments.append(Moment(at, now, quorum, item.id if item else None, index, after, why))

    def advance(to: str, item: Item | None, index: int | None, after: int | None, inclusive: bool = True) -> None:
        while changes and (changes[0][0] < to or (inclusive and changes[0][0] == to)):
            at, key, arriving = changes.pop(0)
            (present.add if arriving else present.discard)(key)
            note(at, item, index, after, f"{names[key]} {'arrived' if arriving else 'left'}")
        state["t"] = max(state["t"], to)

    for key, n in order:
        item = meeting.items[n]
        if key:
            advance(key, item, n, -1)
        minuted = {e.left_room for e in item.entries if e.left_room}
        taken = bool(item.started or item.entries)  # an item not reached (deferred) has nobody out of its room
        away = set(item.withdrawn) - minuted if taken else set()
        note(item.started or state["t"], item, n, -1, "members out of the room for the item")
        for j, entry in enumerate(item.entries):
            if entry.at:
                advance(entry.at, item, n, j - 1, inclusive=False)
                advance(entry.at, item, n, j)
            if entry.left_room:
                away.add(entry.left_room)
                note(entry.at or state["t"], item, n, j, f"{names.get(entry.left_room, entry.left_room)} left the room")
            elif entry.returned:
                away.discard(entry.returned)
                note(entry.at or state["t"], item, n, j, f"{names.get(entry.returned, entry.returned)} returned")
            if entry.kind == "vote" and state["count"] < quorum:
                result.inquorate_votes.append((n, j))
        after = len(item.entries) - 1
        if item.ended:
            advance(item.ended, item, n, after)
        away = set()
        note(item.ended or state["t"], item, n, after, "members back in the room")
    advance(meeting.end or _AFTER_ALL, None, None, -1)  # not closed yet: every time stamped has passed
    return result


# -- in words ---------------------------------------------------------------------------


def sentences(meeting: Meeting, tl: Timeline | None = None) -> list[tuple[Moment, str]]:
    """What the minutes say of the quorum, and where: each change between quorate and inquorate."""
    from .wording import format_time

    tl = tl if tl is not None else timeline(meeting)
    out: list[tuple[Moment, str]] = []
    was_quorate, started_inquorate = True, False
    for n, m in enumerate(tl.moments):
        if n == 0:
            if not m.quorate:
                started_inquorate = True
                out.append((m, f"The meeting was inquorate at its start at {format_time(m.at)}."))
            was_quorate = m.quorate
            continue
        if m.quorate == was_quorate:
            continue
        if m.quorate:
            words = "became quorate" if started_inquorate else "was quorate again"
            out.append((m, f"The meeting {words} at {format_time(m.at)}."))
            started_inquorate = False
        else:
            out.append((m, f"The meeting became inquorate at {format_time(m.at)}."))
        was_quorate = m.quorate
    return out


def adjournment(tl: Timeline) -> str | None:
    """The closing words when the meeting ended without a quorum, else None."""
    from .wording import format_time

    if tl.moments and not tl.quorate_at_end and tl.end:
        return f"There being no quorum, the meeting was adjourned at {format_time(tl.end)}."
    return None


def vote_warning(meeting: Meeting, tl: Timeline | None = None) -> str | None:
    """One warning for an export when any vote was recorded while the meeting was inquorate, else None."""
    tl = tl if tl is not None else timeline(meeting)
    if not tl.inquorate_votes:
        return None
    where = sorted({(meeting.items[n].minute_number or meeting.items[n].number or meeting.items[n].title).strip()
                    for n, _j in tl.inquorate_votes})
    n = len(tl.inquorate_votes)
    return (f"{n} vote{'s were' if n > 1 else ' was'} recorded while the meeting was inquorate "
            f"(item {', '.join(where)}); a decision taken without a quorum is not valid.")


def timeline_lines(meeting: Meeting) -> list[str]:
    """The timeline for the command line: one line per change in the count."""
    tl = timeline(meeting)
    items = {i.id: i for i in meeting.items}
    lines = []
    for m in tl.moments:
        item = meeting.items[m.item_index] if m.item_index is not None else items.get(m.item_id)
        where = f"item {item.number or item.title}" if item else ("start" if m.after is None else "end")
        state = "quorate" if m.quorate else "inquorate"
        lines.append(f"{m.at}  {m.counted} of {tl.membership} members counted  quorum {m.quorum}  {state:<9}  "
                     f"{where}: {m.why}")
    if meeting.end:
        lines.append(f"{meeting.end}  the meeting closed " + ("quorate" if tl.quorate_at_end else "inquorate"))
    return lines
