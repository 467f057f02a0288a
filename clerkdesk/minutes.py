"""A meeting laid out as its minutes read, for every writer to render.

The order is the attendance, then each item (minute heading, entries, supporting documents),
then "The meeting closed at …", then the actions table. The public version keeps an exempt
item's number and title with "This item was considered in private." and nothing else of it:
this module is the one place that decision is made, so no writer can leak Part 2 business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Item, Meeting, Person
from .wording import (Paragraph, Run, format_date, format_time, full_name, item_paragraphs,
                      name_for, referred_to_as)

PRIVATE_ITEM = "This item was considered in private."
CONFIDENTIAL_MARK = "CONFIDENTIAL – NOT FOR PUBLICATION"
# The actions table's heading and column headings, shared by the Word and HTML writers.
ACTIONS_HEADING = "Actions"
ACTION_COLUMNS = ("Minute", "Action", "Owner", "Due")
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
    def document_title(self) -> str:
        """The title a document of these minutes carries (Word's title property, HTML's <title>)."""
        return f"Minutes: {self.meeting_title}, {self.date}" if self.date else f"Minutes: {self.meeting_title}"


def item_heading(item: Item) -> str:
    """An item's heading: its minute number (or agenda number) and title."""
    number = (item.minute_number or item.number or "").strip()
    if not number:
        return item.title
    return f"{number}. {item.title}" if number.isdigit() else f"{number} {item.title}"


def _listed(person: Person, meeting: Meeting) -> str:
    """A person as the attendance block lists them."""
    text = full_name(person)
    if person.group == "member" and _MARKED_ROLES.match(person.role.strip()):
        text += f" ({person.role.strip()})"
    elif person.group != "member" and person.role.strip():
        text += f" ({person.role.strip()})"
    if person.attendance == "substitute" and person.substitute_for:
        text += f" (for {name_for(meeting, person.substitute_for)})"
    if person.attendance == "remote":
        text += " (remote)"
    return text


def _attendance(meeting: Meeting) -> list[Paragraph]:
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
    return [Paragraph("text", [Run(f"{label}:", bold=True), Run(" " + ", ".join(_listed(p, meeting) for p in who))])
            for label, who in groups if who]


def build_minutes(meeting: Meeting, confidential: bool = False) -> Minutes:
    """Lay out a meeting's minutes; the public version (the default) withholds exempt items."""
    time_text = format_time(meeting.start)
    minutes = Minutes(committee=meeting.committee.name, meeting_title=meeting.title,
                      date=format_date(meeting.date), time=time_text, venue=meeting.venue,
                      confidential=confidential)
    paras = minutes.paragraphs
    paras.extend(_attendance(meeting))
    for item in meeting.items:
        paras.append(Paragraph("heading", [Run(item_heading(item))]))
        if item.exempt and not confidential:
            paras.append(Paragraph("text", [Run(PRIVATE_ITEM)]))
            continue
        paras.extend(item_paragraphs(item.entries, meeting))
        if item.documents:
            paras.append(Paragraph("text", [Run("Documents:", bold=True), Run(" " + "; ".join(item.documents))]))
        for entry in item.entries:
            if entry.kind == "action":
                owner = meeting.person(entry.owner)
                minutes.actions.append(ActionRow(
                    minute=(item.minute_number or item.number), action=entry.text.strip(),
                    owner=referred_to_as(owner) if owner else (entry.owner or ""),
                    due=format_date(entry.due)))
    if meeting.end:
        paras.append(Paragraph("closing", [Run(f"The meeting closed at {format_time(meeting.end)}.")]))
    return minutes
