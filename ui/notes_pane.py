"""The notes pane: the current item's entries as they will read in the minutes.

The words come from clerkdesk.wording (``item_paragraphs``), so the pane shows exactly what
the Word export will write; this module only turns bold and italic runs into screen text.
Editing in place changes the entry's own text (what the clerk typed), not the worded line.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QLabel, QListWidgetItem, QStyleOptionViewItem,
                               QVBoxLayout, QWidget)

from clerkdesk.model import Item, Meeting
from clerkdesk.wording import Paragraph, item_paragraphs

from .entry_editor import PlainTextInput
from .rich_delegate import HTML_ROLE, MovableList, RichTextDelegate
from .shortcuts import key

ID_ROLE = Qt.ItemDataRole.UserRole
RAW_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3


def paragraphs_html(paragraphs: list[Paragraph]) -> str:
    """Worded paragraphs as screen HTML: bold and italic runs kept, bullets drawn, sub-points
    indented with their letter, and an entry that joins the previous paragraph led by "↳"."""
    out = []
    for p in paragraphs:
        runs = "".join(_run_html(r.text, r.bold, r.italic) for r in p.runs)
        if p.role == "bullet":
            runs = ("–" if p.level == 2 else "•") + "&nbsp;&nbsp;" + runs
        elif p.label:
            runs = f"{html.escape(p.label)}&nbsp;&nbsp;" + runs
        if p.joined:
            runs = "<span style='color:gray'>↳</span>&nbsp;" + runs  # one paragraph with the row above
        indent = 24 if p.level == 2 else 0
        out.append(f"<p style='margin:0 0 4px {indent}px'>{runs}</p>")
    return "".join(out)


def _run_html(text: str, bold: bool, italic: bool) -> str:
    text = html.escape(text).replace("\n", "<br>")
    if bold:
        text = f"<b>{text}</b>"
    if italic:
        text = f"<i>{text}</i>"
    return text


class EntryDelegate(RichTextDelegate):
    """Draws an entry as rich text and edits its typed text in a multi-line box."""

    text_edited = Signal(int, str)  # entry id, new text

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        editor = PlainTextInput(parent)
        editor.setObjectName("entryInPlaceEditor")
        editor.setAccessibleName("Edit entry text")
        editor.submitted.connect(lambda: (self.commitData.emit(editor), self.closeEditor.emit(editor)))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        editor.setPlainText(index.data(RAW_ROLE) or "")

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        rect = option.rect
        rect.setHeight(max(rect.height(), 80))
        editor.setGeometry(rect)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:
        # Asks for the change instead of making it: the store's answer redraws the pane.
        text = editor.toPlainText().strip()
        if text != (index.data(RAW_ROLE) or ""):
            self.text_edited.emit(index.data(ID_ROLE), text)


class NotesPane(QWidget):
    """The current item's heading and its entries, editable in place, deletable and movable."""

    text_edited = Signal(int, str)
    delete_requested = Signal(int)
    move_requested = Signal(int, int)
    vote_edit_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("itemHeading")
        self.heading.setWordWrap(True)
        self.view = MovableList()
        self.view.setObjectName("notesView")
        self.view.setAccessibleName("Notes for the current item")
        self.view.setWordWrap(True)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
        self.delegate = EntryDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.empty = QLabel("Nothing minuted under this item yet.")
        self.empty.setObjectName("notesEmpty")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        self._add_view_actions()
        self._connect_signals()

    def _add_view_actions(self) -> None:
        for name, slot in (("entry_up", lambda: self._move_selected(-1)), ("entry_down", lambda: self._move_selected(1)),
                           ("entry_delete", self._on_delete_triggered), ("entry_edit", self._on_edit_triggered)):
            action = QAction(self.view)
            action.setShortcut(QKeySequence(key(name)))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.view.addAction(action)

    def _connect_signals(self) -> None:
        self.delegate.text_edited.connect(self.text_edited)
        self.view.move_requested.connect(self.move_requested)

    def show_item(self, meeting: Meeting, item: Item | None) -> None:
        """Show an item's entries as the minutes will read, keeping the selection and scroll end."""
        selected = self.selected_entry_id()
        at_end = self.view.verticalScrollBar().value() >= self.view.verticalScrollBar().maximum() - 4
        self.view.clear()
        if item is None:
            self.heading.setText("No agenda item yet — add one with Ctrl+Shift+N")
            self.empty.setVisible(False)
            return
        minute = f"{item.minute_number}  " if item.minute_number else ""
        private = "   (Part 2 — exempt)" if item.exempt else ""
        self.heading.setText(f"{minute}{item.number}. {item.title}{private}".strip())
        by_entry: dict[int, list[Paragraph]] = {}
        for p in item_paragraphs(item.entries, meeting, join=False):  # a row for every entry, joined or not
            by_entry.setdefault(p.entry_id, []).append(p)
        for entry in item.entries:
            paras = by_entry.get(entry.id, [])
            row = QListWidgetItem("\n".join(p.text for p in paras))
            row.setData(ID_ROLE, entry.id)
            row.setData(HTML_ROLE, paragraphs_html(paras))
            row.setData(RAW_ROLE, entry.text)
            row.setData(KIND_ROLE, entry.kind)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsEditable)
            self.view.addItem(row)
            if entry.id == selected:
                self.view.setCurrentItem(row)
        self.empty.setVisible(not item.entries)
        if at_end:
            self.view.scrollToBottom()

    def set_point_size(self, size: int) -> None:
        """Make the notes text larger or smaller."""
        font = self.view.font()
        font.setPointSize(size)
        self.view.setFont(font)
        self.view.doItemsLayout()

    def selected_entry_id(self) -> int | None:
        """The entry under the keyboard cursor, if any."""
        row = self.view.currentItem()
        return row.data(ID_ROLE) if row is not None else None

    def _move_selected(self, step: int) -> None:
        row = self.view.currentItem()
        if row is not None and 0 <= self.view.row(row) + step < self.view.count():
            self.move_requested.emit(row.data(ID_ROLE), self.view.row(row) + step)

    def _on_delete_triggered(self) -> None:
        if self.selected_entry_id() is not None:
            self.delete_requested.emit(self.selected_entry_id())

    def _on_edit_triggered(self) -> None:
        row = self.view.currentItem()
        if row is None:
            return
        if row.data(KIND_ROLE) == "vote":
            self.vote_edit_requested.emit(row.data(ID_ROLE))  # a vote is edited in its grid
        else:
            self.view.editItem(row)



