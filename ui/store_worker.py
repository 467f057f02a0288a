"""The one way from the window to the disk: a serialized worker thread owning its own Store.

Every store call the window makes is a *job* — a function of the store — queued here and run
in order on this thread, so the GUI thread never waits on SQLite and two changes never race.
Results come back as signals. A job that fails because of the disk (full, read-only, locked)
is kept and retried until it succeeds, with the failure reported meanwhile, so nothing the
clerk typed is dropped; a job the store refuses as bad input is reported and dropped. While
saves fail, the text in the waiting jobs (``unsaved``) is also written to the emergency file
(``clerkdesk.emergency``), and deleted from it once everything is saved.

Opening the store (and its quick check) happens here too, so a big store never delays the
window's first paint; the daily backup waits until the first burst of work is done.
"""

from __future__ import annotations

import itertools
import os
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal

from clerkdesk import emergency
from clerkdesk.datafolder import DataFolder
from clerkdesk.emergency import UnsavedText
from clerkdesk.errors import ClerkDeskError, StoreError
from clerkdesk.store import Store, has_backup_today

RETRY_SECONDS = 2.0
LOCK_WAIT_SECONDS = 3.0  # a command-line verb may hold the folder for a moment
Job = Callable[[Store], Any]


@dataclass
class _Task:
    id: int
    fn: Job
    reload: int | None = None  # the meeting to reload and show once the queue is empty
    on_done: Callable[[Any], None] | None = field(default=None, repr=False)
    unsaved: UnsavedText | None = None  # the clerk's text this job saves
    kept: bool = False  # its text is in the emergency file


class StoreWorker(QThread):
    """Runs store jobs one at a time, in order, on its own thread with its own Store."""

    opened = Signal()
    open_failed = Signal(str)
    open_refused = Signal(object)  # the ClerkDeskError that kept the store shut (damaged, too new, locked)
    job_done = Signal(int, object)  # task id, result
    job_refused = Signal(int, str)  # task id, the store's one-sentence reason (not retried)
    save_failed = Signal(str)  # a write failed; it is being retried
    saved = Signal(str)  # "HH:MM:SS" when the queue emptied with everything written
    meeting_loaded = Signal(object)  # a fresh Meeting after changes

    def __init__(self, data_dir: Path, parent=None):
        super().__init__(parent)
        self._folder = DataFolder(data_dir)
        self.data_dir = self._folder.path
        self._queue: queue.Queue[_Task | None] = queue.Queue()
        self._stop = threading.Event()
        self._wake = threading.Event()  # a job was queued (while a failed one waits to be retried)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable[[Any], None], QObject | None]] = {}
        self._session = f"{os.getpid()}-{time.time():.0f}-{id(self):x}"  # this window's lines in the emergency file
        self._kept_in: str | None = None  # where the emergency file was written, while saves fail
        self._failing: _Task | None = None  # the job being retried
        self.job_done.connect(self._on_job_done)

    def submit(self, fn: Job, reload: int | None = None, on_done: Callable[[Any], None] | None = None,
               unsaved: UnsavedText | None = None, owner: QObject | None = None) -> int:
        """Queue a job; ``on_done(result)`` runs on the GUI thread; returns the job's id.

        ``unsaved`` is the clerk's text the job saves: it goes to the emergency file if saving fails.
        ``owner`` is the widget ``on_done`` shows its result in (by default the object of a bound
        method): when it has been closed and deleted by then, the result is dropped, not shown.
        """
        task = _Task(next(self._ids), fn, reload, unsaved=unsaved)
        if on_done is not None:
            if owner is None and isinstance(getattr(on_done, "__self__", None), QObject):
                owner = on_done.__self__
            self._callbacks[task.id] = (on_done, owner)
        self._queue.put(task)
        self._wake.set()
        return task.id

    def waiting_text(self) -> list[UnsavedText]:
        """The clerk's text in the job being retried and the jobs waiting behind it, oldest first."""
        with self._queue.mutex:
            waiting = [t for t in self._queue.queue if t is not None]
        failing = self._failing
        return [t.unsaved for t in ([failing] if failing else []) + waiting if t.unsaved is not None]

    def stop(self, timeout_ms: int = 10000) -> None:
        """Finish the queued jobs, close the store and end the thread (waits: call on quitting only)."""
        self._queue.put(None)
        self.wait(timeout_ms)
        self._stop.set()  # a job still retrying after the timeout gives up; its text is in the emergency file
        self._wake.set()
        self.wait(2000)

    def _on_job_done(self, task_id: int, result: object) -> None:
        callback, owner = self._callbacks.pop(task_id, (None, None))
        if callback is not None and (owner is None or shiboken6.isValid(owner)):
            callback(result)

    def run(self) -> None:  # the worker thread
        self._stop.clear()
        try:
            store = self._folder.open_for_writing(wait=LOCK_WAIT_SECONDS, who="the ClerkDesk window",
                                                  daily_backup=False)
        except ClerkDeskError as e:
            self.open_refused.emit(e)
            self.open_failed.emit(str(e))
            return
        store.on_close = self._folder.release
        self.opened.emit()
        reload: int | None = None
        backup_due = True
        try:
            while True:
                task = self._queue.get()
                if task is None:
                    break
                if self._run_one(store, task) and task.reload is not None:
                    reload = task.reload
                if self._queue.empty():
                    # Reload once the burst of changes is written: one fresh snapshot, not one a keystroke.
                    if reload is not None:
                        self._emit_meeting(store, reload)
                        reload = None
                    if self._kept_in is not None:  # everything kept in the emergency file is saved now
                        emergency.forget(self.data_dir, session=self._session)
                        self._kept_in = None
                    self.saved.emit(datetime.now().strftime("%H:%M:%S"))
                    if backup_due:  # once the window shows the meeting, not before
                        backup_due = False
                        self._daily_backup(store)
        finally:
            store.close()

    def _run_one(self, store: Store, task: _Task) -> bool:
        while True:
            try:
                result = task.fn(store)
            except ClerkDeskError as e:
                if isinstance(e, StoreError):
                    error = e  # the disk: retried below
                else:
                    # The core said no (bad input, a bad file, a locked meeting): retrying cannot help.
                    self._failing = None
                    self.job_refused.emit(task.id, str(e))
                    return False
            except (sqlite3.Error, OSError) as e:
                error = e
            else:
                self._failing = None
                self.job_done.emit(task.id, result)
                return True
            # The disk, not the clerk: keep the job (and the text in it) and try again.
            self._failing = task
            self._keep_unsaved(task)
            where = f" Your unsaved text is also kept in {self._kept_in}." if self._kept_in else ""
            self.save_failed.emit(f"{error}{where}")
            if self._wait_to_retry(task):
                return False

    def _wait_to_retry(self, failed: _Task) -> bool:
        """Wait until it is time to retry, keeping the text of jobs queued meanwhile; True when stopping."""
        deadline = time.monotonic() + RETRY_SECONDS
        while not self._stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self._wake.wait(left)
            self._wake.clear()
            self._keep_unsaved(failed)
        return True

    def _keep_unsaved(self, failed: _Task) -> None:
        """Append the text of the failed job and of every job waiting behind it to the emergency file."""
        with self._queue.mutex:
            waiting = [t for t in self._queue.queue if t is not None]
        tasks = [t for t in (failed, *waiting) if t.unsaved is not None and not t.kept]
        if not tasks:
            return
        path = emergency.record(self.data_dir, [t.unsaved for t in tasks], self._session)
        if path is not None:
            self._kept_in = str(path)
            for t in tasks:
                t.kept = True

    def _daily_backup(self, store: Store) -> None:
        try:
            if not has_backup_today(self.data_dir):
                store.backup(self.data_dir, "daily")
        except ClerkDeskError as e:
            self.job_refused.emit(0, str(e))

    def _emit_meeting(self, store: Store, meeting_id: int) -> None:
        try:
            self.meeting_loaded.emit(store.load_meeting(meeting_id))
        except ClerkDeskError as e:
            self.job_refused.emit(0, str(e))
