"""The window's hold on one meeting: the meeting it shows, where the clerk is, and every change made.

Panes ask for changes by signal; the main window passes them here; each becomes one core
operation (``clerkdesk.ops``) run by the session off the GUI thread. Its change record comes
back and is applied to the meeting shown (``ops.apply_change``), and ``change_applied`` tells
the panes, which update only their own rows: nothing is read again while the clerk types. The
whole meeting is read only when one is opened, or after a job failed unexpectedly.

Changes that can be undone go through a QUndoStack, generically: undo runs the record's inverse,
redo the inverse's inverse. An undone delete puts the entry back with its old id.
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

from .session import Session

_NOTHING = Change(label="nothing", meeting_id=None, undoable=False)


class _Command(QUndoCommand):
    """An undoable operation: done once, then undone and redone through its change records.

    The records are kept by the jobs themselves, on the session's writer thread, so an undo
    queued before the change has come back still finds what it must undo.
    """

    def __init__(self, controller: MeetingController, text: str, do: Callable[[Store], Change],
                 unsaved: UnsavedText | None = None):
        super().__init__(text)
        self._c, self._do, self._unsaved = controller, do, unsaved  # ``do`` runs once; then the records
        self._last: Change | None = None

    def _inverse(self, store: Store) -> Change:
        last = self._last
        if last is None or last.inverse is None:  # the first run was refused: nothing to undo
            return _NOTHING
        self._last = ops.run(store, last.inverse)
        return self._last

    def redo(self) -> None:
        if self._do is not None:
            do, self._do = self._do, None
            self._c.session.call(self._first_of(do), unsaved=self._unsaved)
        else:
            self._c.session.call(self._inverse)

    def _first_of(self, do: Callable[[Store], Change]) -> Callable[[Store], Change]:
        def first(store: Store) -> Change:
            self._last = do(store)
            return self._last
        first.__name__ = self.text()
        return first

    def undo(self) -> None:
        self._c.session.call(self._inverse)


def open_or_first_run(store: Store, wanted: int | None) -> int:
    """The meeting to open: the one asked for if it is still there, else the newest; the sample on first run."""
    meetings = store.list_meetings()
    if not meetings:
        return ops.import_meeting(store, sample_meeting()).result
    ids = [m.id for m in meetings]
    return wanted if wanted in ids else ids[0]


class MeetingController(QObject):
    """The open meeting, its current item and speaker, and the changes made to it."""

    meeting_opened = Signal(object)  # a Meeting read whole: every pane shows it afresh
    change_applied = Signal(object)  # a Change, already applied to ``meeting``: panes update their rows
    current_item_changed = Signal(object)  # the item new entries go under (an id, or None)
    speaker_changed = Signal(object)  # person key or None
    refused = Signal(str)  # the core said no: one sentence for the clerk

    def __init__(self, session: Session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.meeting: Meeting | None = None
        self.current_item_id: int | None = None
        self.current_speaker: str | None = None
        self.undo_stack = QUndoStack(self)
        session.changed.connect(self._on_session_changed)
        session.refused.connect(self.refused)
        session.failed.connect(self._on_session_failed)

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
                              "Meeting › Status › Unlock approved minutes… if they really must change.")
            return True
        return False

    def _push(self, text: str, do: Callable[[Store], Change], unsaved: UnsavedText | None = None) -> None:
        if self.meeting is not None and not self._refuse_if_read_only():
            self.undo_stack.push(_Command(self, text, do, unsaved))

    def _call(self, op: Callable[..., Change], *args: Any, **kwargs: Any) -> None:
        """An operation that is not undone (status, moving about, the draft)."""
        if self.meeting is not None:
            self.session.call(op, *args, **kwargs)

    def _on_session_changed(self, change: Change) -> None:
        if self.meeting is None or change.meeting_id != self.meeting.id or change.empty:
            return
        ops.apply_change(self.meeting, change)
        if self.current_item_id not in {i.id for i in self.meeting.items}:
            self.current_item_id = self.meeting.items[0].id if self.meeting.items else None
            self.current_item_changed.emit(self.current_item_id)
        self.change_applied.emit(change)

    def _on_session_failed(self, message: str) -> None:
        self.refused.emit(message)
        if self.meeting is not None:  # what is shown may have missed a change: read it afresh
            self.open_meeting(self.meeting.id, self.current_item_id)

    def open_meeting(self, wanted: int | None, item_id: int | None = None) -> None:
        """Open a meeting (the sample on first run), at an item if given, reading it whole."""
        def open_meeting(store: Store) -> Meeting:
            return store.load_meeting(open_or_first_run(store, wanted))
        self.session.job(open_meeting, lambda meeting: self._on_meeting_opened(meeting, item_id))

    def _on_meeting_opened(self, meeting: Meeting, item_id: int | None = None) -> None:
        if self.meeting is None or meeting.id != self.meeting.id:
            self.undo_stack.clear()
        if item_id not in {i.id for i in meeting.items}:
            item_id = meeting.current_item_id
        if item_id not in {i.id for i in meeting.items}:
            item_id = meeting.items[0].id if meeting.items else None
        self.meeting, self.current_item_id = meeting, item_id
        self.current_speaker = meeting.current_speaker if meeting.person(meeting.current_speaker) else None
        self.meeting_opened.emit(meeting)
        self.speaker_changed.emit(self.current_speaker)

    # -- moving about ------------------------------------------------------------------

    def go_to_item(self, item_id: int) -> None:
        """Make an item current (stamping times while the meeting runs)."""
        if self.meeting is None or item_id == self.current_item_id:
            return
        self.current_item_id = item_id
        self.current_item_changed.emit(item_id)
        self._call(ops.go_to_item, self.meeting.id, item_id)

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
        self._call(ops.set_speaker, self.meeting.id, self.current_item_id, key)
        self.speaker_changed.emit(key)

    # -- the meeting -------------------------------------------------------------------

    def start_meeting(self) -> None:
        """Stamp the start."""
        self._push("start the meeting", lambda s, mid=self.meeting_id: ops.start_meeting(s, mid))

    def close_meeting(self) -> None:
        """Stamp the end."""
        self._push("close the meeting", lambda s, mid=self.meeting_id: ops.close_meeting(s, mid))
        self.session.backup("closed-meeting")  # after the close is saved: the meeting as it ended

    def update_meeting(self, **changes: Any) -> None:
        """Change the meeting's title, date, times or venue."""
        self._push("meeting details", lambda s, mid=self.meeting_id: ops.update_meeting(s, mid, **changes))

    def set_status(self, status: str) -> None:
        """Draft, final or approved (approved minutes are read-only)."""
        if self.meeting is not None and self.meeting.status != status:
            self._call(ops.set_status, self.meeting.id, status)

    def unlock(self, reason: str) -> None:
        """Deliberately unlock approved minutes; the time and reason are kept with the meeting."""
        self._call(ops.unlock, self.meeting_id, reason)

    def save_draft(self, draft: dict[str, Any] | None) -> None:
        """Keep the entry being typed, so a crash loses at most the last debounce of typing."""
        if self.meeting is None:
            return
        text = UnsavedText(self.meeting.id, "draft", draft["text"]) if draft else None
        kept = Draft(kind=draft["kind"], text=draft["text"], respond=bool(draft.get("respond"))) if draft else None
        self.session.call(ops.save_draft, self.meeting.id, kept, unsaved=text)

    # -- entries -----------------------------------------------------------------------

    def add_entry(self, entry: Entry, item_id: int | None = None) -> None:
        """Add an entry under the current item (undoable); the draft is cleared with it."""
        item = item_id or self.current_item_id
        if item is None:
            self.refused.emit("Add an agenda item first: entries go under the current item.")
            return
        text = UnsavedText(self.meeting_id, "entry", entry.text or entry.motion or "")
        self._push(f"add {entry.kind}", lambda s: ops.add_entry(s, item, entry, clear_draft=True), text)

    def edit_entry(self, entry_id: int, **changes: Any) -> None:
        """Change an entry's text or fields (undoable)."""
        self._push("edit entry", lambda s: ops.edit_entry(s, entry_id, **changes))

    def ignore_word(self, word: str) -> None:
        """Stop the proofing flagging a word in this meeting (undoable)."""
        if self.meeting is not None:
            mid = self.meeting.id
            self.undo_stack.push(_Command(self, f"ignore “{word}”", lambda s: ops.ignore_word(s, mid, word)))

    def delete_entry(self, entry_id: int) -> None:
        """Delete an entry (undo puts it back where it was)."""
        self._push("delete entry", lambda s: ops.delete_entry(s, entry_id))

    def move_entry(self, entry_id: int, index: int) -> None:
        """Move an entry within its item (undoable)."""
        self._push("move entry", lambda s: ops.move_entry(s, entry_id, index))

    def join_entry(self, entry_id: int, joined: bool) -> None:
        """Join an entry to the previous paragraph, or split it off again (undoable)."""
        self._push("join paragraphs" if joined else "split paragraphs", lambda s: ops.join_entry(s, entry_id, joined))

    def toggle_join(self, entry_id: int) -> None:
        """Join an entry to the paragraph before it, or split it off again if it is joined."""
        entry = self.entry(entry_id)
        if entry is not None:
            self.join_entry(entry_id, not entry.joins_previous)

    def entry(self, entry_id: int | None) -> Entry | None:
        """The entry with this id in the meeting shown."""
        item = self._item_of(entry_id)
        return next(e for e in item.entries if e.id == entry_id) if item else None

    def _item_of(self, entry_id: int | None) -> Item | None:
        if self.meeting is None:
            return None
        return next((i for i in self.meeting.items if any(e.id == entry_id for e in i.entries)), None)

    # -- people ------------------------------------------------------------------------

    def set_attendance(self, key: str, attendance: str, substitute_for: str | None = None) -> None:
        """Mark someone present, apologies, substitute (for whom), in attendance, remote or absent."""
        self._push("attendance", lambda s, mid=self.meeting_id: ops.set_attendance(s, mid, key, attendance,
                                                                                   substitute_for))

    def record_arrival(self, key: str) -> None:
        """Someone arrived late: stamp it and minute it under the current item."""
        self._push("arrival", lambda s, mid=self.meeting_id: ops.record_arrival(s, mid, key))

    def record_departure(self, key: str) -> None:
        """Someone left early: stamp it and minute it under the current item."""
        self._push("departure", lambda s, mid=self.meeting_id: ops.record_departure(s, mid, key))

    def declare_interest(self, key: str, text: str, leaves_for_item: int | None) -> None:
        """Minute a declaration; the member may leave the room for an item."""
        self._push("declaration", lambda s, mid=self.meeting_id: ops.declare_interest(s, mid, key, text,
                                                                                      leaves_for_item))

    # -- the agenda --------------------------------------------------------------------

    def add_item(self, number: str, title: str, index: int | None = None) -> None:
        """Add an agenda item (undoable)."""
        self._push("add item", lambda s, mid=self.meeting_id: ops.add_item(s, mid, number, title, index))

    def edit_item(self, item_id: int, **changes: Any) -> None:
        """Change an item's number, title or minute number (undoable)."""
        self._push("edit item", lambda s: ops.edit_item(s, item_id, **changes))

    def move_item(self, item_id: int, index: int) -> None:
        """Move an item within the agenda (undoable)."""
        self._push("move item", lambda s: ops.move_item(s, item_id, index))

    def delete_item(self, item_id: int) -> None:
        """Delete an item and its entries (undo puts them back)."""
        self._push("delete item", lambda s: ops.delete_item(s, item_id))

    def set_exempt(self, item_id: int, exempt: bool, paragraph: int | None = None) -> None:
        """Mark an item exempt (with the exclusion resolution when a paragraph is given), or public again."""
        self._push("exempt item" if exempt else "public item", lambda s: ops.set_exempt(s, item_id, exempt, paragraph))

    def renumber_minutes(self) -> None:
        """Give minute numbers to the items that have none, running on from the last meeting."""
        self._push("number the minutes", lambda s, mid=self.meeting_id: ops.number_minutes(s, mid))

    def item(self, item_id: int | None) -> Item | None:
        """The item with this id in the meeting shown."""
        if self.meeting is None:
            return None
        return next((i for i in self.meeting.items if i.id == item_id), None)

    def current_item(self) -> Item | None:
        """The item new entries go under."""
        return self.item(self.current_item_id)

    # -- what the clerk typed ----------------------------------------------------------

    def typed_entry(self, kind: str, text: str, respond: bool, joins_previous: bool = False,
                    level: int = 1) -> Entry:
        """The entry the entry line's kind, text, "in response to", join and level make, with the
        current speaker."""
        entry = live.typed_entry(kind, text, self.current_speaker, self.current_item(), respond)
        entry.joins_previous, entry.level = joins_previous, level
        return entry

    def previous_speaker(self) -> str | None:
        """Who "in response to" would name now."""
        return live.previous_speaker(self.current_item(), self.current_speaker)
