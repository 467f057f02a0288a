"""Deterministic, realistic benchmark data, made through the core.

``big_meeting()`` is a four-hour meeting: 40 items, 1,000 entries of every kind, 30 people,
exempt items. ``build_archive()`` writes ten years of meetings (2,400 meetings, about 240,000
entries, six committees) into a store. The same seed gives the same data on every machine.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from clerkdesk.model import Committee, Entry, Item, Meeting, Person
from clerkdesk.store import Store

FIRST = ["Amara", "Declan", "Síofra", "Rhys", "Priya", "Tomasz", "Helen", "Kwame", "Zoë", "Bethan", "Gareth",
         "Nadia", "Owen", "Joanne", "Mark", "Aisha", "Callum", "Eilidh", "Hamza", "Ines", "Jack", "Li", "Marta",
         "Niamh", "Olu", "Ravi", "Sian", "Tariq", "Ursula", "Wei"]
LAST = ["Okafor", "O’Neill", "Ní Bhriain", "Pryce-Jones", "Shah", "Wiśniewski", "Marsh", "Mensah", "D’Souza",
        "Llewellyn", "Greaves", "Haddad", "Lloyd", "Kaur", "Fletcher", "Price", "Ellis", "Begum", "MacLeod",
        "Ferreira", "Nowak", "Chen", "Adeyemi", "Patel", "Hughes", "Kowalczyk", "Murphy", "Rossi", "Singh", "Evans"]
TOPICS = ["street cleansing", "fly-tipping", "allotment rents", "parking permits", "anti-social behaviour",
          "the local plan", "housing allocations", "play areas", "bus shelters", "flood defences", "CCTV coverage",
          "leisure centre fees", "grass cutting", "food waste collections", "the town centre", "licensing",
          "air quality", "community grants", "youth services", "the capital programme", "library hours",
          "council tax support", "empty homes", "the markets", "tree planting", "cycle lanes", "public toilets",
          "noise complaints", "the homelessness strategy", "the cemetery extension"]
VERBS = ["asked whether", "noted that", "explained that", "expressed concern that", "welcomed the news that",
         "queried why", "suggested that", "confirmed that", "reported that", "emphasised that"]
CLAUSES = ["the budget for {t} had been underspent by £{n},000", "complaints about {t} had risen by {n}%",
           "officers would review {t} before the next meeting", "residents had been consulted on {t}",
           "the contract for {t} would be retendered in {y}", "ward members should be briefed on {t}",
           "performance on {t} had improved for the {o} quarter running", "{t} remained a priority for the ward",
           "the figures for {t} would be published on the website", "a pilot on {t} would run until March"]
ORDINALS = ["second", "third", "fourth", "fifth"]
COMMITTEES = ["Community Safety Scrutiny Committee", "Planning Committee", "Licensing Committee",
              "Environment and Communities Committee", "Overview and Scrutiny Board", "Audit and Governance Committee"]


def sentence(rng: random.Random) -> str:
    """A plausible clause from a committee's minutes."""
    clause = rng.choice(CLAUSES).format(t=rng.choice(TOPICS), n=rng.randint(2, 90), y=rng.randint(2027, 2030),
                                        o=rng.choice(ORDINALS))
    return f"{rng.choice(VERBS)} {clause}."


def people(rng: random.Random, n: int = 30) -> list[Person]:
    """n people: members (a Chair, a Vice-Chair, apologies, substitutes), officers and guests."""
    out = []
    for i in range(n):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}"
        if i < n - 8:
            p = Person(key=f"m{i}", name=name, title="Councillor", group="member")
        elif i < n - 2:
            p = Person(key=f"o{i}", name=name, role=f"Head of {rng.choice(TOPICS).title()}", group="officer",
                       attendance="in_attendance")
        else:
            p = Person(key=f"g{i}", name=name, title="Dr", group="guest", attendance="in_attendance")
        out.append(p)
    out[0].role, out[1].role = "Chair", "Vice-Chair"
    out[5].attendance = "apologies"
    out[6].attendance, out[6].substitute_for = "substitute", "m5"
    out[7].attendance = "remote"
    return out


def entries(rng: random.Random, n: int, who: list[Person]) -> list[Entry]:
    """n entries, every kind, the proportions of a real meeting (mostly speech)."""
    speakers = [p.key for p in who if p.attendance != "apologies"]
    members = [p.key for p in who if p.group == "member" and p.attendance != "apologies"]
    kinds = ["speech"] * 10 + ["note"] * 2 + ["point"] * 3 + ["resolution", "vote", "action", "declaration", "event"]
    out = []
    for _ in range(n):
        kind = rng.choice(kinds)
        e = Entry(kind=kind, text=sentence(rng))
        if kind == "speech":
            e.speaker = rng.choice(speakers)
            if rng.random() < 0.25:
                e.in_response_to = rng.choice(speakers)
        elif kind == "point":
            e.text = e.text[0].upper() + e.text[1:]
        elif kind == "resolution":
            e.text = f"that the report on {rng.choice(TOPICS)} be noted."
        elif kind == "vote":
            e.text = ""
            e.motion = f"that the recommendations on {rng.choice(TOPICS)} be agreed"
            e.mover, e.seconder = rng.sample(members, 2)
            e.votes_for, e.votes_against, e.votes_abstain = rng.randint(4, 9), rng.randint(0, 4), rng.randint(0, 2)
            e.outcome = "carried" if e.votes_for > e.votes_against else "lost"
        elif kind == "action":
            e.text = f"circulate a briefing note on {rng.choice(TOPICS)}"
            e.owner = rng.choice([p.key for p in who if p.group == "officer"])
            e.due = "2026-12-01"
        elif kind == "declaration":
            e.person = rng.choice(members)
            e.text = f"a non-registrable interest as a resident affected by {rng.choice(TOPICS)}."
        elif kind == "event":
            e.at = f"{rng.randint(18, 21):02d}:{rng.randint(0, 59):02d}"
            e.text = f"Councillor {LAST[rng.randrange(len(LAST))]} left the meeting"
        out.append(e)
    return out


def meeting(rng: random.Random, committee: str, day: date, items: int, n_entries: int, n_people: int = 30,
            exempt_every: int = 0) -> Meeting:
    """One meeting with ``items`` items sharing ``n_entries`` entries."""
    who = people(rng, n_people)
    m = Meeting(committee=Committee(committee, "{n}"), title=committee, date=day.isoformat(), start="18:30",
                end="22:30", venue="Council Chamber, Town Hall", people=who)
    per_item = n_entries // items
    for i in range(items):
        m.items.append(Item(number=str(i + 1), title=f"{rng.choice(TOPICS).capitalize()}: report {i + 1}",
                            minute_number=str(100 + i),
                            exempt=bool(exempt_every) and i % exempt_every == exempt_every - 1,
                            documents=[f"Report of the Head of Service ({i + 1})"],
                            entries=entries(rng, per_item + (1 if i < n_entries % items else 0), who)))
    return m


def big_meeting(seed: int = 2026) -> Meeting:
    """The four-hour meeting: 40 items, 1,000 entries, 30 people, every fifth item exempt."""
    return meeting(random.Random(seed), COMMITTEES[0], date(2026, 9, 17), items=40, n_entries=1000,
                   exempt_every=5)


def build_archive(store: Store, meetings: int = 2400, entries_each: int = 100, seed: int = 10) -> tuple[int, int]:
    """Ten years of meetings into ``store``; returns (entries written, bytes of raw text in them)."""
    rng = random.Random(seed)
    day = date(2016, 5, 1)
    step = timedelta(days=3650 / meetings)
    total = text_bytes = 0
    for n in range(meetings):
        m = meeting(rng, COMMITTEES[n % len(COMMITTEES)], day + step * n, items=10, n_entries=entries_each,
                    n_people=12)
        store.import_meeting(m)
        total += entries_each
        text_bytes += raw_text_size(m)
    return total, text_bytes


def raw_text_size(m: Meeting) -> int:
    """The bytes of text a meeting holds: what was typed, names, titles, the motions."""
    parts = [m.title, m.venue] + [p.name + p.role for p in m.people]
    for item in m.items:
        parts += [item.title, item.number, item.minute_number, *item.documents]
        parts += [e.text + (e.motion or "") for e in item.entries]
    return sum(len(part.encode("utf-8")) for part in parts)


def archive_path(folder: Path, meetings: int = 2400) -> Path:
    """Where the cached archive store of ``meetings`` meetings lives."""
    return folder / ("archive.sqlite3" if meetings == 2400 else f"archive-{meetings}.sqlite3")
