"""How each entry reads in the minutes, decided once.

Every writer — plain text, Word, HTML — and the window's notes pane call these functions, so
"In response to Councillor O’Neill, the Head of Community Safety explained…" is worded in
exactly one place. Output is a list of ``Paragraph`` objects made of ``Run`` objects so that
each writer can apply its own bold, italics and styles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as _date

from .model import Entry, Meeting, Person

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Roles the minutes name by office ("The Chair") even when the holder is a councillor.
_OFFICE_ROLE = re.compile(
    r"^((vice|deputy)[- ])?(chair|chairman|chairwoman|chairperson|mayor|leader|clerk)$", re.I)
# A sentence already ends with punctuation, perhaps inside a closing quote or bracket.
_ENDS_SENTENCE = re.compile("[.!?…:;][\"'”’)\\]]*$")
# Word's soft return (vertical tab) pasted mid-sentence, with any blanks around it.
# Words that belong to a surname: Ní Bhriain, Mac Giolla, van der Berg, de la Cruz.
_SURNAME_PARTICLES = {"ní", "nic", "uí", "mhic", "mac", "mc", "o", "de", "da", "di", "du", "del",
                      "della", "van", "von", "der", "den", "le", "la", "st", "st.", "ap", "ab", "bin"}


@dataclass
class Run:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Paragraph:
    """One paragraph of the minutes; ``role`` says which style a writer gives it.

    Roles: ``title`` (the title block's first line), ``heading`` (minute heading), ``text``,
    ``bullet`` (a list item), ``resolution``, ``event`` (italic), ``closing``, ``signature``.
    ``level`` 2 is a sub-point: a second-level bullet, or under a resolution a lettered
    paragraph whose letter, "(a)", is ``label`` (Word numbers it itself; plain text prints it).
    ``joined`` marks an entry worded on its own that continues the previous paragraph.
    """

    role: str
    runs: list[Run] = field(default_factory=list)
    entry_id: int | None = None
    level: int = 1
    label: str = ""
    joined: bool = False

    @property
    def text(self) -> str:
        """The paragraph's plain text."""
        return "".join(r.text for r in self.runs)


def format_time(hhmm: str | None) -> str:
    """"18:30" reads "6.30 pm"; "10:00" reads "10.00 am"; "12:00" reads "12.00 pm"."""
    if not hhmm:
        return ""
    hours, minutes = (int(part) for part in hhmm.split(":"))
    suffix = "am" if hours < 12 else "pm"
    return f"{hours % 12 or 12}.{minutes:02d} {suffix}"


def format_date(iso: str | None) -> str:
    """"2026-09-17" reads "Thursday, 17 September 2026"."""
    if not iso:
        return ""
    d = _date.fromisoformat(iso)
    return f"{_DAYS[d.weekday()]}, {d.day} {_MONTHS[d.month - 1]} {d.year}"


def surname(name: str) -> str:
    """The surname in a full name, keeping particles: "Síofra Ní Bhriain" gives "Ní Bhriain"."""
    words = name.split()
    if not words:
        return ""
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _SURNAME_PARTICLES:
        start -= 1
    return " ".join(words[start:])


def referred_to_as(person: Person) -> str:
    """How the minutes name a person: their own ``referred_to_as``, else the house rule.

    An office such as Chair or Vice-Chair reads "The Chair"; a councillor reads
    "Councillor" + surname; someone with a role and no title reads "The" + role;
    anyone else reads their title and full name.
    """
    if person.referred_to_as.strip():
        return person.referred_to_as.strip()
    role, title = person.role.strip(), person.title.strip()
    if role and _OFFICE_ROLE.match(role):
        return f"The {role}"
    if title.lower() in ("councillor", "cllr", "cllr."):
        return f"Councillor {surname(person.name)}"
    if role and not title:
        return role if role.lower().startswith("the ") else f"The {role}"
    return f"{title} {person.name}".strip()


def full_name(person: Person) -> str:
    """Title and full name, as the attendance list gives them: "Councillor Amara Okafor"."""
    return f"{person.title.strip()} {person.name.strip()}".strip()


def mid_sentence(name: str) -> str:
    """A name as it reads inside a sentence: a leading "The" becomes "the"."""
    return "the" + name[3:] if name.startswith("The ") else name


def name_for(meeting: Meeting, key: str | None) -> str:
    """How the minutes name the person with this key; a key no one has is taken as a name."""
    if not key:
        return ""
    person = meeting.person(key)
    return referred_to_as(person) if person else key


def member_name(meeting: Meeting, key: str) -> str:
    """A voting member by name even when they hold an office: "Councillor Marsh", not "The Chair"."""
    person = meeting.person(key)
    if person is None:
        return key
    if not person.referred_to_as.strip() and person.title.strip().lower() in ("councillor", "cllr", "cllr."):
        return f"Councillor {surname(person.name)}"
    return referred_to_as(person)


def _strip_stop(text: str) -> str:
    """Text without trailing blanks and one full stop, so a phrase can follow it."""
    text = text.rstrip()
    return text[:-1].rstrip() if text.endswith(".") and not text.endswith("..") else text


def full_stop(text: str) -> str:
    """Text ending with a full stop, unless it already ends with punctuation."""
    text = text.rstrip()
    return text if not text or _ENDS_SENTENCE.search(text) else text + "."


def letter(n: int) -> str:
    """1 reads "a", 26 "z", 27 "aa": the letters of sub-points (a), (b)…"""
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def vote_sentence(entry: Entry, meeting: Meeting) -> str:
    """"The motion, moved by … and seconded by …, was put to the vote and CARRIED (For 6, …)."""
    parts = []
    if entry.mover:
        parts.append(f"moved by {mid_sentence(name_for(meeting, entry.mover))}")
    if entry.seconder:
        parts.append(f"seconded by {mid_sentence(name_for(meeting, entry.seconder))}")
    subject = "The motion"
    if parts:
        subject += ", " + " and ".join(parts)
    if entry.motion and entry.motion.strip():
        subject += ", " + _strip_stop(entry.motion.strip())
    if subject != "The motion":
        subject += ","
    if entry.outcome == "withdrawn":
        return f"{subject} was WITHDRAWN."
    outcome = (entry.outcome or "").upper()
    counts = ""
    if entry.votes_for is not None or entry.votes_against is not None or entry.votes_abstain is not None:
        counts = (f" (For {entry.votes_for or 0}, Against {entry.votes_against or 0},"
                  f" Abstentions {entry.votes_abstain or 0})")
    if outcome:
        return f"{subject} was put to the vote and {outcome}{counts}."
    return f"{subject} was put to the vote{counts}."


def recorded_vote_sentence(entry: Entry, meeting: Meeting) -> str:
    """The names in a recorded vote: "For: Councillor A, Councillor B. Against: …", or ""."""
    if not entry.recorded:
        return ""
    labels = (("for", "For"), ("against", "Against"), ("abstain", "Abstaining"))
    parts = []
    for key, label in labels:
        names = [member_name(meeting, k) for k in entry.recorded.get(key, []) or []]
        if names:
            parts.append(f"{label}: {', '.join(names)}.")
    return ("A recorded vote was taken. " + " ".join(parts)) if parts else ""


def action_sentence(entry: Entry, meeting: Meeting) -> str:
    """"{owner} to {text} by {date}", the words after "ACTION:"."""
    text = _strip_stop(entry.text)
    owner = name_for(meeting, entry.owner)
    sentence = f"{owner} to {text}" if owner else text
    if entry.due:
        sentence += f" by {format_date(entry.due)}"
    return sentence


def entry_paragraphs(entry: Entry, meeting: Meeting, resolution_number: int | None = None,
                     continues_resolution: bool = False) -> list[Paragraph]:
    """The paragraphs one entry reads as in the minutes.

    ``resolution_number`` numbers a resolution "(1)", "(2)" when an item has several;
    ``continues_resolution`` leaves out "RESOLVED:" when the previous entry was one too.
    """
    kind, eid = entry.kind, entry.id
    if kind == "speech":
        speaker = name_for(meeting, entry.speaker)
        if entry.in_response_to:
            other = mid_sentence(name_for(meeting, entry.in_response_to))
            text = f"In response to {other}, {mid_sentence(speaker)} {entry.text}"
        else:
            text = f"{speaker} {entry.text}" if speaker else entry.text
        return [Paragraph("text", [Run(text)], eid)]
    if kind == "point":
        return [Paragraph("bullet", [Run(entry.text)], eid)]
    if kind == "resolution":
        runs = [] if continues_resolution else [Run("RESOLVED:", bold=True), Run(" ")]
        if resolution_number is not None:
            runs.append(Run(f"({resolution_number}) "))
        runs.append(Run(entry.text))
        return [Paragraph("resolution", runs, eid)]
    if kind == "vote":
        paras = []
        if entry.text.strip():
            paras.append(Paragraph("text", [Run(entry.text)], eid))
        paras.append(Paragraph("text", [Run(vote_sentence(entry, meeting))], eid))
        recorded = recorded_vote_sentence(entry, meeting)
        if recorded:
            paras.append(Paragraph("text", [Run(recorded)], eid))
        return paras
    if kind == "action":
        return [Paragraph("text", [Run("ACTION:", bold=True),
                                   Run(" " + full_stop(action_sentence(entry, meeting)))], eid)]
    if kind == "declaration":
        who = name_for(meeting, entry.person)
        text = f"{who} declared {entry.text}" if who else entry.text
        return [Paragraph("text", [Run(full_stop(text))], eid)]
    if kind == "event":
        text = _strip_stop(entry.text)
        if entry.at:
            text += f" at {format_time(entry.at)}"
        return [Paragraph("event", [Run(full_stop(text), italic=True)], eid)]
    return [Paragraph("text", [Run(entry.text)], eid)]  # note, and any kind from a newer version


def item_paragraphs(entries: list[Entry], meeting: Meeting, join: bool = True) -> list[Paragraph]:
    """The paragraphs of an item's entries in order, numbering resolutions when there are several.

    A level-2 entry is a sub-point of the level-1 entry before it: lettered (a), (b)… under a
    resolution, a second-level bullet under anything else. An entry that joins the previous
    one is worded as usual and its sentence added to the previous paragraph; with
    ``join=False`` (the notes pane, one row per entry) it stays apart, marked ``joined``.
    """
    several = sum(1 for e in entries if e.kind == "resolution" and e.level < 2) > 1
    paras: list[Paragraph] = []
    number, previous_kind, parent_kind, sub = 0, None, None, 0
    for entry in entries:
        if entry.level >= 2 and parent_kind is not None:
            sub += 1
            new = _sub_paragraphs(entry, meeting, parent_kind == "resolution", sub)
        else:
            sub, parent_kind = 0, entry.kind
            if entry.kind == "resolution":
                number += 1
                new = entry_paragraphs(entry, meeting, number if several else None,
                                       continues_resolution=previous_kind == "resolution")
            else:
                new = entry_paragraphs(entry, meeting)
            previous_kind = entry.kind
        if entry.joins_previous and paras and new:
            if join:
                previous = paras[-1]
                runs = list(previous.runs)
                if runs:  # the sentence before ends as a sentence, so the paragraph reads as two
                    last = runs[-1]
                    runs[-1] = Run(full_stop(last.text), last.bold, last.italic)
                previous.runs = runs + [Run(" ")] + new[0].runs
                new = new[1:]
            else:
                new[0].joined = True
        paras.extend(new)
    return paras


def _sub_paragraphs(entry: Entry, meeting: Meeting, lettered: bool, n: int) -> list[Paragraph]:
    """A sub-point's paragraphs: "(a) …" under a resolution, a second-level bullet otherwise."""
    if entry.kind == "resolution":  # a part of the resolution above: no second "RESOLVED:"
        paras = [Paragraph("resolution", [Run(entry.text)], entry.id)]
    else:
        paras = entry_paragraphs(entry, meeting)
    for p in paras:
        p.level = 2
        p.role = "resolution" if lettered else "bullet"
    if lettered and paras:
        paras[0].label = f"({letter(n)})"
    return paras


def entry_text(entry: Entry, meeting: Meeting) -> str:
    """One entry as plain text, its paragraphs joined by newlines (for the notes pane)."""
    return "\n".join(p.text for p in entry_paragraphs(entry, meeting))
