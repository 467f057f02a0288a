"""Keyboard order in dialogs: Tab goes from control to control in the order a sighted clerk reads them.

Qt's default order is the order widgets were made, which in a dialog built around a button box
puts OK first. ``tab_in_reading_order`` walks the dialog's layouts (rows of a form top to
bottom, boxes in their direction, grids by row then column) and chains the controls it meets;
tables and trees take arrow keys within them and hand Tab on to the next control.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (QAbstractItemView, QDateTimeEdit, QDialogButtonBox, QFormLayout, QGridLayout, QLayout, QLayoutItem, QPlainTextEdit,
                               QPushButton, QTextEdit, QWidget)

_ACCEPTING = (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole)
_FORM_ROLES = (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole, QFormLayout.ItemRole.SpanningRole)


def takes_tab(widget: QWidget) -> bool:
    """Whether Tab can land on this widget (its policy says so)."""
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def _layout_items(layout: QLayout) -> list[QLayoutItem]:
    if isinstance(layout, QFormLayout):
        items = []
        for row in range(layout.rowCount()):
            items += [i for role in _FORM_ROLES if (i := layout.itemAt(row, role)) is not None]
        return items
    items = [layout.itemAt(n) for n in range(layout.count())]
    if isinstance(layout, QGridLayout):
        where = {id(layout.itemAt(n)): layout.getItemPosition(n)[:2] for n in range(layout.count())}
        items.sort(key=lambda i: where[id(i)])
    return items


def controls_in_reading_order(root: QWidget) -> list[QWidget]:
    """The controls Tab can reach under ``root``, in its layouts' reading order."""
    found: list[QWidget] = []

    def walk_layout(layout: QLayout) -> None:
        for item in _layout_items(layout):
            if item.widget() is not None:
                walk_widget(item.widget())
            elif item.layout() is not None:
                walk_layout(item.layout())

    def walk_widget(widget: QWidget) -> None:
        if takes_tab(widget):
            found.append(widget)  # a control: its insides (a spin box's line edit, a table's viewport) are its own
        elif widget.layout() is not None:
            walk_layout(widget.layout())

    if root.layout() is not None:
        walk_layout(root.layout())
    return found


class _TabLeaves(QObject):
    """Tab leaves a date or time box, as it leaves any other field (Qt's own steps through day, month, year;
    Left and Right still do)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            back = event.key() == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return QWidget.focusNextPrevChild(watched, not back)
        return False


def _keep_the_default_button(dialog: QWidget) -> None:
    # A button made default before it had a dialog as parent is not the dialog's default, and Qt would
    # crown the first button in the new order (a "Choose…" before "Export"): say again which it is.
    buttons = dialog.findChildren(QPushButton)
    chosen = next((b for b in buttons if b.isDefault()), None)
    if chosen is None:
        box = dialog.findChild(QDialogButtonBox)
        accepting = [b for b in box.buttons() if box.buttonRole(b) in _ACCEPTING] if box is not None else []
        chosen = next((b for b in accepting if isinstance(b, QPushButton)), None)
    if chosen is not None:
        chosen.setDefault(False)  # Qt ignores a second setDefault(True)
        chosen.setDefault(True)


def tab_in_reading_order(dialog: QWidget) -> list[QWidget]:
    """Make Tab and Shift+Tab follow the dialog's reading order, with tables, text boxes and date boxes
    handing Tab on, and the cursor start on the first control unless the dialog chose one; returns the order."""
    order = controls_in_reading_order(dialog)
    tab_leaves = _TabLeaves(dialog)
    for widget in order:
        if isinstance(widget, QAbstractItemView):
            widget.setTabKeyNavigation(False)  # arrow keys move within a table; Tab leaves it
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            widget.setTabChangesFocus(True)
        elif isinstance(widget, QDateTimeEdit):
            widget.installEventFilter(tab_leaves)
    for a, b in itertools.pairwise(order):
        QWidget.setTabOrder(a, b)
    _keep_the_default_button(dialog)
    if order and dialog.focusWidget() is None:
        order[0].setFocus(Qt.FocusReason.TabFocusReason)
    return order
