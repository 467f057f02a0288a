"""Every dialog the window opens closes three ways (Escape, its Close/Cancel button, accepting),
and the window is still alive and saving afterwards."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QDialogButtonBox, QMessageBox, QPushButton

from clerkdesk.agenda_import import parse_agenda_text
from tests.ui.conftest import read_store

CTRL = Qt.KeyboardModifier.ControlModifier


def _open_dialog(qtbot, window, before: set[int]) -> QDialog:
    def found() -> QDialog | None:
        return next((d for d in window.findChildren(QDialog) if d.isVisible() and id(d) not in before), None)
    qtbot.waitUntil(lambda: found() is not None, timeout=3000)
    return found()


def _trigger(name: str) -> Callable:
    return lambda qtbot, window: window.actions_by_name[name].trigger()


def _vote(qtbot, window) -> None:
    window.entry.set_kind("vote")
    window.entry.editor.setPlainText("that the report be noted")
    qtbot.keyClick(window.entry.editor, Qt.Key.Key_Return)


def _declaration(qtbot, window) -> None:
    m = window.controller.meeting
    window.controller.set_speaker(m.people[0].key)
    window.entry.set_kind("declaration")
    window.entry.editor.setPlainText("a personal interest as a school governor")
    qtbot.keyClick(window.entry.editor, Qt.Key.Key_Return)


def _item_edit(qtbot, window) -> None:
    window._on_agenda_edit_requested(window.controller.current_item_id)


def _agenda_preview(qtbot, window) -> None:
    window.preview_agenda(parse_agenda_text("1. Apologies\n2. Minutes\n3. Budget", "Pasted"))


def _warning(qtbot, window) -> None:
    window.warn("ClerkDesk", "Something was not done.")


OPENERS: dict[str, Callable] = {
    "new meeting": _trigger("new_meeting"),
    "meeting browser": _trigger("open_meeting"),
    "paste agenda": _trigger("paste_agenda"),
    "agenda preview": _agenda_preview,
    "export": _trigger("export"),
    "find": _trigger("find"),
    "properties": _trigger("properties"),
    "open actions": _trigger("open_actions"),
    "add item": _trigger("add_item"),
    "edit item": _item_edit,
    "exempt": _trigger("exempt"),
    "shortcuts": _trigger("shortcuts"),
    "vote": _vote,
    "declaration": _declaration,
    "warning": _warning,
}

CLOSE_WORDS = ("close", "cancel", "ok")


def _close_button(dialog: QDialog) -> QAbstractButton:
    box = dialog.findChild(QDialogButtonBox)
    if box is not None:
        for role in (QDialogButtonBox.StandardButton.Cancel, QDialogButtonBox.StandardButton.Close):
            if box.button(role) is not None:
                return box.button(role)
    if isinstance(dialog, QMessageBox):
        return dialog.buttons()[0]
    buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisible()]
    return next(b for b in buttons if b.text().replace("&", "").strip().lower() in CLOSE_WORDS)


def _accept(qtbot, dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    ok = box.button(QDialogButtonBox.StandardButton.Ok) if box is not None else None
    if ok is not None and ok.isEnabled():
        ok.click()
    else:
        dialog.accept()


@pytest.mark.parametrize("way", ["escape", "button", "accept"])
@pytest.mark.parametrize("which", list(OPENERS))
def test_every_dialog_closes_and_the_window_carries_on(qtbot, open_window, data_dir, which, way):
    window = open_window()
    mid = window.controller.meeting_id
    before = {id(d) for d in window.findChildren(QDialog)}
    OPENERS[which](qtbot, window)
    dialog = _open_dialog(qtbot, window, before)
    if way == "escape":
        target = QApplication.focusWidget() if dialog.isAncestorOf(QApplication.focusWidget() or dialog) else dialog
        qtbot.keyClick(target or dialog, Qt.Key.Key_Escape)
    elif way == "button":
        _close_button(dialog).click()
    else:
        _accept(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    # Still alive and still saving: a typed entry reaches the store.
    window.entry.set_kind("note")
    window.entry.editor.setPlainText(f"after the {which} dialog")
    qtbot.keyClick(window.entry.editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(e.text == f"after the {which} dialog"
                                for i in read_store(data_dir, mid).items for e in i.entries), timeout=5000)
