"""A new meeting from the last one, minute numbers, actions across meetings, status rules."""

from __future__ import annotations

import pytest

from clerkdesk import ops, planning
from clerkdesk.errors import BadInput
from clerkdesk.model import CarriedFrom, Entry, Item
from clerkdesk.store import Store
from clerkdesk.wording import name_for
from tests.builders import make_meeting

COMMITTEE = "Community Safety Scrutiny Committee"


def _previous(store: Store, date: str = "2026-09-17") -> int:
    meeting = make_meeting(items=4, entries=40, date=date)
    meeting.people[1].arrived, meeting.people[1].left = "18:40", "19:45"
    meeting.people[4].attendance = "remote"
    return store.import_meeting(meeting)


def test_a_new_meeting_starts_from_the_previous_one(store: Store) -> None:
    prev_id = _previous(store)
    prev = store.load_meeting(prev_id)
    mid = ops.new_meeting(store, COMMITTEE, "", "2026-11-19", start="18:30", venue="Council Chamber").result
    m = store.load_meeting(mid)

    assert (m.title, m.date, m.start, m.venue, m.status) == (COMMITTEE, "2026-11-19", "18:30", "Council Chamber",
                                                             "draft")
    # Membership: last time's substitute (p3, for p2) is not a member; everyone else is back, reset.
    assert [p.key for p in m.people] == [p.key for p in prev.people if p.key != "p3"]
    for p in m.people:
        assert p.attendance == ("present" if p.group == "member" else "in_attendance")
        assert p.arrived is None and p.left is None and p.substitute_for is None
    assert m.person("p2").attendance == "present"  # sent apologies last time; expected this time

    assert [i.title for i in m.items] == ["Apologies for Absence", "Declarations of Interest",
                                          "Minutes of the Previous Meeting", "Action log"]
    assert [i.number for i in m.items] == ["1", "2", "3", "4"]
    [approve] = m.items[2].entries
    assert approve.kind == "resolution"
    assert approve.text == ("that the minutes of the meeting held on Thursday, 17 September 2026 be approved "
                            "as a correct record and signed by the Chair.")

    # Every action minuted last time is carried, referring back to where it was minuted.
    originals = [(item, e) for item in prev.items for e in item.entries if e.kind == "action"]
    carried = m.items[3].entries
    assert len(carried) == len(originals) > 0
    for (item, original), copy in zip(originals, carried, strict=True):
        assert copy.kind == "action" and copy.text == original.text and copy.due == original.due
        assert copy.owner == original.owner  # still a person key: they are at this meeting too
        assert copy.carried_from == CarriedFrom(entry=original.id, meeting=prev_id, date="2026-09-17",
                                                item=item.number, minute=item.minute_number, title=item.title)

    # The previous meeting used minutes 30-33 in this municipal year, so this one runs on.
    assert [i.minute_number for i in m.items] == ["34", "35", "36", "37"]
    assert m.previous_meeting_id == prev_id


def test_actions_minuted_in_private_are_carried_into_an_exempt_item(store: Store) -> None:
    prev = store.load_meeting(store.import_meeting(make_meeting(items=4, entries=40, exempt=(3,),
                                                                date="2026-09-17")))
    secret = [e.id for e in prev.items[3].entries if e.kind == "action"]
    public = [e.id for i in prev.items[:3] for e in i.entries if e.kind == "action"]
    assert secret and public
    m = store.load_meeting(ops.new_meeting(store, COMMITTEE, "", "2026-11-19").result)
    log, private = m.items[-2], m.items[-1]
    assert (log.title, log.exempt) == ("Action log", False)
    assert (private.title, private.exempt) == ("Action log (exempt items)", True)
    assert [e.carried_from.entry for e in log.entries] == public
    assert [e.carried_from.entry for e in private.entries] == secret
    assert [a.exempt for a in planning.open_actions(store, COMMITTEE)] == [False] * len(public) + [True] * len(secret)


def test_a_committee_that_never_met_gets_just_the_opening_items(store: Store) -> None:
    m = store.load_meeting(ops.new_meeting(store, "Licensing Sub-Committee", "Hearing", "2026-10-01").result)
    assert m.people == []
    assert [(i.number, i.title, i.minute_number) for i in m.items] == [
        ("1", "Apologies for Absence", "1"), ("2", "Declarations of Interest", "2")]


def test_a_meeting_in_the_bin_is_not_the_previous_meeting(store: Store) -> None:
    store.delete_meeting(_previous(store))
    m = store.load_meeting(ops.new_meeting(store, COMMITTEE, "", "2026-11-19").result)
    assert [i.title for i in m.items] == ["Apologies for Absence", "Declarations of Interest"]
    assert m.people == []


@pytest.mark.parametrize("fmt, year", [("CS/{n}/{yy}", "26"), ("{yyyy}-{n}", "2026")])
def test_minute_numbers_run_on_within_the_municipal_year_and_restart_in_may(store: Store, fmt: str,
                                                                            year: str) -> None:
    store.committee_id(COMMITTEE, fmt)

    def numbers(mid: int) -> list[str]:
        return [i.minute_number for i in store.load_meeting(mid).items]

    def expect(*ns: int) -> list[str]:
        return [fmt.replace("{n}", str(n)).replace("{yyyy}", year).replace("{yy}", year) for n in ns]

    march = ops.new_meeting(store, COMMITTEE, "", "2026-03-12").result
    assert numbers(march) == expect(1, 2)
    store.add_item(march, Item(number="3", title="Budget monitoring"))
    assert ops.number_minutes(store, march).result == 1
    assert numbers(march) == expect(1, 2, 3)

    april = ops.new_meeting(store, COMMITTEE, "", "2026-04-16").result  # same municipal year (2025/26)
    assert numbers(april) == expect(4, 5, 6)  # apologies, declarations, previous minutes

    june = ops.new_meeting(store, COMMITTEE, "", "2026-06-18").result  # a new municipal year began in May
    assert numbers(june) == expect(1, 2, 3)


def test_assigning_numbers_never_overwrites_the_clerks_own(store: Store) -> None:
    mid = ops.new_meeting(store, COMMITTEE, "", "2026-09-17").result  # items 1, 2 get minutes 1, 2
    first = store.add_item(mid, Item(number="3", title="Public Question Time"))
    store.add_item(mid, Item(number="4", title="Annual report", minute_number="4"))  # the clerk's choice
    store.add_item(mid, Item(number="5", title="Anti-social behaviour"))
    store.add_item(mid, Item(number="6", title="Late item", minute_number="31A"))  # not in the format
    store.add_item(mid, Item(number="7", title="Work programme"))
    assert ops.number_minutes(store, mid).result == 3
    items = store.load_meeting(mid).items
    assert [i.minute_number for i in items] == ["1", "2", "3", "4", "5", "31A", "6"]
    assert next(i for i in items if i.id == first).minute_number == "3"
    assert ops.number_minutes(store, mid).result == 0  # nothing left to number


def test_a_number_the_clerk_set_ahead_is_never_reused(store: Store) -> None:
    mid = store.create_meeting(COMMITTEE, "", "2026-09-17")
    store.add_item(mid, Item(number="1", title="A"))
    store.add_item(mid, Item(number="2", title="B", minute_number="2"))
    store.add_item(mid, Item(number="3", title="C"))
    ops.number_minutes(store, mid)
    assert [i.minute_number for i in store.load_meeting(mid).items] == ["1", "2", "3"]


def test_minute_number_formats() -> None:
    assert planning.format_minute_number("CS/{n}/{yy}", 12, "2026-09-17") == "CS/12/26"
    assert planning.parse_minute_number("CS/{n}/{yy}", "CS/12/26") == 12
    assert planning.parse_minute_number("CS/{n}/{yy}", "12") is None
    assert planning.parse_minute_number("{n}", " 31 ") == 31
    assert planning.municipal_year("2026-04-30") == 2025 and planning.municipal_year("2026-05-01") == 2026
    with pytest.raises(BadInput, match="no {n}"):
        planning.format_minute_number("CS/{yy}", 1, "2026-09-17")


def test_open_actions_across_meetings_and_marking_them_done(store: Store) -> None:
    prev_id = _previous(store, "2026-07-14")
    prev = store.load_meeting(prev_id)
    actions = planning.open_actions(store, COMMITTEE)
    originals = [(item, e) for item in prev.items for e in item.entries if e.kind == "action"]
    assert [a.entry_id for a in actions] == [e.id for _, e in originals]
    first = actions[0]
    item, entry = originals[0]
    assert (first.text, first.due, first.meeting_id, first.meeting_date, first.item_id, first.item_number,
            first.minute_number) == (entry.text, entry.due, prev_id, "2026-07-14", item.id, item.number,
                                     item.minute_number)
    assert first.owner == name_for(prev, entry.owner) and first.owner_key == entry.owner

    # Carried into September's action log, the copies are not listed a second time.
    sept = ops.new_meeting(store, COMMITTEE, "", "2026-09-17").result
    assert [a.entry_id for a in planning.open_actions(store, COMMITTEE)] == [a.entry_id for a in actions]
    copy = store.load_meeting(sept).items[-1].entries[0]

    # Done at September's meeting (on the carried copy): gone from the list, and not carried again.
    ops.mark_action_done(store, copy.id, on="2026-09-17")
    assert first.entry_id not in [a.entry_id for a in planning.open_actions(store, COMMITTEE)]
    original = next(e for i in store.load_meeting(prev_id).items for e in i.entries if e.id == first.entry_id)
    assert original.done == "2026-09-17"
    nov = store.load_meeting(ops.new_meeting(store, COMMITTEE, "", "2026-11-19").result)
    assert first.entry_id not in [e.carried_from.entry for e in nov.items[-1].entries]

    ops.mark_action_done(store, first.entry_id, done=False)
    assert planning.open_actions(store, COMMITTEE)[0].entry_id == first.entry_id
    assert planning.open_actions(store, "Another Committee") == []
    with pytest.raises(BadInput, match="not an action"):
        ops.mark_action_done(store, approve_entry(store, sept))


def approve_entry(store: Store, mid: int) -> int:
    """The id of the draft resolution approving the previous minutes (not an action)."""
    return next(i for i in store.load_meeting(mid).items if i.role == "minutes").entries[0].id


def test_an_action_owner_not_at_the_new_meeting_is_carried_by_name(store: Store) -> None:
    mid = store.create_meeting(COMMITTEE, "", "2026-07-14")
    store.add_item(mid, Item(number="1", title="Report", entries=[
        Entry(kind="action", text="write to the police", owner="Northbrook Police", due="2026-08-01")]))
    new = store.load_meeting(ops.new_meeting(store, COMMITTEE, "", "2026-09-17").result)
    assert new.items[-1].entries[0].owner == "Northbrook Police"


def test_status_rules_and_a_deliberate_unlock(store: Store) -> None:
    mid = ops.new_meeting(store, COMMITTEE, "", "2026-09-17").result
    ops.set_status(store, mid, "final")
    ops.set_status(store, mid, "approved")
    m = store.load_meeting(mid)
    assert planning.is_locked(m) and m.approved_at
    with pytest.raises(BadInput, match="approved"):
        ops.set_status(store, mid, "draft")
    with pytest.raises(BadInput, match="approved"):
        ops.check_editable(store, mid)
    with pytest.raises(BadInput, match="approved"):
        ops.number_minutes(store, mid)
    with pytest.raises(BadInput, match="status"):
        ops.set_status(store, mid, "published")

    ops.unlock(store, mid, reason="Typo in the Chair's name")
    m = store.load_meeting(mid)
    assert m.status == "final" and not planning.is_locked(m)
    [unlock] = m.unlocks
    assert unlock.reason == "Typo in the Chair's name" and unlock.at[:4].isdigit()
    with pytest.raises(BadInput, match="not approved"):
        ops.unlock(store, mid)
    ops.set_status(store, mid, "approved")
    ops.unlock(store, mid)
    assert len(store.load_meeting(mid).unlocks) == 2


def test_bad_dates_and_times_change_nothing(store: Store) -> None:
    for args in ((COMMITTEE, "", "17/09/2026"), (COMMITTEE, "", ""), ("  ", "", "2026-09-17")):
        with pytest.raises(BadInput):
            ops.new_meeting(store, *args)
    with pytest.raises(BadInput, match="time"):
        ops.new_meeting(store, COMMITTEE, "", "2026-09-17", start="6.30pm")
    assert store.list_meetings() == []
