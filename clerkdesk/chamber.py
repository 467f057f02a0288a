"""What the chamber screen may show the room right now, decided from the meeting alone.

The chamber screen is public: a projector or a second screen in the council chamber. What it
shows is worked out here, without Qt, as one plain ``ChamberState``; the window only draws it.
The rule that matters most lives here too: during an exempt (Part 2) item the screen says only
that the press and public have been excluded — no title (unless the committee has said its Part
2 titles are public), no speaker, no queue, no vote — and it never shows notes, drafts or
anything else the clerk is typing.

Times are seconds (``speaking_seconds``, ``vote_age``) measured by the caller's clock.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import BadInput
from .model import Entry, Item, Meeting
from .wording import format_date, format_time, referred_to_as

PART2_NOTICE = "Part 2 — the press and public have been excluded"
NOT_STARTED = "The meeting will begin shortly"
CLOSED = "The meeting has closed"
AMBER_BEFORE = 30  # seconds left when the speaking timer turns amber
VOTE_SHOWN_FOR = 30  # seconds a recorded vote's result stays on the screen
QUEUE_SHOWN = 4  # people waiting shown by name; the rest are counted
MAX_LIMIT = 4 * 3600
OUTCOME_WORDS = {"carried": "CARRIED", "lost": "LOST", "withdrawn": "WITHDRAWN"}
# The chamber screen's own navy, its bands and the rule under its heading (resources/chamber.qss).
HOUSE_PAGE, HOUSE_BAND, HOUSE_RULE = "#10233d", "#1f3a5f", "#5b7aa3"
# Word's own "Dark 2" colours (2007–2010, 2013–2019, 2023 on): a template with one of them has not been
# given the council's colours.
_STOCK_DARK2 = {"1F497D", "44546A", "0E2841"}
_THEME_SLOTS = ("dk2", "accent1", "accent2")


@dataclass(frozen=True)
class Speaking:
    """Who has the floor, for how long, and how that stands against the committee's limit."""

    name: str
    seconds: int
    limit: int | None = None

    @property
    def level(self) -> str:
        """"normal"; "amber" from 30 s before the limit; "red" at the limit and after."""
        return timer_level(self.seconds, self.limit)

    @property
    def clock(self) -> str:
        """The time spoken as m:ss."""
        return clock(self.seconds)


@dataclass(frozen=True)
class VoteResult:
    """A recorded vote's figures and outcome, and when it was recorded ("7.45 pm")."""

    votes_for: int
    against: int
    abstain: int
    outcome: str  # CARRIED, LOST, WITHDRAWN, or "" when not given
    at: str


@dataclass(frozen=True)
class NextItem:
    """The item coming next; an exempt item's title is withheld ("") unless the committee makes it public."""

    number: str
    title: str
    exempt: bool = False


@dataclass(frozen=True)
class ChamberState:
    """Everything the chamber screen shows, and nothing it must not."""

    committee: str
    date: str  # "Thursday, 17 September 2026"
    item_number: str = ""
    item_title: str = ""
    notice: str = ""  # the Part 2 notice, or that the meeting has not begun or has closed
    private: bool = False  # the current item is exempt: the notice stands instead of the business
    speaking: Speaking | None = None
    queue: tuple[str, ...] = ()  # the first few waiting, as the minutes name them
    more_waiting: int = 0  # how many more wait beyond those named
    vote: VoteResult | None = None
    next_item: NextItem | None = None


def clock(seconds: int) -> str:
    """Seconds as m:ss ("2:05"); an hour or more as h:mm:ss."""
    seconds = max(0, int(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return f"{seconds // 60}:{seconds % 60:02d}"


def timer_level(seconds: float, limit: int | None) -> str:
    """How a speaker's time stands: "normal", "amber" (30 s or less left) or "red" (the limit reached)."""
    if not limit:
        return "normal"
    if seconds >= limit:
        return "red"
    return "amber" if limit - seconds <= AMBER_BEFORE else "normal"


def time_left_words(seconds: float, limit: int | None) -> str:
    """What the timer's colour means, in words, for those who cannot tell the colours apart."""
    level = timer_level(seconds, limit)
    if level == "red":
        return "time is up"
    if level == "amber":
        return f"{int(limit - seconds)} s left"
    return ""


_LIMIT = re.compile(r"^(?:(\d{1,3}):([0-5]\d)|(\d{1,5}))$")


def parse_limit(text: str | None) -> int | None:
    """A speaking-time limit as the clerk writes it ("3:00", "180" seconds; "", "none" or "off" for no
    limit) in seconds; BadInput otherwise."""
    value = (text or "").strip().lower()
    if value in ("", "none", "off", "0", "0:00"):
        return None
    m = _LIMIT.match(value)
    if m is None:
        raise BadInput(f"“{text}” is not a speaking time; write minutes and seconds (3:00) or seconds (180), "
                       "or none.")
    seconds = int(m[3]) if m[3] else int(m[1]) * 60 + int(m[2])
    return check_limit(seconds)


def check_limit(seconds: int | None) -> int | None:
    """A speaking-time limit in seconds (None: no limit), checked; BadInput when it cannot be one."""
    if seconds is None or seconds == 0:
        return None
    if isinstance(seconds, bool) or not isinstance(seconds, int) or not 0 < seconds <= MAX_LIMIT:
        raise BadInput(f"A speaking-time limit must be between 1 second and {MAX_LIMIT // 3600} hours, "
                       f"not {seconds!r}.")
    return seconds


def format_limit(seconds: int | None) -> str:
    """A limit as the clerk writes it: "3:00", or "none"."""
    return clock(seconds) if seconds else "none"


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two "#rrggbb" colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def council_colours(template: Path | str | None) -> tuple[str, str, str] | None:
    """The chamber screen's page, band and rule colours from a council's Word template: its theme's
    Dark 2 (else Accent 1, Accent 2) when white text on it has at least 7:1 contrast, a lighter band of it
    that keeps 4.5:1, and a lighter rule still. None — the house navy — for no template, one left in
    Word's own colours, or one that cannot be read (the screen never fails for a template)."""
    if not template:
        return None
    try:
        with zipfile.ZipFile(template) as z:
            theme = z.read("word/theme/theme1.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return None
    scheme = re.search(r"<a:clrScheme\b.*?</a:clrScheme>", theme, re.DOTALL)
    found = dict(re.findall(r"<a:(dk2|accent1|accent2)>\s*<a:srgbClr val=\"([0-9A-Fa-f]{6})\"",
                            scheme.group(0) if scheme else ""))
    if found.get("dk2", "").upper() in _STOCK_DARK2:
        return None
    for slot in _THEME_SLOTS:
        page = f"#{found[slot].lower()}" if slot in found else ""
        if page and contrast("#ffffff", page) >= 7:
            band = _mix(page, "#ffffff", 0.12)
            return page, band if contrast("#ffffff", band) >= 4.5 else page, _mix(page, "#ffffff", 0.4)
    return None


def _mix(a: str, b: str, share: float) -> str:
    ca = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(ca, cb, strict=True))


def _next_after(meeting: Meeting, item: Item | None) -> Item | None:
    if item is None:
        return meeting.items[0] if meeting.items else None
    ids = [i.id for i in meeting.items]
    at = ids.index(item.id) if item.id in ids else -1
    return meeting.items[at + 1] if 0 <= at < len(ids) - 1 else None


def _next_item(meeting: Meeting, item: Item | None) -> NextItem | None:
    if item is None:
        return None
    if item.exempt and not meeting.committee.exempt_titles_public:
        return NextItem(item.number, "", True)
    return NextItem(item.number, item.title, item.exempt)


def concluded(item: Item) -> bool:
    """Whether the item's business looks done — it has ended, or a resolution or a decided vote is
    minuted — so the room is between items and is told what comes next."""
    return bool(item.ended) or any(e.kind == "resolution" or (e.kind == "vote" and e.outcome) for e in item.entries)


def _vote(meeting: Meeting, vote_id: int | None, vote_age: float, recorded_at: str | None) -> VoteResult | None:
    if vote_id is None or vote_age >= VOTE_SHOWN_FOR:
        return None
    for item in meeting.items:
        for entry in item.entries:
            if entry.id == vote_id:
                return None if item.exempt or entry.kind != "vote" else _result(entry, recorded_at)
    return None  # undone or deleted: nothing to show


def _result(entry: Entry, recorded_at: str | None) -> VoteResult:
    return VoteResult(votes_for=entry.votes_for or 0, against=entry.votes_against or 0,
                      abstain=entry.votes_abstain or 0, outcome=OUTCOME_WORDS.get(entry.outcome or "", ""),
                      at=format_time(entry.at or recorded_at))


def chamber_state(meeting: Meeting, item_id: int | None, speaker: str | None = None, speaking_seconds: float = 0,
                  queue: list[str] | tuple[str, ...] = (), vote_id: int | None = None, vote_age: float = 0,
                  vote_recorded_at: str | None = None) -> ChamberState:
    """What the chamber screen shows now.

    ``item_id`` is the current item, ``speaker`` the key of who has the floor (for
    ``speaking_seconds``), ``queue`` the keys of those waiting, and ``vote_id`` the vote entry
    recorded ``vote_age`` seconds ago at ``vote_recorded_at`` ("HH:MM"; the entry's own time wins).
    """
    committee = meeting.committee
    base = {"committee": committee.name, "date": format_date(meeting.date)}
    item = next((i for i in meeting.items if i.id == item_id), None)
    if meeting.end:
        return ChamberState(**base, notice=CLOSED)
    if item is not None and item.exempt:
        public_title = committee.exempt_titles_public
        return ChamberState(**base, item_number=item.number if public_title else "",
                            item_title=item.title if public_title else "", notice=PART2_NOTICE, private=True)
    person = meeting.person(speaker)
    speaking = Speaking(referred_to_as(person), int(speaking_seconds), committee.speaking_limit) if person else None
    names = [referred_to_as(p) for p in (meeting.person(k) for k in queue) if p is not None]
    shared = {**base, "speaking": speaking, "queue": tuple(names[:QUEUE_SHOWN]),
              "more_waiting": max(0, len(names) - QUEUE_SHOWN),
              "vote": _vote(meeting, vote_id, vote_age, vote_recorded_at)}
    if not meeting.live_started and (item is None or not item.started):
        return ChamberState(**shared, notice=NOT_STARTED, next_item=_next_item(meeting, item or _next_after(meeting, None)))
    if item is None:
        return ChamberState(**shared)
    upcoming = _next_item(meeting, _next_after(meeting, item)) if concluded(item) else None
    return ChamberState(**shared, item_number=item.number, item_title=item.title, next_item=upcoming)
