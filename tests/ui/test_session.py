"""The window's session: a job that fails in an unexpected way is reported and the next one still
runs; reads never wait behind saves; panes follow change records without reading the meeting again;
the notes follow the newest entry."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from clerkdesk import ops
from clerkdesk.model import Entry
from clerkdesk.store import Store
from clerkdesk.ui.session import LOG_NAME
from tests.builders import make_meeting
from tests.ui.conftest import read_store


def _commit(qtbot, window, text: str) -> None:
    window.entry.set_kind("note")
    window.entry.editor.setPlainText(text)
    qtbot.keyClick(window.entry.editor, Qt.Key.Key_Return)


def test_a_job_that_raises_is_reported_and_the_next_entry_is_still_saved(qtbot, data_dir, open_window):
    window = open_window()
    mid = window.controller.meeting_id

    def broken(store: Store, meeting_id: int) -> ops.Change:
        raise KeyError("current_item")  # a bug in one operation
    window.session.call(broken, mid)
    _commit(qtbot, window, "still saved after the fault")
    qtbot.waitUntil(lambda: any(e.text == "still saved after the fault"
                                for i in read_store(data_dir, mid).items for e in i.entries), timeout=5000)
    qtbot.waitUntil(lambda: "KeyError" in window.statusBar().currentMessage(), timeout=3000)
    assert window.statusBar().property("failed")
    log = (data_dir / LOG_NAME).read_text(encoding="utf-8")
    assert "broken failed: KeyError('current_item')" in log and "Traceback" in log
    qtbot.waitUntil(lambda: window.save_status.text().startswith("All changes saved"), timeout=3000)


def test_a_read_does_not_wait_behind_a_save_that_is_retrying(qtbot, data_dir, open_window):
    window = open_window()
    waiting = []

    def held(store: Store) -> None:
        qtbot.waitUntil(lambda: bool(waiting), timeout=5000)  # the writer is busy until the read has answered
    window.session.job(held)
    window.session.read(lambda s: s.list_meetings(), lambda meetings: waiting.append(meetings))
    qtbot.waitUntil(lambda: bool(waiting), timeout=3000)
    assert waiting[0][0].id == window.controller.meeting_id


def test_a_committed_entry_is_one_row_added_not_a_reload(qtbot, data_dir, open_window):
    window = open_window()
    view = window.notes.view
    rows_before = [view.item(n) for n in range(view.count())]
    reads = []
    window.controller.meeting_opened.connect(reads.append)
    _commit(qtbot, window, "one more point")
    qtbot.waitUntil(lambda: view.count() == len(rows_before) + 1, timeout=3000)
    assert [view.item(n) for n in range(len(rows_before))] == rows_before  # the same row objects, kept
    assert "one more point" in view.item(view.count() - 1).text() and not reads
    assert window.controller.meeting == read_store(data_dir, window.controller.meeting_id)


def test_the_meeting_shown_stays_what_the_store_holds_through_undo_and_redo(qtbot, data_dir, open_window):
    window = open_window()
    c, mid = window.controller, window.controller.meeting_id
    _commit(qtbot, window, "first")
    _commit(qtbot, window, "second")
    c.delete_entry(c.current_item().entries[0].id)
    c.move_item(c.meeting.items[-1].id, 0)
    for _ in range(3):
        c.undo_stack.undo()
    c.undo_stack.redo()

    def same() -> bool:
        return c.session.idle() and c.meeting == read_store(data_dir, mid)
    qtbot.waitUntil(same, timeout=5000)


def _visible(view, row) -> bool:
    rect: QRect = view.visualItemRect(row)
    return view.viewport().rect().intersects(rect) and rect.height() > 0


def test_the_notes_follow_the_newest_entry_until_the_clerk_scrolls_back(qtbot, data_dir, open_window):
    with Store(data_dir / "clerkdesk.sqlite3") as s:
        big = s.import_meeting(make_meeting(items=2, entries=120, date="2027-01-01"))
    window = open_window()
    window.resize(1024, 600)
    c, view = window.controller, window.notes.view
    c.open_meeting(big)
    qtbot.waitUntil(lambda: c.meeting_id == big and view.count() == 60, timeout=5000)
    # Opening an item shows its end, where the next entry goes.
    qtbot.waitUntil(lambda: _visible(view, view.item(view.count() - 1)), timeout=3000)
    _commit(qtbot, window, "typed at the end")
    qtbot.waitUntil(lambda: view.count() == 61 and _visible(view, view.item(60)), timeout=3000)
    # The clerk scrolls back to read: a new entry does not pull the view away.
    bar = view.verticalScrollBar()
    bar.triggerAction(bar.SliderAction.SliderToMinimum)
    qtbot.waitUntil(lambda: bar.value() == 0, timeout=3000)
    c.add_entry(Entry(kind="note", text="added while reading back"))
    qtbot.waitUntil(lambda: view.count() == 62, timeout=3000)
    for _ in range(3):  # the posted scroll (a zero timer) would run in these turns of the event loop
        QApplication.processEvents()
    assert bar.value() == 0 and not _visible(view, view.item(61))
    # Typing again follows the newest entry again.
    qtbot.keyClicks(window.entry.editor, "x")
    qtbot.waitUntil(lambda: _visible(view, view.item(61)), timeout=3000)


def test_the_notes_keep_the_width_on_small_screens_and_the_entry_line_stays_in_view(qtbot, open_window):
    window = open_window()
    window.splitter.setSizes([900, 200, 900])  # as a clerk might have left it on a wide screen
    for width, height in ((1024, 600), (1366, 768)):
        window.resize(width, height)
        qtbot.waitUntil(lambda w=width: window.width() == w, timeout=3000)
        sizes = window.splitter.sizes()
        assert sizes[1] >= 0.45 * sum(sizes), (width, sizes)
        entry = window.entry.editor
        bottom_left = entry.mapTo(window, entry.rect().bottomLeft())
        assert entry.isVisible() and window.rect().contains(bottom_left), (width, bottom_left)


def test_ctrl_j_in_the_notes_joins_the_selected_entry_to_the_paragraph_before_and_splits_it_again(
        qtbot, data_dir, open_window):
    window = open_window()
    c, view, mid = window.controller, window.notes.view, window.controller.meeting_id
    _commit(qtbot, window, "first point")
    _commit(qtbot, window, "second point")
    qtbot.waitUntil(lambda: view.count() >= 2 and "second point" in view.item(view.count() - 1).text(), timeout=3000)
    second = c.current_item().entries[-1].id
    view.setFocus()
    view.setCurrentRow(view.count() - 1)

    def joined() -> bool:
        return next(e for i in read_store(data_dir, mid).items for e in i.entries if e.id == second).joins_previous
    qtbot.keyClick(view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(joined, timeout=3000)
    qtbot.waitUntil(lambda: c.entry(second).joins_previous, timeout=3000)  # the window shows it joined
    qtbot.keyClick(view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not joined(), timeout=3000)
