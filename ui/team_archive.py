"""The window's side of the team archive: Meeting › Publish to team archive, the offline queue and its
retries, publishing on marking final when the committee says so, and the status bar's count.

Store work goes through the session (the queue is in the store, so it survives a restart); the
network goes to a pool thread (background.py), so saving and typing never wait for the archive.
A meeting is always queued first and then sent: an unreachable archive simply leaves it queued.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from clerkdesk import ops
from clerkdesk.archive import ENV_URL
from clerkdesk.archive.client import Archive
from clerkdesk.archive.errors import ArchiveError, ArchiveUnreachable
from clerkdesk.archive.record import digest
from clerkdesk.archive.sync import waiting_sentence
from clerkdesk.ops import Change
from clerkdesk.store import Store

from .background import run_in_background
from .session import Session
from .settings import Settings

RETRY_MS = 60_000  # how often queued meetings are tried again while the archive is away


def _queued(store: Store) -> list[tuple[int, Any, Any]]:
    return [(q.meeting_id, store.load_meeting(q.meeting_id), store.archive_copy(q.meeting_id))
            for q in store.queued_publications()]


def send(url: str, queued: list[tuple[int, Any, Any]]) -> list[tuple[int, int | None, str, str]]:
    """Publish queued meetings (a pool thread): (meeting id, version or None, digest, why not) for each tried.

    An unreachable archive stops the round: what was not tried stays queued.
    """
    results = []
    with Archive(url) as archive:
        for mid, meeting, copy in queued:
            try:
                done = archive.publish(meeting, copy.version if copy else None)
                results.append((mid, done.version, digest(meeting), ""))
            except ArchiveUnreachable:
                break
            except ArchiveError as e:
                results.append((mid, None, "", str(e)))
    return results


class TeamArchive(QObject):
    """Publishes meetings to the team archive, queuing them while it cannot be reached."""

    waiting_changed = Signal(int)  # meetings waiting to publish
    said = Signal(str)  # a sentence for the status bar: published, queued, refused

    def __init__(self, session: Session, settings: Settings, parent: QObject | None = None):
        super().__init__(parent)
        self.session, self.settings = session, settings
        self._sending = False
        self.timer = QTimer(self)
        self.timer.setInterval(RETRY_MS)
        self.timer.timeout.connect(self.retry)
        # Nothing is asked of the store before it is open (a refused store is never read): then what an
        # earlier session left queued is tried at once, and every minute after.
        session.opened.connect(self._on_session_opened)

    def _on_session_opened(self) -> None:
        self.timer.start()
        self.retry()

    def url(self) -> str:
        """The archive's address: the window's settings, else $CLERKDESK_ARCHIVE_URL ("" for none)."""
        return self.settings.archive_url or os.environ.get(ENV_URL, "")

    def refresh_count(self) -> None:
        """Ask the store how many meetings wait, and say so."""
        # On the writer, after the publications just recorded there (a read could run before them).
        self.session.job(lambda s: len(s.queued_publications()), self.waiting_changed.emit, owner=self)

    def publish(self, meeting_id: int) -> None:
        """Queue the meeting and try to send the queue now."""
        if not self.url():
            self.said.emit("Set the team archive's address first: File › Team archive settings.")
            return
        self.session.call(ops.queue_publication, meeting_id, on_done=lambda _change: self.retry(), owner=self)

    def on_change_applied(self, change: Change) -> None:
        """Publish a meeting just marked final or approved, when its committee's setting says so."""
        if change.label not in ("mark final", "mark approved") or change.meeting_id is None or not self.url():
            return
        mid = change.meeting_id
        self.session.read(lambda s: s.publishes_when_final(s.load_meeting(mid).committee.name),
                          lambda yes: self.publish(mid) if yes else None, owner=self)

    def retry(self) -> None:
        """Try to publish everything queued (from the timer, or after queuing)."""
        url = self.url()
        if self._sending or not url:
            self.refresh_count()
            return
        self._sending = True
        self.session.read(_queued, lambda queued: self._send(url, queued),
                          on_refused=self._on_failed, owner=self)

    def _send(self, url: str, queued: list[tuple[int, Any, Any]]) -> None:
        if not queued:
            self._sending = False
            self.waiting_changed.emit(0)
            return
        run_in_background(lambda: send(url, queued), self._on_sent, self._on_failed)

    def _on_sent(self, results: list[tuple[int, int | None, str, str]]) -> None:
        self._sending = False
        published = 0
        for mid, version, record_digest, why in results:
            if version is not None:
                published += 1
                self.session.call(ops.record_publication, mid, version, record_digest, owner=self)
            else:
                self.session.job(lambda s, m=mid, w=why: s.publication_failed(m, w), owner=self)
                self.said.emit(why)
        if published:
            self.said.emit(f"Published {published} meeting{'s' if published != 1 else ''} to the team archive.")
        self.refresh_count()

    def _on_failed(self, message: str) -> None:
        self._sending = False
        if "cannot be reached" in message:  # the usual case, offline: short, the details are for IT
            message = "The team archive cannot be reached; waiting meetings are tried again every minute."
        self.said.emit(message)
        self.refresh_count()


__all__ = ["RETRY_MS", "TeamArchive", "send", "waiting_sentence"]
