"""What a screen reader hears: the status labels are read as what they show, and a failed save
and a new speaker are announced without the clerk leaving the entry line."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel

from tests.ui.test_full_disk import REPORT, _fill, _fresh_meeting

ANNOUNCER = "clerkdesk.ui.announce"


def _heard(widget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def _announced(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == ANNOUNCER]


def test_the_status_labels_are_read_as_what_they_show(qtbot, open_window):
    window = open_window()
    window.controller.start_meeting()
    qtbot.waitUntil(lambda: window.header.elapsed.text() != "", timeout=3000)
    window.controller.set_speaker(window.controller.meeting.people[0].key)
    qtbot.waitUntil(lambda: window.save_status.text().startswith("All changes saved"), timeout=3000)
    labels = {"save status": window.save_status, "clock": window.header.clock, "elapsed": window.header.elapsed,
              "current speaker": window.speakers.current}
    for what, label in labels.items():
        assert label.text(), what
        assert _heard(label) == label.text(), what
        assert label.accessibleDescription(), what  # what the label is for, said after what it shows


def test_a_new_speaker_is_announced(qtbot, open_window, caplog):
    caplog.set_level(logging.DEBUG, logger=ANNOUNCER)
    window = open_window()
    person = window.controller.meeting.people[0]
    window.controller.set_speaker(person.key)
    qtbot.waitUntil(lambda: any(m.startswith("Announced: Speaking:") for m in _announced(caplog)), timeout=3000)
    assert _heard(window.speakers.current).startswith("Speaking:")


def test_a_failed_save_is_announced_once_and_its_recovery_too(qtbot, data_dir, open_window, caplog):
    caplog.set_level(logging.DEBUG, logger=ANNOUNCER)
    _fresh_meeting(data_dir)
    window = open_window()
    status = window.findChild(QLabel, "saveStatus")
    store = _fill(qtbot, window)
    window.entry.editor.setFocus()
    window.entry.editor.insertPlainText(REPORT)  # too big for the space left
    qtbot.keyClicks(window.entry.editor, " Agreed.")
    qtbot.waitUntil(lambda: any(m.startswith("Announced (urgent): Not saved") for m in _announced(caplog)),
                    timeout=5000)
    assert _heard(status) == status.text()
    qtbot.keyClick(window.entry.editor, Qt.Key.Key_Return)
    store.db.conn.execute("PRAGMA max_page_count = 1073741823")  # space returns
    qtbot.waitUntil(lambda: status.text().startswith("All changes saved"), timeout=6000)
    qtbot.waitUntil(lambda: any(m.startswith("Announced: All changes saved") for m in _announced(caplog)),
                    timeout=3000)
    assert len([m for m in _announced(caplog) if "Not saved" in m]) == 1


def test_the_entry_lines_instructions_stay_in_sight_once_typing_starts(qtbot, open_window):
    window = open_window()
    hint = window.entry.findChild(QLabel, "entryHint")
    qtbot.keyClicks(window.entry.editor, "The chair")
    assert hint.isVisible() and hint.text().startswith(window.entry.editor.placeholderText())
    assert "Enter" in hint.text()
