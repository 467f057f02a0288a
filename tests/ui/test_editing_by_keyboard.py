"""Editing what is already minuted, by keyboard: delete and undo, move, paste, exempt, the queue,
text size and the list of shortcuts — each checked through the core or the widget the clerk sees."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTableWidget

from clerkdesk.store import Store, default_store_path
from clerkdesk.ui.dialogs.forms import ExemptDialog
from clerkdesk.ui.shortcuts import SHORTCUTS
from tests.builders import make_meeting
from tests.ui.conftest import read_store

CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)


def _meeting(data_dir: Path) -> int:
    with Store(default_store_path(data_dir)) as s:
        return s.import_meeting(make_meeting(items=4, entries=12, date="2026-09-17"))


def _settled(qtbot, window) -> None:
    """Every queued store job has run and the window shows the result."""
    done = []
    window.session.job(lambda s: None, lambda _r: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=3000)


def _texts(data_dir: Path, mid: int, n: int) -> list[str]:
    return [e.text for e in read_store(data_dir, mid).items[n].entries]


def test_an_entry_deleted_and_moved_by_keyboard_and_undone(qtbot, data_dir, open_window):
    mid = _meeting(data_dir)
    window = open_window()
    original = _texts(data_dir, mid, 0)
    view = window.notes.view
    view.setFocus()
    view.setCurrentRow(1)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: _texts(data_dir, mid, 0) == original[:1] + original[2:], timeout=3000)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: _texts(data_dir, mid, 0) == original, timeout=3000)
    _settled(qtbot, window)
    view.setCurrentRow(1)
    qtbot.keyClick(view, Qt.Key.Key_Up, ALT | SHIFT)
    qtbot.waitUntil(lambda: _texts(data_dir, mid, 0) == [original[1], original[0], *original[2:]], timeout=3000)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: _texts(data_dir, mid, 0) == original, timeout=3000)


def test_an_item_deleted_with_its_entries_comes_back_with_undo(qtbot, data_dir, open_window):
    mid = _meeting(data_dir)
    window = open_window()
    before = read_store(data_dir, mid)
    view = window.agenda.view
    view.setFocus()
    view.setCurrentRow(2)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: len(read_store(data_dir, mid).items) == 3, timeout=3000)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: len(read_store(data_dir, mid).items) == 4, timeout=3000)
    after = read_store(data_dir, mid)
    assert [(i.title, [e.text for e in i.entries]) for i in after.items] == [
        (i.title, [e.text for e in i.entries]) for i in before.items]


def test_pasted_text_arrives_plain_and_without_characters_word_forbids(qtbot, data_dir, open_window):
    _meeting(data_dir)
    window = open_window()
    mime = QMimeData()
    mime.setHtml("<b>bold</b> text")
    mime.setText("From the report:\x0bline two\x0cpage three\x07 end")
    QApplication.clipboard().setMimeData(mime)
    window.entry.editor.setFocus()
    try:
        qtbot.keyClick(window.entry.editor, Qt.Key.Key_V, CTRL)
    finally:
        QApplication.clipboard().clear()  # the clipboard owns the data: leave none for exit to free twice
    text = window.entry.editor.toPlainText()
    assert text.startswith("From the report:") and "line two" in text and "page three" in text
    assert not any(c in text for c in "\x0b\x0c\x07") and "<b>" not in text


def test_marking_an_item_exempt_minutes_the_exclusion_resolution(qtbot, data_dir, open_window):
    mid = _meeting(data_dir)
    window = open_window()
    window.controller.go_to_item(window.controller.meeting.items[3].id)
    window.entry.editor.setFocus()
    qtbot.keyClick(window.entry.editor, Qt.Key.Key_X, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.findChild(ExemptDialog) is not None, timeout=3000)
    dialog = window.findChild(ExemptDialog)
    dialog.paragraph.setValue(1)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: read_store(data_dir, mid).items[-1].exempt, timeout=3000)
    m = read_store(data_dir, mid)
    exclusion = m.items[-2]
    assert not exclusion.exempt and exclusion.title == "Exclusion of the Press and Public"
    assert "Paragraph 1 of Part 1 of Schedule 12A" in exclusion.entries[0].text
    assert "Section 100A(4) of the Local Government Act 1972" in exclusion.entries[0].text


def test_the_queue_gives_the_next_speaker(qtbot, data_dir, open_window):
    _meeting(data_dir)
    window = open_window()
    speakers = window.speakers
    speakers.view.setFocus()
    for name in ("Mensah", "Marsh"):
        speakers.filter.setText(name)
        qtbot.keyClick(speakers.filter, Qt.Key.Key_Down)
        qtbot.keyClick(speakers.view, Qt.Key.Key_U, CTRL)
    speakers.filter.clear()
    assert speakers.queue.count() == 2
    qtbot.keyClick(speakers.view, Qt.Key.Key_U, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.controller.current_speaker == "p7", timeout=3000)
    assert speakers.queue.count() == 1 and "Head of Community Safety" in window.entry.context.text()  # Mensah


def test_notes_text_grows_and_shrinks_and_is_remembered(qtbot, data_dir, open_window, settings_path):
    _meeting(data_dir)
    window = open_window()
    size = window.notes.view.font().pointSize()
    window.entry.editor.setFocus()
    qtbot.keyClick(window.entry.editor, Qt.Key.Key_Equal, CTRL)
    qtbot.keyClick(window.entry.editor, Qt.Key.Key_Equal, CTRL)
    assert window.notes.view.font().pointSize() == size + 2
    window.close()
    again = open_window()
    assert again.notes.view.font().pointSize() == size + 2


def test_every_shortcut_is_listed_and_every_window_wide_one_is_bound(qtbot, data_dir, open_window):
    window = open_window()
    window.entry.editor.setFocus()
    qtbot.keyClick(window.entry.editor, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.findChild(QTableWidget, "shortcutsTable") is not None, timeout=3000)
    table = window.findChild(QTableWidget, "shortcutsTable")
    assert table.rowCount() == len(SHORTCUTS)
    for name, (keys, where, _what) in SHORTCUTS.items():
        if where == "Anywhere":
            action = window.actions_by_name[name]
            assert keys.replace("PgDown", "PgDown") in [s.toString() for s in action.shortcuts()] or \
                action.shortcut().toString() == keys.replace("Del", "Del"), name
            assert action.text(), name


def test_ctrl_j_joins_the_entry_being_typed_and_tab_makes_sub_points(qtbot, data_dir, open_window):
    mid = _meeting(data_dir)
    window = open_window()
    entry, editor = window.entry, window.entry.editor
    before = len(read_store(data_dir, mid).items[0].entries)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_2, CTRL)  # a note
    qtbot.keyClicks(editor, "The Commissioner commended the report.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    assert "joins the previous paragraph" in entry.context.text()
    qtbot.keyClicks(editor, "The Chairman invited questions.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert "joins the previous paragraph" not in entry.context.text()  # for one entry only
    qtbot.keyClick(editor, Qt.Key.Key_4, CTRL)  # resolutions
    qtbot.keyClicks(editor, "that")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.hasFocus() and "sub-point" in entry.context.text()
    for part in ("the report be noted; and", "the Commissioner report back"):
        qtbot.keyClicks(editor, part)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, SHIFT)
    assert editor.hasFocus() and "sub-point" not in entry.context.text()
    qtbot.waitUntil(lambda: len(read_store(data_dir, mid).items[0].entries) == before + 5, timeout=3000)
    added = read_store(data_dir, mid).items[0].entries[before:]
    assert [(e.text, e.joins_previous, e.level) for e in added] == [
        ("The Commissioner commended the report.", False, 1), ("The Chairman invited questions.", True, 1),
        ("that", False, 1), ("the report be noted; and", False, 2), ("the Commissioner report back", False, 2)]
    _settled(qtbot, window)
    rows = [window.notes.view.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(window.notes.view.count())]
    assert "↳" in rows[before + 1] and "(a)" in rows[before + 3] and "margin:0 0 4px 24px" in rows[before + 4]
    # At the level already chosen, Tab moves on as in any form: the keyboard is never trapped.
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, SHIFT)
    qtbot.waitUntil(lambda: not editor.hasFocus(), timeout=3000)
