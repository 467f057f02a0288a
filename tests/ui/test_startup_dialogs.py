"""A damaged store, or one from a newer ClerkDesk, met by the window on start: the clerk is told,
offered the newest good backup, and nothing is overwritten without asking."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton

from clerkdesk.store import schema
from clerkdesk.datafolder import DataFolder
from clerkdesk.sample import sample_meeting
from clerkdesk.ui.app import make_window
from clerkdesk.ui.settings import Settings
from tests.core.test_reliability import _damage


def _store_with_a_backup(data_dir: Path) -> list[int]:
    """A store of four meetings, backed up once it has them, then closed; the meetings' ids."""
    folder = DataFolder(data_dir)
    store = folder.open_for_writing()
    ids = [store.import_meeting(sample_meeting()) for _ in range(4)]
    store.backup(data_dir, "manual")
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    folder.release()
    return ids


def _window(qtbot, data_dir: Path, settings_path: Path):
    window = make_window(data_dir, Settings(settings_path))
    qtbot.addWidget(window, before_close_func=lambda w: w.session.stop())
    window.show()
    return window


def _dialog(qtbot, window) -> QMessageBox:
    def shown() -> QMessageBox | None:
        return next((d for d in window.findChildren(QMessageBox) if d.isVisible()), None)
    qtbot.waitUntil(lambda: shown() is not None, timeout=10000)
    return shown()


def _press(box: QMessageBox, name: str) -> None:
    button = box.findChild(QPushButton, name)
    assert button is not None, [b.objectName() for b in box.buttons()]
    button.click()


@pytest.mark.parametrize("how", ["overwritten", "truncated", "not a database"])
def test_a_damaged_store_offers_the_backup_and_restores_it_when_asked(qtbot, data_dir, settings_path, how):
    ids = _store_with_a_backup(data_dir)
    store_path = DataFolder(data_dir).store_path
    _damage(store_path, how)
    damaged = store_path.read_bytes()
    window = _window(qtbot, data_dir, settings_path)
    box = _dialog(qtbot, window)
    assert "damaged" in box.text() and "Nothing has been changed" in box.text()
    assert "newest good backup" in box.informativeText()
    assert store_path.read_bytes() == damaged  # nothing overwritten while the clerk decides

    _press(box, "restoreBackupButton")
    qtbot.waitUntil(lambda: window.controller.meeting is not None, timeout=10000)  # the window works again
    aside = [p for p in data_dir.iterdir() if ".replaced-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged  # the damaged store is kept, not deleted
    with sqlite3.connect(store_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert "Restored the backup" in window.statusBar().currentMessage()
    window.close()
    with DataFolder(data_dir).open_for_reading() as store:
        assert sorted(m.id for m in store.list_meetings()) == ids  # the meetings are back


def test_a_damaged_store_is_left_alone_when_the_clerk_quits(qtbot, data_dir, settings_path):
    _store_with_a_backup(data_dir)
    store_path = DataFolder(data_dir).store_path
    _damage(store_path, "overwritten")
    damaged = store_path.read_bytes()
    window = _window(qtbot, data_dir, settings_path)
    _press(_dialog(qtbot, window), "quitButton")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    assert store_path.read_bytes() == damaged
    assert sorted(p.name for p in data_dir.iterdir() if p.name.startswith("clerkdesk.sqlite3")) == [
        "clerkdesk.sqlite3"]


def test_a_store_from_a_newer_version_is_refused_and_left_alone(qtbot, data_dir, settings_path):
    _store_with_a_backup(data_dir)
    store_path = DataFolder(data_dir).store_path
    with sqlite3.connect(store_path) as conn:
        conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    before = store_path.read_bytes()
    window = _window(qtbot, data_dir, settings_path)
    box = _dialog(qtbot, window)
    assert "newer version" in box.text()
    assert box.findChild(QPushButton, "restoreBackupButton") is None  # nothing to restore: it is not damaged
    _press(box, "quitButton")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    assert store_path.read_bytes() == before
