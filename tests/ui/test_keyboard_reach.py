"""Every dialog is worked from the keyboard alone: from the first field, Tab reaches every control
(tables hand Tab on instead of moving from cell to cell) up to OK or Close, and Shift+Tab comes back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit,
                               QRadioButton,                                QWidget)

from tests.ui.test_every_dialog_closes import OPENERS, _open_dialog

DIALOGS = [name for name in OPENERS if name != "warning"]
STARTS_ON_A_FIELD = ("new meeting", "properties", "edit item", "add item", "vote", "declaration", "paste agenda")


def _controls(dialog: QDialog) -> list[QWidget]:
    """Every control a keyboard user must be able to reach: shown, enabled, and taking Tab."""
    def outermost(w: QWidget) -> bool:
        parent = w.parentWidget()
        while parent is not None and parent is not dialog:
            if parent.focusPolicy() & Qt.FocusPolicy.TabFocus:
                return False  # a part of a control (a spin box's line edit), reached with it
            parent = parent.parentWidget()
        return True
    return [w for w in dialog.findChildren(QWidget) if w.isVisibleTo(dialog) and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus and outermost(w)]


def _stop(widget: QWidget) -> object:
    """What one Tab stop is: a control, or a whole group of radio buttons (arrow keys choose within it)."""
    if isinstance(widget, QRadioButton) and widget.autoExclusive():
        return ("radio group", id(widget.group() or widget.parentWidget()))
    return widget


def _stops(widgets: list[QWidget]) -> list[object]:
    """The Tab stops passed, a radio group once however many of its buttons Qt lands on in passing."""
    stops: list[object] = []
    for w in widgets:
        if not stops or stops[-1] != _stop(w) or not isinstance(stops[-1], tuple):
            stops.append(_stop(w))
    return stops


def _owner(widget: QWidget, controls: list[QWidget]) -> QWidget:
    while widget is not None and widget not in controls:
        widget = widget.parentWidget()
    return widget


def _settled(qtbot, dialog: QDialog) -> None:
    """Wait for what a dialog reads from the store (its rows, and the buttons they enable)."""
    table = dialog.findChild(QAbstractItemView, "meetingTable")
    if table is not None:
        qtbot.waitUntil(lambda: table.rowCount() > 0, timeout=3000)
    status = dialog.findChild(QLabel, "actionsStatus")
    if status is not None:
        qtbot.waitUntil(lambda: status.text() != "", timeout=3000)


@pytest.mark.parametrize("which", DIALOGS)
def test_tab_reaches_every_control_and_shift_tab_comes_back(qtbot, open_window, which):
    window = open_window()
    before = {id(d) for d in window.findChildren(QDialog)}
    OPENERS[which](qtbot, window)
    dialog = _open_dialog(qtbot, window, before)
    _settled(qtbot, dialog)
    controls = _controls(dialog)
    start = _owner(dialog.focusWidget(), controls)
    assert start is not None, f"{which}: nothing has the keyboard focus when the dialog opens"
    if which in STARTS_ON_A_FIELD:
        assert not isinstance(start, QAbstractButton), f"{which} opens with the focus on {start.text()!r}"

    forward = [start]
    for _ in range(len(controls)):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        forward.append(_owner(dialog.focusWidget(), controls))
    names = [w.objectName() or type(w).__name__ for w in forward]
    stops = _stops(forward)
    assert {_stop(w) for w in controls} <= set(stops), f"{which}: Tab went {names}"
    cycle = stops[:stops.index(stops[0], 1)] if stops[0] in stops[1:] else stops
    assert len(cycle) == len(set(cycle)), f"{which}: Tab went {names}"
    box = dialog.findChild(QDialogButtonBox)
    closers = [b for b in (box.buttons() if box else []) if b.isEnabled()] or [
        b for b in controls if isinstance(b, QAbstractButton) and b.text().replace("&", "") == "Close"]
    assert closers and all(b in forward for b in closers), f"{which}: Tab never reached OK or Close"

    backward = [forward[-1]]
    for _ in range(len(controls)):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        backward.append(_owner(dialog.focusWidget(), controls))
    back_names = [w.objectName() or type(w).__name__ for w in backward]
    back_stops, retrace = _stops(backward), list(reversed(stops))
    n = min(len(back_stops), len(retrace))
    assert n > len(cycle) and back_stops[:n] == retrace[:n], f"{which}: Shift+Tab went {back_names}, Tab {names}"


def test_tab_in_the_pasted_agenda_moves_on_instead_of_typing_a_tab(qtbot, open_window):
    window = open_window()
    before = {id(d) for d in window.findChildren(QDialog)}
    OPENERS["paste agenda"](qtbot, window)
    dialog = _open_dialog(qtbot, window, before)
    text = dialog.findChild(QPlainTextEdit, "pasteAgendaText")
    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_Tab)
    assert text.toPlainText() == ""
    assert dialog.focusWidget() is not text
