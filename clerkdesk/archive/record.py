"""A meeting as the archive keeps it: the meeting-file record with Part 2 content set apart, the
passages search reads, and the digest that tells whether a record changed.

Nothing here speaks to a server; it is plain data, shared by the archive client and the store's
operations.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from typing import Any

from clerkdesk.meeting_file import meeting_to_dict, parse_meeting_file
from clerkdesk.model import Meeting

PRIVATE_NOTICE = "This item was considered in private."
MEETING_PASSAGE = -1  # a passage's position for the meeting itself (title, venue, committee, people)
HEADING = -1  # a passage's entry for the item's own words (number, title, description)


@dataclass
class Passage:
    """The searchable words of one entry, of an item's heading (entry HEADING), or of the meeting itself
    (position MEETING_PASSAGE). Short passages keep ranking and snippets cheap over millions of them."""

    position: int
    entry: int
    item_number: str
    item_title: str
    exempt: bool
    body: str


@dataclass
class SplitRecord:
    """A meeting ready for the archive: what every reader may see, and Part 2 items' content apart."""

    public: dict[str, Any]
    private_items: dict[int, dict[str, Any]]  # item position → the whole item, as the meeting file has it
    public_passages: list[Passage]
    private_passages: list[Passage]


def digest(meeting: Meeting) -> str:
    """A fingerprint of the meeting's record (what a meeting file holds), equal for equal records."""
    return digest_of(meeting_to_dict(meeting))


def digest_of(record: dict[str, Any]) -> str:
    """The fingerprint of a meeting-file record."""
    text = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split(meeting: Meeting) -> SplitRecord:
    """The meeting's record with each exempt item reduced to its number, title and the private notice."""
    record = meeting_to_dict(meeting)
    names = {p.key: p.name for p in meeting.people}
    private: dict[int, dict[str, Any]] = {}
    public_items = []
    public_passages = [Passage(MEETING_PASSAGE, HEADING, "", "", False, _meeting_words(record))]
    private_passages: list[Passage] = []
    for position, item in enumerate(record["items"]):
        exempt = bool(item.get("exempt"))
        heading = Passage(position, HEADING, item["number"], item["title"], exempt,
                          " ".join(w for w in (item["number"], item["title"], item.get("description", "")) if w))
        entries = [Passage(position, n, item["number"], item["title"], exempt, _entry_words(e, names))
                   for n, e in enumerate(item.get("entries", []))]
        if exempt:
            private[position] = item
            public_items.append(_private_stub(item))
            public_passages.append(replace(heading, body=f"{item['number']} {item['title']}"))
            private_passages += [heading, *entries]
        else:
            public_items.append(item)
            public_passages += [heading, *entries]
    public = {**record, "items": public_items}
    return SplitRecord(public, private, public_passages, private_passages)


def join(public: dict[str, Any], private_items: dict[int, dict[str, Any]]) -> Meeting:
    """The Meeting from an archived record, with the Part 2 items put back where the reader may see them."""
    items = [private_items.get(n, item) for n, item in enumerate(public["items"])]
    raw = json.dumps({**public, "items": items}, ensure_ascii=False).encode("utf-8")
    return parse_meeting_file(raw, "The archive's copy")


def _private_stub(item: dict[str, Any]) -> dict[str, Any]:
    stub = {k: item[k] for k in ("number", "title", "minute_number", "exempt", "started", "ended", "role") if k in item}
    stub["documents"] = []
    stub["entries"] = [{"kind": "note", "text": PRIVATE_NOTICE}]
    return stub


def _meeting_words(record: dict[str, Any]) -> str:
    m = record["meeting"]
    people = " ".join(f"{p['name']} {p.get('role', '')}" for p in record["people"])
    return " ".join((record["committee"]["name"], m.get("title", ""), m.get("venue", ""), people))


def _entry_words(e: dict[str, Any], names: dict[str, str]) -> str:
    words = [names.get(e[ref], e[ref]) for ref in ("speaker", "person", "mover", "seconder", "owner") if e.get(ref)]
    words += [e.get("text", ""), e.get("motion") or ""]
    if e.get("in_response_to"):
        words.append(f"in response to {names.get(e['in_response_to'], e['in_response_to'])}")
    return " ".join(w for w in words if w)
