"""The one way from the window to the disk: a serialized worker thread owning its own Store.

Every store call the window makes is a *job* — a function of the store — queued here and run
in order on this thread, so the GUI thread never waits on SQLite and two changes never race.
Results come back as signals. A job that fails because of the disk (full, read-only, locked)
is kept and retried until it succeeds, with the failure reported meanwhile, so nothing the
clerk typed is dropped; a job the store refuses as bad input is reported and dropped.
"""

from __future__ import annotations

import itertools
import queue
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread, Signal

from clerkdesk.datafolder import DataFolder
from clerkdesk.errors import BadInput, ClerkDeskError, NoSuchMeeting
from clerkdesk.store import Store

RETRY_SECONDS = 2.0
Job = Callable[[Store], Any]


@dataclass
class _Task:
    id: int
    fn: Job
    reload: int | None = None  # the meeting to reload and show once the queue is empty
    on_done: Callable[[Any], None] | None = field(default=None, repr=False)


class StoreWorker(QThread):
    """Runs store jobs one at a time, in order, on its own thread with its own Store."""

    opened = Signal()
    open_failed = Signal(str)
    job_done = Signal(int, object)  # task id, result
    job_refused = Signal(int, str)  # task id, the store's one-sentence reason (not retried)
    save_failed = Signal(str)  # a write failed; it is being retried
    saved = Signal(str)  # "HH:MM:SS" when the queue emptied with everything written
    meeting_loaded = Signal(object)  # a fresh Meeting after changes

    def __init__(self, data_dir: Path, parent=None):
        super().__init__(parent)
        self._folder = DataFolder(data_dir)
        self._queue: queue.Queue[_Task | None] = queue.Queue()
        self._stop = threading.Event()
        self._ids = itertools.count(1)
        self._callbacks: dict[int, Callable[[Any], None]] = {}
        self.job_done.connect(self._on_job_done)

    def submit(self, fn: Job, reload: int | None = None, on_done: Callable[[Any], None] | None = None) -> int:
        """Queue a job; ``on_done(result)`` runs on the GUI thread; returns the job's id."""
        task = _Task(next(self._ids), fn, reload)
        if on_done is not None:
            self._callbacks[task.id] = on_done
        self._queue.put(task)
        return task.id

    def stop(self, timeout_ms: int = 10000) -> None:
        """Finish the queued jobs, close the store and end the thread (waits: call on quitting only)."""
        self._queue.put(None)
        self.wait(timeout_ms)
        self._stop.set()  # a job still retrying after the timeout gives up
        self.wait(2000)

    def _on_job_done(self, task_id: int, result: object) -> None:
        callback = self._callbacks.pop(task_id, None)
        if callback is not None:
            callback(result)

    def run(self) -> None:  # the worker thread
        try:
            store = self._folder.open_for_writing(who="the ClerkDesk window")
        except ClerkDeskError as e:
            self.open_failed.emit(str(e))
            return
        store.on_close = self._folder.release
        self.opened.emit()
        reload: int | None = None
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
                    self.saved.emit(datetime.now().strftime("%H:%M:%S"))
        finally:
            store.close()

    def _run_one(self, store: Store, task: _Task) -> bool:
        while True:
            try:
                result = task.fn(store)
            except (BadInput, NoSuchMeeting) as e:
                self.job_refused.emit(task.id, str(e))
                return False
            except (ClerkDeskError, sqlite3.Error, OSError) as e:
                # The disk, not the clerk: keep the job (and the text in it) and try again.
                self.save_failed.emit(str(e))
                if self._stop.wait(RETRY_SECONDS):
                    return False
                continue
            self.job_done.emit(task.id, result)
            return True

    def _emit_meeting(self, store: Store, meeting_id: int) -> None:
        try:
            self.meeting_loaded.emit(store.load_meeting(meeting_id))
        except ClerkDeskError as e:
            self.job_refused.emit(0, str(e))
