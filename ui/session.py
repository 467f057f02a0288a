"""The window's one road to the store: operations off the GUI thread, and a worker that never dies.

``Session`` is the only holder of the store in the window. ``call(op, …)`` runs a core
operation (``clerkdesk.ops``) on the writer thread, in order with every other change, and hands
its change record back on the GUI thread (``changed``, for every pane, and the caller's
``on_done``); a refusal by the core's rules comes back as ``refused`` with the sentence why, and
an unexpected fault as ``failed`` — reported, written to the data folder's log, the clerk's
text kept in the emergency file — and the next job runs all the same. ``read(fn, …)`` runs on a
reader thread with its own connection, so a search or an export never waits behind saves and
never delays them.

A job the disk refuses (full, read-only, locked) is kept and retried until it succeeds, with
the failure reported meanwhile, so nothing the clerk typed is dropped; while saves fail the text
in the waiting jobs (``unsaved``) is written to the emergency file (``clerkdesk.emergency``),
and deleted from it once everything is saved.

Opening the store happens on the writer too, without its integrity check, so the first paint
and the meeting never wait for a big store; the check runs as soon as the meeting is shown and
before anything is written, and a damaged store stops the writer and is reported
(``open_refused``). The daily backup waits until the first burst of work is done; ``backup(reason)``
makes one in order with the saves (a meeting closed, the window closing).

A read-only folder, or a disk too full to open the store for writing, opens the store only to
read (``read_only`` says why, for the first); on a full disk the writer tries to open for
writing again before each save. Before each save the writer also checks the store's files are
the ones it opened: a deleted ``-wal`` is copied back into the store and reported (``store_problem``).
"""

from __future__ import annotations

import itertools
import os
import queue
import sqlite3
import threading
import time
import traceback
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
from clerkdesk.errors import ClerkDeskError, StoreDamaged, StoreError, StoreFull, StoreReadOnly
from clerkdesk.ops import Change
from clerkdesk.store import Store, has_backup_today

RETRY_SECONDS = 2.0
LOCK_WAIT_SECONDS = 3.0  # a command-line verb may hold the folder for a moment
LOG_NAME = "clerkdesk.log"
Job = Callable[[Store], Any]
DONE, REFUSED, FAILED = "done", "refused", "failed"


def _REOPEN(_store: Store) -> None:  # noqa: N802 - a marker, never called
    """A reader task that only closes the reader's connection."""


@dataclass
class _Task:
    id: int
    fn: Job
    unsaved: UnsavedText | None = None  # the clerk's text this job saves
    kept: bool = False  # its text is in the emergency file
    what: str = ""  # for the log: the operation's name


@dataclass
class _Answer:
    on_done: Callable[[Any], None] | None
    on_refused: Callable[[str], None] | None = None
    owner: QObject | None = field(default=None, repr=False)
    change: bool = False  # the result is a Change for every pane


def write_log(data_dir: Path, what: str, error: BaseException) -> None:
    """Append a failure, with its traceback, to the data folder's log (owner-only); never raises."""
    try:
        path = Path(data_dir) / LOG_NAME
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as f:
            f.write(f"{datetime.now().isoformat(timespec='seconds')} {what} failed: {error!r}\n")
            f.write("".join(traceback.format_exception(error)))
    except OSError:
        pass


class _Writer(QThread):
    """Runs store jobs one at a time, in order, on its own thread with its own Store."""

    opened = Signal()
    open_failed = Signal(str)
    open_refused = Signal(object)  # the ClerkDeskError that kept the store shut (damaged, too new, locked)
    answered = Signal(int, str, object)  # task id, DONE/REFUSED/FAILED, result or sentence
    save_failed = Signal(str)
    saved = Signal(str)
    store_problem = Signal(str)  # the store's files changed under the window (a deleted -wal)
    read_only = Signal(str)  # why the store can be read but not written (a read-only folder)
    backed_up = Signal(str)  # where a backup was written

    def __init__(self, folder: DataFolder, parent: QObject | None = None):
        super().__init__(parent)
        self._folder = folder
        self.data_dir = folder.path
        self._queue: queue.Queue[_Task | None] = queue.Queue()
        self._stop = threading.Event()
        self._wake = threading.Event()  # a job was queued (while a failed one waits to be retried)
        self._session = f"{os.getpid()}-{time.time():.0f}-{id(self):x}"  # this window's lines in the emergency file
        self._kept_in: str | None = None  # where the emergency file was written, while saves fail
        self._failing: _Task | None = None  # the job being retried
        self.checked = threading.Event()  # the store passed its integrity check
        self._limited: StoreError | None = None  # opened only to read: a read-only folder or a full disk
        self._store: Store | None = None

    def put(self, task: _Task) -> None:
        self._queue.put(task)
        self._wake.set()

    def idle(self) -> bool:
        """Whether every job queued so far has run."""
        return self._queue.empty() and self._failing is None

    def waiting_text(self) -> list[UnsavedText]:
        with self._queue.mutex:
            waiting = [t for t in self._queue.queue if t is not None]
        failing = self._failing
        return [t.unsaved for t in ([failing] if failing else []) + waiting if t.unsaved is not None]

    def stop(self, timeout_ms: int = 10000) -> None:
        self._queue.put(None)
        self.wait(timeout_ms)
        self._stop.set()  # a job still retrying after the timeout gives up; its text is in the emergency file
        self._wake.set()
        self.wait(2000)

    def run(self) -> None:  # the writer thread
        self._stop.clear()
        try:
            self._store = self._open()
        except ClerkDeskError as e:
            self.open_refused.emit(e)
            self.open_failed.emit(str(e))
            return
        self.opened.emit()
        if isinstance(self._limited, StoreReadOnly):
            self.read_only.emit(str(self._limited))
        elif self._limited is not None:
            self.save_failed.emit(str(self._limited))
        backup_due = True
        try:
            while True:
                task = self._queue.get()
                if task is None:
                    break
                self._run_one(task)
                if not self.checked.is_set() and not self._check(self._store):
                    return
                if self._queue.empty() and self._limited is None:
                    if self._kept_in is not None:  # everything kept in the emergency file is saved now
                        emergency.forget(self.data_dir, session=self._session)
                        self._kept_in = None
                    self.saved.emit(datetime.now().strftime("%H:%M:%S"))
                    if backup_due:  # once the window shows the meeting, not before
                        backup_due = False
                        self._daily_backup(self._store)
        finally:
            self._store.close()

    def _open(self) -> Store:
        """The store to write to; on a read-only folder or a full disk, the store to read (``_limited`` says why)."""
        try:
            store = self._folder.open_for_writing(wait=LOCK_WAIT_SECONDS, who="the ClerkDesk window",
                                                  daily_backup=False, check=False)
        except (StoreFull, StoreReadOnly) as e:
            if not self._folder.store_path.exists():
                raise
            store = self._folder.open_for_reading()  # reading needs no room and no write access
            self._limited = e
            return store
        store.on_close = self._folder.release
        self._limited = None
        return store

    def _reopen_for_writing(self) -> None:
        """After a full disk at opening: try again to open for writing (space may have returned)."""
        self._store.close()  # its exclusive lock would keep the writing connection out
        try:
            store = self._folder.open_for_writing(wait=0, who="the ClerkDesk window", daily_backup=False, check=False)
        except StoreError:
            self._store = self._folder.open_for_reading()
            return
        store.on_close = self._folder.release
        self._store, self._limited = store, None

    def _check_in_place(self) -> None:
        """Before a write: the store's files must be the ones opened; a deleted -wal is saved into the store."""
        lost = self._store.wal_lost()
        if lost is None:
            return
        try:
            self._store.rescue_wal()
            self._store.close()
            self._store = self._open()
            said = " ClerkDesk copied everything into the store and carries on; nothing was lost."
        except ClerkDeskError as e:
            said = f" {e}"
        except sqlite3.Error as e:
            said = f" ClerkDesk could not copy it back ({e}); close ClerkDesk and restore the newest backup."
        self.store_problem.emit(lost + said)

    def _check(self, store: Store) -> bool:
        """The integrity check deferred from opening: before anything is written, after the first paint."""
        try:
            store.check()
        except StoreDamaged as e:
            self._keep_unsaved_of_queue()
            self.open_refused.emit(self._folder.damaged(e))
            self.open_failed.emit(str(e))
            return False
        self.checked.set()
        return True

    def _run_one(self, task: _Task) -> None:
        while True:
            if self._limited is None:
                self._check_in_place()
            elif isinstance(self._limited, StoreFull):
                self._reopen_for_writing()
            try:
                result = task.fn(self._store)
            except StoreReadOnly as e:
                # A read-only folder: retrying cannot help; the clerk's text is kept all the same.
                self._failing = None
                self._keep_unsaved([task])
                self.answered.emit(task.id, REFUSED, str(e))
                return
            except (StoreError, OSError, sqlite3.OperationalError) as e:
                error: BaseException = e  # the disk, not the clerk: retried below
            except ClerkDeskError as e:
                # The core said no (bad input, a bad file, locked minutes): retrying cannot help.
                self._failing = None
                self.answered.emit(task.id, REFUSED, str(e))
                return
            except Exception as e:  # noqa: BLE001 - a fault in one job must never stop the saves behind it
                self._failing = None
                write_log(self.data_dir, task.what or "a store job", e)
                self._keep_unsaved([task])
                self.answered.emit(task.id, FAILED, f"{type(e).__name__}: {e}")
                return
            else:
                self._failing = None
                self.answered.emit(task.id, DONE, result)
                return
            self._failing = task
            self._keep_unsaved_of_queue()
            where = f" Your unsaved text is also kept in {self._kept_in}." if self._kept_in else ""
            self.save_failed.emit(f"{error}{where}")
            if self._wait_to_retry():
                return

    def _wait_to_retry(self) -> bool:
        """Wait until it is time to retry, keeping the text of jobs queued meanwhile; True when stopping."""
        deadline = time.monotonic() + RETRY_SECONDS
        while not self._stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self._wake.wait(left)
            self._wake.clear()
            self._keep_unsaved_of_queue()
        return True

    def _keep_unsaved_of_queue(self) -> None:
        with self._queue.mutex:
            waiting = [t for t in self._queue.queue if t is not None]
        self._keep_unsaved(([self._failing] if self._failing else []) + waiting)

    def _keep_unsaved(self, tasks: list[_Task]) -> None:
        """Append the text of these jobs to the emergency file (once each)."""
        tasks = [t for t in tasks if t.unsaved is not None and not t.kept]
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
            self.save_failed.emit(str(e))

    def backup(self, reason: str) -> None:
        """A backup now (a meeting closed, the window closing), on the writer thread; a failure is said."""
        def back_up(store: Store) -> str:
            if self._limited is not None:
                return ""
            try:
                return str(store.backup(self.data_dir, reason))
            except ClerkDeskError as e:  # never retried: the saves behind it must not wait for a backup
                self.save_failed.emit(str(e))
                return ""
        self.put(_Task(-1, back_up, what=f"the {reason} backup"))


class _Reader(QThread):
    """Runs reads on a connection of its own, so they never wait behind saves nor delay them."""

    answered = Signal(int, str, object)

    def __init__(self, folder: DataFolder, ready: threading.Event, parent: QObject | None = None,
                 fallback: Callable[[_Task], None] | None = None):
        super().__init__(parent)
        self._folder, self._ready = folder, ready
        self._fallback = fallback  # where reads go when this thread cannot open the store (a read-only folder)
        self._queue: queue.Queue[_Task | None] = queue.Queue()

    def put(self, task: _Task) -> None:
        self._queue.put(task)

    def reopen(self) -> None:
        """Read from the store file afresh (a backup was put in its place)."""
        self._queue.put(_Task(0, _REOPEN))

    def stop(self) -> None:
        self._queue.put(None)
        self.wait(5000)

    def run(self) -> None:  # the reader thread
        store: Store | None = None
        try:
            while True:
                task = self._queue.get()
                if task is None:
                    break
                if task.fn is _REOPEN:
                    if store is not None:
                        store.close()
                        store = None
                    continue
                try:
                    if store is None:
                        self._ready.wait(30)  # the writer has opened (and upgraded) the store
                        try:
                            store = Store(self._folder.store_path, check=False, migrate=False)
                        except (StoreFull, StoreReadOnly):
                            if self._fallback is None:
                                raise
                            # The writer holds the only connection a full disk or a read-only folder allows.
                            self._fallback(task)
                            continue
                    self.answered.emit(task.id, DONE, task.fn(store))
                except ClerkDeskError as e:
                    self.answered.emit(task.id, REFUSED, str(e))
                except Exception as e:  # noqa: BLE001 - a failed read is reported; the reader carries on
                    write_log(self._folder.path, task.what or "a read", e)
                    self.answered.emit(task.id, FAILED, f"{type(e).__name__}: {e}")
        finally:
            if store is not None:
                store.close()


class Session(QObject):
    """The window's store: operations and jobs on the writer thread, reads on the reader thread."""

    opened = Signal()
    open_failed = Signal(str)
    open_refused = Signal(object)
    changed = Signal(object)  # a Change an operation made, for every pane to apply
    refused = Signal(str)  # an operation's rules said no; nothing was changed
    failed = Signal(str)  # a job failed unexpectedly; it was logged, and the jobs after it still run
    save_failed = Signal(str)  # a write failed; it is being retried
    saved = Signal(str)  # "HH:MM:SS" when the queue emptied with everything written
    read_only = Signal(str)  # the store opened only to read, and why (a read-only folder)
    store_problem = Signal(str)  # the store's files changed under the window (a deleted -wal), and what was done

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self._folder = DataFolder(data_dir)
        self.data_dir = self._folder.path
        self._ids = itertools.count(1)
        self._answers: dict[int, _Answer] = {}
        self._writer = _Writer(self._folder, self)
        self._reader = _Reader(self._folder, threading.Event(), self, fallback=self._writer.put)
        self._writer.opened.connect(self._on_writer_opened)
        for source in (self._writer, self._reader):
            source.answered.connect(self._on_answered)
        for name in ("opened", "open_failed", "open_refused", "save_failed", "saved", "read_only", "store_problem"):
            getattr(self._writer, name).connect(getattr(self, name))
        # The store's files changed under the window: the reader's connection must not keep the old ones.
        self._writer.store_problem.connect(lambda _said: self._reader.reopen())

    # -- asking --------------------------------------------------------------------------

    def call(self, op: Callable[..., Change], *args: Any, on_done: Callable[[Change], None] | None = None,
             on_refused: Callable[[str], None] | None = None, owner: QObject | None = None,
             unsaved: UnsavedText | None = None, **kwargs: Any) -> int:
        """Run a core operation on the writer; its Change goes to ``changed`` and ``on_done`` on the GUI thread."""
        return self._put(self._writer, lambda store: op(store, *args, **kwargs),
                         _Answer(on_done, on_refused, owner, change=True), unsaved, op.__name__)

    def job(self, fn: Job, on_done: Callable[[Any], None] | None = None, on_refused: Callable[[str], None] | None = None,
            owner: QObject | None = None, unsaved: UnsavedText | None = None) -> int:
        """Run store work on the writer, in order with every change (opening a meeting, the emergency file)."""
        return self._put(self._writer, fn, _Answer(on_done, on_refused, owner), unsaved, getattr(fn, "__name__", ""))

    def read(self, fn: Job, on_done: Callable[[Any], None], on_refused: Callable[[str], None] | None = None,
             owner: QObject | None = None) -> int:
        """Read on the reader's own connection (a search, a list, a meeting to export): never behind saves."""
        return self._put(self._reader, fn, _Answer(on_done, on_refused, owner), None, getattr(fn, "__name__", ""))

    def _put(self, thread, fn: Job, answer: _Answer, unsaved: UnsavedText | None, what: str) -> int:
        task = _Task(next(self._ids), fn, unsaved, what=what)
        if answer.owner is None and isinstance(getattr(answer.on_done, "__self__", None), QObject):
            answer.owner = answer.on_done.__self__
        self._answers[task.id] = answer
        thread.put(task)
        return task.id

    # -- answers -------------------------------------------------------------------------

    def _on_answered(self, task_id: int, how: str, result: object) -> None:
        answer = self._answers.pop(task_id, None)
        if answer is None:
            return
        alive = answer.owner is None or shiboken6.isValid(answer.owner)
        if how == DONE:
            if answer.change and isinstance(result, Change):
                self.changed.emit(result)
            if answer.on_done is not None and alive:
                answer.on_done(result)
        elif how == REFUSED:
            if answer.on_refused is not None and alive:
                answer.on_refused(result)
            else:
                self.refused.emit(result)
        else:
            self.failed.emit(f"Something went wrong and that was not done ({result}). "
                             f"It is noted in {self.data_dir / LOG_NAME}; everything else is still being saved.")

    def _on_writer_opened(self) -> None:
        self._reader._ready.set()

    # -- the threads ---------------------------------------------------------------------

    def start(self) -> None:
        """Open the store and start taking jobs."""
        if self._reader.isRunning():
            self._reader.reopen()
        else:
            self._reader.start()
        self._writer.start()

    def backup(self, reason: str) -> None:
        """Back the store up after every change queued so far ("closed-meeting", "window-closed")."""
        if self._writer.isRunning():
            self._writer.backup(reason)

    def stop(self) -> None:
        """Finish the queued jobs, close the store and end the threads (waits: call on quitting only)."""
        self._writer.stop()
        self._reader.stop()

    def idle(self) -> bool:
        """Whether every change asked for so far is written."""
        return self._writer.idle()

    def waiting_text(self) -> list[UnsavedText]:
        """The clerk's text in the job being retried and the jobs waiting behind it, oldest first."""
        return self._writer.waiting_text()
