"""The live-meeting calls the window and the command line share (clerkdesk/live.py)."""

from __future__ import annotations

import pytest

from clerkdesk import live, ops
from clerkdesk.errors import BadInput
from clerkdesk.model import Entry
from clerkdesk.sample import sample_meeting
from clerkdesk.text import clean_text
from clerkdesk.wording import entry_text
from tests.builders import make_meeting


@pytest.fixture
def mid(store) -> int:
    meeting = make_meeting(items=4, entries=4)
    meeting.start = meeting.end = None
    for item in meeting.items:
        item.entries = []
    return store.import_meeting(meeting)


def _items(store, mid):
    return store.load_meeting(mid).items


def test_start_and_close_stamp_the_meeting_and_items(store, mid):
    first, second = _items(store, mid)[:2]
    store.set_current(mid, first.id)
    assert ops.start_meeting(store, mid, "18:30").result == "18:30"
    m = store.load_meeting(mid)
    assert m.start == "18:30" and m.end is None and live.is_running(m)
    assert m.items[0].started == "18:30"
    ops.go_to_item(store, mid, second.id, "18:50")
    m = store.load_meeting(mid)
    assert (m.items[0].ended, m.items[1].started, m.current_item_id) == ("18:50", "18:50", second.id)
    ops.close_meeting(store, mid, "19:05")
    m = store.load_meeting(mid)
    assert m.end == "19:05" and m.items[1].ended == "19:05" and not live.is_running(m)


def test_moving_before_the_meeting_starts_stamps_nothing(store, mid):
    first, second = _items(store, mid)[:2]
    ops.go_to_item(store, mid, second.id, "18:00")
    m = store.load_meeting(mid)
    assert m.current_item_id == second.id and m.items[1].started is None and m.items[0].ended is None


def test_late_arrival_and_early_departure_are_minuted(store, mid):
    m = store.load_meeting(mid)
    store.set_current(mid, m.items[0].id)
    late = m.people[2]  # sent apologies in the builder
    ops.record_arrival(store, mid, late.key, "18:42")
    ops.record_departure(store, mid, m.people[1].key, "19:45")
    m = store.load_meeting(mid)
    assert m.people[2].arrived == "18:42" and m.people[2].attendance == "present"
    assert m.people[1].left == "19:45"
    texts = [entry_text(e, m) for e in m.items[0].entries]
    assert texts[0].endswith("arrived at the meeting at 6.42 pm.")
    assert texts[1].endswith("left the meeting at 7.45 pm.")


def test_interest_for_the_current_item_leaves_the_room_and_returns(store, mid):
    m = store.load_meeting(mid)
    first, second = m.items[:2]
    store.set_current(mid, first.id)
    ops.start_meeting(store, mid, "18:30")
    key = m.people[1].key
    ops.declare_interest(store, mid, key, "a disclosable pecuniary interest as a landlord.", first.id, "18:31")
    m = store.load_meeting(mid)
    assert [e.kind for e in m.items[0].entries] == ["declaration", "event"]
    assert key not in live.voting_members(m, m.items[0])
    assert key in live.voting_members(m, m.items[1])
    ops.go_to_item(store, mid, second.id, "18:40")
    m = store.load_meeting(mid)
    assert "returned to the meeting at 6.40 pm" in entry_text(m.items[0].entries[-1], m)


def test_interest_for_a_later_item_is_minuted_when_the_meeting_gets_there(store, mid):
    m = store.load_meeting(mid)
    first, second, third = m.items[:3]
    store.set_current(mid, first.id)
    ops.start_meeting(store, mid, "18:30")
    key = m.people[4].key
    ops.declare_interest(store, mid, key, "an interest in item 2.", second.id)
    ops.go_to_item(store, mid, second.id, "18:45")
    ops.go_to_item(store, mid, third.id, "19:00")
    m = store.load_meeting(mid)
    texts = [entry_text(e, m) for e in m.items[1].entries]
    assert texts[0].endswith("left the meeting for this item at 6.45 pm.")
    assert texts[1].endswith("returned to the meeting at 7.00 pm.")
    assert key not in live.voting_members(m, m.items[1])


def test_substitutes_vote_and_apologies_do_not():
    m = sample_meeting()
    voters = live.voting_members(m, None)
    assert "haddad" in voters and "greaves" not in voters and "kaur" not in voters


def test_vote_counts_must_agree_with_names(store, mid):
    item = _items(store, mid)[0]
    bad = Entry(kind="vote", votes_for=2, votes_against=0, votes_abstain=0, outcome="carried",
                recorded={"for": ["p0"], "against": [], "abstain": []})
    with pytest.raises(BadInput, match="For is 2 but 1 member is ticked"):
        ops.add_entry(store, item.id, bad)
    bad.votes_for = 1
    assert ops.add_entry(store, item.id, bad).result
    assert live.vote_outcome(3, 3) == "lost"


def test_exempt_item_gets_the_exclusion_resolution_before_it(store, mid):
    items = _items(store, mid)
    ops.set_exempt(store, items[2].id, True, 3)
    m = store.load_meeting(mid)
    assert [i.title for i in m.items][2] == live.EXCLUSION_TITLE
    assert m.items[3].exempt and not m.items[2].exempt
    assert "Paragraph 3 of Part 1 of Schedule 12A" in m.items[2].entries[0].text
    with pytest.raises(BadInput):
        live.exclusion_resolution(9)


def test_clean_text_drops_what_word_forbids():
    # Word's soft return (vertical tab) pasted mid-sentence is a space; real line breaks stay.
    assert clean_text("a\x0bb\x00c\r\nd\x1f") == "a bc\nd"
    assert clean_text("the report \x0b was noted") == "the report was noted"


def test_previous_speaker_is_the_last_other_speaker(store, mid):
    item = _items(store, mid)[0]
    store.add_entry(item.id, Entry(kind="speech", speaker="p1", text="asked."))
    store.add_entry(item.id, Entry(kind="speech", speaker="p6", text="said."))
    item = _items(store, mid)[0]
    assert live.previous_speaker(item, "p6") == "p1"
    assert live.previous_speaker(item, "p0") == "p6"
