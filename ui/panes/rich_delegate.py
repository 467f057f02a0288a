"""A list delegate that draws each row's HTML wrapped to the view's width (agenda and notes)."""

from __future__ import annotations

import re
from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QAction, QDropEvent, QKeySequence, QPalette, QTextDocument
from PySide6.QtWidgets import (QAbstractItemView, QListWidget, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem)

from clerkdesk.ui.proofing import proofing_underlines
from clerkdesk.ui.shortcuts import key

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
_COLOUR = re.compile(r"color:\s*#[0-9a-fA-F]{3,8};?")
CURRENT_ROLE = Qt.ItemDataRole.UserRole + 4  # the meeting's current item: a bar down its left edge
BAR_WIDTH = 5
PAD_X, PAD_Y = 8, 6


CACHE_SIZE = 600  # laid-out rows kept: every row of a long item, and the agenda, with room to spare


class RichTextDelegate(QStyledItemDelegate):
    """Paints ``HTML_ROLE`` as rich text, wrapped; rows grow to fit.

    Laying out rich text is the expensive part of showing a row, and the panes are redrawn
    after every save; so each row's laid-out document is kept, keyed by its HTML, width and
    font, and a redraw that changed one entry lays out only that one.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._cache: OrderedDict[tuple[str, int, str], tuple[QTextDocument, int]] = OrderedDict()

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex, width: int,
                  selected: bool = False) -> tuple[QTextDocument, int]:
        """The row's laid-out document and its height."""
        html = index.data(HTML_ROLE) or ""
        if selected:  # quieter colours of a row's own would not read on the selection colour
            html = _COLOUR.sub("", html)
        if selected:  # quieter colours of a row's own would not read on the selection colour
            html = _COLOUR.sub("", html)
        key = (html, max(50, width - 2 * PAD_X), option.font.key())
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        doc.setHtml(html)
        if "text-decoration-color" in html:
            proofing_underlines(doc)  # Qt's HTML has no wavy underline: the proofing's are made so here
        doc.setTextWidth(key[1])
        found = self._cache[key] = (doc, int(doc.size().height()) + 2 * PAD_Y)
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return found

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        opt.widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        doc = self._document(option, index, option.rect.width(), selected)[0]
        if index.data(CURRENT_ROLE) and not selected:
            bar = option.rect.adjusted(0, 1, 0, -1)
            bar.setWidth(BAR_WIDTH)
            painter.fillRect(bar, option.palette.color(QPalette.ColorRole.Highlight))
        painter.save()
        painter.translate(option.rect.left() + PAD_X, option.rect.top() + PAD_Y)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        width = option.widget.viewport().width() if option.widget else 400
        return QSize(width, self._document(option, index, width)[1])


class MovableList(QListWidget):
    """A list whose rows are dragged to a new place; the drop asks for the move (``move_requested``)
    instead of moving the row, because the store decides the order and the view is redrawn from it."""

    move_requested = Signal(int, int)  # the row's id (UserRole), its new index

    def add_row_actions(self, actions) -> None:
        """Add ``(shortcut name, text, slot)`` actions on the selected row: their keys work while the
        list has the focus, and they are its context menu (the menu key or a right click), so
        reordering never needs a drag."""
        for name, text, slot in actions:
            action = QAction(text, self)
            action.setObjectName(f"action_{name}")
            action.setShortcut(QKeySequence(key(name)))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def dropEvent(self, event: QDropEvent) -> None:
        source = self.currentItem()
        target = self.itemAt(event.position().toPoint())
        event.ignore()
        if source is None:
            return
        index = self.row(target) if target is not None else self.count() - 1
        if target is not None and self.dropIndicatorPosition() == QAbstractItemView.DropIndicatorPosition.BelowItem:
            index += 1
        if index > self.row(source):
            index -= 1
        if index != self.row(source):
            self.move_requested.emit(source.data(Qt.ItemDataRole.UserRole), index)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.doItemsLayout()  # rewrap the rows to the new width
