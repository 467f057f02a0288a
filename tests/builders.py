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
