"""The window's hold on one meeting: the snapshot it shows, and every change the clerk makes.

Panes ask for changes by signal; the main window passes them here; each becomes one job on
the store worker (a core call from clerkdesk.store or clerkdesk.live). Changes that can be
undone go through a QUndoStack. Entities are referred to through ``Ref`` objects because an
undone delete puts the entry back under a new id: the jobs read ``ref.id`` when they run, on
the worker thread, in order, so a later undo still finds it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from clerkdesk import live, planning
from clerkdesk.emergency import UnsavedText
from clerkdesk.model import Entry, Item, Meeting
from clerkdesk.sample import sample_meeting
from clerkdesk.store import Store

from .background import Refusal, attempt
from .store_worker import StoreWorker


class Ref:
    """A store id that an undo may change."""

    def __init__(self, id: int | None = None):
        self.id = id


class _Command(QUndoCommand):
    """An undoable change: two store jobs, one each way."""

    def __init__(self, controller: MeetingController, text: str, do: Callable[[Store], Any],
                 undo: Callable[[Store], Any], unsaved: UnsavedText | None = None):
        super().__init__(text)
        self._c, self._do, self._undo, self._unsaved = controller, do, undo, unsaved

    def redo(self) -> None:
        self._c.run(self._do, unsaved=self._unsaved)

    def undo(self) -> None:
        self._c.run(self._undo)


def open_or_first_run(store: Store, wanted: int | None) -> int:
    """The meeting to open: the one asked for if it is still there, else the newest; the sample on first run."""
    meetings = store.list_meetings()
    if not meetings:
        return store.import_meeting(sample_meeting())
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
        self._refs: dict[int, Ref] = {}
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
            self.worker.submit(attempt(lambda s: planning.set_status(s, mid, status)), mid, self._said)

    def unlock(self, reason: str) -> None:
        """Deliberately unlock approved minutes; the time and reason are kept with the meeting."""
        mid = self.meeting_id
        if mid is not None:
            self.worker.submit(attempt(lambda s: planning.unlock_approved(s, mid, reason)), mid, self._said)

    def _said(self, result: object) -> None:
        if isinstance(result, Refusal):
            self.refused.emit(result.message)

    def ref(self, store_id: int) -> Ref:
        """The Ref for an entry or item id as the window last saw it."""
        return self._refs.setdefault(store_id, Ref(store_id))

    def open_meeting(self, wanted: int | None, item_id: int | None = None) -> None:
        """Open a meeting (the sample on first run), at an item if given, reloading everything."""
        def job(store: Store) -> Meeting:
            return store.load_meeting(open_or_first_run(store, wanted))
        self.worker.submit(job, None, lambda meeting: self._on_meeting_opened(meeting, item_id))

    def _on_meeting_opened(self, meeting: Meeting, item_id: int | None = None) -> None:
        self.meeting = None
        self.undo_stack.clear()
        self._refs.clear()
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
        self.run(lambda s: live.go_to_item(s, mid, item_id), change=live.is_running(self.meeting))
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
        self.run(lambda s: s.set_current(mid, item, key), reload=False, change=False)
        self.speaker_changed.emit(key)

    # -- the meeting -------------------------------------------------------------------

    def start_meeting(self) -> None:
        """Stamp the start."""
        mid = self.meeting_id
        self.run(lambda s: live.start_meeting(s, mid))

    def close_meeting(self) -> None:
        """Stamp the end."""
        mid = self.meeting_id
        self.run(lambda s: live.close_meeting(s, mid))

    def update_meeting(self, **changes: Any) -> None:
        """Change the meeting's title, date, times or venue."""
        mid = self.meeting_id
        self.run(lambda s: s.update_meeting(mid, **changes))

    def save_draft(self, draft: dict[str, Any] | None) -> None:
        """Keep the entry being typed, so a crash loses at most the last debounce of typing."""
        mid = self.meeting_id
        if mid is not None:
            text = UnsavedText(mid, "draft", draft["text"]) if draft else None
            self.run(lambda s: s.set_meeting_extra(mid, draft=draft or None), reload=False, unsaved=text)

    # -- entries -----------------------------------------------------------------------

    def add_entry(self, entry: Entry, item_id: int | None = None) -> None:
        """Add an entry under the current item (undoable); the draft is cleared with it."""
        item = item_id or self.current_item_id
        if item is None:
            self.refused.emit("Add an agenda item first: entries go under the current item.")
            return
        mid, ref = self.meeting_id, Ref()

        def do(s: Store) -> None:
            with s.batch():
                ref.id = live.record_vote(s, item, entry) if entry.kind == "vote" else s.add_entry(item, entry)
                s.set_meeting_extra(mid, draft=None)
        text = UnsavedText(mid, "entry", entry.text or entry.motion or "")
        self._push(_Command(self, f"add {entry.kind}", do, lambda s: s.delete_entry(ref.id), text))
        self._refs_after(ref)

    def _refs_after(self, ref: Ref) -> None:
        # The new id is known once the job has run; register it so later commands share the Ref.
        self.run(lambda s: ref.id, on_done=lambda rid: rid is not None and self._refs.setdefault(rid, ref),
                 reload=False, change=False)

    def edit_entry(self, entry_id: int, **changes: Any) -> None:
        """Change an entry's text or fields (undoable)."""
        old = self._entry(entry_id)
        if old is None:
            return
        before = {k: getattr(old, k) for k in changes}
        ref = self.ref(entry_id)
        self._push(_Command(self, "edit entry", lambda s: s.update_entry(ref.id, **changes),
                                      lambda s: s.update_entry(ref.id, **before)))

    def delete_entry(self, entry_id: int) -> None:
        """Delete an entry (undo puts it back where it was)."""
        ref, saved = self.ref(entry_id), []

        def do(s: Store) -> None:
            saved[:] = [s.delete_entry(ref.id)]

        def undo(s: Store) -> None:
            entry, item_id, index = saved[0]
            entry.id = None
            ref.id = s.add_entry(item_id, entry, index)
        self._push(_Command(self, "delete entry", do, undo))

    def move_entry(self, entry_id: int, index: int) -> None:
        """Move an entry within its item (undoable)."""
        item = self._item_of(entry_id)
        if item is None:
            return
        old = [e.id for e in item.entries].index(entry_id)
        ref = self.ref(entry_id)
        self._push(_Command(self, "move entry", lambda s: s.move_entry(ref.id, index),
                                      lambda s: s.move_entry(ref.id, old)))

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
        person = self.meeting.person(key) if self.meeting else None
        if person is not None:
            pid = person.id
            self.run(lambda s: s.set_attendance(pid, attendance, substitute_for))

    def record_arrival(self, key: str) -> None:
        """Someone arrived late: stamp it and minute it under the current item."""
        mid = self.meeting_id
        self.run(lambda s: live.record_arrival(s, mid, key))

    def record_departure(self, key: str) -> None:
        """Someone left early: stamp it and minute it under the current item."""
        mid = self.meeting_id
        self.run(lambda s: live.record_departure(s, mid, key))

    def declare_interest(self, key: str, text: str, leaves_for_item: int | None) -> None:
        """Minute a declaration; the member may leave the room for an item."""
        mid = self.meeting_id
        self.run(lambda s: live.declare_interest(s, mid, key, text, leaves_for_item))

    # -- the agenda --------------------------------------------------------------------

    def add_item(self, number: str, title: str, index: int | None = None) -> None:
        """Add an agenda item (undoable)."""
        mid, ref = self.meeting_id, Ref()

        def do(s: Store) -> None:
            ref.id = s.add_item(mid, Item(number=number, title=title), index)
        self._push(_Command(self, "add item", do, lambda s: s.delete_item(ref.id)))
        self._refs_after(ref)

    def edit_item(self, item_id: int, **changes: Any) -> None:
        """Change an item's number, title or minute number (undoable)."""
        item = self._item(item_id)
        if item is None:
            return
        before = {k: getattr(item, k) for k in changes}
        ref = self.ref(item_id)
        self._push(_Command(self, "edit item", lambda s: s.update_item(ref.id, **changes),
                                      lambda s: s.update_item(ref.id, **before)))

    def move_item(self, item_id: int, index: int) -> None:
        """Move an item within the agenda (undoable)."""
        if self.meeting is None:
            return
        old = [i.id for i in self.meeting.items].index(item_id)
        ref = self.ref(item_id)
        self._push(_Command(self, "move item", lambda s: s.move_item(ref.id, index),
                                      lambda s: s.move_item(ref.id, old)))

    def delete_item(self, item_id: int) -> None:
        """Delete an item and its entries (undo puts them back, and the entries keep working with undo)."""
        mid, ref, saved = self.meeting_id, self.ref(item_id), []
        entry_refs = [self.ref(e.id) for e in (self._item(item_id).entries if self._item(item_id) else [])]

        def do(s: Store) -> None:
            saved[:] = [s.delete_item(ref.id)]

        def undo(s: Store) -> None:
            item, index = saved[0]
            item.id = None
            ref.id = s.add_item(mid, item, index)
            back = next(i for i in s.load_meeting(mid).items if i.id == ref.id)
            for r, entry in zip(entry_refs, back.entries, strict=False):
                r.id = entry.id
        self._push(_Command(self, "delete item", do, undo))

    def set_exempt(self, item_id: int, exempt: bool, paragraph: int | None = None) -> None:
        """Mark an item exempt (with the exclusion resolution when a paragraph is given), or public again."""
        mid = self.meeting_id
        if exempt:
            self.run(lambda s: live.mark_exempt(s, mid, item_id, paragraph))
        else:
            self.run(lambda s: live.unmark_exempt(s, item_id))

    def renumber_minutes(self) -> None:
        """Give minute numbers to the items that have none, running on from the last meeting."""
        mid = self.meeting_id
        self.run(lambda s: planning.assign_minute_numbers(s, mid))

    def _item(self, item_id: int | None) -> Item | None:
        if self.meeting is None:
            return None
        return next((i for i in self.meeting.items if i.id == item_id), None)

    def current_item(self) -> Item | None:
        """The item new entries go under."""
        return self._item(self.current_item_id)

    # -- what the clerk typed ----------------------------------------------------------

    def typed_entry(self, kind: str, text: str, respond: bool, joins_previous: bool = False,
                    level: int = 1) -> Entry:
        """The entry the entry line's kind, text, "in response to", join and level make, with the
        current speaker."""
        entry = self._typed_entry(kind, text, respond)
        entry.joins_previous, entry.level = joins_previous, level
        return entry

    def _typed_entry(self, kind: str, text: str, respond: bool) -> Entry:
        speaker = self.current_speaker
        if kind == "speech":
            other = live.previous_speaker(self.current_item(), speaker) if respond else None
            return Entry(kind="speech", text=text, speaker=speaker, in_response_to=other)
        if kind == "action":
            return Entry(kind="action", text=text, owner=speaker)
        if kind == "event":
            return Entry(kind="event", text=text, at=live.now_hhmm())
        if kind == "declaration":
            return Entry(kind="declaration", text=text, person=speaker)
        return Entry(kind=kind, text=text)

    def previous_speaker(self) -> str | None:
        """Who "in response to" would name now."""
        return live.previous_speaker(self.current_item(), self.current_speaker)
