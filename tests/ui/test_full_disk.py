"""A full disk in the window: saving fails visibly, the text stays and goes to the emergency file, and
it is saved when space returns; text left in the emergency file comes back after a restart.

``PRAGMA max_page_count`` on the window's own store connection fills the store without filling
the disk; raising it again is space returning.
"""

from __future__ import annotations

import os
import stat

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from clerkdesk import emergency
from clerkdesk.emergency import UnsavedText
from clerkdesk.model import Draft
from clerkdesk.store import Store, default_store_path
from tests.builders import make_meeting
from tests.ui.conftest import read_store

CTRL = Qt.KeyboardModifier.ControlModifier
REPORT = "The officer’s report, pasted whole: " + "residents on the estate asked for more bins. " * 1500


def _fresh_meeting(data_dir) -> int:
    meeting = make_meeting(items=3, entries=3)
    for item in meeting.items:
        item.entries = []
    with Store(default_store_path(data_dir)) as s:
        return s.import_meeting(meeting)


def _fill(qtbot, window) -> Store:
    """Let the window's store grow no more (as a full disk would); returns that store, to free it later."""
    got = []

    def full(store: Store) -> Store:
        pages = store.db.conn.execute("PRAGMA page_count").fetchone()[0]
        store.db.conn.execute(f"PRAGMA max_page_count = {pages}")
        return store
    window.session.job(full, got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=3000)
    return got[0]


def test_a_full_disk_keeps_the_text_and_saves_it_when_space_returns(qtbot, data_dir, open_window):
    mid = _fresh_meeting(data_dir)
    window = open_window()
    status = window.findChild(QLabel, "saveStatus")
    editor = window.entry.editor
    store = _fill(qtbot, window)

    editor.setFocus()
    QApplication.clipboard().setText(REPORT)
    try:
        qtbot.keyClick(editor, Qt.Key.Key_V, CTRL)  # the clerk pastes the report, then types on
    finally:
        QApplication.clipboard().clear()  # the clipboard owns the data: leave none for exit to free twice
    qtbot.keyClicks(editor, " Agreed.")
    typed = REPORT + " Agreed."
    qtbot.waitUntil(lambda: bool(status.property("failed")) and status.text().startswith("Not saved"), timeout=3000)
    assert editor.toPlainText() == typed  # the text stays in the window
    kept = emergency.emergency_path(data_dir)
    qtbot.waitUntil(lambda: emergency.unsaved_text(data_dir).get(mid) == typed, timeout=3000)
    assert str(kept) in status.text()
    if os.name == "posix":
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600

    qtbot.keyClick(editor, Qt.Key.Key_Return)  # added while the disk is full: waits behind the draft
    qtbot.waitUntil(lambda: emergency.unsaved_text(data_dir).get(mid) == typed.strip(), timeout=3000)
    qtbot.waitUntil(lambda: "Agreed." in status.toolTip(), timeout=3000)  # what is waiting to be saved
    assert not any(e.text for i in read_store(data_dir, mid).items for e in i.entries)

    store.db.conn.execute("PRAGMA max_page_count = 1073741823")  # space returns
    qtbot.waitUntil(lambda: status.text().startswith("All changes saved"), timeout=6000)
    saved = read_store(data_dir, mid)
    assert [e.text for e in saved.items[0].entries] == [typed.strip()]
    assert saved.draft is None
    assert not kept.exists() and emergency.unsaved_text(data_dir) == {}
    assert not status.toolTip()


def test_text_left_in_the_emergency_file_is_back_in_the_entry_line_after_a_restart(qtbot, data_dir, open_window):
    mid = _fresh_meeting(data_dir)
    with Store(default_store_path(data_dir)) as s:
        s.set_draft(mid, Draft(kind="speech", text="Councillor Marsh asked", respond=False))
    # What a window that stopped while its saves failed leaves behind.
    emergency.record(data_dir, [UnsavedText(mid, "draft", "Councillor Marsh asked whether"),
                                UnsavedText(mid, "entry", "Councillor Marsh asked whether the bins were late."),
                                UnsavedText(mid, "draft", "The Chair replied")], "an earlier run")
    window = open_window()
    text = "Councillor Marsh asked whether the bins were late.\nThe Chair replied"
    qtbot.waitUntil(lambda: window.entry.editor.toPlainText() == text, timeout=3000)
    assert "back in the entry line" in window.statusBar().currentMessage()
    # Once it is saved as the draft, it leaves the emergency file.
    qtbot.waitUntil(lambda: not emergency.emergency_path(data_dir).exists(), timeout=3000)
    assert read_store(data_dir, mid).draft.text == text
