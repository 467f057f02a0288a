"""The window's hold on one meeting: the snapshot it shows, and every change the clerk makes.

Panes ask for changes by signal; the main window passes them here; each becomes one job on
the store worker: a core operation (``clerkdesk.ops``) returning a change record. Changes that
can be undone go through a QUndoStack, generically: undo runs the record's inverse, redo the
inverse's inverse. An undone delete puts the entry back with its old id, so nothing here has
to follow ids across undo.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from clerkdesk import live, ops, planning
from clerkdesk.emergency import UnsavedText
from clerkdesk.model import Draft, Entry, Item, Meeting
from clerkdesk.ops import Change
from clerkdesk.sample import sample_meeting
from clerkdesk.store import Store

from .background import Refusal, attempt
from .store_worker import StoreWorker


class _Command(QUndoCommand):
    """An undoable operation: done once, then undone and redone through its change records."""

    def __init__(self, controller: MeetingController, text: str, do: Callable[[Store], Change],
                 unsaved: UnsavedText | None = None):
        super().__init__(text)
        self._c, self._do, self._unsaved = controller, do, unsaved
        self._last: Change | None = None  # set on the worker thread, read there by the next undo or redo

    def _run(self, store: Store, fn: Callable[[Store], Change]) -> Change:
        self._last = fn(store)
        return self._last

    def redo(self) -> None:
        if self._last is None:
            self._c.run(lambda s: self._run(s, self._do), unsaved=self._unsaved)
        else:
            self._c.run(lambda s: self._run(s, lambda st: ops.run(st, self._last.inverse)), change=False)

    def undo(self) -> None:
        self._c.run(lambda s: self._run(s, lambda st: ops.run(st, self._last.inverse)), change=False)


def open_or_first_run(store: Store, wanted: int | None) -> int:
    """The meeting to open: the one asked for if it is still there, else the newest; the sample on first run."""
    meetings = store.list_meetings()
    if not meetings:
        return ops.import_meeting(store, sample_meeting()).result
    ids = [m.id for m in meetings]
    return wanted if wanted in ids else ids[0]


class MeetingController(QObject):
    """The open meeting, its current item and speaker, and the changes made to it."""

    meeting_changed = Signal(object)  # Meeting
    speaker_changed = Signal(object)  # person key or None
    refused = Signal(str)  # the store said no: one sentence for the clerk

    def __init__(self, worker: StoreWorker, parent: QObject | None = None):
        super().__init__(parent)
        self.worker = worker
        self.meeting: Meeting | None = None
        self.current_item_id: int | None = None
        self.current_speaker: str | None = None
        self.undo_stack = QUndoStack(self)
        worker.meeting_loaded.connect(self._on_worker_meeting_loaded)
        worker.job_refused.connect(self._on_worker_job_refused)

    # -- plumbing ----------------------------------------------------------------------

    @property
    def meeting_id(self) -> int | None:
        """The open meeting's id."""
        return self.meeting.id if self.meeting else None

    @property
    def read_only(self) -> bool:
        """Whether the open meeting's minutes are approved, so they change only after an unlock."""
        return self.meeting is not None and planning.is_locked(self.meeting)

    def _refuse_if_read_only(self) -> bool:
        if self.read_only:
            self.refused.emit("These minutes have been approved and are read-only; "
                              "Meeting › Unlock approved minutes… if they really must change.")
            return True
        return False

    def run(self, fn: Callable[[Store], Any], on_done: Callable[[Any], None] | None = None,
            reload: bool = True, change: bool = True, unsaved: UnsavedText | None = None) -> int:
        """Queue a store job for the open meeting, reloading it afterwards.

        A ``change`` to approved minutes is refused here, before it reaches the store; moving
        about (the current item, the speaker) is not a change. ``unsaved`` is the clerk's text the
        job saves, kept in the emergency file if saving fails.
        """
        if change and self._refuse_if_read_only():
            return -1
        return self.worker.submit(fn, self.meeting_id if reload else None, on_done, unsaved)

    def _push(self, command: QUndoCommand) -> None:
        if not self._refuse_if_read_only():
            self.undo_stack.push(command)

    def set_status(self, status: str) -> None:
        """Draft, final or approved (approved minutes are read-only)."""
        mid = self.meeting_id
        if mid is not None and self.meeting.status != status:
            self.worker.submit(attempt(lambda s: ops.set_status(s, mid, status)), mid, self._said)

    def unlock(self, reason: str) -> None:
        """Deliberately unlock approved minutes; the time and reason are kept with the meeting."""
        mid = self.meeting_id
        if mid is not None:
            self.worker.submit(attempt(lambda s: ops.unlock(s, mid, reason)), mid, self._said)

    def _said(self, result: object) -> None:
        if isinstance(result, Refusal):
            self.refused.emit(result.message)

    def open_meeting(self, wanted: int | None, item_id: int | None = None) -> None:
        """Open a meeting (the sample on first run), at an item if given, reloading everything."""
        def job(store: Store) -> Meeting:
            return store.load_meeting(open_or_first_run(store, wanted))
        self.worker.submit(job, None, lambda meeting: self._on_meeting_opened(meeting, item_id))

    def _on_meeting_opened(self, meeting: Meeting, item_id: int | None = None) -> None:
        self.meeting = None
        self.undo_stack.clear()
        if item_id not in {i.id for i in meeting.items}:
            item_id = meeting.current_item_id
        self.current_item_id = item_id or (meeting.items[0].id if meeting.items else None)
        self.current_speaker = meeting.current_speaker
        self._on_worker_meeting_loaded(meeting)
        self.speaker_changed.emit(self.current_speaker)

    def _on_worker_meeting_loaded(self, meeting: Meeting) -> None:
        if self.meeting is not None and meeting.id != self.meeting.id:
            return  # a reload of the meeting just closed
        self.meeting = meeting
        if self.current_item_id not in {i.id for i in meeting.items}:
            self.current_item_id = meeting.items[0].id if meeting.items else None
        self.meeting_changed.emit(meeting)

    def _on_worker_job_refused(self, _task: int, message: str) -> None:
        self.refused.emit(message)

    # -- moving about ------------------------------------------------------------------

    def go_to_item(self, item_id: int) -> None:
        """Make an item current (stamping times while the meeting runs)."""
        if self.meeting is None or item_id == self.current_item_id:
            return
        self.current_item_id = item_id
        mid = self.meeting_id
        self.run(lambda s: ops.go_to_item(s, mid, item_id), change=live.is_running(self.meeting))
        self.meeting_changed.emit(self.meeting)

    def step_item(self, step: int) -> None:
        """Go to the next (1) or previous (-1) item."""
        if self.meeting is None or not self.meeting.items:
            return
        ids = [i.id for i in self.meeting.items]
        index = ids.index(self.current_item_id) if self.current_item_id in ids else 0
        self.go_to_item(ids[max(0, min(len(ids) - 1, index + step))])

    def set_speaker(self, key: str | None) -> None:
        """Make someone the current speaker (remembered, so a restart reopens with them)."""
        if self.meeting is None:
            return
        self.current_speaker = key
        mid, item = self.meeting_id, self.current_item_id
        self.run(lambda s: ops.set_speaker(s, mid, item, key), reload=False, change=False)
        self.speaker_changed.emit(key)

    # -- the meeting -------------------------------------------------------------------

    def start_meeting(self) -> None:
        """Stamp the start."""
        mid = self.meeting_id
        self.run(lambda s: ops.start_meeting(s, mid))

    def close_meeting(self) -> None:
        """Stamp the end."""
        mid = self.meeting_id
        self.run(lambda s: ops.close_meeting(s, mid))

    def update_meeting(self, **changes: Any) -> None:
        """Change the meeting's title, date, times or venue."""
        mid = self.meeting_id
        self._push(_Command(self, "meeting details", lambda s: ops.update_meeting(s, mid, **changes)))

    def save_draft(self, draft: dict[str, Any] | None) -> None:
        """Keep the entry being typed, so a crash loses at most the last debounce of typing."""
        mid = self.meeting_id
        if mid is not None:
            text = UnsavedText(mid, "draft", draft["text"]) if draft else None
            kept = Draft(kind=draft["kind"], text=draft["text"], respond=bool(draft.get("respond"))) if draft else None
            self.run(lambda s: ops.save_draft(s, mid, kept), reload=False, unsaved=text, change=False)

    # -- entries -----------------------------------------------------------------------

    def add_entry(self, entry: Entry, item_id: int | None = None) -> None:
        """Add an entry under the current item (undoable); the draft is cleared with it."""
        item = item_id or self.current_item_id
        if item is None:
            self.refused.emit("Add an agenda item first: entries go under the current item.")
            return
        text = UnsavedText(self.meeting_id, "entry", entry.text or entry.motion or "")
        self._push(_Command(self, f"add {entry.kind}", lambda s: ops.add_entry(s, item, entry, clear_draft=True), text))

    def edit_entry(self, entry_id: int, **changes: Any) -> None:
        """Change an entry's text or fields (undoable)."""
        self._push(_Command(self, "edit entry", lambda s: ops.edit_entry(s, entry_id, **changes)))

    def delete_entry(self, entry_id: int) -> None:
        """Delete an entry (undo puts it back where it was)."""
        self._push(_Command(self, "delete entry", lambda s: ops.delete_entry(s, entry_id)))

    def move_entry(self, entry_id: int, index: int) -> None:
        """Move an entry within its item (undoable)."""
        self._push(_Command(self, "move entry", lambda s: ops.move_entry(s, entry_id, index)))

    def _entry(self, entry_id: int) -> Entry | None:
        item = self._item_of(entry_id)
        return next(e for e in item.entries if e.id == entry_id) if item else None

    def _item_of(self, entry_id: int):
        if self.meeting is None:
            return None
        return next((i for i in self.meeting.items if any(e.id == entry_id for e in i.entries)), None)

    # -- people ------------------------------------------------------------------------

    def set_attendance(self, key: str, attendance: str, substitute_for: str | None = None) -> None:
        """Mark someone present, apologies, substitute (for whom), in attendance, remote or absent."""
        mid = self.meeting_id
        self._push(_Command(self, "attendance", lambda s: ops.set_attendance(s, mid, key, attendance, substitute_for)))

    def record_arrival(self, key: str) -> None:
        """Someone arrived late: stamp it and minute it under the current item."""
        mid = self.meeting_id
        self._push(_Command(self, "arrival", lambda s: ops.record_arrival(s, mid, key)))

    def record_departure(self, key: str) -> None:
        """Someone left early: stamp it and minute it under the current item."""
        mid = self.meeting_id
        self._push(_Command(self, "departure", lambda s: ops.record_departure(s, mid, key)))

    def declare_interest(self, key: str, text: str, leaves_for_item: int | None) -> None:
        """Minute a declaration; the member may leave the room for an item."""
        mid = self.meeting_id
        self._push(_Command(self, "declaration", lambda s: ops.declare_interest(s, mid, key, text, leaves_for_item)))

    # -- the agenda --------------------------------------------------------------------

    def add_item(self, number: str, title: str, index: int | None = None) -> None:
        """Add an agenda item (undoable)."""
        mid = self.meeting_id
        self._push(_Command(self, "add item", lambda s: ops.add_item(s, mid, number, title, index)))

    def edit_item(self, item_id: int, **changes: Any) -> None:
        """Change an item's number, title or minute number (undoable)."""
        self._push(_Command(self, "edit item", lambda s: ops.edit_item(s, item_id, **changes)))

    def move_item(self, item_id: int, index: int) -> None:
        """Move an item within the agenda (undoable)."""
        self._push(_Command(self, "move item", lambda s: ops.move_item(s, item_id, index)))

    def delete_item(self, item_id: int) -> None:
        """Delete an item and its entries (undo puts them back)."""
        self._push(_Command(self, "delete item", lambda s: ops.delete_item(s, item_id)))

    def set_exempt(self, item_id: int, exempt: bool, paragraph: int | None = None) -> None:
        """Mark an item exempt (with the exclusion resolution when a paragraph is given), or public again."""
        self._push(_Command(self, "exempt item" if exempt else "public item",
                            lambda s: ops.set_exempt(s, item_id, exempt, paragraph)))

    def renumber_minutes(self) -> None:
        """Give minute numbers to the items that have none, running on from the last meeting."""
        mid = self.meeting_id
        self._push(_Command(self, "number the minutes", lambda s: ops.number_minutes(s, mid)))

    def _item(self, item_id: int | None) -> Item | None:
        if self.meeting is None:
            return None
        return next((i for i in self.meeting.items if i.id == item_id), None)

    def current_item(self) -> Item | None:
        """The item new entries go under."""
        return self._item(self.current_item_id)

    # -- what the clerk typed ----------------------------------------------------------

    def typed_entry(self, kind: str, text: str, respond: bool) -> Entry:
        """The entry the entry line's kind, text and "in response to" make, with the current speaker."""
        return live.typed_entry(kind, text, self.current_speaker, self.current_item(), respond)

    def previous_speaker(self) -> str | None:
        """Who "in response to" would name now."""
        return live.previous_speaker(self.current_item(), self.current_speaker)
