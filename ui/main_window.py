"""The main window: composes the header, the three panes, the menus and the status bar.

It connects the panes' requests to the controller and the controller's meeting back to the
panes; the work itself is theirs (showing) and the core's (changing), reached through the
controller and the session. The menus are a table (``menus.py``); the dialogs the clerk opens
from them are ``flows.py``; what the status bar says about saving is ``status.py``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QMenu, QSplitter, QVBoxLayout, QWidget

from clerkdesk import live, planning
from clerkdesk.model import Meeting
from clerkdesk.wording import name_for

from .chamber_view import ChamberScreen
from .proofing import attach_proofing
from .controller import MeetingController
from .flows import MeetingFlows
from .focus_order import tab_in_reading_order
from .look import fit_to_text
from .menus import build_menus, make_action
from .panes.agenda import AgendaPane
from .panes.entry import INSTRUCTIONS, EntryEditor
from .panes.header import HeaderBar
from .panes.notes import NotesPane
from .panes.speakers import SpeakersPane
from .player_bar import PlayerBar
from .recording_tools import RecordingTools
from .session import Session
from .settings import Settings
from .shortcuts import ShortcutsDialog, key
from .status import SaveStatus
from .archive_menus import install_team_archive


class MainWindow(MeetingFlows, SaveStatus, QMainWindow):
    """The live-minutes window on one data folder."""

    def __init__(self, data_dir: Path, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("ClerkDesk")
        self.settings = settings
        self.session = Session(data_dir, self)
        self.controller = MeetingController(self.session, self)
        self.header = HeaderBar()
        self.agenda = AgendaPane()
        self.notes = NotesPane()
        self.entry = EntryEditor()
        self.speakers = SpeakersPane()
        self.player = PlayerBar()
        self.read_only_reason = ""  # why the store can only be read (a read-only folder), if it can
        self.save_status = QLabel("Opening…")
        self.save_status.setObjectName("saveStatus")
        self.save_status.setAccessibleDescription("Save status")  # its name is what it says
        self.statusBar().addPermanentWidget(self.save_status)
        self._build_layout()
        self.chamber = ChamberScreen(self.controller, self.speakers, self.session, self.settings, self._show_dialog,
                                     self)
        self.actions_by_name: dict[str, QAction] = build_menus(self, self.controller.undo_stack)
        self._finish_menus()
        self._connect_signals()
        self.proofing = attach_proofing(self, data_dir)
        self.notes.set_point_size(settings.notes_point_size)
        if settings.geometry is not None:
            self.restoreGeometry(settings.geometry)
        else:
            self.resize(1366, 768)
        if settings.splitter is not None:
            self.splitter.restoreState(settings.splitter)
        self.splitter.splitterMoved.connect(lambda *_: self._keep_notes_wide())
        self.session.start()
        self.controller.open_meeting(settings.last_meeting)

    def _build_layout(self) -> None:
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        column.addWidget(self.notes, 1)
        column.addWidget(self.player)
        column.addWidget(self.entry)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("paneSplitter")
        self.splitter.setChildrenCollapsible(False)
        for pane in (self.agenda, centre, self.speakers):
            self.splitter.addWidget(pane)
        for n, stretch in enumerate((1, 2, 1)):  # the notes, where the clerk types, grow and shrink most
            self.splitter.setStretchFactor(n, stretch)
        self.splitter.setSizes([1000, 2000, 1000])
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 0, 8, 4)
        layout.setSpacing(6)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(body)
        # Focus order follows the eye: agenda, notes, the entry line, then the people.
        for a, b in ((self.agenda.view, self.notes.view), (self.notes.view, self.entry.editor),
                     (self.entry.editor, self.speakers.filter), (self.speakers.filter, self.speakers.view),
                     (self.speakers.view, self.speakers.queue)):
            self.setTabOrder(a, b)

    def _finish_menus(self) -> None:
        """What the menu table cannot say: the recent meetings filled on showing, the chamber toggle's state,
        and F2 on the people list."""
        self.recent_menu = self.findChild(QMenu, "recentMenu")
        self.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        chamber = self.actions_by_name["chamber_screen"]
        chamber.setObjectName("actionChamberScreen")
        self.chamber.visibility_changed.connect(chamber.setChecked)
        attend = QAction(self.speakers.view)
        attend.setShortcut(QKeySequence(key("set_attendance")))
        attend.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        attend.triggered.connect(self.speakers.edit_attendance)
        self.speakers.view.addAction(attend)
        menus = {a.text(): a.menu() for a in self.menuBar().actions()}
        self.team_archive = install_team_archive(self, menus["&File"], menus["&Meeting"])
        self.recording = RecordingTools(self, self.player, menus["&Meeting"])

    def _act(self, menu: QMenu | None, name: str, text: str, slot) -> QAction:
        """An action added by a tool of the window (the recording's), with its key from SHORTCUTS."""
        action = make_action(self, name, text, slot)
        (menu if menu is not None else self).addAction(action)
        self.actions_by_name[name] = action
        return action

    def _connect_signals(self) -> None:
        c, w = self.controller, self.session
        c.meeting_opened.connect(self._on_controller_meeting_opened)
        c.change_applied.connect(self._on_controller_change_applied)
        c.current_item_changed.connect(self._on_controller_current_item_changed)
        c.speaker_changed.connect(self._on_controller_speaker_changed)
        for recount in (c.meeting_opened, c.change_applied, c.current_item_changed):  # the header's quorum
            recount.connect(lambda *_: self.header.quorum.show_status(c.meeting, c.current_item()))
        c.refused.connect(self._on_controller_refused)
        w.saved.connect(self._on_session_saved)
        w.save_failed.connect(self._on_session_save_failed)
        w.failed.connect(self._on_session_failed)
        self.statusBar().messageChanged.connect(self._on_status_bar_message_changed)
        w.open_failed.connect(self._on_session_open_failed)
        w.read_only.connect(self._on_session_read_only)
        w.store_problem.connect(self._on_session_failed)
        self.agenda.item_activated.connect(c.go_to_item)
        self.agenda.move_requested.connect(c.move_item)
        self.agenda.delete_requested.connect(c.delete_item)
        self.agenda.edit_requested.connect(self._on_agenda_edit_requested)
        self.notes.text_edited.connect(lambda eid, text: c.edit_entry(eid, text=text))
        self.entry.editor.textChanged.connect(self.notes.follow_newest)
        self.notes.delete_requested.connect(c.delete_entry)
        self.notes.join_requested.connect(c.toggle_join)
        self.notes.move_requested.connect(c.move_entry)
        self.notes.vote_edit_requested.connect(self._on_notes_vote_edit_requested)
        self.entry.submitted.connect(self._on_entry_submitted)
        self.entry.draft_changed.connect(c.save_draft)
        self.speakers.speaker_picked.connect(self._on_speakers_speaker_picked)
        self.speakers.attendance_requested.connect(c.set_attendance)

    # -- showing -----------------------------------------------------------------------

    def _on_controller_meeting_opened(self, meeting: Meeting) -> None:
        """A meeting read whole: every pane shows it afresh."""
        if self.settings.last_meeting != meeting.id or not self.windowTitle().endswith(meeting.title):
            self.settings.add_recent(meeting.id)
        self.settings.last_meeting = meeting.id
        self._show_meeting_state(meeting)
        self.agenda.show_meeting(meeting, self.controller.current_item_id, live.is_running(meeting))
        self.notes.show_item(meeting, self.controller.current_item())
        self.speakers.show_meeting(meeting)
        self._show_speakers()
        d = meeting.draft
        self.entry.restore_draft({"kind": d.kind, "text": d.text, "respond": d.respond} if d else None)

    def _on_controller_change_applied(self, change) -> None:
        """A change came back from the store: only what it touched is redrawn."""
        meeting, c = self.controller.meeting, self.controller
        if change.meeting:
            self._show_meeting_state(meeting)
        if change.items or change.meeting or any(e.how != "edited" for e in change.entries):
            self.agenda.show_meeting(meeting, c.current_item_id, live.is_running(meeting))
        current = c.current_item()
        if current is not None and (any(e.item_id == current.id for e in change.entries)
                                    or any(i.item_id == current.id for i in change.items) or change.people):
            self.notes.show_item(meeting, current)
        if change.people:
            self.speakers.show_meeting(meeting)
        self._show_speakers()  # who "in response to" names may have changed

    def _on_controller_current_item_changed(self, _item_id: int | None) -> None:
        meeting, c = self.controller.meeting, self.controller
        if meeting is not None:
            self.agenda.show_meeting(meeting, c.current_item_id, live.is_running(meeting))
            self.notes.show_item(meeting, c.current_item())
            self._show_speakers()

    def _show_meeting_state(self, meeting: Meeting) -> None:
        """The title, the header, the status and whether the entry line can be typed in."""
        locked = planning.is_locked(meeting)
        self.entry.editor.setReadOnly(locked or bool(self.read_only_reason))
        self.entry.set_instructions(
            self.read_only_reason or
            "Approved minutes are read-only · Meeting › Status › Unlock approved minutes… to change them" if locked
            else self.read_only_reason or INSTRUCTIONS)
        self.actions_by_name[f"status_{meeting.status}"].setChecked(True)
        self.actions_by_name["unlock"].setEnabled(locked)
        self.setWindowTitle(f"ClerkDesk — {meeting.title}")
        self.header.show_meeting(meeting)

    def _on_controller_speaker_changed(self, key: str | None) -> None:
        self.speakers.set_speaker(key)
        self._show_speakers()

    def _show_speakers(self) -> None:
        m, c = self.controller.meeting, self.controller
        if m is not None:
            self.entry.set_speakers(name_for(m, c.current_speaker), name_for(m, c.previous_speaker()))

    def _on_shortcuts_triggered(self) -> None:
        self._show_dialog(ShortcutsDialog(self))

    def _show_dialog(self, dialog: QDialog) -> None:
        """Open a window-modal dialog; when it closes, the clerk is back in the entry line, typing."""
        def back() -> None:
            self.activateWindow()  # a window manager would do this; offscreen and some desktops do not
            self.entry.editor.setFocus(Qt.FocusReason.OtherFocusReason)
            dialog.deleteLater()
        dialog.finished.connect(back)
        tab_in_reading_order(dialog)
        fit_to_text(dialog)
        dialog.open()

    def _zoom(self, step: int) -> None:
        size = None if step == 0 else max(8, min(40, self.notes.view.font().pointSize() + step))
        self.settings.notes_point_size = size
        self.notes.set_point_size(size)

    NOTES_SHARE = 0.45  # the least of the width the notes keep, on any screen

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._keep_notes_wide()

    def _keep_notes_wide(self) -> None:
        """Give the notes at least ``NOTES_SHARE`` of the width (a splitter restored from a bigger
        screen, or a small one, would squeeze them), taking it from the side panes in proportion."""
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total <= 0 or sizes[1] >= self.NOTES_SHARE * total:
            return
        notes = round(0.5 * total)
        sides = sizes[0] + sizes[2] or 1
        left = round((total - notes) * sizes[0] / sides)
        self.splitter.setSizes([left, notes, total - notes - left])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.entry.flush_draft()
        self.settings.geometry = self.saveGeometry()
        self.settings.splitter = self.splitter.saveState()
        self.settings.sync()
        self.session.backup("window-closed")  # after whatever is still queued
        self.session.stop()  # writes whatever is still queued before the window goes
        super().closeEvent(event)
