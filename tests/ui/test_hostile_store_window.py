"""The window on a hostile disk: a read-only folder opens read-only and says why, a deleted -wal is
noticed and nothing is lost, and a closed meeting and a closed window are each backed up.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from clerkdesk.model import Entry
from clerkdesk.store import Store, default_store_path, list_backups, restore
from tests.builders import make_meeting
from tests.core.test_hostile_store import _mount


@pytest.fixture
def disk(tmp_path: Path):
    """A 4 MB filesystem of the test's own (tmpfs), unmounted afterwards: room for a store and a window."""
    where = tmp_path / "disk"
    where.mkdir()
    if os.geteuid() != 0 or not _mount("-t", "tmpfs", "-o", "size=4m", "tmpfs", str(where)):
        pytest.skip("mounting a small filesystem needs root")
    yield where
    subprocess.run(["umount", "-l", str(where)], check=False)


def _meeting(data_dir: Path) -> int:
    with Store(default_store_path(data_dir)) as s:
        return s.import_meeting(make_meeting(items=3, entries=2))


def test_a_read_only_folder_opens_read_only_and_says_why(qtbot, disk, tmp_path, settings_path):
    from clerkdesk.ui.app import make_window
    from clerkdesk.ui.settings import Settings

    data = disk / "data"
    mid = _meeting(data)
    assert _mount("-o", "remount,ro", str(disk))
    window = make_window(data, Settings(settings_path))
    qtbot.addWidget(window, before_close_func=lambda w: w.session.stop())
    window.show()
    # Was: the store refused to open, and the window stayed blank.
    qtbot.waitUntil(lambda: window.controller.meeting is not None, timeout=10000)
    assert window.controller.meeting.id == mid
    assert window.notes.view.count() > 0
    qtbot.waitUntil(lambda: window.entry.editor.isReadOnly(), timeout=5000)
    status = window.findChild(QLabel, "saveStatus")
    assert status.text() == "Read-only" and "is read-only" in status.toolTip()
    assert "is read-only" in window.statusBar().currentMessage()
    assert "cannot write to this data folder" in window.read_only_reason
    window.grab().save(str(tmp_path / "read_only.png"))
    window.session.stop()


def test_a_wal_deleted_while_the_window_runs_is_noticed_and_nothing_is_lost(qtbot, data_dir, open_window):
    mid = _meeting(data_dir)
    window = open_window()
    c = window.controller
    c.add_entry(Entry("note", "before the log was deleted"))
    qtbot.waitUntil(window.session.idle, timeout=5000)
    os.unlink(f"{default_store_path(data_dir)}-wal")
    with qtbot.waitSignal(window.session.store_problem, timeout=5000) as said:
        c.add_entry(Entry("note", "after the log was deleted"))
    assert "-wal was deleted" in said.args[0] and "nothing was lost" in said.args[0]
    qtbot.waitUntil(window.session.idle, timeout=5000)
    window.close()
    texts = [e.text for i in Store(default_store_path(data_dir)).load_meeting(mid).items for e in i.entries]
    assert "before the log was deleted" in texts and "after the log was deleted" in texts


def test_a_closed_meeting_and_a_closed_window_are_backed_up_and_each_restores(qtbot, data_dir, open_window,
                                                                               tmp_path):
    mid = _meeting(data_dir)
    window = open_window()
    window.controller.add_entry(Entry("note", "minuted before the close"))
    window.controller.close_meeting()
    qtbot.waitUntil(lambda: any(b.reason == "closed-meeting" for b in list_backups(data_dir)), timeout=5000)
    window.controller.add_entry(Entry("note", "minuted after the close"))
    window.close()
    reasons = {b.reason: b.path for b in list_backups(data_dir)}
    assert {"daily", "closed-meeting", "window-closed"} <= set(reasons)
    for reason, wanted in (("closed-meeting", "minuted before the close"), ("window-closed", "minuted after the close"),
                           ("daily", None)):
        target = tmp_path / f"restored-{reason}" / "clerkdesk.sqlite3"
        target.parent.mkdir()
        restore(target, reasons[reason])
        with Store(target) as s:
            meeting = s.load_meeting(mid)
            texts = [e.text for i in meeting.items for e in i.entries]
        assert meeting.id == mid
        if wanted:
            assert wanted in texts
        if reason == "closed-meeting":
            assert meeting.end and "minuted after the close" not in texts


def test_a_damaged_store_on_a_full_disk_is_offered_no_restore(qtbot, disk, tmp_path, settings_path):
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from clerkdesk.ui.app import make_window
    from clerkdesk.ui.settings import Settings
    from tests.core.test_hostile_store import _fill

    data = disk / "data"
    _meeting(data)
    with Store(default_store_path(data)) as s:
        s.backup(data, "manual")
    default_store_path(data).write_bytes(b"")  # damaged: it is empty
    _fill(disk)
    window = make_window(data, Settings(settings_path))
    qtbot.addWidget(window, before_close_func=lambda w: w.session.stop())
    window.show()

    def shown() -> QMessageBox | None:
        return next((d for d in window.findChildren(QMessageBox) if d.isVisible()), None)
    qtbot.waitUntil(lambda: shown() is not None, timeout=10000)
    box = shown()
    # Was: "Restore the backup" as the default button; the restore then emptied the store.
    assert box.findChild(QPushButton, "restoreBackupButton") is None
    assert "full" in box.informativeText() and "restore it with" not in box.text()
    box.grab().save(str(tmp_path / "full_disk_dialog.png"))
    box.findChild(QPushButton, "quitButton").click()
    assert default_store_path(data).read_bytes() == b""


def test_a_window_opened_on_a_full_disk_shows_the_meeting_and_saves_when_space_returns(qtbot, disk,
                                                                                       settings_path):
    from clerkdesk.ui.app import make_window
    from clerkdesk.ui.settings import Settings
    from tests.core.test_hostile_store import _fill

    data = disk / "data"
    mid = _meeting(data)
    with Store(default_store_path(data)) as s:
        s.backup(data, "daily")  # today's: none is due while the disk is full
    filler = _fill(disk)
    window = make_window(data, Settings(settings_path))
    qtbot.addWidget(window, before_close_func=lambda w: w.session.stop())
    window.show()
    # Was: "damaged (disk I/O error)" and a restore offered that emptied the store.
    qtbot.waitUntil(lambda: window.controller.meeting is not None, timeout=10000)
    assert window.controller.meeting.id == mid
    status = window.findChild(QLabel, "saveStatus")
    qtbot.waitUntil(lambda: "is full" in status.text(), timeout=5000)
    window.controller.add_entry(Entry("note", "typed while the disk was full"))
    qtbot.waitUntil(lambda: bool(window.session.waiting_text()), timeout=5000)
    filler.unlink()  # space returns
    qtbot.waitUntil(lambda: window.session.idle() and "All changes saved" in status.text(), timeout=10000)
    window.session.stop()
    texts = [e.text for i in Store(default_store_path(data)).load_meeting(mid).items for e in i.entries]
    assert "typed while the disk was full" in texts
