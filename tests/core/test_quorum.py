"""The quorum: who counts, the rule, the timeline from the record, the minutes' sentences, the export's
warning, the committee's settings in the store and in meeting files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clerkdesk import ops
from clerkdesk.errors import BadInput, BadMeetingFile
from clerkdesk.export import render
from clerkdesk.meeting_file import meeting_to_dict, read_meeting_file
from clerkdesk.minutes import build_minutes
from clerkdesk.model import Committee, Entry, Item, Meeting, Person
from clerkdesk.quorum import (DEFAULT_QUORUM, Rule, membership, parse_rule, required, sentences, status_now,
                              timeline, vote_warning)
from clerkdesk.store import Store


def member(key: str, **kw) -> Person:
    return Person(key=key, name=f"{key.capitalize()} {key.capitalize()}son", title="Councillor", **kw)


def committee_meeting(people: list[Person], quorum: int | None = 3, **committee) -> Meeting:
    return Meeting(committee=Committee(name="Planning Committee", quorum_number=quorum, **committee),
                   title="Planning Committee", date="2026-09-17", start="18:30", people=people)


def five() -> list[Person]:
    return [member(k) for k in ("ann", "bob", "cat", "dan", "eve")]


# -- who counts -------------------------------------------------------------------------


def test_members_present_count_and_apologies_do_not():
    people = five()
    people[3].attendance = people[4].attendance = "apologies"
    s = status_now(committee_meeting(people))
    assert (s.counted, s.membership, s.quorum, s.quorate) == (3, 5, 3, True)
    assert s.summary() == "Quorate · 3 of 5 present · quorum 3"


def test_a_substitute_counts_for_the_member_replaced_and_fills_one_seat():
    people = five() + [member("sam", attendance="substitute", substitute_for="dan")]
    people[3].attendance = "apologies"
    people[2].attendance = people[4].attendance = "apologies"
    meeting = committee_meeting(people)
    assert membership(meeting) == 5  # the substitute fills Dan's seat, not a sixth
    assert status_now(meeting).counted == 3  # Ann, Bob, and Sam for Dan
    people[3].attendance = "present"  # the member came after all: still one seat
    assert status_now(meeting).counted == 3


def test_remote_attendance_counts_only_when_the_committee_says_so():
    people = five()
    for p in people[2:]:
        p.attendance = "remote"
    assert status_now(committee_meeting(people)).counted == 2
    assert not status_now(committee_meeting(people)).quorate
    assert status_now(committee_meeting(people, remote_counts=True)).counted == 5


def test_co_opted_members_without_a_vote_officers_and_guests_never_count():
    people = five()[:2] + [member("coop", voting=False),
                           Person(key="off", name="Olu Oke", role="Planning Officer", group="officer",
                                  attendance="in_attendance"),
                           Person(key="gst", name="Gil Guest", group="guest")]
    s = status_now(committee_meeting(people))
    assert (s.counted, s.membership, s.quorate) == (2, 2, False)
    assert s.summary() == "Inquorate · 2 of 2 present · quorum 3"


def test_a_member_out_of_the_room_for_a_declared_interest_does_not_count_for_that_item():
    meeting = committee_meeting(five()[:3])
    item = Item(number="5", title="Land at Mill Lane", withdrawn=["cat"])
    other = Item(number="6", title="Tree preservation")
    meeting.items = [item, other]
    assert status_now(meeting, item).counted == 2 and not status_now(meeting, item).quorate
    assert status_now(meeting, other).quorate
    minuted = Item(number="7", title="Depot", entries=[Entry(kind="event", text="left", at="19:00", left_room="bob")])
    assert status_now(meeting, minuted).counted == 2
    minuted.entries.append(Entry(kind="event", text="returned", at="19:10", returned="bob"))
    assert status_now(meeting, minuted).counted == 3


def test_members_gone_home_do_not_count():
    people = five()[:3]
    people[0].left = "20:00"
    assert status_now(committee_meeting(people)).counted == 2


# -- the rule ---------------------------------------------------------------------------


def test_the_rule_is_a_number_or_a_fraction_of_the_voting_membership_with_a_minimum():
    assert Rule(number=4).required(20) == 4
    assert Rule(fraction="1/4", minimum=3).required(8) == 3
    assert Rule(fraction="1/4", minimum=3).required(13) == 4  # a quarter, rounded up
    assert Rule(fraction="1/3").required(10) == 4
    assert DEFAULT_QUORUM.required(12) == 3 and DEFAULT_QUORUM.required(16) == 4
    assert required(committee_meeting(five(), quorum=None)) == 3  # the default: a quarter, at least 3


@pytest.mark.parametrize(("typed", "rule"), [("3", Rule(number=3)), ("1/4", Rule(fraction="1/4")),
                                             ("1/4 at least 3", Rule(fraction="1/4", minimum=3)),
                                             ("one third, minimum 2", Rule(fraction="1/3", minimum=2)),
                                             ("default", None)])
def test_a_rule_as_the_clerk_types_it(typed, rule):
    assert parse_rule(typed) == rule


@pytest.mark.parametrize("typed", ["0", "lots", "5/4", "1/0", "1/4 at least 0"])
def test_a_rule_that_is_not_one_is_refused_in_a_sentence(typed):
    with pytest.raises(BadInput) as e:
        parse_rule(typed)
    assert str(e.value).endswith(".") and "\n" not in str(e.value)


# -- the timeline, from the record ------------------------------------------------------


def evening() -> Meeting:
    """Three members and a quorum of 3: Bob leaves at 20:15, Cat (late) arrives at 20:25."""
    people = five()[:3] + [member("dan", attendance="apologies")]
    people[1].left = "20:15"
    people[2].arrived = "18:50"
    meeting = committee_meeting(people + [member("eve", arrived="20:25")])
    meeting.end = "21:00"
    meeting.items = [
        Item(number="1", title="Apologies", started="18:30", ended="18:40"),
        Item(number="2", title="Land at Mill Lane", started="18:40", ended="20:40", entries=[
            Entry(kind="speech", speaker="ann", text="introduced the report."),
            Entry(kind="event", text="Councillor Bobson left the meeting", at="20:15"),
            Entry(kind="vote", motion="that permission be granted", votes_for=2, votes_against=0, outcome="carried"),
            Entry(kind="event", text="Councillor Eveson arrived at the meeting", at="20:25"),
            Entry(kind="note", text="The Chair thanked the officers.")]),
    ]
    return meeting


def test_late_arrival_and_early_departure_make_the_timeline():
    tl = timeline(evening())
    assert [(m.at, m.counted, m.quorate) for m in tl.moments] == [
        ("18:30", 2, False), ("18:50", 3, True), ("20:15", 2, False), ("20:25", 3, True)]
    assert tl.inquorate_votes == [(1, 2)]
    late, left, back = tl.moments[1:]
    # Cat came at 18:50 during item 2: after the entries known to be earlier than the next one stamped 20:15.
    assert (late.item_index, late.after) == (1, 0)
    assert (left.item_index, left.after) == (1, 1)  # after the event minuting Bob's departure
    assert (back.item_index, back.after) == (1, 3)


def test_the_minutes_say_when_the_meeting_became_inquorate_and_quorate_again():
    texts = [p.text for p in build_minutes(evening()).paragraphs]
    assert texts.index("The meeting was inquorate at its start at 6.30 pm.") < texts.index("1. Apologies")
    assert texts.index("The meeting became quorate at 6.50 pm.") == texts.index("2. Land at Mill Lane") + 2
    left = texts.index("Councillor Bobson left the meeting at 8.15 pm.")
    assert texts[left + 1] == "The meeting became inquorate at 8.15 pm."
    back = texts.index("Councillor Eveson arrived at the meeting at 8.25 pm.")
    assert texts[back + 1] == "The meeting was quorate again at 8.25 pm."
    assert texts[-1] == "The meeting closed at 9.00 pm."


def test_a_meeting_that_ends_inquorate_is_adjourned():
    meeting = evening()
    meeting.people[-1].arrived = None
    meeting.people[-1].attendance = "apologies"
    meeting.items[1].entries = meeting.items[1].entries[:3]
    texts = [p.text for p in build_minutes(meeting).paragraphs]
    assert texts[-1] == "There being no quorum, the meeting was adjourned at 9.00 pm."


def test_leaving_the_room_for_an_item_is_a_change_in_the_count_within_the_item():
    meeting = committee_meeting(five()[:3])
    meeting.items = [Item(number="4", title="Depot", started="19:00", ended="19:30", withdrawn=["cat"], entries=[
        Entry(kind="declaration", person="cat", text="a pecuniary interest"),
        Entry(kind="event", text="Councillor Catson left the meeting for this item", at="19:05", left_room="cat"),
        Entry(kind="vote", motion="that the depot be sold", votes_for=2, votes_against=0, outcome="carried"),
        Entry(kind="event", text="Councillor Catson returned to the meeting", at="19:30", returned="cat")])]
    said = [(m.after, text) for m, text in sentences(meeting)]
    assert said == [(1, "The meeting became inquorate at 7.05 pm."), (3, "The meeting was quorate again at 7.30 pm.")]
    # An imported file that lists who withdrew but minuted no leaving: out for the whole item.
    meeting.items[0].entries = [meeting.items[0].entries[0], meeting.items[0].entries[2]]
    tl = timeline(meeting)
    assert [(m.at, m.after, m.quorate) for m in tl.moments[1:]] == [("19:00", -1, False), ("19:30", 1, True)]
    assert tl.inquorate_votes == [(0, 1)]


def test_an_item_not_reached_takes_nobody_out_of_the_room():
    meeting = committee_meeting(five()[:3])
    meeting.items = [Item(number="4", title="Depot", started="19:00", entries=[Entry(kind="note", text="Noted.")]),
                     Item(number="5", title="Deferred", withdrawn=["cat"])]
    assert [m.quorate for m in timeline(meeting).moments] == [True]


def test_a_meeting_with_no_members_listed_says_nothing_of_the_quorum():
    meeting = committee_meeting([Person(key="off", name="Olu Oke", group="officer", attendance="in_attendance")])
    meeting.items = [Item(number="1", title="Apologies", started="18:30")]
    assert timeline(meeting).moments == [] and not sentences(meeting)


def test_a_meeting_not_started_has_no_timeline():
    meeting = committee_meeting(five())
    meeting.start = None
    assert timeline(meeting).moments == []
    assert "inquorate" not in " ".join(p.text for p in build_minutes(meeting).paragraphs)


# -- a meeting file, imported -----------------------------------------------------------


def test_the_minutes_sentence_from_an_imported_meeting_file(tmp_path: Path, store: Store):
    data = meeting_to_dict(evening())
    data["committee"]["quorum"] = {"fraction": "1/2", "minimum": 3}
    data["people"][2]["voting"] = True
    data["people"].append({"id": "coop", "name": "Cora Coopted", "title": "Mrs", "voting": False})
    path = tmp_path / "meeting.clerkdesk"
    path.write_text(json.dumps(data), encoding="utf-8")
    mid = ops.import_meeting(store, read_meeting_file(path)).result
    meeting = store.load_meeting(mid)
    assert (meeting.committee.quorum_fraction, meeting.committee.quorum_minimum) == ("1/2", 3)
    assert not meeting.person("coop").voting
    assert "Mrs Cora Coopted (non-voting)" in build_minutes(meeting).paragraphs[0].text
    texts = [p.text for p in build_minutes(meeting).paragraphs]
    assert "The meeting became inquorate at 8.15 pm." in texts
    assert texts[texts.index("Councillor Bobson left the meeting at 8.15 pm.") + 1] == \
        "The meeting became inquorate at 8.15 pm."


def test_quorum_and_voting_travel_in_meeting_files_and_default_ones_are_not_written(tmp_path: Path):
    meeting = evening()
    meeting.committee.quorum_number = None
    data = meeting_to_dict(meeting)
    assert "quorum" not in data["committee"] and "remote_counts" not in data["committee"]
    assert all("voting" not in p for p in data["people"])
    meeting.committee.quorum_fraction, meeting.committee.quorum_minimum = "1/3", 2
    meeting.committee.remote_counts = True
    meeting.people[0].voting = False
    data = meeting_to_dict(meeting)
    assert data["committee"]["quorum"] == {"fraction": "1/3", "minimum": 2}
    assert data["committee"]["remote_counts"] is True and data["people"][0]["voting"] is False
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert meeting_to_dict(read_meeting_file(path)) == data


@pytest.mark.parametrize(("committee", "words"), [({"quorum": 0}, "not a number of members"),
                                                  ({"quorum": "3"}, "not a number of members"),
                                                  ({"quorum": {"fraction": "3/2"}}, "not a fraction"),
                                                  ({"quorum": {}}, "needs a “fraction”"),
                                                  ({"remote_counts": "yes"}, "true or false")])
def test_a_bad_quorum_in_a_meeting_file_is_one_sentence(tmp_path: Path, committee, words):
    data = meeting_to_dict(evening())
    data["committee"].update(committee)
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BadMeetingFile, match=words):
        read_meeting_file(path)


# -- the export warns once --------------------------------------------------------------


def test_votes_recorded_while_inquorate_make_the_export_warn_once():
    meeting = evening()
    meeting.items[1].entries.insert(2, Entry(kind="vote", motion="that the item be deferred", votes_for=1,
                                             votes_against=1, outcome="lost"))
    for fmt in ("text", "html", "docx"):
        warnings = render(meeting, fmt).warnings
        quorum = [w for w in warnings if "inquorate" in w]
        assert quorum == ["2 votes were recorded while the meeting was inquorate (item 2); a decision taken "
                          "without a quorum is not valid."], fmt
    assert not [w for w in render(meeting, "json", confidential=True).warnings if "inquorate" in w]
    quorate = evening()
    quorate.people[1].left = None
    assert vote_warning(quorate) is None and not render(quorate, "text").warnings


# -- the committee's settings: the store, the operation, undo -----------------------------


def test_the_quorum_is_set_by_an_operation_that_undoes_and_redoes(store: Store):
    mid = ops.import_meeting(store, evening()).result
    assert store.load_meeting(mid).committee.quorum_number == 3
    change = ops.set_quorum(store, "Planning Committee", "1/2 at least 2", remote_counts=True, meeting_id=mid)
    c = store.committee("Planning Committee")
    assert (c.quorum_number, c.quorum_fraction, c.quorum_minimum, c.remote_counts) == (None, "1/2", 2, True)
    shown = evening()
    shown.id = mid
    ops.apply_change(shown, change)
    assert shown.committee == store.load_meeting(mid).committee  # the window's copy follows
    redo = ops.run(store, change.inverse)
    assert store.committee("Planning Committee").quorum_number == 3
    assert not store.committee("Planning Committee").remote_counts
    ops.run(store, redo.inverse)
    assert store.committee("Planning Committee").quorum_fraction == "1/2"
    ops.set_quorum(store, "Planning Committee", "default")
    c = store.committee("Planning Committee")
    assert (c.quorum_number, c.quorum_fraction, c.remote_counts) == (None, "", True)
    with pytest.raises(BadInput, match="no committee"):
        ops.set_quorum(store, "Nobody", "3")


def test_an_existing_committee_keeps_its_own_quorum_when_a_file_is_imported(store: Store):
    ops.import_meeting(store, evening())
    again = evening()
    again.uid, again.committee.quorum_number = "", 9
    mid = ops.import_meeting(store, again, copy=True).result
    assert store.load_meeting(mid).committee.quorum_number == 3


# -- an older store -----------------------------------------------------------------------


def test_a_store_from_before_the_quorum_gets_the_default_rule_and_every_member_voting(data_dir: Path):
    from tests.core.test_store_versions import make_version_1_store
    from clerkdesk.store import default_store_path, schema

    path = default_store_path(data_dir)
    make_version_1_store(path)
    with Store(path) as s:
        assert s.db.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        meeting = s.load_meeting(1)
    c = meeting.committee
    assert (c.quorum_number, c.quorum_fraction, c.quorum_minimum, c.remote_counts) == (None, "", 0, False)
    assert all(p.voting for p in meeting.people)
    assert status_now(meeting).summary() == "Quorate · 3 of 3 present · quorum 3"


def test_a_meeting_typed_live_and_its_meeting_file_read_the_same(store: Store, tmp_path: Path):
    from clerkdesk.meeting_file import write_meeting_file

    meeting = committee_meeting(five()[:3] + [member("dan", attendance="absent")])
    meeting.start = None
    meeting.items = [Item(number="1", title="Apologies"), Item(number="2", title="Land at Mill Lane"),
                     Item(number="3", title="The depot")]
    mid = ops.import_meeting(store, meeting).result
    items = [i.id for i in store.load_meeting(mid).items]
    ops.start_meeting(store, mid, at="18:30")
    ops.go_to_item(store, mid, items[1], at="18:40")
    ops.record_departure(store, mid, "bob", at="19:15")
    ops.add_entry(store, items[1], Entry(kind="vote", motion="that permission be granted", votes_for=2,
                                          votes_against=0, outcome="carried"))
    ops.record_arrival(store, mid, "dan", at="19:25")
    ops.declare_interest(store, mid, "cat", "an interest in the depot", items[2])
    ops.go_to_item(store, mid, items[2], at="19:40")
    ops.go_to_item(store, mid, items[1], at="19:50")
    ops.close_meeting(store, mid, at="20:00")
    live = store.load_meeting(mid)
    said = [text for _m, text in sentences(live)]
    assert said == ["The meeting became inquorate at 7.15 pm.", "The meeting was quorate again at 7.25 pm.",
                    "The meeting became inquorate at 7.40 pm.", "The meeting was quorate again at 7.50 pm."]
    assert timeline(live).inquorate_votes == [(1, 1)]
    path = tmp_path / "live.clerkdesk"
    path.write_text(write_meeting_file(live), encoding="utf-8")
    imported = read_meeting_file(path)
    assert [p.text for p in build_minutes(imported).paragraphs] == [p.text for p in build_minutes(live).paragraphs]
