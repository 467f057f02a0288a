"""The entry line: where the clerk types the next entry, with the speaker and kind beside it.

Enter commits, Shift+Enter is a new line, paste takes plain text only (cleaned of characters
Word forbids). What is being typed is handed out as a draft a moment after the typing pauses,
and at the latest a moment after the first unsaved keystroke even if the typing never pauses,
so the window can keep it in the store and a crash loses at most that moment.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from clerkdesk.text import clean_text
from clerkdesk.model import ENTRY_KINDS

DRAFT_DELAY_MS = 400  # long enough to coalesce a burst of typing, short enough to keep the 1 s promise
DRAFT_MAX_WAIT_MS = 600  # a clerk who never pauses for 400 ms still has the draft saved this often
KIND_LABELS = {"speech": "Speech", "note": "Note", "point": "Point", "resolution": "Resolution", "vote": "Vote",
               "action": "Action", "declaration": "Declaration", "event": "Event"}


class PlainTextInput(QPlainTextEdit):
    """A plain-text box where Enter submits and Shift+Enter starts a new line."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on, as in any form; the minutes have no tabs

    def event(self, event: QEvent) -> bool:
        # Ctrl+digit chooses the entry kind: the text box would otherwise claim it as typed text.
        if (event.type() == QEvent.Type.ShortcutOverride and event.modifiers() & Qt.KeyboardModifier.ControlModifier
                and Qt.Key.Key_0 <= event.key() <= Qt.Key.Key_9):
            event.ignore()
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.submitted.emit()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        # Plain text only: formatting from Word or a web page has no place in the minutes.
        if source.hasText():
            self.insertPlainText(clean_text(source.text()))

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText()


class EntryEditor(QWidget):
    """The entry line and its context: who is speaking, what kind of entry, in response to whom."""

    submitted = Signal(str, str, bool)  # kind, text, in response to the previous speaker
    draft_changed = Signal(object)  # {"kind", "text", "respond"} or None once empty

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = "speech"
        self.respond = False
        self.context = QLabel()
        self.context.setObjectName("entryContext")
        self.context.setTextFormat(Qt.TextFormat.PlainText)
        self.editor = PlainTextInput()
        self.editor.setObjectName("entryEditor")
        self.editor.setAccessibleName("Next entry")
        self.editor.setPlaceholderText("Type the gist, Enter to add it · Shift+Enter new line · Ctrl+1–8 kind")
        self.editor.setFixedHeight(92)
        self._speaker, self._other = "", ""
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        # Restarted by every keystroke, the delay alone would never fire while the clerk types
        # without a pause; this one starts at the first unsaved keystroke and is not restarted.
        self._draft_deadline = QTimer(self)
        self._draft_deadline.setSingleShot(True)
        self._draft_deadline.setInterval(DRAFT_MAX_WAIT_MS)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.context, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.editor)
        self._connect_signals()
        self._show_context()

    def _connect_signals(self) -> None:
        self.editor.submitted.connect(self._on_editor_submitted)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self._draft_timer.timeout.connect(self._on_draft_timer_timeout)
        self._draft_deadline.timeout.connect(self._on_draft_timer_timeout)

    def set_kind(self, kind: str) -> None:
        """Choose the kind of the next entry."""
        if kind in ENTRY_KINDS:
            self.kind = kind
            self._show_context()
            self._on_editor_text_changed()

    def toggle_respond(self) -> None:
        """Make the next speech "in response to" the previous speaker, or not."""
        self.respond = not self.respond
        self._show_context()

    def set_speakers(self, speaker: str, previous: str) -> None:
        """Show the current speaker's and the previous speaker's names as the minutes give them."""
        self._speaker, self._other = speaker, previous
        self._show_context()

    def restore_draft(self, draft: dict[str, Any] | None) -> None:
        """Put back what was being typed when the window last closed (or crashed)."""
        if not draft or self.editor.toPlainText():
            return
        self.set_kind(draft.get("kind", "speech"))
        self.respond = bool(draft.get("respond"))
        self.editor.setPlainText(draft.get("text", ""))
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        self._show_context()

    def flush_draft(self) -> None:
        """Hand out the pending draft now (on quitting)."""
        if self._draft_timer.isActive() or self._draft_deadline.isActive():
            self._on_draft_timer_timeout()

    def _show_context(self) -> None:
        parts = [KIND_LABELS[self.kind]]
        if self.kind in ("speech", "action", "declaration") or self.respond:
            parts.append(self._speaker or "no speaker chosen (Ctrl+P)")
        if self.respond and self.kind == "speech":
            parts.append(f"in response to {self._other or 'nobody yet'}")
        self.context.setText("  ·  ".join(parts))
        self.editor.setAccessibleDescription(self.context.text())

    def _on_editor_submitted(self) -> None:
        text = self.editor.toPlainText().strip()
        if not text and self.kind != "vote":
            return
        kind, respond = self.kind, self.respond
        self.editor.clear()
        self._stop_draft_timers()  # clearing is not typing: the commit itself clears the draft
        self.respond = False
        self._show_context()
        self.submitted.emit(kind, text, respond)

    def _on_editor_text_changed(self) -> None:
        self._draft_timer.start()
        if not self._draft_deadline.isActive():
            self._draft_deadline.start()

    def _stop_draft_timers(self) -> None:
        self._draft_timer.stop()
        self._draft_deadline.stop()

    def _on_draft_timer_timeout(self) -> None:
        self._stop_draft_timers()
        text = self.editor.toPlainText()
        self.draft_changed.emit({"kind": self.kind, "text": text, "respond": self.respond} if text.strip() else None)
