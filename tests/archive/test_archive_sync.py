"""The archive with the local store: the publishing queue across a server stop and start, concurrent
publications, and the local state kept in the store (migration 3)."""

from __future__ import annotations

import threading
from pathlib import Path

from clerkdesk import ops
from clerkdesk.archive.client import Archive
from clerkdesk.archive.errors import ArchiveConflict, ArchiveUnreachable
from clerkdesk.archive.record import PRIVATE_NOTICE, digest, join, split
from clerkdesk.archive.sync import publish_meeting, publish_queued, pull_meeting, waiting_sentence
from clerkdesk.meeting_file import meeting_to_dict
from clerkdesk.store import Store, default_store_path
from tests.builders import make_meeting


def test_the_queue_keeps_meetings_while_the_archive_is_down_and_publishes_them_when_it_is_back(
        pg_cluster, archive_url: str, store: Store) -> None:
    first = ops.import_meeting(store, make_meeting(seed=1)).result
    second = ops.import_meeting(store, make_meeting(seed=2, date="2026-10-01")).result
    pg_cluster.stop()
    try:
        try:
            Archive(archive_url)
            raise AssertionError("the archive answered while stopped")
        except ArchiveUnreachable as e:
            assert "cannot be reached" in str(e)
        ops.queue_publication(store, first)
        ops.queue_publication(store, second)
        ops.queue_publication(store, first)  # queued once only
        run = publish_queued(store, lambda: Archive(archive_url))
        assert run.published == [] and "cannot be reached" in run.unreachable
        assert [q.meeting_id for q in store.queued_publications()] == [first, second]
        assert waiting_sentence(len(store.queued_publications())) == "2 meetings waiting to publish"
    finally:
        pg_cluster.start()
    run = publish_queued(store, lambda: Archive(archive_url))
    assert sorted(run.published) == [first, second] and not run.failed and not run.unreachable
    assert store.queued_publications() == []
    with Archive(archive_url) as archive:
        assert {m.uid for m in archive.list()} == {store.load_meeting(first).uid, store.load_meeting(second).uid}
    assert store.archive_copy(first).version == 1
    assert store.archive_copy(first).digest == digest(store.load_meeting(first))


def test_a_conflict_in_the_queue_stays_queued_with_its_reason(archive_url: str, data_dir: Path, tmp_path: Path) -> None:
    meeting = make_meeting(seed=3)
    with Store(default_store_path(data_dir)) as mine, Store(tmp_path / "theirs.db") as theirs:
        mid = ops.import_meeting(mine, meeting).result
        uid = mine.load_meeting(mid).uid
        their_id = ops.import_meeting(theirs, mine.load_meeting(mid)).result
        with Archive(archive_url) as archive:
            publish_meeting(theirs, their_id, archive)
        ops.queue_publication(mine, mid)
        run = publish_queued(mine, lambda: Archive(archive_url))
        assert list(run.failed) == [mid] and "never pulled" in run.failed[mid]
        (queued,) = mine.queued_publications()
        assert queued.attempts == 1 and "pull it first" in queued.last_error
        with Archive(archive_url) as archive:
            assert pull_meeting(mine, uid, archive)[0] == mid  # the same record: taken without a fuss
        assert mine.queued_publications() == []


def test_clerks_publishing_the_same_meeting_at_once_get_one_version_and_clear_refusals(
        archive_url: str, store: Store) -> None:
    meeting = store.load_meeting(ops.import_meeting(store, make_meeting(seed=4)).result)
    outcomes: list[str] = []
    start = threading.Barrier(6)

    def publish() -> None:
        with Archive(archive_url) as archive:
            start.wait(timeout=30)
            try:
                outcomes.append(f"v{archive.publish(meeting, None).version}")
            except ArchiveConflict:
                outcomes.append("refused")

    threads = [threading.Thread(target=publish) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes) == ["refused"] * 5 + ["v1"]


def test_part_2_is_set_apart_and_joined_back_whole() -> None:
    meeting = make_meeting(items=4, entries=20, exempt=(2,))
    meeting.uid = "0" * 32
    parts = split(meeting)
    assert list(parts.private_items) == [2]
    assert parts.public["items"][2]["entries"] == [{"kind": "note", "text": PRIVATE_NOTICE}]
    assert "secret" not in str(parts.public) and "secret" not in " ".join(p.body for p in parts.public_passages)
    assert "secret" in " ".join(p.body for p in parts.private_passages)
    assert meeting_to_dict(join(parts.public, parts.private_items)) == meeting_to_dict(meeting)
    assert join(parts.public, {}).items[2].entries[0].text == PRIVATE_NOTICE


def test_the_store_keeps_what_it_knows_of_the_archive(store: Store) -> None:
    mid = ops.import_meeting(store, make_meeting()).result
    assert store.archive_copy(mid) is None and store.queued_publications() == []
    ops.queue_publication(store, mid)
    ops.record_publication(store, mid, 3, "abc")
    assert store.archive_copy(mid).version == 3 and store.queued_publications() == []  # published: unqueued
    assert not store.publishes_when_final("Community Safety Scrutiny Committee")
    ops.set_publish_when_final(store, "Community Safety Scrutiny Committee", True)
    assert store.publishes_when_final("Community Safety Scrutiny Committee")
    ops.bin_meeting(store, mid)
    ops.queue_publication(store, mid)
    assert store.queued_publications() == []  # a meeting in the bin is not offered for publishing
