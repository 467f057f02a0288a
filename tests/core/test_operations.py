"""The core's operations: each checks its own rules, and its change record undoes and redoes it exactly."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from clerkdesk import ops
from clerkdesk.errors import BadInput, MinutesLocked
from clerkdesk.model import Entry, Item
from clerkdesk.ops import Change
from clerkdesk.store import Store
from tests.builders import make_meeting

TABLES = ("committees", "meetings", "people", "items", "entries", "unlocks", "withdrawals", "ignored_words")
NAVIGATION = ("current_item_id", "current_speaker")  # where the clerk is: not part of what undo restores


def snapshot(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table the record lives in, in id order."""
    conn = store.db.conn
    out = {}
    for table in TABLES:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in NAVIGATION]
        order = {"withdrawals": "item_id, person_key", "ignored_words": "meeting_id, word"}.get(table, "id")
        out[table] = conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}").fetchall()
    return out


@pytest.fixture
def meeting(store: Store) -> int:
    mid = store.import_meeting(make_meeting(items=4, entries=40, people=10))
    m = store.load_meeting(mid)
    store.set_current(mid, m.items[1].id, m.people[1].key)
    return mid


def _ids(store: Store, mid: int):
    m = store.load_meeting(mid)
    return m, [i.id for i in m.items], [[e.id for e in i.entries] for i in m.items]


def _action(store: Store, mid: int) -> int:
    m = store.load_meeting(mid)
    return next(e.id for i in m.items for e in i.entries if e.kind == "action")


def _unnumbered(store: Store, mid: int) -> int:
    store.add_item(mid, Item(number="5", title="Any other business"))
    return mid


def _approved(store: Store, mid: int) -> int:
    ops.set_status(store, mid, "approved")
    return mid


# name: (prepare the meeting, the operation)
OPERATIONS: dict[str, tuple[Callable, Callable[[Store, int], Change]]] = {
    "add entry": (None, lambda s, mid: ops.add_entry(s, _ids(s, mid)[1][0], Entry(kind="note", text="a new point"))),
    "add entry at a place": (None, lambda s, mid: ops.add_entry(
        s, _ids(s, mid)[1][0], Entry(kind="speech", speaker="p1", text="asked a question"), 1)),
    "add vote": (None, lambda s, mid: ops.add_entry(s, _ids(s, mid)[1][0], Entry(
        kind="vote", motion="that the report be noted", votes_for=5, votes_against=1, outcome="carried"))),
    "edit entry": (None, lambda s, mid: ops.edit_entry(s, _ids(s, mid)[2][0][0], text="said otherwise", kind="note")),
    "delete entry": (None, lambda s, mid: ops.delete_entry(s, _ids(s, mid)[2][0][2])),
    "move entry": (None, lambda s, mid: ops.move_entry(s, _ids(s, mid)[2][0][3], 0)),
    "move entry to another item": (None, lambda s, mid: ops.move_entry(s, _ids(s, mid)[2][0][3], 1, _ids(s, mid)[1][2])),
    "join entry": (None, lambda s, mid: ops.join_entry(s, _ids(s, mid)[2][0][1])),
    "sub-point": (None, lambda s, mid: ops.set_level(s, _ids(s, mid)[2][0][1], 2)),
    "add item": (None, lambda s, mid: ops.add_item(s, mid, "2A", "Urgent business", 2)),
    "edit item": (None, lambda s, mid: ops.edit_item(s, _ids(s, mid)[1][1], title="Renamed", minute_number="99")),
    "move item": (None, lambda s, mid: ops.move_item(s, _ids(s, mid)[1][3], 0)),
    "delete item": (None, lambda s, mid: ops.delete_item(s, _ids(s, mid)[1][1])),
    "exempt with resolution": (None, lambda s, mid: ops.set_exempt(s, _ids(s, mid)[1][2], True, 3)),
    "number the minutes": (_unnumbered, lambda s, mid: ops.number_minutes(s, mid)),
    "attendance": (None, lambda s, mid: ops.set_attendance(s, mid, "p4", "substitute", "p1")),
    "arrival": (None, lambda s, mid: ops.record_arrival(s, mid, "p2", "18:45")),
    "departure": (None, lambda s, mid: ops.record_departure(s, mid, "p5", "19:50")),
    "declaration leaving the room": (None, lambda s, mid: ops.declare_interest(
        s, mid, "p5", "a disclosable pecuniary interest", _ids(s, mid)[1][1], "18:50")),
    "start": (None, lambda s, mid: ops.start_meeting(s, mid, "18:31")),
    "close": (None, lambda s, mid: ops.close_meeting(s, mid, "21:02")),
    "meeting details": (None, lambda s, mid: ops.update_meeting(s, mid, title="Extraordinary meeting", venue="Hall")),
    "agenda import": (None, lambda s, mid: ops.apply_agenda(s, [Item(number="1", title="Agenda item 1"),
                                                                 Item(number="6", title="Budget monitoring")], mid)),
    "action done": (None, lambda s, mid: ops.mark_action_done(s, _action(s, mid), on="2026-10-01")),
    "final": (None, lambda s, mid: ops.set_status(s, mid, "final")),
    "approved": (None, lambda s, mid: ops.set_status(s, mid, "approved")),
    "unlock": (_approved, lambda s, mid: ops.unlock(s, mid, "a name was misspelt")),
    "ignore a word": (None, lambda s, mid: ops.ignore_word(s, mid, "Ashcombe")),
    "quorum rule": (None, lambda s, mid: ops.set_quorum(s, s.load_meeting(mid).committee.name, "1/3 at least 2",
                                                        True, mid)),
}


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_undo_restores_the_store_exactly_and_redo_does_it_again(store: Store, meeting: int, name: str) -> None:
    prepare, operation = OPERATIONS[name]
    if prepare is not None:
        prepare(store, meeting)
    before = snapshot(store)
    change = operation(store, meeting)
    after = snapshot(store)
    assert after != before and not change.empty and change.undoable
    undone = ops.run(store, change.inverse)
    assert snapshot(store) == before
    redone = ops.run(store, undone.inverse)
    assert snapshot(store) == after
    ops.run(store, redone.inverse)
    assert snapshot(store) == before
    # The search index followed every step: what the meeting says is still found, nothing extra.
    hits = store.search("ward budget", prefix=False)
    assert [h.meeting_id for h in hits] == [meeting]


def test_a_change_record_says_what_changed_as_it_now_stands(store: Store, meeting: int) -> None:
    _m, items, entries = _ids(store, meeting)
    change = ops.add_entry(store, items[0], Entry(kind="speech", speaker="p1", text="welcomed everyone"), 0)
    [added] = change.entries
    assert (added.how, added.item_id, added.index, added.entry.text) == ("added", items[0], 0, "welcomed everyone")
    assert change.result == added.entry_id and not change.structural and change.meeting_id == meeting
    change = ops.record_departure(store, meeting, "p5", "19:50")
    assert [p.left for p in change.people] == ["19:50"] and [e.how for e in change.entries] == ["added"]
    change = ops.move_item(store, items[3], 0)
    assert change.structural and change.items[0].index == 0
    change = ops.delete_entry(store, entries[1][0])
    assert change.entries[0].how == "deleted" and change.entries[0].entry is None
    change = ops.start_meeting(store, meeting, "18:33")
    assert change.meeting["start"] == "18:33" and change.meeting["live_started"]


def test_an_entry_deleted_and_put_back_keeps_its_id(store: Store, meeting: int) -> None:
    eid = _ids(store, meeting)[2][0][2]
    undone = ops.run(store, ops.delete_entry(store, eid).inverse)
    assert undone.entries[0].entry_id == eid and store.load_entry(eid)[2] == 2


# Ignoring a word changes the underlines, not the minutes, so approved minutes allow it too; the
# quorum rule is the committee's, shared by its meetings: not refused by one meeting's approval.
MUTATIONS = [n for n in OPERATIONS if n not in ("action done", "unlock", "final", "approved", "ignore a word",
                                                "quorum rule")]


@pytest.mark.parametrize("name", MUTATIONS)
def test_approved_minutes_refuse_every_change(store: Store, meeting: int, name: str) -> None:
    prepare, operation = OPERATIONS[name]
    if prepare is not None:
        prepare(store, meeting)
    ops.set_status(store, meeting, "approved")
    before = snapshot(store)
    with pytest.raises(MinutesLocked, match="approved"):
        operation(store, meeting)
    assert snapshot(store) == before


def test_an_action_can_be_marked_done_on_approved_minutes(store: Store, meeting: int) -> None:
    ops.set_status(store, meeting, "approved")
    ops.mark_action_done(store, _action(store, meeting), on="2026-10-01")
    assert store.load_entry(_action(store, meeting))[0].done == "2026-10-01"


@pytest.mark.parametrize("field", ["speaker", "in_response_to", "person", "mover", "seconder"])
def test_an_entry_naming_someone_not_at_the_meeting_is_refused(store: Store, meeting: int, field: str) -> None:
    items = _ids(store, meeting)[1]
    before = snapshot(store)
    entry = Entry(kind="speech", speaker="p1", text="said so")
    setattr(entry, field, "nobody")
    with pytest.raises(BadInput, match="nobody"):
        ops.add_entry(store, items[0], entry)
    with pytest.raises(BadInput, match="nobody"):
        ops.edit_entry(store, _ids(store, meeting)[2][0][0], **{field: "nobody"})
    with pytest.raises(BadInput, match="nobody"):
        ops.set_attendance(store, meeting, "nobody", "present")
    assert snapshot(store) == before


def test_a_minute_number_format_without_n_is_refused(store: Store, meeting: int) -> None:
    committee = store.load_meeting(meeting).committee.name
    before = snapshot(store)
    with pytest.raises(BadInput, match=r"\{n\}"):
        ops.set_minute_format(store, committee, "CS/{yy}")
    assert snapshot(store) == before
    ops.set_minute_format(store, committee, "CS/{n}/{yy}")
    assert store.committee(committee).minute_format == "CS/{n}/{yy}"


def test_moving_about_and_the_draft_are_never_undone(store: Store, meeting: int) -> None:
    from clerkdesk.model import Draft

    items = _ids(store, meeting)[1]
    assert not ops.go_to_item(store, meeting, items[2]).undoable
    assert not ops.set_speaker(store, meeting, items[2], "p3").undoable
    assert not ops.save_draft(store, meeting, Draft(kind="note", text="half a")).undoable
    m = store.load_meeting(meeting)
    assert (m.current_item_id, m.current_speaker, m.draft.text) == (items[2], "p3", "half a")
    with pytest.raises(BadInput, match="nobody"):
        ops.set_speaker(store, meeting, items[2], "nobody")


def test_a_meeting_kept_up_to_date_by_change_records_equals_the_store(store: Store, meeting: int) -> None:
    """What the window does instead of reloading: every operation's record applied to the meeting it read once."""
    shown = store.load_meeting(meeting)
    for name, (prepare, operation) in OPERATIONS.items():
        if prepare is not None or name in ("approved", "unlock"):
            continue
        change = operation(store, meeting)
        ops.apply_change(shown, change)
        assert shown == store.load_meeting(meeting), name
        undone = ops.run(store, change.inverse)
        ops.apply_change(shown, undone)
        assert shown == store.load_meeting(meeting), f"undo {name}"
        ops.apply_change(shown, ops.run(store, undone.inverse))
        assert shown == store.load_meeting(meeting), f"redo {name}"
