"""The team archive in the main window: File › Open from team archive and Team archive settings,
Meeting › Publish to team archive and Publish when marked final, and the status bar's count of
meetings waiting to publish. ``install_team_archive`` adds them; main_window.py only calls it."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu

from clerkdesk import ops
from clerkdesk.archive.sync import waiting_sentence
from clerkdesk.model import Meeting

from .archive_browser import ArchiveBrowser
from .archive_settings_dialog import ArchiveSettingsDialog
from .team_archive import TeamArchive


class TeamArchiveMenus(QObject):
    """The window's team archive actions, wired to a TeamArchive."""

    def __init__(self, window: QMainWindow, file_menu: QMenu, meeting_menu: QMenu):
        super().__init__(window)
        self.window = window
        self.archive = TeamArchive(window.session, window.settings, self)
        self.waiting = QLabel()
        self.waiting.setObjectName("archiveWaiting")
        self.waiting.hide()
        window.statusBar().addPermanentWidget(self.waiting)
        quit_action = window.actions_by_name["quit"]
        for name, text, slot in (("open_archive", "Open from team &archive…", self.open_browser),
                                 ("archive_settings", "Team archive settin&gs…", self.open_settings)):
            action = window._act(None, name, text, slot)
            window.removeAction(action)
            file_menu.insertAction(quit_action, action)
        file_menu.insertSeparator(quit_action)
        meeting_menu.addSeparator()
        window._act(meeting_menu, "publish", "Pu&blish to team archive", self.publish_current)
        self.when_final = window._act(meeting_menu, "publish_when_final", "Publish automaticall&y when marked final",
                                      self._on_when_final_triggered)
        self.when_final.setCheckable(True)
        self.archive.waiting_changed.connect(self._on_waiting_changed)
        self.archive.said.connect(lambda text: window.statusBar().showMessage(text, 10000))
        window.controller.change_applied.connect(self.archive.on_change_applied)
        window.controller.meeting_opened.connect(self._on_meeting_opened)

    def publish_current(self) -> None:
        """Meeting › Publish to team archive."""
        meeting = self.window.controller.meeting
        if meeting is None:
            return
        if not self.archive.url():
            self.open_settings()
            if not self.archive.url():
                return
        self.archive.publish(meeting.id)

    def open_settings(self) -> None:
        """File › Team archive settings."""
        ArchiveSettingsDialog(self.window.settings, self.window).exec()

    def open_browser(self) -> None:
        """File › Open from team archive (also the meeting browser's Team archive button)."""
        if not self.archive.url():
            self.open_settings()
            if not self.archive.url():
                return
        browser = ArchiveBrowser(self.window.session, self.archive.url(), self.window)
        browser.meeting_pulled.connect(self.window.controller.open_meeting)
        self.window._show_dialog(browser)

    def _on_waiting_changed(self, n: int) -> None:
        self.waiting.setText(waiting_sentence(n))
        self.waiting.setVisible(n > 0)

    def _on_meeting_opened(self, meeting: Meeting) -> None:
        name = meeting.committee.name
        self.window.session.read(lambda s: s.publishes_when_final(name), self.when_final.setChecked, owner=self)

    def _on_when_final_triggered(self) -> None:
        meeting = self.window.controller.meeting
        if meeting is not None:
            self.window.session.call(ops.set_publish_when_final, meeting.committee.name, self.when_final.isChecked(),
                                     owner=self)


def install_team_archive(window: QMainWindow, file_menu: QMenu, meeting_menu: QMenu) -> TeamArchiveMenus:
    """Add the team archive's menus and status to the main window."""
    return TeamArchiveMenus(window, file_menu, meeting_menu)
