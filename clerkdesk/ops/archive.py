"""Operations that record what this machine knows of the team archive: a meeting taken from it
(pulled), the version published, and the queue of meetings waiting to publish.

The archive itself is reached by ``clerkdesk.archive``; these only touch the local store, so they
run (and are tested) without a server.
"""

from __future__ import annotations

from clerkdesk.archive.errors import ArchiveConflict
from clerkdesk.archive.record import digest
from clerkdesk.model import Meeting
from clerkdesk.store import Store
from .record import Change


def take_archive_copy(store: Store, meeting: Meeting, version: int, force: bool = False) -> Change:
    """Put the archive's version of a meeting in the store (new, or in place of this machine's copy); its id
    is the result.

    This machine's copy is replaced only when it has not changed since it was last published or pulled
    (or ``force``), so nothing typed here is lost by a pull.
    """
    mid = store.meeting_with_uid(meeting.uid) if meeting.uid else None
    with store.batch():
        if mid is None:
            mid = store.import_meeting(meeting)
        else:
            copy = store.archive_copy(mid)
            binned = any(m.id == mid for m in store.bin_meetings())
            here = None if binned else digest(store.load_meeting(mid))
            unchanged = binned or (copy is not None and here == copy.digest) or here == digest(meeting)
            if not unchanged and not force:
                raise ArchiveConflict(f"Meeting {mid} here has changes that are not in the team archive; publish "
                                      "them first, or pull --force to replace them with the archive's version.")
            store.replace_meeting(mid, meeting)
        store.set_archive_copy(mid, version, digest(store.load_meeting(mid)))
    return Change(label="pull from the team archive", meeting_id=mid, undoable=False, result=mid)


def record_publication(store: Store, meeting_id: int, version: int, record_digest: str) -> Change:
    """Remember that the archive's version ``version`` of the meeting is the record with this digest."""
    store.set_archive_copy(meeting_id, version, record_digest)
    return Change(label="published", meeting_id=meeting_id, undoable=False, result=version)


def queue_publication(store: Store, meeting_id: int) -> Change:
    """Queue the meeting to publish when the archive can next be reached."""
    store.queue_publication(meeting_id)
    return Change(label="queued to publish", meeting_id=meeting_id, undoable=False, result=meeting_id)


def set_publish_when_final(store: Store, committee: str, on: bool) -> Change:
    """Say whether a committee's meetings publish to the team archive when marked final or approved."""
    store.set_publishes_when_final(committee, on)
    return Change(label="publish when final", meeting_id=None, undoable=False)
