"""A store from the first release opens in this one with nothing lost; reading never upgrades it;
the search index can be rebuilt; planning's reads use indexes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from clerkdesk import ops
from clerkdesk.datafolder import DataFolder
from clerkdesk.errors import StoreLocked
from clerkdesk.lock import WriterLock
from clerkdesk.meeting_file import write_meeting_file
from clerkdesk.model import CarriedFrom, Draft, Unlock
from clerkdesk.store import Store, default_store_path, list_backups, schema
from tests.builders import make_meeting


def make_version_1_store(path: Path) -> None:
    """A store as the first release wrote it, with data in every key it kept in its JSON ``extra``."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    for statement in schema.V1_STATEMENTS:
        conn.execute(statement)
    for statement in schema.search_trigger_sql():
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO committees(id, name, minute_format) VALUES (1, 'Community Safety Committee', 'CS/{n}')")
    extra = {"draft": {"kind": "speech", "text": "Councillor Marsh asked whether", "respond": True},
             "live_started": "2026-09-17T18:30:12", "approved": "2026-10-20T10:01:02",
             "unlocked": [{"at": "2026-10-21T09:00:00", "reason": "a name was misspelt"}, {"at": "2026-10-22T09:00:00"}],
             "previous_meeting": 7, "webcast": "https://example.invalid/17"}
    conn.execute("INSERT INTO meetings(id, committee_id, title, date, start, venue, status, extra) VALUES "
                 "(1, 1, 'Community Safety Committee', '2026-09-17', '18:30', 'Town Hall', 'final', ?)",
                 (json.dumps(extra),))
    conn.execute("INSERT INTO meetings(id, committee_id, title, date, status) VALUES (2, 1, 'Earlier', '2026-06-01', 'draft')")
    for n, key in enumerate(("okafor", "marsh", "shah")):
        conn.execute("INSERT INTO people(meeting_id, key, position, name, grp, attendance) VALUES (1, ?, ?, ?, 'member', "
                     "'present')", (key, n, key.title()))
    conn.execute("INSERT INTO items(id, meeting_id, position, number, title, extra) VALUES "
                 "(1, 1, 0, '4', 'Action log', ?)", (json.dumps({"planning": "actions"}),))
    conn.execute("INSERT INTO items(id, meeting_id, position, number, title, extra) VALUES "
                 "(2, 1, 1, '5', 'Licensing review', ?)", (json.dumps({"withdrawn": ["marsh"], "colour": "red"}),))
    conn.execute("INSERT INTO items(id, meeting_id, position, number, title, minute_number) VALUES "
                 "(3, 2, 0, '1', 'Earlier item', 'CS/3')")
    carried = {"entry": 40, "meeting": 2, "date": "2026-06-01", "item": "6", "minute": "CS/3", "title": "Earlier item"}
    rows = [
        (1, 1, 0, "action", "circulate the figures", None, None, {"owner": "shah", "extra": {"carried_from": carried}}),
        (2, 1, 1, "action", "write to the police", None, None, {"owner": "shah", "extra": {"done": "2026-09-30"}}),
        (3, 2, 0, "event", "Councillor Marsh left the meeting for this item", None, "18:50",
         {"extra": {"left_room": "marsh"}}),
        (4, 2, 1, "event", "Councillor Marsh returned to the meeting", None, "19:10",
         {"extra": {"returned": "marsh", "flag": {"colour": "amber"}}}),
        (5, 2, 2, "speech", "asked about repeat callers", "okafor", None, {}),
    ]
    for eid, item, pos, kind, text, speaker, at, data in rows:
        conn.execute("INSERT INTO entries(id, item_id, position, kind, text, speaker, at, data) VALUES "
                     "(?, ?, ?, ?, ?, ?, ?, ?)", (eid, item, pos, kind, text, speaker, at, json.dumps(data)))
    conn.close()


def test_a_version_1_store_is_upgraded_with_nothing_lost_and_a_backup_first(data_dir: Path) -> None:
    path = default_store_path(data_dir)
    make_version_1_store(path)
    with Store(path) as store:
        assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        m = store.load_meeting(1)
        hits = store.search("repeat callers", prefix=False)
    assert m.draft == Draft(kind="speech", text="Councillor Marsh asked whether", respond=True)
    assert (m.live_started, m.approved_at, m.previous_meeting_id) == ("2026-09-17T18:30:12", "2026-10-20T10:01:02", 7)
    assert m.unlocks == [Unlock("2026-10-21T09:00:00", "a name was misspelt"), Unlock("2026-10-22T09:00:00", "")]
    assert m.extra == {"webcast": "https://example.invalid/17"} and len(m.uid) == 32
    actions, review = m.items
    assert actions.role == "actions" and actions.extra == {}
    assert review.withdrawn == ["marsh"] and review.extra == {"colour": "red"}
    carried, done = actions.entries
    assert carried.carried_from == CarriedFrom(40, 2, "2026-06-01", "6", "CS/3", "Earlier item") and carried.extra == {}
    assert done.done == "2026-09-30" and done.owner == "shah"
    left, back, speech = review.entries
    assert (left.left_room, back.returned, back.extra) == ("marsh", "marsh", {"flag": {"colour": "amber"}})
    assert speech.speaker == "okafor" and [h.meeting_id for h in hits] == [1]
    assert [b.reason for b in list_backups(data_dir)] == ["before-migration"]
    # The upgraded meeting's file holds the record, not the session state the old store kept beside it.
    text = write_meeting_file(m)
    assert "Councillor Marsh asked whether" not in text and "live_started" not in text and "previous_meeting" not in text
    assert "a name was misspelt" in text and '"withdrawn"' in text and '"done": "2026-09-30"' in text


def test_reading_never_upgrades_a_store_another_copy_holds(data_dir: Path) -> None:
    path = default_store_path(data_dir)
    make_version_1_store(path)
    before = path.read_bytes()
    lock = WriterLock(data_dir)
    lock.acquire(who="another copy")
    try:
        with pytest.raises(StoreLocked):
            DataFolder(data_dir).open_for_reading()
    finally:
        lock.release()
    assert path.read_bytes() == before and list_backups(data_dir) == []
    # With the folder free, a reader has the store upgraded under the lock first, then reads it.
    with DataFolder(data_dir).open_for_reading() as store:
        assert store.load_meeting(1).approved_at == "2026-10-20T10:01:02"


def test_the_search_index_is_rebuilt_from_the_meetings(store: Store) -> None:
    mid = store.import_meeting(make_meeting(tag="shoplifting "))
    store.db.conn.execute("INSERT INTO search_index(search_index) VALUES ('delete-all')")
    assert store.search("shoplifting") == []
    rows = store.rebuild_search()
    assert rows > 80 and [h.meeting_id for h in store.search("shoplifting")] == [mid]
    assert [h.meeting_id for h in store.search("Agenda item 3")] == [mid]
    ops.edit_entry(store, store.load_meeting(mid).items[0].entries[0].id, text="graffiti on the underpass")
    assert [h.meeting_id for h in store.search("underpass")] == [mid]  # the triggers carry on from the rebuilt index


def test_a_running_meeting_with_a_draft_exports_neither(store: Store) -> None:
    mid = store.import_meeting(make_meeting())
    ops.start_meeting(store, mid, "18:31")
    ops.save_draft(store, mid, Draft(kind="speech", text="half-typed words of the clerk"))
    text = write_meeting_file(store.load_meeting(mid))
    assert "half-typed words" not in text and "live_started" not in text and '"draft":' not in text
    from clerkdesk.meeting_file import parse_meeting_file

    again = parse_meeting_file(text.encode())
    assert again.live_started is None and again.draft is None


@pytest.mark.parametrize("query", ["action_family", "minute_numbers", "latest_meeting_before"])
def test_planning_reads_use_an_index_not_a_scan_of_the_archive(store: Store, query: str) -> None:
    mid = store.import_meeting(make_meeting(entries=80))
    eid = store.load_meeting(mid).items[0].entries[0].id
    sql, params = {
        "action_family": ("SELECT id FROM entries WHERE carried_entry = ?", (eid,)),
        "minute_numbers": ("SELECT m.id, m.date, i.minute_number FROM meetings m JOIN committees c ON c.id = "
                           "m.committee_id JOIN items i ON i.meeting_id = m.id WHERE c.name = ? AND m.date BETWEEN ? "
                           "AND ? AND m.deleted IS NULL AND i.minute_number != ''", ("X", "2026-05-01", "2026-09-17")),
        "latest_meeting_before": ("SELECT m.id FROM meetings m JOIN committees c ON c.id = m.committee_id WHERE "
                                  "c.name = ? AND m.date < ? AND m.deleted IS NULL ORDER BY m.date DESC, m.id DESC "
                                  "LIMIT 1", ("X", "2026-09-17")),
    }[query]
    plan = " / ".join(r[-1] for r in store.db.conn.execute("EXPLAIN QUERY PLAN " + sql, params))
    assert "SCAN m" not in plan and "SCAN entries" not in plan and "SCAN i " not in plan, plan
