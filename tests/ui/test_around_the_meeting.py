"""Before and after the meeting, in the window: the browser, the bin, new meetings, agenda import,
approved minutes, open actions and export — driven as a clerk would, checked through the core."""

from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QMessageBox, QPushButton, QWidget

from clerkdesk import ops, planning
from clerkdesk.store import Store, default_store_path
from clerkdesk.ui.dialogs.actions import ActionsDialog
from clerkdesk.ui.dialogs.agenda_preview import AgendaPreviewDialog
from clerkdesk.ui.dialogs.browser import MeetingBrowser
from clerkdesk.ui.dialogs.forms import NewMeetingDialog
from clerkdesk.ui.dialogs.export import ExportDialog
from tests.builders import make_meeting
from tests.council_material import TABLE_AGENDA
from tests.ui.conftest import read_store

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
COMMITTEE = "Community Safety Committee"


def _visible(cls: type) -> QWidget | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()), None)


def _open(qtbot, cls: type) -> QWidget:
    qtbot.waitUntil(lambda: _visible(cls) is not None, timeout=3000)
    return _visible(cls)


def _meetings(data_dir: Path, *meetings) -> list[int]:
    with Store(default_store_path(data_dir)) as s:
        return [s.import_meeting(m) for m in meetings]


def _browser(qtbot, window) -> MeetingBrowser:
    window.entry.editor.setFocus()
    qtbot.keyClick(window.entry.editor, Qt.Key.Key_O, CTRL)
    browser = _open(qtbot, MeetingBrowser)
    qtbot.waitUntil(lambda: browser.table.rowCount() > 0, timeout=3000)
    return browser


def test_the_browser_finds_a_meeting_by_a_word_said_in_it_and_opens_it_there(qtbot, data_dir, open_window):
    older, newer = _meetings(data_dir, make_meeting(tag="shoplifting ", date="2025-03-04", seed=1),
                             make_meeting(date="2026-09-17", seed=2))
    window = open_window()
    assert window.controller.meeting.id == newer
    browser = _browser(qtbot, window)
    assert browser.table.rowCount() == 2 and browser.table.item(0, 0).text() == "Thursday, 17 September 2026"
    qtbot.keyClicks(browser.search, "shoplift")  # a word as the clerk half-remembers it
    qtbot.waitUntil(lambda: browser.table.rowCount() == 1 and browser.chosen() == older, timeout=3000)
    assert "shoplifting" in browser.table.item(0, 4).text()
    hit_item = browser.table.item(0, 0).data(Qt.ItemDataRole.UserRole + 1)
    qtbot.keyClick(browser.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.controller.meeting.id == older, timeout=3000)
    assert window.controller.current_item_id == hit_item
    assert any("shoplifting" in e.text for e in window.controller.current_item().entries)


def test_a_deleted_meeting_goes_to_the_bin_after_asking_and_comes_back(qtbot, data_dir, open_window):
    keep, binned = _meetings(data_dir, make_meeting(date="2026-01-10", seed=3), make_meeting(date="2026-02-10", seed=4))
    window = open_window()
    browser = _browser(qtbot, window)
    assert browser.chosen() == binned
    browser.buttons["delete"].click()
    qtbot.waitUntil(lambda: browser.findChild(QMessageBox, "confirmDelete") is not None, timeout=3000)
    confirm = browser.findChild(QMessageBox, "confirmDelete")
    confirm.button(QMessageBox.StandardButton.No).click()  # first the clerk thinks better of it
    qtbot.waitUntil(lambda: browser.findChild(QMessageBox, "confirmDelete") is None, timeout=3000)
    assert [m.id for m in read_meetings(data_dir)] == [binned, keep]

    browser.buttons["delete"].click()
    qtbot.waitUntil(lambda: browser.findChild(QMessageBox, "confirmDelete") is not None, timeout=3000)
    browser.findChild(QMessageBox, "confirmDelete").button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: browser.table.rowCount() == 1, timeout=3000)
    assert [m.id for m in read_meetings(data_dir)] == [keep]
    qtbot.waitUntil(lambda: window.controller.meeting.id == keep, timeout=3000)  # it was open: the next one is

    browser.show_bin.setChecked(True)
    qtbot.waitUntil(lambda: browser.chosen() == binned, timeout=3000)
    assert browser.buttons["restore"].isEnabled() and not browser.buttons["open"].isEnabled()
    browser.buttons["restore"].click()
    qtbot.waitUntil(lambda: browser.table.rowCount() == 0, timeout=3000)
    assert [m.id for m in read_meetings(data_dir)] == [binned, keep]


def read_meetings(data_dir: Path):
    with Store(default_store_path(data_dir)) as s:
        return s.list_meetings()


def test_a_new_meeting_starts_from_the_committees_last_one(qtbot, data_dir, open_window):
    (last,) = _meetings(data_dir, make_meeting(items=3, entries=6, date="2026-04-20", committee=COMMITTEE))
    window = open_window()
    window.entry.editor.setFocus()
    qtbot.keyClick(window.entry.editor, Qt.Key.Key_N, CTRL)
    dialog = _open(qtbot, NewMeetingDialog)
    assert dialog.committee.currentText() == COMMITTEE
    dialog.date.setDate(dialog.date.date().fromString("2026-06-02", "yyyy-MM-dd"))
    qtbot.keyClicks(dialog.venue, "Committee Room 2")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.controller.meeting.id != last, timeout=3000)
    m, before = window.controller.meeting, read_store(data_dir, last)
    assert (m.date, m.venue, m.committee.name) == ("2026-06-02", "Committee Room 2", COMMITTEE)
    assert [p.key for p in m.people] == [p.key for p in before.people if p.attendance != "substitute"]
    assert m.items[2].entries[0].text.startswith("that the minutes of the meeting held on Monday, 20 April 2026")
    # Last time's minutes ran to 32; a new municipal year began in May, so the numbers start again.
    assert [i.minute_number for i in before.items] == ["30", "31", "32"]
    assert [i.minute_number for i in m.items][:3] == ["1", "2", "3"]


def test_an_agenda_is_previewed_corrected_and_made_a_meeting(qtbot, data_dir, open_window, council):
    window = open_window()
    window.import_agenda_file(council / TABLE_AGENDA)
    preview = _open(qtbot, AgendaPreviewDialog)
    items = preview.items()
    assert len(items) == 9 and [i.exempt for i in items] == [False] * 7 + [True, True]
    assert not any("Pages" in i.title for i in items)
    preview.table.item(4, 1).setText("Anti-social Behaviour: the Clerk's Corrected Title")
    preview.committee.setCurrentText(COMMITTEE)
    preview.date.setDate(preview.date.date().fromString("2026-09-17", "yyyy-MM-dd"))
    preview.findChild(QPushButton, "agendaApply").click()
    qtbot.waitUntil(lambda: window.controller.meeting.committee.name == COMMITTEE, timeout=3000)
    m = read_store(data_dir, window.controller.meeting.id)
    titles = [i.title for i in m.items]
    assert "Anti-social Behaviour: the Clerk's Corrected Title" in titles and len(titles) == 9
    assert [i.exempt for i in m.items][-2:] == [True, True]


def test_a_file_that_is_no_agenda_is_refused_with_one_sentence(qtbot, data_dir, open_window, tmp_path):
    window = open_window()
    before = read_meetings(data_dir)
    junk = tmp_path / "agenda.docx"
    junk.write_bytes(b"PK\x03\x04 not really a Word file")
    window.import_agenda_file(junk)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "warning") is not None, timeout=5000)
    box = window.findChild(QMessageBox, "warning")
    assert box.text().count(".") >= 1 and "Traceback" not in box.text() and "agenda.docx" in box.text()
    box.button(QMessageBox.StandardButton.Ok).click()
    assert _visible(AgendaPreviewDialog) is None and read_meetings(data_dir) == before


def test_approved_minutes_are_read_only_until_a_deliberate_unlock(qtbot, data_dir, open_window):
    (mid,) = _meetings(data_dir, make_meeting(items=2, entries=2))
    with Store(default_store_path(data_dir)) as s:
        ops.set_status(s, mid, "approved")
    counts = [len(i.entries) for i in read_store(data_dir, mid).items]
    window = open_window()
    editor = window.entry.editor
    assert editor.isReadOnly() and "read-only" in window.header.state.text()
    editor.setFocus()
    qtbot.keyClicks(editor, "a late thought")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    window.controller.delete_entry(window.controller.current_item().entries[0].id)
    assert "read-only" in window.statusBar().currentMessage()
    window.session.job(lambda s: None)
    qtbot.waitUntil(lambda: window.session.idle(), timeout=3000)
    assert [len(i.entries) for i in read_store(data_dir, mid).items] == counts

    window.actions_by_name["unlock"].trigger()
    unlock = _open(qtbot, QInputDialog)
    unlock.setTextValue("a councillor's name was misspelt")
    unlock.accept()
    qtbot.waitUntil(lambda: not editor.isReadOnly(), timeout=3000)
    m = read_store(data_dir, mid)
    assert m.status == "final" and m.unlocks[-1].reason == "a councillor's name was misspelt"
    qtbot.keyClicks(editor, "added after the unlock")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(e.text == "added after the unlock"
                                for e in read_store(data_dir, mid).items[0].entries), timeout=3000)


def test_open_actions_are_listed_and_marked_done(qtbot, data_dir, open_window):
    window = open_window()  # the sample meeting, which minuted actions
    committee = window.controller.meeting.committee.name
    window.actions_by_name["open_actions"].trigger()
    dialog = _open(qtbot, ActionsDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=3000)
    count, first = dialog.table.rowCount(), dialog.table.item(0, 0).text()
    dialog.mark_done.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == count - 1, timeout=3000)
    with Store(default_store_path(data_dir)) as s:
        assert first not in [a.text for a in planning.open_actions(s, committee)]


def test_export_from_the_window_writes_public_word_minutes_off_the_gui_thread(qtbot, data_dir, open_window,
                                                                              tmp_path):
    window = open_window()  # the sample meeting: item 8 is exempt
    exempt = next(i for i in window.controller.meeting.items if i.exempt)
    secret = exempt.entries[0].text
    window.actions_by_name["export"].trigger()
    dialog = _open(qtbot, ExportDialog)
    assert dialog.format.currentData() == "docx" and dialog.public.isChecked()
    out = tmp_path / "minutes.docx"
    dialog.path.setText(str(out))
    dialog.open_after.setChecked(False)
    dialog.findChild(QPushButton, "exportGo").click()
    qtbot.waitUntil(lambda: "Exported to" in window.statusBar().currentMessage(), timeout=15000)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert exempt.title in text and "This item was considered in private." in text
    assert secret[:40] not in text


def test_a_job_the_core_refuses_is_reported_once_not_retried(qtbot, data_dir, open_window, tmp_path):
    # A bad meeting file is the clerk's problem, not the disk's: the session must say so and move on.
    from clerkdesk.meeting_file import read_meeting_file

    window = open_window()
    bad = tmp_path / "bad.clerkdesk"
    bad.write_text("{not json", encoding="utf-8")
    refused, done = [], []
    window.session.refused.connect(refused.append)
    window.session.job(lambda s: s.import_meeting(read_meeting_file(bad)))
    window.session.job(lambda s: None, lambda _r: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=3000)  # the next job ran: nothing is stuck retrying
    assert len(refused) == 1 and "bad.clerkdesk" in refused[0]


def test_a_meeting_file_exported_from_the_window_is_the_whole_meeting_and_owner_only(qtbot, data_dir, open_window,
                                                                                      tmp_path):
    import json
    import stat

    window = open_window()  # the sample meeting: item 8 is exempt
    secret = next(i for i in window.controller.meeting.items if i.exempt).entries[0].text
    window.actions_by_name["export"].trigger()
    dialog = _open(qtbot, ExportDialog)
    dialog.format.setCurrentIndex(dialog.format.findData("json"))
    out = tmp_path / "meeting.clerkdesk"
    dialog.path.setText(str(out))
    dialog.open_after.setChecked(False)
    dialog.findChild(QPushButton, "exportGo").click()
    qtbot.waitUntil(lambda: "Exported to" in window.statusBar().currentMessage(), timeout=15000)
    assert secret in json.dumps(json.loads(out.read_text(encoding="utf-8")), ensure_ascii=False)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
