"""Builders for test meetings: realistic data made in code, not copied JSON blobs."""

from __future__ import annotations

import random
from pathlib import Path

from clerkdesk.model import Committee, Entry, Item, Meeting, Person

_FIRST = ["Amara", "Declan", "Síofra", "Rhys", "Priya", "Tomasz", "Helen", "Kwame", "Zoë", "Bethan"]
_LAST = ["Okafor", "O’Neill", "Ní Bhriain", "Pryce-Jones", "Shah", "Wiśniewski", "Marsh", "Mensah",
         "D’Souza", "Llewellyn"]


def make_people(n: int = 10) -> list[Person]:
    """n people: a Chair, members (one with apologies, one substitute), two officers, a guest."""
    people = []
    for i in range(n):
        name = f"{_FIRST[i % len(_FIRST)]} {_LAST[i % len(_LAST)]}" + (f" {i}" if i >= len(_LAST) else "")
        people.append(Person(key=f"p{i}", name=name, title="Councillor", group="member"))
    people[0].role = "Chair"
    if n > 3:
        people[2].attendance = "apologies"
        people[3].attendance = "substitute"
        people[3].substitute_for = "p2"
    if n > 6:
        for p, role in ((people[-3], "Head of Community Safety"), (people[-2], "Democratic Services Officer")):
            p.title, p.role, p.group, p.attendance = "", role, "officer", "in_attendance"
        people[-1].title, people[-1].group, people[-1].attendance = "Dr", "guest", "in_attendance"
    return people


def make_entries(n: int, rng: random.Random, speakers: list[str], tag: str = "") -> list[Entry]:
    """n entries cycling through every kind; ``tag`` is put in every text so a test can find it."""
    kinds = ["speech", "speech", "note", "point", "speech", "resolution", "vote", "action", "declaration", "event"]
    entries = []
    for i in range(n):
        kind = kinds[i % len(kinds)]
        who = speakers[rng.randrange(len(speakers))]
        text = f"{tag}said something about item business number {i} and the ward budget.".strip()
        e = Entry(kind=kind, text=text)
        if kind == "speech":
            e.speaker = who
            if i % 4 == 0:
                e.in_response_to = speakers[0]
        elif kind == "vote":
            e.motion, e.mover, e.seconder = f"that the {tag}recommendation be agreed", speakers[0], who
            e.votes_for, e.votes_against, e.votes_abstain, e.outcome = 5, 2, 1, "carried"
        elif kind == "action":
            e.owner, e.due = who, "2026-12-01"
        elif kind == "declaration":
            e.person = who
        elif kind == "event":
            e.at = "19:45"
        entries.append(e)
    return entries


def make_meeting(items: int = 8, entries: int = 80, people: int = 10, exempt: tuple[int, ...] = (),
                 seed: int = 1, tag: str = "", committee: str = "Community Safety Scrutiny Committee",
                 date: str = "2026-09-17") -> Meeting:
    """A meeting with ``items`` items sharing ``entries`` entries; items in ``exempt`` are Part 2."""
    rng = random.Random(seed)
    who = make_people(people)
    speakers = [p.key for p in who if p.attendance != "apologies"]
    meeting = Meeting(committee=Committee(name=committee, minute_format="{n}"), title=committee, date=date,
                      start="18:30", end="20:05", venue="Committee Room 2, Town Hall", people=who)
    per_item = max(1, entries // max(1, items))
    for i in range(items):
        meeting.items.append(Item(
            number=str(i + 1), title=f"Agenda item {i + 1}", minute_number=str(30 + i), exempt=i in exempt,
            documents=[f"Report {i + 1}"],
            entries=make_entries(per_item, rng, speakers, tag=f"{tag}{'secret ' if i in exempt else ''}")))
    return meeting


def panel_meeting_file(items: int = 3, filler: int = 0) -> dict:
    """A Police and Crime Panel meeting as a meeting-file object, written as ModernGov councils publish:
    two speakers in one paragraph (``joins_previous``), a resolution in parts (a), (b) and points
    with sub-points (``level: 2``), members with roles, a late arrival and an early departure,
    a Part 2 item and actions. ``filler`` adds that many ordinary speeches to each public item,
    so a test can move the closing line and signature around the pages.
    """
    people = [
        {"id": "chair", "name": "Karen Hill", "title": "Councillor", "role": "Chairman", "group": "member",
         "attendance": "present"},
        {"id": "bell", "name": "Tom Bell", "title": "Councillor", "group": "member", "attendance": "present",
         "arrived": "10:20"},
        {"id": "khan", "name": "Nadia Khan", "title": "Councillor", "group": "member", "attendance": "present",
         "left": "11:40"},
        {"id": "davis", "name": "Andy Davis", "role": "Independent Member", "group": "member",
         "attendance": "present"},
        {"id": "pcc", "name": "Police and Crime Commissioner", "role": "Commissioner", "group": "guest",
         "attendance": "in_attendance", "referred_to_as": "The Commissioner"},
        {"id": "patterson", "name": "David Patterson", "role": "Chief Executive, OPCC", "group": "officer",
         "attendance": "in_attendance", "referred_to_as": "David Patterson"},
        {"id": "ross", "name": "Sam Ross", "title": "Councillor", "group": "member", "attendance": "apologies"},
    ]

    def filler_speeches(n: int) -> list[dict]:
        return [{"kind": "speech", "speaker": ("bell", "khan", "davis")[i % 3],
                 "text": f"asked about the {i + 1}th line of the performance report and how it compared with "
                         "the same quarter last year across the force area."} for i in range(n)]

    public = [
        {"number": "5", "title": "Police and Crime Plan Performance Report", "minute_number": "31",
         "documents": ["Performance report, quarter 2"],
         "entries": [
             {"kind": "speech", "speaker": "pcc", "text": "commended the report to the Panel"},
             {"kind": "speech", "speaker": "chair", "joins_previous": True,
              "text": "invited questions, and the following matters were raised:"},
             {"kind": "point", "text": "Response times in rural areas had lengthened."},
             {"kind": "point", "level": 2, "text": "The north of the county was worst affected."},
             {"kind": "point", "level": 2, "text": "New patrol bases were planned for the spring."},
             {"kind": "point", "text": "Repeat victims were now contacted within 24 hours."},
             {"kind": "speech", "speaker": "pcc", "text": "responded that the force monitored keywords."},
             {"kind": "speech", "speaker": "patterson", "joins_previous": True,
              "text": "added that a review would report in March."},
             *filler_speeches(filler),
             {"kind": "declaration", "person": "khan", "text": "a personal interest as a magistrate"},
             {"kind": "event", "at": "11:40", "text": "Councillor Khan left the meeting"},
             {"kind": "resolution", "text": "that"},
             {"kind": "resolution", "level": 2, "text": "the report be noted; and"},
             {"kind": "resolution", "level": 2, "text": "the Commissioner report back on rural response times"},
             {"kind": "action", "owner": "patterson", "due": "2027-03-01",
              "text": "circulate the review of rural response times"},
         ]},
        {"number": "6", "title": "Complaints Against the Commissioner", "minute_number": "32",
         "documents": ["Report of the Monitoring Officer"],
         "entries": [
             {"kind": "note", "text": "The Panel considered the annual report on complaints."},
             *filler_speeches(filler),
             {"kind": "resolution", "text": "that the report be noted."},
         ]},
    ]
    exempt = {"number": "7", "title": "Chief Constable Appointment", "minute_number": "33", "exempt": True,
              "entries": [{"kind": "note", "text": "The Panel discussed the confidential candidate report."},
                          {"kind": "resolution", "text": "that the appointment be confirmed."}]}
    return {
        "format": "clerkdesk.meeting", "version": 1,
        "committee": {"name": "Police and Crime Panel", "minute_format": "{n}"},
        "meeting": {"title": "Police and Crime Panel", "date": "2026-11-12", "start": "10:00", "end": "12:05",
                    "venue": "Council Chamber, County Hall", "status": "draft"},
        "people": people,
        "items": (public * ((items + 1) // 2))[:max(1, items - 1)] + [exempt],
    }


def council_template(path, kind: str):
    """A council template made in code, saved at ``path``: ``"minutes-only"`` (a body of just
    ``{{minutes}}``), ``"table"`` (a letterhead table in the body and no ``{{date}}``) or
    ``"a5"`` (A5 portrait, narrow margins, the minutes only)."""
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    section = doc.sections[0]
    if kind == "a5":
        section.page_width, section.page_height = Cm(14.8), Cm(21.0)
        section.left_margin = section.right_margin = Cm(1.8)
        section.top_margin = section.bottom_margin = Cm(1.8)
    if kind == "table":
        table = doc.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.cell(0, 0).paragraphs[0].add_run("Northshire County Council").bold = True
        table.cell(0, 1).paragraphs[0].add_run("{{committee}}")
        section.header.paragraphs[0].text = "{{committee}} – {{date}}"
    first = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    first.add_run("{{min")
    first.add_run("utes}}")  # split across runs, as Word does
    doc.save(str(path))
    return path


def tone_wav(path: Path, seconds: float, rate: int = 8000, hz: float = 440.0) -> Path:
    """A mono 16-bit WAV file of a sine tone, written with the standard library (no sound card needed)."""
    import math
    import struct
    import wave
    frames = int(seconds * rate)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(struct.pack("<h", int(12000 * math.sin(2 * math.pi * hz * n / rate)))
                               for n in range(frames)))
    return path
