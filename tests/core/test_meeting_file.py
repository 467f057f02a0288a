"""Meeting files: validation, and import then export giving back the same meeting."""

from __future__ import annotations

import json
import tempfile
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clerkdesk.errors import BadMeetingFile
from clerkdesk.meeting_file import meeting_to_dict, parse_meeting_file, read_meeting_file, write_meeting_file
from clerkdesk.model import ATTENDANCE, ENTRY_KINDS, GROUPS, OUTCOMES
from clerkdesk.sample import SAMPLE
from clerkdesk.store import Store

# Text in any script, as clerks and councils write it (no surrogates: they cannot be UTF-8).
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
words = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(str.strip)
times = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))
dates = st.dates().map(lambda d: d.isoformat()).filter(lambda d: len(d) == 10)
maybe = lambda strategy: st.one_of(st.none(), strategy)  # noqa: E731


@st.composite
def meeting_files(draw: st.DrawFn) -> dict[str, Any]:
    """Meeting files in canonical form: optional fields present only when set."""
    keys = draw(st.lists(st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=8),
                         min_size=1, max_size=6, unique=True))
    people = []
    for key in keys:
        p: dict[str, Any] = {"id": key, "name": draw(words)}
        for field in ("title", "role"):
            if value := draw(maybe(words)):
                p[field] = value
        p["group"] = draw(st.sampled_from(GROUPS))
        p["attendance"] = draw(st.sampled_from(ATTENDANCE))
        if p["attendance"] == "substitute":
            p["substitute_for"] = draw(st.sampled_from(keys))
        for field in ("arrived", "left"):
            if value := draw(maybe(times)):
                p[field] = value
        if value := draw(maybe(words)):
            p["referred_to_as"] = value
        people.append(p)
    person = st.sampled_from(keys)

    def entry() -> dict[str, Any]:
        kind = draw(st.sampled_from(["note", "speech", "point", "resolution", "vote", "action", "declaration",
                                     "event"]))
        e: dict[str, Any] = {"kind": kind, "text": draw(text)}
        if kind == "speech":
            e["speaker"] = draw(person)
            if draw(st.booleans()):
                e["in_response_to"] = draw(person)
        elif kind == "declaration":
            e["person"] = draw(person)
        elif kind == "vote":
            e.update(motion=draw(text), mover=draw(person), seconder=draw(person),
                     outcome=draw(st.sampled_from(OUTCOMES)))
            for side in ("for", "against", "abstain"):
                e[side] = draw(st.integers(0, 60))
            if draw(st.booleans()):
                e["recorded"] = {"for": draw(st.lists(person, max_size=3)), "against": [], "abstain": []}
        elif kind == "action":
            e.update(owner=draw(st.one_of(person, words)), due=draw(dates))
        if draw(st.booleans()):
            e["at"] = draw(times)
        if draw(st.integers(0, 3)) == 0:
            e["joins_previous"] = True
        if draw(st.integers(0, 3)) == 0:
            e["level"] = 2
        return e

    items = []
    for n in range(draw(st.integers(0, 4))):
        item: dict[str, Any] = {"number": str(n + 1), "title": draw(words)}
        if value := draw(maybe(words)):
            item["minute_number"] = value
        item["exempt"] = draw(st.booleans())
        for field in ("started", "ended"):
            if value := draw(maybe(times)):
                item[field] = value
        item["documents"] = draw(st.lists(text, max_size=2))
        item["entries"] = [entry() for _ in range(draw(st.integers(0, 6)))]
        items.append(item)
    meeting: dict[str, Any] = {"title": draw(words), "date": draw(dates)}
    for field in ("start", "end"):
        if value := draw(maybe(times)):
            meeting[field] = value
    meeting["venue"] = draw(text)
    meeting["status"] = draw(st.sampled_from(["draft", "final", "approved"]))
    committee = {"name": draw(words).strip(), "minute_format": draw(st.sampled_from(["{n}", "CS/{n}/{yy}"]))}
    return {"format": "clerkdesk.meeting", "version": 1, "committee": committee, "meeting": meeting,
            "people": people, "items": items}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=meeting_files())
def test_import_then_export_gives_back_the_same_meeting(tmp_path: Path, data: dict[str, Any]) -> None:
    meeting = parse_meeting_file(json.dumps(data, ensure_ascii=False).encode("utf-8"))
    with tempfile.TemporaryDirectory(dir=tmp_path) as folder, Store(Path(folder) / "store.sqlite3") as store:
        again = meeting_to_dict(store.load_meeting(store.import_meeting(meeting)))
    uid = again["meeting"].pop("uid")  # kept when the file had one, given on import when not
    assert uid == data["meeting"]["uid"] if "uid" in data["meeting"] else len(uid) == 32
    assert again == data


def test_the_product_example_round_trips(store: Store) -> None:
    mid = store.import_meeting(parse_meeting_file(json.dumps(SAMPLE).encode()))
    again = json.loads(write_meeting_file(store.load_meeting(mid)))
    assert len(again["meeting"].pop("uid")) == 32  # given on import: the file had none
    assert again == SAMPLE


def test_unknown_fields_are_kept(store: Store) -> None:
    data = json.loads(json.dumps(SAMPLE))
    data["meeting"]["webcast"] = "https://example.invalid/1"
    data["people"][0]["pronouns"] = "she/her"
    data["items"][0]["entries"][0]["flag"] = {"colour": "amber"}
    data["meeting"]["uid"] = "b0c5c7a5d1e04c7f9a3f2e1d0c9b8a77"
    mid = store.import_meeting(parse_meeting_file(json.dumps(data).encode()))
    assert meeting_to_dict(store.load_meeting(mid)) == data


def _file(tmp_path: Path, change) -> Path:
    data = json.loads(json.dumps(SAMPLE))
    change(data)
    path = tmp_path / "meeting.json"
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize("change, says", [
    (lambda d: d.update(version=2), "newer ClerkDesk"),
    (lambda d: d.update(format="something.else"), "not a ClerkDesk meeting file"),
    (lambda d: d["items"][3]["entries"][0].update(speaker="nobody"), "no person has that id"),
    (lambda d: d["items"][3]["entries"][0].update(kind="gossip"), "not one of"),
    (lambda d: d["meeting"].update(date="17/09/2026"), "is not a date"),
    (lambda d: d["meeting"].update(start="half six"), "is not a time"),
    (lambda d: d["people"].append(dict(d["people"][0])), "share the id"),
    (lambda d: d["people"][0].update(attendance="asleep"), "not one of"),
    (lambda d: d["items"].__setitem__(0, "an item"), "should be an object"),
    (lambda d: d["items"][4]["entries"][3]["recorded"]["for"].append("nobody"), "no person has that id"),
    (lambda d: d["items"][4]["entries"][3].update({"for": -1}), "whole number"),
    (lambda d: d["items"][3]["entries"][0].update(level=3), "“level” should be 1, or 2"),
    (lambda d: d["items"][3]["entries"][0].update(level="2"), "“level” should be 1, or 2"),
    (lambda d: d["items"][3]["entries"][0].update(level=True), "“level” should be 1, or 2"),
    (lambda d: d["items"][3]["entries"][0].update(joins_previous="yes"), "“joins_previous” should be true or false"),
])
def test_bad_files_are_refused_with_a_sentence(tmp_path: Path, change, says: str) -> None:
    with pytest.raises(BadMeetingFile, match=says):
        read_meeting_file(_file(tmp_path, change))


def test_not_json_and_truncated(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text("Dear clerk, please find the minutes attached.")
    with pytest.raises(BadMeetingFile, match="not valid JSON"):
        read_meeting_file(path)
    path.write_text(json.dumps(SAMPLE)[:500])
    with pytest.raises(BadMeetingFile, match="incomplete"):
        read_meeting_file(path)
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(BadMeetingFile):
        read_meeting_file(path)
    path.write_text("[" * 100000)
    with pytest.raises(BadMeetingFile):
        read_meeting_file(path)
    with pytest.raises(BadMeetingFile, match="no file"):
        read_meeting_file(tmp_path / "missing.json")


DOCS = Path(__file__).resolve().parents[2] / "docs"
EXAMPLE = DOCS / "examples" / "meeting.clerkdesk"


def test_the_documented_example_imports_and_exports_back_equal(data_dir: Path, tmp_path: Path) -> None:
    """docs/examples/meeting.clerkdesk, through the real command line: import, export json, same file."""
    from tests.core.test_cli import clerkdesk

    imported = clerkdesk(data_dir, "import", str(EXAMPLE))
    assert imported.returncode == 0, imported.stderr
    out = tmp_path / "again.clerkdesk"
    exported = clerkdesk(data_dir, "export", imported.stdout.split()[-1], "--format", "json", "--confidential",
                         "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert out.read_bytes() == EXAMPLE.read_bytes()  # the example is written as ClerkDesk writes it
    kinds = {e["kind"] for i in json.loads(EXAMPLE.read_text(encoding="utf-8"))["items"] for e in i["entries"]}
    assert kinds == {"note", "speech", "point", "resolution", "vote", "action", "declaration", "event"}


def test_the_format_page_names_every_field_and_choice() -> None:
    from clerkdesk import meeting_file
    from clerkdesk.model import ENTRY_KINDS, STATUSES

    page = (DOCS / "meeting-file.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z_]+)`", page))
    fields = {*meeting_file._PERSON_FIELDS, *meeting_file._ITEM_FIELDS, *meeting_file._MEETING_FIELDS,
              *meeting_file._ENTRY_FIELDS, "format", "version", "committee", "meeting", "people", "items",
              "minute_format", "uid", "joins_previous", "level"}
    choices = {*ATTENDANCE, *GROUPS, *OUTCOMES, *ENTRY_KINDS, *STATUSES}
    assert not (fields | choices) - named, f"not in docs/meeting-file.md: {sorted((fields | choices) - named)}"
def test_joins_and_sub_points_are_written_only_when_set(store: Store) -> None:
    data = json.loads(json.dumps(SAMPLE))
    entries = data["items"][3]["entries"]
    entries[1]["joins_previous"] = True
    entries[2]["level"] = 2
    entries[3].update(joins_previous=False, level=1)  # the defaults, which the canonical file leaves out
    mid = store.import_meeting(parse_meeting_file(json.dumps(data).encode()))
    again = meeting_to_dict(store.load_meeting(mid))["items"][3]["entries"]
    assert again[1]["joins_previous"] is True and "level" not in again[1]
    assert again[2]["level"] == 2 and "joins_previous" not in again[2]
    assert "joins_previous" not in again[3] and "level" not in again[3]


def test_the_documented_example_imports_and_exports_unchanged(store: Store) -> None:
    example = Path(__file__).resolve().parents[2] / "docs/examples/police-and-crime-panel.json"
    meeting = read_meeting_file(example)
    mid = store.import_meeting(meeting)
    assert meeting_to_dict(store.load_meeting(mid)) == json.loads(example.read_text(encoding="utf-8"))
    kinds = {e.kind for i in meeting.items for e in i.entries}
    assert kinds == set(ENTRY_KINDS)  # the example shows every kind of entry
    assert any(e.joins_previous for i in meeting.items for e in i.entries)
    assert any(e.level == 2 for i in meeting.items for e in i.entries)
