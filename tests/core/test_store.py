"""The store: real SQLite files in temporary folders, reopened and searched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from clerkdesk.errors import BadInput, NoSuchMeeting, StoreDamaged, StoreTooNew
from clerkdesk.meeting_file import meeting_to_dict
from clerkdesk.model import Entry, Item, Person
from clerkdesk.sample import sample_meeting
from clerkdesk.store.schema import SCHEMA_VERSION
from clerkdesk.store import Store, default_store_path
from tests.builders import make_meeting


def test_store_is_wal_full_sync_with_foreign_keys(store: Store) -> None:
    conn = store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_meeting_survives_a_reopen(data_dir: Path) -> None:
    path = default_store_path(data_dir)
    with Store(path) as store:
        mid = store.import_meeting(sample_meeting())
        before = meeting_to_dict(store.load_meeting(mid))
    with Store(path) as store:
        assert meeting_to_dict(store.load_meeting(mid)) == before
        assert [m.id for m in store.list_meetings()] == [mid]


def test_entries_are_added_edited_moved_and_deleted(store: Store) -> None:
    mid = store.import_meeting(make_meeting(items=2, entries=4))
    item = store.load_meeting(mid).items[0]
    a = store.add_entry(item.id, Entry("note", text="first"))
    b = store.add_entry(item.id, Entry("speech", speaker="p0", text="second"), index=0)
    store.update_entry(a, text="first, edited")
    store.move_entry(a, 0)
    entries = store.load_meeting(mid).items[0].entries
    assert [e.id for e in entries[:2]] == [a, b]
    assert entries[0].text == "first, edited"
    removed, item_id, index = store.delete_entry(b)
    assert (removed.text, item_id, index) == ("second", item.id, 1)
    store.add_entry(item_id, removed, index=index)  # undo
    assert [e.text for e in store.load_meeting(mid).items[0].entries[:2]] == ["first, edited", "second"]


def test_an_entry_joins_the_previous_one_or_is_a_sub_point_and_splits_again(store: Store) -> None:
    mid = store.import_meeting(make_meeting(items=1, entries=2))
    item = store.load_meeting(mid).items[0]
    joined = store.add_entry(item.id, Entry("speech", speaker="p1", text="added that…", joins_previous=True))
    part = store.add_entry(item.id, Entry("resolution", text="the report be noted", level=2))
    entries = {e.id: e for e in store.load_meeting(mid).items[0].entries}
    assert (entries[joined].joins_previous, entries[joined].level) == (True, 1)
    assert (entries[part].joins_previous, entries[part].level) == (False, 2)
    store.update_entry(joined, joins_previous=False)
    store.update_entry(part, level=1)
    entries = {e.id: e for e in store.load_meeting(mid).items[0].entries}
    assert not entries[joined].joins_previous and entries[part].level == 1
    with pytest.raises(BadInput, match="level"):
        store.update_entry(part, level=3)
    with pytest.raises(BadInput, match="true or false"):
        store.update_entry(joined, joins_previous="yes")


def test_entry_moves_to_another_item(store: Store) -> None:
    mid = store.import_meeting(make_meeting(items=2, entries=4))
    first, second = store.load_meeting(mid).items
    moving = first.entries[0].id
    store.move_entry(moving, 0, item_id=second.id)
    after = store.load_meeting(mid)
    assert moving not in [e.id for e in after.items[0].entries]
    assert after.items[1].entries[0].id == moving


def test_items_are_added_moved_and_deleted_with_undo(store: Store) -> None:
    mid = store.import_meeting(make_meeting(items=3, entries=6))
    new = store.add_item(mid, Item(number="2(a)", title="Urgent business"), index=2)
    assert [i.number for i in store.load_meeting(mid).items] == ["1", "2", "2(a)", "3"]
    store.move_item(new, 0)
    assert [i.number for i in store.load_meeting(mid).items] == ["2(a)", "1", "2", "3"]
    store.update_item(new, title="Urgent business: flooding", exempt=True, documents=["Map"])
    item, index = store.delete_item(store.load_meeting(mid).items[1].id)
    assert index == 1 and len(item.entries) == 2
    store.add_item(mid, item, index)  # undo brings the entries back too
    restored = store.load_meeting(mid).items
    assert [i.number for i in restored] == ["2(a)", "1", "2", "3"]
    assert [e.text for e in restored[1].entries] == [e.text for e in item.entries]
    assert restored[0].exempt and restored[0].documents == ["Map"]


def test_attendance_and_people(store: Store) -> None:
    mid = store.import_meeting(make_meeting(items=1, entries=1))
    pid = store.add_person(mid, Person("late", "Kwame Mensah", title="Councillor"))
    store.set_attendance(pid, "substitute", substitute_for="p2")
    store.update_person(pid, arrived="18:42")
    person = store.load_meeting(mid).person("late")
    assert (person.attendance, person.substitute_for, person.arrived) == ("substitute", "p2", "18:42")
    with pytest.raises(BadInput):
        store.set_attendance(pid, "asleep")
    with pytest.raises(BadInput):
        store.add_person(mid, Person("late", "Someone Else"))


def test_current_item_and_speaker_are_remembered(store: Store) -> None:
    mid = store.import_meeting(make_meeting(items=3, entries=3))
    item = store.load_meeting(mid).items[2]
    store.set_current(mid, item.id, "p1")
    m = store.load_meeting(mid)
    assert (m.current_item_id, m.current_speaker) == (item.id, "p1")


def test_bad_values_change_nothing(store: Store) -> None:
    mid = store.import_meeting(make_meeting(items=1, entries=2))
    entry = store.load_meeting(mid).items[0].entries[0]
    with pytest.raises(BadInput):
        store.update_entry(entry.id, kind="gossip")
    with pytest.raises(BadInput):
        store.update_entry(entry.id, at="7pm")
    with pytest.raises(BadInput):
        store.update_meeting(mid, date="17/09/2026")
    with pytest.raises(NoSuchMeeting):
        store.load_meeting(999)
    assert store.load_meeting(mid).items[0].entries[0] == entry


def test_search_finds_a_word_said_in_one_meeting_and_not_another(store: Store) -> None:
    one = store.import_meeting(make_meeting(tag="shoplifting "))
    two = store.import_meeting(make_meeting(tag="potholes ", committee="Highways Committee"))
    hits = store.search("shoplifting")
    assert [h.meeting_id for h in hits] == [one]
    assert hits[0].item_title and "[shoplifting]" in hits[0].snippet
    assert [h.meeting_id for h in store.search("potholes")] == [two]
    assert {h.meeting_id for h in store.search("highways")} == {two}  # committee names are searched


def test_search_keeps_in_step_with_edits_and_is_safe_with_punctuation(store: Store) -> None:
    mid = store.import_meeting(sample_meeting())
    entry = store.load_meeting(mid).items[3].entries[0]
    store.update_entry(entry.id, text="mentioned the zebra crossing")
    assert [h.meeting_id for h in store.search("zebra")] == [mid]
    store.delete_entry(entry.id)
    assert store.search("zebra") == []
    for query in ('O’Neill', "O'Neill", '"', "5(a)", "AND OR NOT", "*", "NEAR(", "Ni Bhriain", ""):
        store.search(query)  # never an FTS syntax error
    assert store.search("Ni Bhriain")  # accents are folded
    assert store.search("fly-tip")  # the last word matches as a prefix, for search as you type


def test_search_leaves_out_meetings_in_the_bin(store: Store) -> None:
    mid = store.import_meeting(make_meeting(tag="shoplifting "))
    store.delete_meeting(mid)
    assert store.search("shoplifting") == []
    assert store.list_meetings() == []


def test_a_meeting_in_the_bin_comes_back_whole(store: Store) -> None:
    mid = store.import_meeting(make_meeting(tag="shoplifting "))
    before = meeting_to_dict(store.load_meeting(mid))
    store.delete_meeting(mid)
    assert [m.id for m in store.bin_meetings()] == [mid]
    with pytest.raises(NoSuchMeeting):
        store.load_meeting(mid)
    store.restore_meeting(mid)
    assert store.bin_meetings() == [] and [m.id for m in store.list_meetings()] == [mid]
    assert meeting_to_dict(store.load_meeting(mid)) == before
    assert store.search("shoplifting")[0].meeting_id == mid
    with pytest.raises(NoSuchMeeting):
        store.restore_meeting(mid)  # not in the bin any more


def test_a_duplicate_is_a_separate_draft_copy(store: Store) -> None:
    mid = store.import_meeting(make_meeting(items=3, entries=4))
    store.update_meeting(mid, status="approved")
    copy = store.duplicate_meeting(mid)
    original, dup = store.load_meeting(mid), store.load_meeting(copy)
    assert copy != mid and dup.title == f"{original.title} (copy)" and dup.status == "draft"
    assert [e.text for i in dup.items for e in i.entries] == [e.text for i in original.items for e in i.entries]
    store.update_entry(dup.items[0].entries[0].id, text="changed in the copy only")
    assert store.load_meeting(mid).items[0].entries[0].text == original.items[0].entries[0].text


def test_a_store_from_a_newer_version_is_refused_and_left_alone(data_dir: Path) -> None:
    path = default_store_path(data_dir)
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreTooNew, match="newer version"):
        Store(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(data_dir: Path) -> None:
    path = default_store_path(data_dir)
    path.write_text("these are my notes, not a database")
    with pytest.raises(StoreDamaged):
        Store(path)
    assert path.read_text() == "these are my notes, not a database"


def test_another_sqlite_database_is_not_taken_over(data_dir: Path) -> None:
    path = default_store_path(data_dir)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE budget (line TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreDamaged, match="not a ClerkDesk store"):
        Store(path)


def test_a_renamed_committee_is_found_by_its_new_name_only(store: Store) -> None:
    mid = store.import_meeting(make_meeting(committee="Highways Committee"))
    cid = store.load_meeting(mid).committee.id
    store.update_meeting(mid, title="Ordinary meeting")  # so only the committee's name says "Highways"
    store.db.conn.execute("UPDATE committees SET name = 'Transport Committee' WHERE id = ?", (cid,))
    assert [h.meeting_id for h in store.search("transport")] == [mid]
    assert store.search("highways") == []
    store.delete_meeting(mid)
    store.db.conn.execute("DELETE FROM people")  # cascaded deletes keep the contentless index consistent
    assert store.db.conn.execute(
        "INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 0)").rowcount == 1


def test_a_search_matching_very_many_passages_lists_the_newest_first(store: Store) -> None:
    older = store.import_meeting(make_meeting(tag="budget ", date="2025-01-01"))
    newer = store.import_meeting(make_meeting(tag="budget ", date="2026-01-01"))
    assert [h.meeting_id for h in store.search("budget", rank_at_most=5)] == [newer, older]
    assert {h.meeting_id for h in store.search("budget")} == {older, newer}


def test_a_reader_sees_a_meeting_whole_while_another_connection_changes_it(data_dir: Path) -> None:
    # The window writes on its own connection while the command line (or a check) reads on
    # another: each load must see the meeting before or after a change, never half of one.
    import threading

    path = default_store_path(data_dir)
    with Store(path) as writer:
        mid = writer.import_meeting(make_meeting(items=6, entries=60))
    stop, errors = threading.Event(), []

    def churn() -> None:
        with Store(path, check=False) as w:
            while not stop.is_set():
                item = w.load_meeting(mid).items[2]
                removed, index = w.delete_item(item.id)
                removed.id = None
                w.add_item(mid, removed, index)

    thread = threading.Thread(target=churn)
    thread.start()
    try:
        with Store(path, check=False) as reader:
            for _ in range(300):
                try:
                    m = reader.load_meeting(mid)
                except Exception as e:  # noqa: BLE001 - any failure here is the bug
                    errors.append(e)
                    break
                assert len(m.items) in (5, 6)
    finally:
        stop.set()
        thread.join()
    assert errors == []
