"""The team archive in the window, against a real PostgreSQL: Meeting › Publish to team archive queues
while the server is down (the status bar counts), publishes when it is back, and the archive's
browser lists and pulls."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from clerkdesk.archive.client import Archive
from clerkdesk.store import Store, default_store_path


def _queued(data_dir: Path) -> int:
    with Store(default_store_path(data_dir)) as s:
        return len(s.queued_publications())


def test_publishing_while_the_archive_is_down_queues_and_retries(qtbot, open_window, data_dir: Path, pg_cluster,
                                                                 archive_url: str, tmp_path: Path) -> None:
    window = open_window()
    window.settings.archive_url = archive_url
    menus = window.team_archive
    menus.archive.timer.setInterval(200)  # the minute between retries, shortened for the test
    pg_cluster.stop()
    try:
        window.actions_by_name["publish"].trigger()
        qtbot.waitUntil(lambda: menus.waiting.isVisible(), timeout=10000)
        assert menus.waiting.text() == "1 meeting waiting to publish"
        qtbot.waitUntil(lambda: "cannot be reached" in window.statusBar().currentMessage(), timeout=10000)
        assert "tried again every minute" in window.statusBar().currentMessage()
        window.grab().save(str(tmp_path / "queued.png"))
        assert _queued(data_dir) == 1
    finally:
        pg_cluster.start()
    qtbot.waitUntil(lambda: not menus.waiting.isVisible() and _queued(data_dir) == 0, timeout=20000)
    with Archive(archive_url) as archive:
        (listed,) = archive.list()
    assert listed.uid == window.controller.meeting.uid and listed.version == 1

    menus.open_browser()
    browser = window.findChild(QDialog, "archiveBrowser")
    qtbot.waitUntil(lambda: browser.table.rowCount() == 1, timeout=10000)
    assert "1 meeting in the team archive." == browser.status.text()
    browser.grab().save(str(tmp_path / "archive_browser.png"))
    with qtbot.waitSignal(browser.meeting_pulled, timeout=10000) as pulled:
        browser.pull.click()
    assert pulled.args == [window.controller.meeting.id]  # unchanged here: the same meeting, not a copy


def test_marking_final_publishes_when_the_committee_says_so(qtbot, open_window, data_dir: Path,
                                                             archive_url: str) -> None:
    window = open_window()
    window.settings.archive_url = archive_url
    menus = window.team_archive
    qtbot.waitUntil(lambda: window.actions_by_name["publish_when_final"].isEnabled(), timeout=5000)
    window.actions_by_name["publish_when_final"].trigger()  # checks it: this committee publishes when final
    uid = window.controller.meeting.uid
    qtbot.waitUntil(lambda: _publishes(data_dir, window.controller.meeting.committee.name), timeout=5000)
    window.actions_by_name["status_final"].trigger()
    qtbot.waitUntil(lambda: _in_archive(archive_url, uid), timeout=20000)
    qtbot.waitUntil(lambda: not menus.waiting.isVisible(), timeout=5000)  # the answer reaches the window after the server has it


def _publishes(data_dir: Path, committee: str) -> bool:
    with Store(default_store_path(data_dir)) as s:
        return s.publishes_when_final(committee)


def _in_archive(url: str, uid: str) -> bool:
    with Archive(url) as archive:
        return any(m.uid == uid for m in archive.list())


def test_the_settings_keep_the_address_and_put_the_password_in_the_keyring(qtbot, tmp_path: Path) -> None:
    import keyring

    from clerkdesk.ui.archive_settings_dialog import ArchiveSettingsDialog
    from clerkdesk.ui.settings import Settings
    from tests.archive.test_archive_keyring import MemoryKeyring

    before, ring = keyring.get_keyring(), MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        settings = Settings(tmp_path / "settings.ini")
        dialog = ArchiveSettingsDialog(settings)
        qtbot.addWidget(dialog)
        dialog.url.setText("http://db.council.local/clerkdesk")
        dialog._on_save_clicked()
        assert "postgresql://" in dialog.message.text() and settings.archive_url == ""
        dialog.url.setText("postgresql://jsmith:s3cret@db.council.local:5433/clerkdesk")
        dialog._on_save_clicked()
        assert settings.archive_url == "postgresql://jsmith@db.council.local:5433/clerkdesk"
        assert ring.kept == {("ClerkDesk team archive", "jsmith@db.council.local:5433/clerkdesk"): "s3cret"}
        settings.sync()
        assert "s3cret" not in (tmp_path / "settings.ini").read_text()
    finally:
        keyring.set_keyring(before)
