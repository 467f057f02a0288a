"""A whole meeting minuted by keyboard, as a clerk would, then read back through the core."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QPlainTextEdit, QWidget

from clerkdesk.store import Store, default_store_path
from clerkdesk.ui.dialogs.forms import DeclarationDialog
from clerkdesk.ui.dialogs.vote import VoteDialog
from tests.builders import make_meeting
from tests.ui.conftest import read_store

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _fresh_meeting(data_dir: Path) -> int:
    """A meeting not yet started, with no entries; Councillor O’Neill (p1) is expected but not here."""
    meeting = make_meeting(items=4, entries=4, date="2026-09-17")
    meeting.start = meeting.end = None
    meeting.people[1].attendance = "absent"
    for item in meeting.items:
        item.entries = []
    with Store(default_store_path(data_dir)) as s:
        return s.import_meeting(meeting)


def _visible(window: QWidget, cls: type) -> QWidget | None:
    return next((d for d in window.findChildren(cls) if d.isVisible()), None)


def _key(widget: QWidget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier, qtbot=None) -> None:
    qtbot.keyClick(widget, key, modifiers)


def _pick(qtbot, window, name: str) -> None:
    """Ctrl+P, part of a name, Enter: the clerk's way to choose who speaks."""
    qtbot.keyClick(window.entry.editor, Qt.Key.Key_P, CTRL)
    assert QApplication.focusWidget() is window.speakers.filter
    qtbot.keyClicks(window.speakers.filter, name)
    qtbot.keyClick(window.speakers.filter, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.entry.editor


def _type(qtbot, window, kind_key: Qt.Key, text: str) -> None:
    """Choose a kind with Ctrl+digit, type, Enter."""
    editor = window.findChild(QPlainTextEdit, "entryEditor")
    qtbot.keyClick(editor, kind_key, CTRL)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def _wait_saved(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.session.idle() and window.controller.meeting is not None, timeout=3000)


def test_a_whole_meeting_by_keyboard(qtbot, data_dir, open_window):
    mid = _fresh_meeting(data_dir)
    window = open_window()
    window.activateWindow()
    editor = window.findChild(QPlainTextEdit, "entryEditor")
    speakers = window.findChild(QWidget, "speakerList")
    assert window.findChild(QWidget, "agendaView") and window.findChild(QWidget, "notesView") and speakers
    editor.setFocus()

    # Attendance: Priya Shah (p4) sent apologies — found by name, changed in place with F2.
    qtbot.keyClick(editor, Qt.Key.Key_P, CTRL)
    qtbot.keyClicks(window.speakers.filter, "Shah")
    qtbot.keyClick(window.speakers.filter, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is speakers
    qtbot.keyClick(speakers, Qt.Key.Key_F2)
    combo = window.findChild(QComboBox, "attendanceEditor")
    assert combo is not None
    qtbot.keyClicks(combo, "Apol")
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.controller.meeting.person("p4").attendance == "apologies", timeout=3000)
    window.speakers.filter.clear()

    # Start the meeting.
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.controller.meeting.live_started, timeout=3000)
    first = window.controller.meeting.items[0].id
    assert window.controller.current_item_id == first

    # Item 1: a speech, a reply in response, a note, a point, a resolution, an action, an event.
    _pick(qtbot, window, "Marsh")
    _type(qtbot, window, Qt.Key.Key_1, "asked how many reports there had been.")
    _pick(qtbot, window, "Mensah")
    qtbot.keyClick(editor, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: "in response to Councillor Marsh" in window.entry.context.text(), timeout=3000)
    qtbot.keyClicks(editor, "explained that there had been 42.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    _type(qtbot, window, Qt.Key.Key_2, "The Committee discussed the figures.")
    _type(qtbot, window, Qt.Key.Key_3, "Reports had fallen by a tenth.")
    _type(qtbot, window, Qt.Key.Key_4, "that the report be noted.")
    _type(qtbot, window, Qt.Key.Key_6, "circulate the ward figures")
    _type(qtbot, window, Qt.Key.Key_8, "The meeting adjourned for five minutes")

    # Councillor O’Neill arrives late.
    qtbot.keyClick(editor, Qt.Key.Key_P, CTRL)
    qtbot.keyClicks(window.speakers.filter, "Neill")
    qtbot.keyClick(window.speakers.filter, Qt.Key.Key_Down)
    qtbot.keyClick(speakers, Qt.Key.Key_A, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.controller.meeting.person("p1").arrived is not None, timeout=3000)
    window.speakers.filter.clear()

    # Next item: a declaration of a pecuniary interest (the member leaves), then a recorded vote.
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_PageDown, CTRL)
    second = window.controller.meeting.items[1].id
    assert window.controller.current_item_id == second
    _pick(qtbot, window, "Tomasz")
    _type(qtbot, window, Qt.Key.Key_7, "a disclosable pecuniary interest as the owner of the site.")

    qtbot.waitUntil(lambda: _visible(window, DeclarationDialog) is not None, timeout=3000)
    declaration = _visible(window, DeclarationDialog)
    assert declaration.leaves.isChecked()
    qtbot.keyClick(declaration.text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(e.kind == "declaration" for e in window.controller.current_item().entries),
                    timeout=3000)

    _type(qtbot, window, Qt.Key.Key_5, "that the scheme be approved")
    qtbot.waitUntil(lambda: _visible(window, VoteDialog) is not None, timeout=3000)
    vote = _visible(window, VoteDialog)
    voters = vote._voters
    assert "p5" not in voters and "p4" not in voters and "p3" in voters  # left the room; apologies; substitute
    vote.grid.setFocus()
    vote.grid.setCurrentCell(0, 1)
    for letter in "FFAB"[:len(voters)] + "F" * (len(voters) - 4):
        qtbot.keyClick(vote.grid, getattr(Qt.Key, f"Key_{letter}"))
    assert vote.counts["for"].value() == len(voters) - 2
    qtbot.keyClick(vote.grid, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(e.kind == "vote" for e in window.controller.current_item().entries), timeout=3000)

    # Close the meeting.
    qtbot.keyClick(editor, Qt.Key.Key_W, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.controller.meeting.end is not None, timeout=3000)
    _wait_saved(qtbot, window)
    window.close()

    m = read_store(data_dir, mid)
    assert m.start and m.end and m.person("p4").attendance == "apologies" and m.person("p1").arrived
    item1, item2 = m.items[0], m.items[1]
    assert item1.started == m.start and item1.ended and item2.started and item2.ended == m.end
    kinds = [e.kind for e in item1.entries]
    assert kinds == ["speech", "speech", "note", "point", "resolution", "action", "event", "event"]
    reply = item1.entries[1]
    assert (reply.speaker, reply.in_response_to, reply.text) == ("p7", "p6", "explained that there had been 42.")
    assert item1.entries[5].owner == "p7" and item1.entries[6].at
    assert "arrived at the meeting" in item1.entries[7].text
    kinds2 = [e.kind for e in item2.entries]
    assert kinds2[:2] == ["declaration", "event"] and "vote" in kinds2 and kinds2[-1] == "event"
    cast = next(e for e in item2.entries if e.kind == "vote")
    assert cast.motion == "that the scheme be approved" and cast.outcome == "carried"
    assert cast.votes_for == len(cast.recorded["for"]) and cast.recorded["against"] == [voters[2]]
    assert "returned to the meeting" in item2.entries[-1].text


def test_restart_reopens_the_same_meeting_and_item(qtbot, data_dir, open_window):
    mid = _fresh_meeting(data_dir)
    window = open_window()
    window.entry.editor.setFocus()
    qtbot.keyClick(window.entry.editor, Qt.Key.Key_PageDown, CTRL)
    qtbot.keyClick(window.entry.editor, Qt.Key.Key_PageDown, CTRL)
    third = window.controller.meeting.items[2].id
    _pick(qtbot, window, "Okafor")
    _type(qtbot, window, Qt.Key.Key_1, "welcomed everyone.")
    qtbot.waitUntil(lambda: len(window.controller.current_item().entries) == 1, timeout=3000)
    window.close()

    again = open_window()
    assert again.controller.meeting.id == mid
    assert again.controller.current_item_id == third
    assert again.controller.current_speaker == "p0"
    assert "Chair welcomed everyone." in again.notes.view.item(0).text()


def test_a_typed_entry_is_in_the_store_within_a_second(qtbot, data_dir, open_window):
    mid = _fresh_meeting(data_dir)
    window = open_window()
    window.entry.editor.setFocus()
    qtbot.keyClicks(window.entry.editor, "half a sentence being typed")

    def drafted() -> bool:
        draft = read_store(data_dir, mid).draft
        return draft is not None and draft.text == "half a sentence being typed"
    qtbot.waitUntil(drafted, timeout=1000)
    qtbot.keyClick(window.entry.editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(e.text == "half a sentence being typed"
                                for e in read_store(data_dir, mid).items[0].entries), timeout=1000)
    qtbot.waitUntil(lambda: window.save_status.text().startswith("All changes saved"), timeout=1000)
