"""The entry line: where the clerk types the next entry, with the speaker and kind beside it.

Enter commits, Shift+Enter is a new line, paste takes plain text only (cleaned of characters
Word forbids). Ctrl+J makes the entry continue the previous paragraph (and again undoes it);
Tab makes it a sub-point, level 2, and Shift+Tab a main point again; at the level already
chosen, Tab and Shift+Tab move the focus on as in any form. What is being typed is handed out as a draft a moment after the typing pauses,
and at the latest a moment after the first unsaved keystroke even if the typing never pauses,
so the window can keep it in the store and a crash loses at most that moment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from clerkdesk.text import clean_text
from clerkdesk.model import ENTRY_KINDS

from clerkdesk.ui.look import scale_font

DRAFT_DELAY_MS = 400  # long enough to coalesce a burst of typing, short enough to keep the 1 s promise
DRAFT_MAX_WAIT_MS = 600  # a clerk who never pauses for 400 ms still has the draft saved this often
INSTRUCTIONS = "Type the gist, Enter to add it · Shift+Enter new line · Ctrl+1–8 kind · Ctrl+J join · Tab sub-point"
KIND_LABELS = {"speech": "Speech", "note": "Note", "point": "Point", "resolution": "Resolution", "vote": "Vote",
               "action": "Action", "declaration": "Declaration", "event": "Event"}


class PlainTextInput(QPlainTextEdit):
    """A plain-text box where Enter submits and Shift+Enter starts a new line."""

    submitted = Signal()
    join_toggled = Signal()  # Ctrl+J

    def __init__(self, parent: QWidget | None = None, lines: int = 0):
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on, as in any form; the minutes have no tabs
        self._lines = lines
        self._fit_lines()
        # Asked first on Tab (True) and Shift+Tab (False); True back means the key was used.
        self.tab_pressed: Callable[[bool], bool] | None = None

    def _fit_lines(self) -> None:
        # As tall as ``lines`` lines of its own font, whatever size the system font is.
        if self._lines:
            frame = 2 * (self.frameWidth() + round(self.document().documentMargin())) + 12  # border and padding
            self.setFixedHeight(self.fontMetrics().lineSpacing() * self._lines + frame)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_lines()

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's own name
        if self.tab_pressed is not None and self.tab_pressed(next):
            return True
        return super().focusNextPrevChild(next)

    def event(self, event: QEvent) -> bool:
        # Ctrl+digit chooses the entry kind: the text box would otherwise claim it as typed text.
        if (event.type() == QEvent.Type.ShortcutOverride and event.modifiers() & Qt.KeyboardModifier.ControlModifier
                and Qt.Key.Key_0 <= event.key() <= Qt.Key.Key_9):
            event.ignore()
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_J and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            self.join_toggled.emit()
            return
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

    # kind, text, in response to the previous speaker, and {"joins_previous": bool, "level": int}
    submitted = Signal(str, str, bool, object)
    draft_changed = Signal(object)  # {"kind", "text", "respond"[, "joins_previous", "level"]} or None once empty

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = "speech"
        self.respond = False
        self.joins_previous = False  # for this entry only: cleared once it is added
        self.level = 1  # kept for the entries after, so (a), (b), (c) are typed one after another
        self.context = QLabel()
        self.context.setObjectName("entryContext")
        self.context.setTextFormat(Qt.TextFormat.PlainText)
        self.editor = PlainTextInput(lines=3)
        self.editor.setObjectName("entryEditor")
        self.editor.setAccessibleName("Next entry")
        # The instructions are shown beside the line as well as in it: a placeholder vanishes at the
        # first key and is read by few screen readers.
        self.hint = QLabel()
        self.hint.setObjectName("entryHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.set_instructions(INSTRUCTIONS)
        scale_font(self.editor, 1.15)
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
        layout.addWidget(self.hint)
        self._connect_signals()
        self._show_context()

    def _connect_signals(self) -> None:
        self.editor.submitted.connect(self._on_editor_submitted)
        self.editor.join_toggled.connect(self.toggle_join)
        self.editor.tab_pressed = self._on_editor_tab_pressed
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self._draft_timer.timeout.connect(self._on_draft_timer_timeout)
        self._draft_deadline.timeout.connect(self._on_draft_timer_timeout)

    def set_instructions(self, text: str) -> None:
        """What the entry line is for and its keys, shown under it; its first part is the placeholder too."""
        self.hint.setText(text)
        self.editor.setPlaceholderText(text.split(" · ")[0])

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

    def toggle_join(self) -> None:
        """Make the entry being typed continue the previous paragraph, or start its own again."""
        self.joins_previous = not self.joins_previous
        self._show_context()
        self._on_editor_text_changed()

    def set_level(self, level: int) -> bool:
        """Make the next entries sub-points (2) or main points (1); False if already at that level."""
        if level == self.level or level not in (1, 2):
            return False
        self.level = level
        self._show_context()
        self._on_editor_text_changed()
        return True

    def _on_editor_tab_pressed(self, forward: bool) -> bool:
        return self.set_level(2 if forward else 1)

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
        self.joins_previous = draft.get("joins_previous") is True
        self.level = 2 if draft.get("level") == 2 else 1
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
        if self.level == 2:
            parts.append("sub-point (Shift+Tab: main point)")
        if self.joins_previous:
            parts.append("joins the previous paragraph (Ctrl+J: its own)")
        self.context.setText("  ·  ".join(parts))
        self.editor.setAccessibleDescription(self.context.text())

    def _on_editor_submitted(self) -> None:
        text = self.editor.toPlainText().strip()
        if not text and self.kind != "vote":
            return
        kind, respond = self.kind, self.respond
        layout = {"joins_previous": self.joins_previous, "level": self.level}
        self.editor.clear()
        self._stop_draft_timers()  # clearing is not typing: the commit itself clears the draft
        self.respond = False
        self.joins_previous = False
        self._show_context()
        self.submitted.emit(kind, text, respond, layout)

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
        draft = {"kind": self.kind, "text": text, "respond": self.respond}
        if self.joins_previous:
            draft["joins_previous"] = True
        if self.level != 1:
            draft["level"] = self.level
        self.draft_changed.emit(draft if text.strip() else None)
