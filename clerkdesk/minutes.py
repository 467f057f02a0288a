"""A meeting laid out as its minutes read, for every writer to render.

The order is the attendance, then each item (minute heading, entries, supporting documents),
then "The meeting closed at …", then the actions table. The public version keeps an exempt
item's number and title with "This item was considered in private." and nothing else of it:
this module is the one place that decision is made, so no writer can leak Part 2 business.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .house_style import DEFAULT, HouseStyle
from .model import Item, Meeting, Person
from .quorum import Moment, adjournment, sentences, timeline
from .wording import (Paragraph, Run, format_date, format_time, full_name, item_paragraphs,
                      name_for, referred_to_as)

PRIVATE_ITEM = "This item was considered in private."
CONFIDENTIAL_MARK = "CONFIDENTIAL – NOT FOR PUBLICATION"
# The actions table's heading and column headings, shared by the Word and HTML writers.
ACTIONS_HEADING = "Actions"
ACTION_COLUMNS = ("Minute", "Action", "Owner", "Due")
ATTENDANCE_HEADING = "Attendance"
_COUNCILLOR_TITLES = ("councillor", "cllr", "cllr.")
_MARKED_ROLES = re.compile(r"^((vice|deputy)[- ])?(chair|chairman|chairwoman|chairperson)$", re.I)


@dataclass
class ActionRow:
    """A row of the actions table."""

    minute: str
    action: str
    owner: str
    due: str


@dataclass
class Minutes:
    """Everything a writer needs: the placeholder values, the paragraphs and the actions."""

    committee: str
    meeting_title: str
    date: str
    time: str
    venue: str
    confidential: bool
    paragraphs: list[Paragraph] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    style: HouseStyle = DEFAULT

    @property
    def placeholders(self) -> dict[str, str]:
        """Values for the template placeholders other than ``{{minutes}}``."""
        return {"committee": self.committee, "meeting_title": self.meeting_title,
                "date": self.date, "time": self.time, "venue": self.venue}

    @property
    def when(self) -> str:
        """Date and start time on one line: "Thursday, 17 September 2026, 6.30 pm"."""
        return ", ".join(part for part in (self.date, self.time) if part)

    @property
    def heading(self) -> str:
        """The minutes' own heading: "Minutes of the Community Safety Scrutiny Committee"."""
        title = self.meeting_title.strip() or self.committee
        return f"Minutes of the {title[4:] if title.lower().startswith('the ') else title}"

    @property
    def held(self) -> str:
        """"Minutes of the meeting held on Thursday, 17 September 2026 at 6.30 pm"."""
        if not self.date:
            return "Minutes of the meeting"
        return f"Minutes of the meeting held on {self.date}" + (f" at {self.time}" if self.time else "")

    @property
    def title_block(self) -> list[Paragraph]:
        """The house title block, for a template whose body has no slot for the date."""
        block = [Paragraph("title", [Run(self.committee or self.meeting_title)]), Paragraph("text", [Run(self.held)])]
        if self.venue.strip():
            block.append(Paragraph("text", [Run(self.venue.strip())]))
        return block

    @property
    def document_title(self) -> str:
        """The title a document of these minutes carries (Word's title property, HTML's <title>)."""
        return f"Minutes: {self.meeting_title}, {self.date}" if self.date else f"Minutes: {self.meeting_title}"


def item_heading(item: Item) -> str:
    """An item's heading: its minute number (or agenda number) and title."""
    number = (item.minute_number or item.number or "").strip()
    if not number:
        return item.title
    return f"{number}. {item.title}" if number.isdigit() else f"{number} {item.title}"


def _is_councillor(person: Person) -> bool:
    return person.title.strip().lower() in _COUNCILLOR_TITLES


def _notes(person: Person, meeting: Meeting, style: HouseStyle) -> str:
    """What follows a name in the attendance block: role (once), substitution, remote, times."""
    notes = []
    role = person.role.strip()
    if role and role.lower() not in full_name(person).lower():  # "Police and Crime Commissioner" says it
        notes.append(f"({role})")
    if person.attendance == "substitute" and person.substitute_for:
        notes.append(f"(for {name_for(meeting, person.substitute_for)})")
    if person.attendance == "remote":
        notes.append("(remote)")
    if person.group == "member" and not person.voting:
        notes.append("(non-voting)")
    if style.arrivals == "attendance" and person.attendance != "apologies":
        if (person.arrived and (not meeting.start or person.arrived > meeting.start)
                and not _minuted(meeting, person, person.arrived)):
            notes.append(f"(arrived at {format_time(person.arrived)})")
        if person.left and (not meeting.end or person.left < meeting.end) and not _minuted(meeting, person, person.left):
            notes.append(f"(left at {format_time(person.left)})")
    return "".join(" " + n for n in notes)


def _minuted(meeting: Meeting, person: Person, at: str) -> bool:
    """Whether an event under some item already says this person came or went at this time."""
    name = referred_to_as(person)
    return any(e.kind == "event" and e.at == at and name in e.text for i in meeting.items for e in i.entries)


def _and(names: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _listed(people: list[Person], meeting: Meeting, style: HouseStyle) -> str:
    """People as the attendance block lists them: "Councillors A (Chair), B and C; Dr D"."""
    if not style.group_councillors:
        return ", ".join(full_name(p) + _notes(p, meeting, style) for p in people)
    councillors = [p.name.strip() + _notes(p, meeting, style) for p in people if _is_councillor(p)]
    others = [full_name(p) + _notes(p, meeting, style) for p in people if not _is_councillor(p)]
    parts = []
    if councillors:
        parts.append(("Councillor " if len(councillors) == 1 else "Councillors ") + _and(councillors))
    if others:
        parts.append(_and(others))
    return "; ".join(parts)


def _attendance(meeting: Meeting, style: HouseStyle) -> list[Paragraph]:
    """The attendance block: Present (Chair first), Substitutes, Also present, Officers, Apologies."""
    people = meeting.people
    chair_first = sorted(
        (p for p in people if p.group == "member" and p.attendance in ("present", "remote")),
        key=lambda p: 0 if p.role.strip().lower() in ("chair", "chairman", "chairwoman", "chairperson")
        else 1 if _MARKED_ROLES.match(p.role.strip()) else 2)
    groups = [
        ("Present", chair_first),
        ("Substitutes", [p for p in people if p.attendance == "substitute"]),
        ("Also present", [p for p in people if p.group != "officer" and p.attendance == "in_attendance"]
         + [p for p in people if p.group == "guest" and p.attendance in ("present", "remote")]),
        ("Officers", [p for p in people if p.group == "officer"
                      and p.attendance in ("present", "in_attendance", "remote")]),
        ("Apologies", [p for p in people if p.attendance == "apologies"]),
    ]
    return [Paragraph("text", [Run(f"{label}:", bold=True), Run(" " + _listed(who, meeting, style))])
            for label, who in groups if who]


def build_minutes(meeting: Meeting, confidential: bool = False, style: HouseStyle | None = None) -> Minutes:
    """Lay out a meeting's minutes; the public version (the default) withholds exempt items."""
    style = style or DEFAULT
    time_text = format_time(meeting.start)
    minutes = Minutes(committee=meeting.committee.name, meeting_title=meeting.title,
                      date=format_date(meeting.date), time=time_text, venue=meeting.venue,
                      confidential=confidential, style=style)
    paras = minutes.paragraphs
    paras.extend(_attendance(meeting, style))
    quorum = timeline(meeting)
    said = sentences(meeting, quorum)
    paras.extend(_quorum_paragraphs(said, lambda m: m.item_index is None and m.after is None))
    for index, item in enumerate(meeting.items):
        heading = item_heading(item)
        if item.exempt and confidential and style.exempt_label.strip():
            heading += " " + style.exempt_label.strip()
        paras.append(Paragraph("heading", [Run(heading)]))
        here = [(m, text) for m, text in said if m.item_index == index]
        if item.exempt and not confidential:
            paras.append(Paragraph("text", [Run(PRIVATE_ITEM)]))
            paras.extend(_quorum_paragraphs(here, lambda m: True))  # when, not what: the public may know
            continue
        paras.extend(_with_quorum(item, meeting, here))
        if item.documents:
            paras.append(Paragraph("text", [Run(style.documents_label.strip(), bold=True),
                                            Run(" " + "; ".join(item.documents))]))
        for entry in item.entries:
            if entry.kind == "action":
                owner = meeting.person(entry.owner)
                minutes.actions.append(ActionRow(
                    minute=(item.minute_number or item.number), action=entry.text.strip(),
                    owner=referred_to_as(owner) if owner else (entry.owner or ""),
                    due=format_date(entry.due)))
    paras.extend(_quorum_paragraphs(said, lambda m: m.item_index is None and m.after == -1))
    if meeting.end:
        closing = adjournment(quorum) or f"The meeting closed at {format_time(meeting.end)}."
        paras.append(Paragraph("closing", [Run(closing)]))
    return minutes


def _quorum_paragraphs(said: list[tuple[Moment, str]], where: Callable[[Moment], bool]) -> list[Paragraph]:
    return [Paragraph("text", [Run(text)]) for m, text in said if where(m)]


def _with_quorum(item: Item, meeting: Meeting, said: list[tuple[Moment, str]]) -> list[Paragraph]:
    """An item's paragraphs with the quorum's sentences after the entry where each change happened."""
    paras = item_paragraphs(item.entries, meeting)
    for moment, text in reversed(sorted(said, key=lambda s: s[0].after)):  # later first: indexes hold
        # How many paragraphs the entries up to that one make (a joined entry adds none).
        at = len(item_paragraphs(item.entries[:moment.after + 1], meeting)) if moment.after >= 0 else 0
        paras.insert(at, Paragraph("text", [Run(text)]))
    return paras
