"""The notes pane: the current item's entries as they will read in the minutes.

The words come from clerkdesk.wording (``item_paragraphs``), so the pane shows exactly what
the Word export will write; this module only turns bold and italic runs into screen text.
Editing in place changes the entry's own text (what the clerk typed), not the worded line.

Showing the same item again after a change only touches the rows that differ (a new entry is
one row inserted), so committing an entry never rebuilds the list. The pane follows the newest
entry — opening an item shows its end, a committed entry is scrolled into view — until the
clerk scrolls back or moves about the notes, and follows again once they type.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QLabel, QListWidgetItem, QStyleOptionViewItem,
                               QVBoxLayout, QWidget)

from clerkdesk.model import Item, Meeting
from clerkdesk.wording import Paragraph, item_paragraphs

from .entry import PlainTextInput
from clerkdesk.ui.look import fixed_font_size, scale_font
from .rich_delegate import HTML_ROLE, MovableList, RichTextDelegate

ID_ROLE = Qt.ItemDataRole.UserRole
RAW_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3
NOTES_SCALE = 1.15  # the notes are read all evening: a little larger than the rest


def paragraphs_html(paragraphs: list[Paragraph], mark: Callable[[str], str] | None = None) -> str:
    """Worded paragraphs as screen HTML: bold and italic runs kept, bullets drawn, sub-points
    indented with their letter, and an entry that joins the previous paragraph led by "↳"; ``mark``
    (the proofing) turns a run's text into HTML with its problems underlined."""
    out = []
    for p in paragraphs:
        runs = "".join(_run_html(r.text, r.bold, r.italic, mark) for r in p.runs)
        if p.role == "bullet":
            runs = ("–" if p.level == 2 else "•") + "&nbsp;&nbsp;" + runs
        elif p.label:
            runs = f"{html.escape(p.label)}&nbsp;&nbsp;" + runs
        if p.joined:
            runs = "<span style='color:gray'>↳</span>&nbsp;" + runs  # one paragraph with the row above
        indent = 24 if p.level == 2 else 0
        out.append(f"<p style='margin:0 0 4px {indent}px'>{runs}</p>")
    return "".join(out)


def _run_html(text: str, bold: bool, italic: bool, mark: Callable[[str], str] | None = None) -> str:
    text = (mark(text) if mark else html.escape(text)).replace("\n", "<br>")
    if bold:
        text = f"<b>{text}</b>"
    if italic:
        text = f"<i>{text}</i>"
    return text


class EntryDelegate(RichTextDelegate):
    """Draws an entry as rich text and edits its typed text in a multi-line box."""

    text_edited = Signal(int, str)  # entry id, new text
    prepare_editor: Callable[[PlainTextInput], None] | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        editor = PlainTextInput(parent)
        editor.setObjectName("entryInPlaceEditor")
        editor.setAccessibleName("Edit entry text")
        editor.submitted.connect(lambda: (self.commitData.emit(editor), self.closeEditor.emit(editor)))
        if self.prepare_editor is not None:
            self.prepare_editor(editor)  # the proofing's underlines and suggestions
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
    join_requested = Signal(int)  # join the entry to the previous paragraph, or split it off again
    move_requested = Signal(int, int)
    vote_edit_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._item_id: int | None = None
        self.mark: Callable[[str], str] | None = None  # set by the proofing once its dictionary is loaded
        self._follow = True  # keep the newest entry in view
        self.heading = QLabel()
        self.heading.setObjectName("itemHeading")
        scale_font(self.heading, 1.25)
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
        self.view.add_row_actions((("entry_up", "Move &up", lambda: self.move_selected(-1)),
                                  ("entry_down", "Move do&wn", lambda: self.move_selected(1)),
                                  ("entry_edit", "&Edit entry", self._on_edit_triggered),
                                  ("entry_join", "&Join to the paragraph before / split off", self._on_join_triggered),
                                  ("entry_delete", "&Delete entry", self._on_delete_triggered)))

    def _connect_signals(self) -> None:
        self.delegate.text_edited.connect(self.text_edited)
        self.view.move_requested.connect(self.move_requested)
        bar = self.view.verticalScrollBar()
        bar.actionTriggered.connect(self._on_scroll_bar_action_triggered)  # the clerk's own scrolling only
        bar.sliderMoved.connect(self._on_scroll_bar_action_triggered)
        bar.rangeChanged.connect(self._on_scroll_bar_range_changed)  # rows laid out (lazily): keep the end in view
        self.view.currentItemChanged.connect(self._on_view_current_item_changed)

    def follow_newest(self) -> None:
        """Keep the newest entry in view again (the clerk is typing)."""
        if not self._follow:
            self._follow = True
            self.view.scrollToBottom()

    def _on_scroll_bar_range_changed(self, _low: int, high: int) -> None:
        if self._follow:
            self.view.verticalScrollBar().setValue(high)

    def _on_scroll_bar_action_triggered(self, *_args: object) -> None:
        # The clerk's own scrolling (wheel, keys, the bar): the slider is already where it will go.
        bar = self.view.verticalScrollBar()
        self._follow = bar.sliderPosition() >= bar.maximum() - 4

    def _on_view_current_item_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None and self.view.hasFocus():
            self._follow = False  # the clerk is moving about the notes: leave the view where they put it

    def show_item(self, meeting: Meeting, item: Item | None) -> None:
        """Show an item's entries as the minutes will read; the same item again touches only what changed."""
        if item is None:
            self._item_id = None
            self.view.clear()
            self.heading.setText("No agenda item yet — add one with Ctrl+Shift+N")
            self.empty.setVisible(False)
            return
        minute = f"{item.minute_number}  " if item.minute_number else ""
        private = "   (Part 2 — exempt)" if item.exempt else ""
        heading = f"{minute}{item.number}. {item.title}{private}".strip()
        if self.heading.text() != heading:
            self.heading.setText(heading)
        opened = item.id != self._item_id
        if opened:
            self._item_id, self._follow = item.id, True
            self.view.clear()
        by_entry: dict[int, list[Paragraph]] = {}
        for p in item_paragraphs(item.entries, meeting, join=False):  # a row for every entry, joined or not
            by_entry.setdefault(p.entry_id, []).append(p)
        added = self._reconcile(item, by_entry)
        self.empty.setVisible(not item.entries)
        if self._follow and (opened or added):
            QTimer.singleShot(0, self._scroll_to_end_if_following)  # once the new rows are laid out

    def _scroll_to_end_if_following(self) -> None:
        if self._follow:
            self.view.scrollToBottom()

    def _reconcile(self, item: Item, by_entry: dict[int, list[Paragraph]]) -> bool:
        """Make the rows the item's entries, in order, reusing every row that is still right; True if one was added."""
        wanted = [e.id for e in item.entries]
        keep = set(wanted)
        for n in range(self.view.count() - 1, -1, -1):
            if self.view.item(n).data(ID_ROLE) not in keep:
                self.view.takeItem(n)
        rows = {self.view.item(n).data(ID_ROLE): self.view.item(n) for n in range(self.view.count())}
        added = False
        for n, entry in enumerate(item.entries):
            row = rows.get(entry.id)
            if row is None:
                row = QListWidgetItem()
                row.setData(ID_ROLE, entry.id)
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsEditable)
                self.view.insertItem(n, row)
                added = True
            elif self.view.item(n) is not row:
                current = self.view.currentItem() is row
                self.view.insertItem(n, self.view.takeItem(self.view.row(row)))
                if current:
                    self.view.setCurrentItem(row)
            paras = by_entry.get(entry.id, [])
            words = paragraphs_html(paras, self.mark)
            if row.data(HTML_ROLE) != words:
                row.setText("\n".join(p.text for p in paras))
                row.setData(HTML_ROLE, words)
            if row.data(RAW_ROLE) != entry.text:
                row.setData(RAW_ROLE, entry.text)
            if row.data(KIND_ROLE) != entry.kind:
                row.setData(KIND_ROLE, entry.kind)
        return added

    def set_point_size(self, size: int | None) -> None:
        """Make the notes text larger or smaller (None: a little larger than the system font, following it)."""
        if size is None:
            scale_font(self.view, NOTES_SCALE)
        else:
            fixed_font_size(self.view, size)
        self.view.doItemsLayout()

    def selected_entry_id(self) -> int | None:
        """The entry under the keyboard cursor, if any."""
        row = self.view.currentItem()
        return row.data(ID_ROLE) if row is not None else None

    def move_selected(self, step: int) -> None:
        """Ask to move the selected entry up (-1) or down (1)."""
        row = self.view.currentItem()
        if row is not None and 0 <= self.view.row(row) + step < self.view.count():
            self.move_requested.emit(row.data(ID_ROLE), self.view.row(row) + step)

    def _on_join_triggered(self) -> None:
        if self.selected_entry_id() is not None:
            self.join_requested.emit(self.selected_entry_id())

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



