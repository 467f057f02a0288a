"""The agenda pane: the meeting's items, the current one standing out.

It shows what it is given (``show(meeting, current_item_id)``) and asks for changes by
signal; it never writes anything itself. Reordering (by drag, by Alt+Shift+Up/Down, or from the
Edit or context menu) asks the controller to move the item, and the view is redrawn from the
store's answer.
"""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListWidgetItem, QVBoxLayout, QWidget

from clerkdesk.model import Item, Meeting

from clerkdesk.ui.look import scale_font
from .rich_delegate import CURRENT_ROLE, HTML_ROLE, MovableList, RichTextDelegate

_ID = Qt.ItemDataRole.UserRole


def minutes_taken(item: Item, running: bool) -> str:
    """Time taken up by an item as "12 min" (to now while it is the running item)."""
    if not item.started:
        return ""
    end = item.ended or (datetime.now().strftime("%H:%M") if running else None)
    if end is None:
        return ""
    (h1, m1), (h2, m2) = (map(int, item.started.split(":")), map(int, end.split(":")))
    return f"{max(0, (h2 * 60 + m2) - (h1 * 60 + m1))} min"


class AgendaPane(QWidget):
    """Number, title, minute number, time taken and exempt marker of each item."""

    item_activated = Signal(int)  # go to this item
    move_requested = Signal(int, int)
    delete_requested = Signal(int)
    edit_requested = Signal(int)  # rename or renumber

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._current: int | None = None
        self._shown: list[tuple] = []
        title = QLabel("Agenda")
        title.setObjectName("paneTitle")
        scale_font(title, 1.1)
        self.view = MovableList()
        self.view.setObjectName("agendaView")
        self.view.setAccessibleName("Agenda items")
        self.view.setWordWrap(True)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setItemDelegate(RichTextDelegate(self.view))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(title)
        layout.addWidget(self.view)
        self._add_view_actions()
        self._connect_signals()

    def _add_view_actions(self) -> None:
        self.view.add_row_actions((("item_up", "Move &up", lambda: self.move_selected(-1)),
                                  ("item_down", "Move do&wn", lambda: self.move_selected(1)),
                                  ("item_edit", "&Rename or renumber…", self._on_edit_triggered),
                                  ("item_delete", "&Delete item", self._on_delete_triggered)))

    def _connect_signals(self) -> None:
        self.view.itemActivated.connect(self._on_view_item_activated)
        self.view.move_requested.connect(self.move_requested)

    def show_meeting(self, meeting: Meeting, current_item_id: int | None, running: bool) -> None:
        """Redraw the items, keeping the selection, with the current item marked."""
        # The selection follows the current item when it moves; otherwise it stays where the clerk left it.
        selected = self.selected_item_id() if current_item_id == self._current else current_item_id
        self._current = current_item_id
        shown = [(item.id, item.number, item.title, item.minute_number, item.exempt,
                  minutes_taken(item, running and item.id == current_item_id), item.id == current_item_id)
                 for item in meeting.items]
        if shown == self._shown:
            return  # a save that changed nothing here (most of them): keep the rows, the selection, the scroll
        self._shown = shown
        self.view.clear()
        for item in meeting.items:
            is_current = item.id == current_item_id
            facts = [f for f in (item.minute_number, minutes_taken(item, running and is_current),
                                 "Part 2 (exempt)" if item.exempt else "") if f]
            marker = "▶ " if is_current else ""
            title = html.escape(item.title)
            quiet = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
            row = QListWidgetItem(f"{marker}{item.number}. {item.title}. " + ", ".join(facts))
            row.setData(_ID, item.id)
            row.setData(HTML_ROLE, f"<b>{marker}{html.escape(item.number)}</b>&nbsp; "
                                   + (f"<b>{title}</b>" if is_current else title)
                                   + (f"<br><span style='color:{quiet}'>{html.escape(' · '.join(facts))}</span>"
                                      if facts else ""))
            row.setData(CURRENT_ROLE, is_current)
            self.view.addItem(row)
            if item.id == selected:
                self.view.setCurrentItem(row)
        self.view.setProperty("empty", not meeting.items)

    def selected_item_id(self) -> int | None:
        """The item under the keyboard cursor, if any."""
        row = self.view.currentItem()
        return row.data(_ID) if row is not None else None

    def move_selected(self, step: int) -> None:
        """Ask to move the selected item up (-1) or down (1)."""
        row = self.view.currentItem()
        if row is None:
            return
        index = self.view.row(row) + step
        if 0 <= index < self.view.count():
            self.move_requested.emit(row.data(_ID), index)

    def _on_view_item_activated(self, row: QListWidgetItem) -> None:
        self.item_activated.emit(row.data(_ID))

    def _on_delete_triggered(self) -> None:
        item_id = self.selected_item_id()
        if item_id is not None:
            self.delete_requested.emit(item_id)

    def _on_edit_triggered(self) -> None:
        item_id = self.selected_item_id()
        if item_id is not None:
            self.edit_requested.emit(item_id)
