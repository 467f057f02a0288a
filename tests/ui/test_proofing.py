"""Proofing in the window: underlines in the entry line and the notes, the suggestion menu, the word lists."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QTextCharFormat, QTextCursor

from clerkdesk.proofing import read_word_list
from tests.ui.conftest import read_store

SHOTS = os.environ.get("CLERKDESK_SCREENSHOTS")  # a folder: the test saves what it shows there


def _underlines(editor) -> list[tuple[str, QTextCharFormat.UnderlineStyle]]:
    block = editor.document().firstBlock()
    text = block.text()
    return [(text[r.start:r.start + r.length], r.format.underlineStyle()) for r in block.layout().formats()]


def _loaded(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.proofing.speller is not None, timeout=60000)


def test_the_dictionary_loads_in_the_background_once_the_window_shows(qtbot, open_window, monkeypatch) -> None:
    from clerkdesk.ui import proofing

    monkeypatch.setattr(proofing, "_SPELLER", [])  # as when ClerkDesk starts
    window = open_window()
    assert window.isVisible() and window.proofing.speller is None  # the window did not wait for it
    editor = window.entry.editor
    qtbot.keyClicks(editor, "Cllr Marsh recieved it")
    wave, dash = QTextCharFormat.UnderlineStyle.WaveUnderline, QTextCharFormat.UnderlineStyle.DashUnderline
    assert _underlines(editor) == [("Cllr", dash)]  # the house style meanwhile
    qtbot.waitUntil(lambda: window.proofing.ready, timeout=60000)
    assert ("recieved", wave) in _underlines(editor)


def test_typing_underlines_spelling_and_house_style_and_the_menu_corrects(qtbot, open_window, data_dir: Path) -> None:
    window = open_window()
    _loaded(qtbot, window)
    editor = window.entry.editor
    qtbot.keyClicks(editor, "asked whether Cllr ")
    editor.insertPlainText("O’Neill")  # QTest types ASCII only
    qtbot.keyClicks(editor, " had recieved the report")
    wave, dash = QTextCharFormat.UnderlineStyle.WaveUnderline, QTextCharFormat.UnderlineStyle.DashUnderline
    qtbot.waitUntil(lambda: ("recieved", wave) in _underlines(editor))
    assert ("Cllr", dash) in _underlines(editor)
    assert not any(word.startswith("O’Neill") for word, _ in _underlines(editor))  # the meeting's own name
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index("recieved") + 3)
    problem = window.proofing.problem_at(editor, cursor)
    assert problem is not None and problem.found == "recieved"
    speller = window.proofing.speller
    from dataclasses import replace
    menu = window.proofing.build_menu(editor, replace(problem, suggestions=speller.suggest("recieved")))
    labels = [a.text() for a in menu.actions()]
    assert labels[0] == "&received" and any("council &word list" in t for t in labels) \
        and any("in this meeting" in t for t in labels)
    if SHOTS:
        window.resize(1200, 700)
        editor.setTextCursor(cursor)
        window.grab().save(str(Path(SHOTS) / "proofing-entry.png"))
        menu.popup(editor.viewport().mapToGlobal(editor.cursorRect(cursor).bottomLeft()))
        qtbot.waitUntil(menu.isVisible)
        menu.grab().save(str(Path(SHOTS) / "proofing-menu.png"))
        menu.hide()
    menu.actions()[0].trigger()
    assert editor.toPlainText() == "asked whether Cllr O’Neill had received the report"
    cursor.setPosition(editor.toPlainText().index("Cllr") + 1)
    style = window.proofing.problem_at(editor, cursor)
    window.proofing.build_menu(editor, style).actions()[0].trigger()
    assert editor.toPlainText() == "asked whether Councillor O’Neill had received the report"
    assert _underlines(editor) == []


def test_add_to_the_word_list_and_ignore_in_this_meeting(qtbot, open_window, data_dir: Path) -> None:
    window = open_window()
    _loaded(qtbot, window)
    editor = window.entry.editor
    qtbot.keyClicks(editor, "Zorbington and Quaxley")
    qtbot.waitUntil(lambda: [w for w, _ in _underlines(editor)] == ["Zorbington", "Quaxley"])
    window.proofing.add_to_word_list("Zorbington")
    assert read_word_list(data_dir) == ["Zorbington"]
    window.proofing.ignore("Quaxley")
    assert _underlines(editor) == []
    mid = window.controller.meeting.id
    qtbot.waitUntil(lambda: read_store(data_dir, mid).ignored_words == ["Quaxley"])
    window.controller.undo_stack.undo()
    qtbot.waitUntil(lambda: read_store(data_dir, mid).ignored_words == [])
    qtbot.waitUntil(lambda: [w for w, _ in _underlines(editor)] == ["Quaxley"])


def test_the_notes_underline_what_was_minuted(qtbot, open_window) -> None:
    window = open_window()
    _loaded(qtbot, window)
    editor = window.entry.editor
    qtbot.keyClicks(editor, "noted that the  figures were recieved at 6:30pm")
    qtbot.keyClick(editor, "\r")
    view = window.notes.view
    qtbot.waitUntil(lambda: view.count() and "recieved" in (view.item(view.count() - 1).text() or ""))
    from clerkdesk.ui.panes.rich_delegate import HTML_ROLE
    html = view.item(view.count() - 1).data(HTML_ROLE)
    assert "wavy" in html and ">recieved</span>" in html and ">6:30pm</span>" in html
    view.setCurrentRow(view.count() - 1)
    view.editItem(view.item(view.count() - 1))  # editing it in place underlines the same words
    from PySide6.QtWidgets import QPlainTextEdit
    qtbot.waitUntil(lambda: view.findChild(QPlainTextEdit, "entryInPlaceEditor") is not None)
    in_place = view.findChild(QPlainTextEdit, "entryInPlaceEditor")
    qtbot.waitUntil(lambda: "recieved" in [w for w, _ in _underlines(in_place)])
    if SHOTS:
        window.resize(1200, 700)
        window.grab().save(str(Path(SHOTS) / "proofing-notes.png"))


def test_fix_as_you_type_when_the_council_switches_it_on(qtbot, open_window, data_dir: Path) -> None:
    (data_dir / "house-style.toml").write_text("[settings]\nfix_as_you_type = true\n", encoding="utf-8")
    window = open_window()
    editor = window.entry.editor
    qtbot.waitUntil(lambda: window.proofing.proofer is not None)
    qtbot.keyClicks(editor, "Cllr Marsh said  \"yes\" at 6:30pm ")
    qtbot.waitUntil(lambda: editor.toPlainText() == "Councillor Marsh said “yes” at 6.30 pm ")
    editor.moveCursor(QTextCursor.MoveOperation.End)


def test_the_export_dialog_counts_the_problems_and_the_review_fixes_them(qtbot, open_window) -> None:
    from PySide6.QtWidgets import QLabel, QListWidget, QPushButton

    window = open_window()
    _loaded(qtbot, window)
    editor = window.entry.editor
    qtbot.keyClicks(editor, "noted that Cllr Marsh had recieved it")
    qtbot.keyClick(editor, "\r")
    qtbot.waitUntil(lambda: any("recieved" in e.text for i in window.controller.meeting.items for e in i.entries))
    window.actions_by_name["export"].trigger()
    dialog = window.findChild(QLabel, "exportProofing").window()
    label = dialog.findChild(QLabel, "exportProofing")
    # The sample meeting's own four house-style points (87%, 90%, 4% twice and a quote) and these two.
    qtbot.waitUntil(lambda: label.text().endswith("— review?"), timeout=20000)
    assert label.text().startswith("1 spelling, ") and "house style" in label.text()
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "proofing-export.png"))
    dialog.findChild(QPushButton, "exportProofingReview").click()
    review = window.findChild(QListWidget, "proofingFindings").window()
    rows = review.findChild(QListWidget, "proofingFindings")
    texts = [rows.item(n).text() for n in range(rows.count())]
    assert any('spelling: "recieved" → received' in t for t in texts)
    cllr = next(n for n, t in enumerate(texts) if '"Cllr" → Councillor' in t)
    rows.setCurrentRow(cllr)
    review.findChild(QPushButton, "proofingFix").click()
    qtbot.waitUntil(lambda: any("Councillor Marsh had recieved" in e.text
                                for i in window.controller.meeting.items for e in i.entries))
    assert not any('"Cllr"' in rows.item(n).text() for n in range(rows.count()))
    window.controller.undo_stack.undo()
    qtbot.waitUntil(lambda: any("Cllr Marsh had recieved" in e.text
                                for i in window.controller.meeting.items for e in i.entries))
    review.close()
