"""What the live meeting's state means: whether it runs, who is out of the room, who may vote,
who spoke last, what the clerk's typing makes, and the exclusion resolution's words.

These read a ``Meeting``; the changes themselves are operations in ``clerkdesk.ops``. Times are
"HH:MM" strings. Whether the meeting is running is ``Meeting.live_started`` (when the clerk
pressed Start), so a restart during the meeting carries on stamping item times.
"""

from __future__ import annotations

from datetime import datetime

from .errors import BadInput
from .model import Entry, Item, Meeting

EXCLUSION_TITLE = "Exclusion of the Press and Public"
EXEMPT_PARAGRAPHS = range(1, 8)  # Part 1 of Schedule 12A has paragraphs 1 to 7


def now_hhmm() -> str:
    """The clock as "HH:MM"."""
    return datetime.now().strftime("%H:%M")


# -- the meeting ------------------------------------------------------------------------


def is_running(meeting: Meeting) -> bool:
    """Whether the clerk has started the meeting and not yet closed it."""
    return bool(meeting.live_started) and not meeting.end


def started_at(meeting: Meeting) -> datetime | None:
    """When the clerk pressed Start (to the second), for the elapsed-time clock; None if not started."""
    stamp = meeting.live_started
    try:
        return datetime.fromisoformat(stamp) if stamp else None
    except ValueError:
        return None


# -- people -----------------------------------------------------------------------------


def out_of_room(item: Item) -> set[str]:
    """People minuted as having left the room for this item and not yet back."""
    out: set[str] = set()
    for entry in item.entries:
        if entry.kind != "event":
            continue
        if entry.left_room:
            out.add(entry.left_room)
        elif entry.returned:
            out.discard(entry.returned)
    return out


def voting_members(meeting: Meeting, item: Item | None) -> list[str]:
    """Keys of the members who can vote on an item: members present (substitutes in place of
    whom they replace) with a vote, not gone home, and not out of the room for the item."""
    away = set()
    if item is not None:
        away = out_of_room(item) | set(item.withdrawn)
    return [p.key for p in meeting.people
            if p.group == "member" and p.voting and p.attendance in ("present", "substitute", "remote")
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


# -- exempt items -----------------------------------------------------------------------


def exclusion_resolution(paragraph: int) -> str:
    """The standard resolution excluding the public under Section 100A(4), citing a paragraph of Schedule 12A."""
    if paragraph not in EXEMPT_PARAGRAPHS:
        raise BadInput("The exempt information paragraph is a number from 1 to 7.")
    return ("that under Section 100A(4) of the Local Government Act 1972 the public be excluded from the meeting "
            "for the following item on the grounds that it involves the likely disclosure of exempt information "
            f"as defined in Paragraph {paragraph} of Part 1 of Schedule 12A of the Act.")


def previous_speaker(item: Item | None, current: str | None) -> str | None:
    """Who spoke last under the item before the current speaker, for "in response to"."""
    if item is None:
        return None
    for entry in reversed(item.entries):
        if entry.kind == "speech" and entry.speaker and entry.speaker != current:
            return entry.speaker
    return None


def typed_entry(kind: str, text: str, speaker: str | None, item: Item | None = None, respond: bool = False,
                at: str | None = None) -> Entry:
    """The entry the entry line's kind and text make, with the current speaker.

    A speech "in response to" names whoever spoke before the speaker under the item; an action
    is the speaker's to do; an event is stamped with the time; a declaration is the speaker's.
    """
    if kind == "speech":
        other = previous_speaker(item, speaker) if respond else None
        return Entry(kind="speech", text=text, speaker=speaker, in_response_to=other)
    if kind == "action":
        return Entry(kind="action", text=text, owner=speaker)
    if kind == "event":
        return Entry(kind="event", text=text, at=at or now_hhmm())
    if kind == "declaration":
        return Entry(kind="declaration", text=text, person=speaker)
    return Entry(kind=kind, text=text)
