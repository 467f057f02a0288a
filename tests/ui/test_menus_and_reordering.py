"""Smaller keyboard and screen-reader matters: one access key per menu entry, reordering from a
menu as well as by drag, labels that stay in sight on the search boxes, a whole vote grid."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QDialog, QLabel, QMenu, QWidget

from tests.ui.test_editing_by_keyboard import _meeting, _settled, _texts
from tests.ui.test_every_dialog_closes import OPENERS, _open_dialog
from tests.ui.conftest import read_store


def _access_key(text: str) -> str | None:
    m = re.search(r"&([^&])", text.replace("&&", "").split("\t")[0])
    return m[1].casefold() if m else None


def _clashes(title: str, actions) -> list[str]:
    seen: dict[str, str] = {}
    clashes = []
    for action in actions:
        if action.isSeparator() or not action.isVisible():
            continue
        k = _access_key(action.text())
        if k is not None and k in seen:
            clashes.append(f"{title}: {seen[k]!r} and {action.text()!r} both use Alt+{k.upper()}")
        if k is not None:
            seen[k] = action.text()
        if action.menu() is not None:
            clashes += _clashes(action.text(), action.menu().actions())
    return clashes


def test_no_menu_has_two_entries_with_the_same_access_key(qtbot, open_window):
    window = open_window()
    clashes = _clashes("menu bar", window.menuBar().actions())
    for view in (window.agenda.view, window.notes.view):
        clashes += _clashes(f"{view.objectName()} context menu", view.actions())
    assert not clashes, "\n".join(clashes)
    menus = [a.menu() for a in window.menuBar().actions() if isinstance(a.menu(), QMenu)]
    assert len(menus) == 5 and all(_access_key(m.title()) for m in menus)


def test_items_and_entries_move_from_the_edit_menu_and_their_context_menus(qtbot, data_dir, open_window):
    mid = _meeting(data_dir)
    window = open_window()
    titles = [i.title for i in read_store(data_dir, mid).items]
    agenda = window.agenda.view
    agenda.setFocus()
    qtbot.waitUntil(agenda.hasFocus, timeout=1000)
    agenda.setCurrentRow(0)
    window.actions_by_name["move_down"].trigger()
    qtbot.waitUntil(lambda: [i.title for i in read_store(data_dir, mid).items][:2] == [titles[1], titles[0]],
                    timeout=3000)
    _settled(qtbot, window)

    notes = window.notes.view
    original = _texts(data_dir, mid, window.controller.meeting.items.index(window.controller.current_item()))
    current = window.controller.meeting.items.index(window.controller.current_item())
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus, timeout=1000)
    notes.setCurrentRow(1)
    menu = {a.objectName(): a for a in notes.actions()}
    assert "Move &up" in menu["action_entry_up"].text()  # what the context menu (menu key, right click) lists
    menu["action_entry_up"].trigger()
    qtbot.waitUntil(lambda: _texts(data_dir, mid, current) == [original[1], original[0], *original[2:]],
                    timeout=3000)
    assert {"action_item_up", "action_item_down"} <= {a.objectName() for a in agenda.actions()}


def test_with_the_keyboard_nowhere_to_move_the_edit_menu_says_what_to_select(qtbot, open_window):
    window = open_window()
    window.entry.editor.setFocus()
    qtbot.waitUntil(window.entry.editor.hasFocus, timeout=1000)
    with qtbot.waitSignal(window.controller.refused, timeout=1000) as said:
        window.actions_by_name["move_up"].trigger()
    assert said.args[0].startswith("Select an agenda item")


def _label_for(field: QWidget) -> QLabel | None:
    window = field.window()
    return next((lab for lab in window.findChildren(QLabel) if lab.buddy() is field and lab.isVisible()), None)


def test_the_search_boxes_have_labels_in_sight(qtbot, open_window):
    window = open_window()
    assert _label_for(window.speakers.filter) is not None
    before = {id(d) for d in window.findChildren(QDialog)}
    OPENERS["meeting browser"](qtbot, window)
    browser = _open_dialog(qtbot, window, before)
    assert _label_for(browser.search).text().replace("&", "") == "Search:"
    assert _label_for(browser.committee) is not None


def test_the_vote_grid_shows_its_abstain_column_whole_even_in_large_text(qtbot, open_window, big_font):
    window = open_window()
    before = {id(d) for d in window.findChildren(QDialog)}
    OPENERS["vote"](qtbot, window)
    dialog = _open_dialog(qtbot, window, before)
    grid = dialog.grid
    header = grid.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(3) > 0, timeout=1000)
    assert header.sectionViewportPosition(3) + header.sectionSize(3) <= grid.viewport().width()
    assert header.sectionSize(3) >= header.fontMetrics().horizontalAdvance("Abstain")
    assert grid.horizontalScrollBar().maximum() == 0  # nothing hidden to scroll to
