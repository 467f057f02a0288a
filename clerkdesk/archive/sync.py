"""The local store and the team archive together: publish a meeting from the store, pull one into it,
and work through the queue of meetings waiting to publish."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from clerkdesk import ops
from clerkdesk.store import Store
from .client import Archive, Fetched, Publication
from .errors import ArchiveError, ArchiveUnreachable
from .record import digest


def publish_meeting(store: Store, meeting_id: int, archive: Archive, force: bool = False) -> Publication:
    """Publish the store's meeting as its next archive version, and remember that version here."""
    meeting = store.load_meeting(meeting_id)
    copy = store.archive_copy(meeting_id)
    published = archive.publish(meeting, copy.version if copy else None, force)
    ops.record_publication(store, meeting_id, published.version, digest(meeting))
    return published


def pull_meeting(store: Store, uid: str, archive: Archive, force: bool = False) -> tuple[int, Fetched]:
    """Copy an archived meeting into the store; its local id and what was fetched."""
    fetched = archive.fetch(uid)
    return ops.take_archive_copy(store, fetched.meeting, fetched.version, force).result, fetched


def pull_last_meeting(store: Store, committee: str, before: str, archive: Archive) -> int | None:
    """Pull the committee's latest archived meeting before the date, when this store has none as recent, so
    a new meeting plans from it (its people, minutes to approve, and the open actions its Action log
    carries). Its local id, or None when this store's own last meeting is as recent."""
    found = archive.last_meeting(committee, before)
    if found is None:
        return None
    mine = store.latest_meeting_before(committee.strip(), before)
    if mine is not None and store.load_meeting(mine).date >= found.date:
        return None
    return pull_meeting(store, found.uid, archive)[0]


@dataclass
class QueueRun:
    """What one pass over the publishing queue did."""

    published: list[int]
    failed: dict[int, str]  # meeting id → why (a conflict or refusal: it stays queued for the clerk to see)
    unreachable: str = ""  # set when the archive could not be reached: everything stays queued


def publish_queued(store: Store, open_archive: Callable[[], Archive]) -> QueueRun:
    """Try to publish every queued meeting; the archive being unreachable leaves the queue as it was."""
    queued = store.queued_publications()
    run = QueueRun([], {})
    if not queued:
        return run
    try:
        archive = open_archive()
    except ArchiveUnreachable as e:
        run.unreachable = str(e)
        return run
    with archive:
        for q in queued:
            try:
                publish_meeting(store, q.meeting_id, archive)
                run.published.append(q.meeting_id)
            except ArchiveUnreachable as e:
                run.unreachable = str(e)
                break
            except ArchiveError as e:
                store.publication_failed(q.meeting_id, str(e))
                run.failed[q.meeting_id] = str(e)
    return run


def waiting_sentence(n: int) -> str:
    """“2 meetings waiting to publish”, for the status bar."""
    return f"{n} meeting{'s' if n != 1 else ''} waiting to publish" if n else ""
