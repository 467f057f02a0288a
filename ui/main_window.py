"""The main window: composes the header, the three panes, the menus and the status bar.

It connects the panes' requests to the controller and the controller's meeting back to the
panes; the work itself is theirs (showing) and the core's (changing), reached through the
controller and the session.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (QDialog, QFileDialog, QInputDialog, QLabel, QMainWindow, QMessageBox, QProgressDialog, QSplitter,
                               QVBoxLayout, QWidget)

from clerkdesk import live, ops, planning
from clerkdesk.agenda_import import AgendaPreview, parse_agenda_text, read_agenda
from clerkdesk.export import export_meeting
from clerkdesk.model import STATUSES, Meeting
from clerkdesk.wording import format_date, name_for

from .actions_dialog import ActionsDialog
from .agenda_pane import AgendaPane
from .announce import announce
from .agenda_preview import AgendaPreviewDialog, PasteAgendaDialog
from .browser import MeetingBrowser
from .controller import MeetingController
from .dialogs import DeclarationDialog, ExemptDialog, ItemDialog, NewMeetingDialog, PropertiesDialog
from .background import run_in_background
from .entry_editor import INSTRUCTIONS, EntryEditor
from .export_dialog import ExportChoice, ExportDialog
from .find_dialog import FindDialog
from .focus_order import tab_in_reading_order
from .header_bar import HeaderBar
from .look import fit_to_text
from .notes_pane import NotesPane
from .settings import Settings
from .shortcuts import ShortcutsDialog, key
from .speakers_pane import SpeakersPane
from .session import Session
from .vote_dialog import VoteDialog

KINDS = ("speech", "note", "point", "resolution", "vote", "action", "declaration", "event")


class MainWindow(QMainWindow):
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
        self.save_status = QLabel("Opening…")
        self.save_status.setObjectName("saveStatus")
        self.save_status.setAccessibleDescription("Save status")  # its name is what it says
        self.statusBar().addPermanentWidget(self.save_status)
        self._build_layout()
        self.actions_by_name: dict[str, QAction] = {}
        self._build_menus()
        self._connect_signals()
        self.notes.set_point_size(settings.notes_point_size)
        if settings.geometry is not None:
            self.restoreGeometry(settings.geometry)
        else:
            self.resize(1366, 768)
        if settings.splitter is not None:
            self.splitter.restoreState(settings.splitter)
        self.session.start()
        self.controller.open_meeting(settings.last_meeting)

    def _build_layout(self) -> None:
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        column.addWidget(self.notes, 1)
        column.addWidget(self.entry)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("paneSplitter")
        self.splitter.setChildrenCollapsible(False)
        for pane in (self.agenda, centre, self.speakers):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([360, 640, 380])
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

    def _act(self, menu, name: str, text: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"action_{name}")
        action.setShortcut(QKeySequence(key(name)))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda *_checked: slot())  # never hand `checked` to a slot's defaults
        if menu is not None:
            menu.addAction(action)
        else:
            self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_menus(self) -> None:
        c = self.controller
        file = self.menuBar().addMenu("&File")
        self._act(file, "new_meeting", "&New meeting…", self._on_new_meeting_triggered)
        self._act(file, "open_meeting", "&Open meeting…", self._on_open_meeting_triggered)
        self.recent_menu = file.addMenu("&Recent meetings")
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        file.addSeparator()
        self._act(file, "import_agenda", "&Import agenda…", self._on_import_agenda_triggered)
        self._act(file, "paste_agenda", "&Paste agenda as text…", self._on_paste_agenda_triggered)
        self._act(file, "export", "&Export…", self._on_export_triggered)
        file.addSeparator()
        self._act(file, "quit", "&Quit", self.close)
        edit = self.menuBar().addMenu("&Edit")
        undo = c.undo_stack.createUndoAction(self, "&Undo")
        redo = c.undo_stack.createRedoAction(self, "&Redo")
        for action, name in ((undo, "undo"), (redo, "redo")):
            action.setShortcut(QKeySequence(key(name)))
            edit.addAction(action)
            self.actions_by_name[name] = action
        self._act(edit, "find", "&Find in this meeting…", self._on_find_triggered)
        edit.addSeparator()
        for kind in KINDS:
            self._act(edit, f"kind_{kind}", f"Next entry: {kind.capitalize()}", lambda k=kind: self.entry.set_kind(k))
        self._act(edit, "respond", "In response to the &previous speaker", self.entry.toggle_respond)
        edit.addSeparator()
        # Reordering without a drag: the selected agenda item or entry, whichever pane has the keyboard.
        # The keys are shown, not bound: the panes own them (a second binding would make them ambiguous).
        self._act(edit, "move_up", f"Mo&ve up\t{key('item_up')}", lambda: self._move_in_focused_pane(-1))
        self._act(edit, "move_down", f"Move do&wn\t{key('item_down')}", lambda: self._move_in_focused_pane(1))
        self._act(None, "stamp_time", "Stamp the time", self._on_stamp_time_triggered)
        meeting = self.menuBar().addMenu("&Meeting")
        self._act(meeting, "start_meeting", "&Start meeting", c.start_meeting)
        self._act(meeting, "close_meeting", "&Close meeting", c.close_meeting)
        self._act(meeting, "attendance", "&Attendance", self._on_attendance_triggered)
        self._act(meeting, "properties", "&Properties…", self._on_properties_triggered)
        status = meeting.addMenu("S&tatus")
        self.status_group = QActionGroup(self)
        for name in STATUSES:
            action = self._act(status, f"status_{name}", name.capitalize(), lambda n=name: c.set_status(n))
            action.setCheckable(True)
            self.status_group.addAction(action)
        status.addSeparator()
        self._act(status, "unlock", "&Unlock approved minutes…", self._on_unlock_triggered)
        self._act(meeting, "open_actions", "&Open actions…", self._on_open_actions_triggered)
        meeting.addSeparator()
        self._act(meeting, "next_item", "&Next item", lambda: c.step_item(1))
        self._act(meeting, "previous_item", "Pre&vious item", lambda: c.step_item(-1))
        self._act(meeting, "add_item", "Add &item…", self._on_add_item_triggered)
        self._act(meeting, "exempt", "E&xempt (Part 2)…", self._on_exempt_triggered)
        self._act(meeting, "renumber_minutes", "Number the &minutes", c.renumber_minutes)
        meeting.addSeparator()
        self._act(meeting, "pick_speaker", "Pick a spea&ker", self.speakers.focus_filter)
        self._act(meeting, "queue_speaker", "&Queue the selected person", self.speakers.queue_selected)
        self._act(meeting, "next_speaker", "Next speaker from the q&ueue", self.speakers.take_next)
        self._act(meeting, "arrived", "Selected person a&rrived now", lambda: self._for_selected(c.record_arrival))
        self._act(meeting, "left", "Selected person &left now", lambda: self._for_selected(c.record_departure))
        view = self.menuBar().addMenu("&View")
        for name, text, target in (("focus_agenda", "&Agenda", self.agenda.view),
                                   ("focus_notes", "&Notes", self.notes.view),
                                   ("focus_entry", "&Entry line", self.entry.editor),
                                   ("focus_people", "&People", self.speakers.view)):
            self._act(view, name, text, lambda t=target: t.setFocus(Qt.FocusReason.ShortcutFocusReason))
        view.addSeparator()
        self._act(view, "zoom_in", "&Larger notes text", lambda: self._zoom(1))
        self._act(view, "zoom_out", "&Smaller notes text", lambda: self._zoom(-1))
        self._act(view, "zoom_reset", "&Usual notes text", lambda: self._zoom(0))
        self.actions_by_name["zoom_in"].setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        attend = QAction(self.speakers.view)
        attend.setShortcut(QKeySequence(key("set_attendance")))
        attend.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        attend.triggered.connect(self.speakers.edit_attendance)
        self.speakers.view.addAction(attend)
        help_menu = self.menuBar().addMenu("&Help")
        self._act(help_menu, "shortcuts", "&Keyboard shortcuts", self._on_shortcuts_triggered)

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
        self.agenda.item_activated.connect(c.go_to_item)
        self.agenda.move_requested.connect(c.move_item)
        self.agenda.delete_requested.connect(c.delete_item)
        self.agenda.edit_requested.connect(self._on_agenda_edit_requested)
        self.notes.text_edited.connect(lambda eid, text: c.edit_entry(eid, text=text))
        self.entry.editor.textChanged.connect(self.notes.follow_newest)
        self.notes.delete_requested.connect(c.delete_entry)
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
        self.entry.editor.setReadOnly(locked)
        self.entry.set_instructions(
            "Approved minutes are read-only · Meeting › Status › Unlock approved minutes… to change them" if locked
            else INSTRUCTIONS)
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

    def _on_session_saved(self, when: str) -> None:
        was_failing = bool(self.save_status.property("failed"))
        self.save_status.setProperty("failed", False)
        self.save_status.setText(f"All changes saved {when}")
        self._repolish(self.save_status)
        if was_failing:
            announce(self.save_status, self.save_status.text())

    def _on_session_save_failed(self, message: str) -> None:
        self._show_failure(f"Not saved — retrying; your text is kept. {message}")

    def _show_failure(self, text: str) -> None:
        """Show why saving fails, and say it aloud once (not at every retry)."""
        news = not self.save_status.property("failed") or text != self.save_status.text()
        self.save_status.setProperty("failed", True)
        self.save_status.setText(text)
        self._repolish(self.save_status)
        if news:
            announce(self.save_status, text, urgent=True)

    def _on_session_failed(self, message: str) -> None:
        """A job failed unexpectedly: said in red, and kept in view while the saves behind it carry on."""
        bar = self.statusBar()
        bar.setProperty("failed", True)
        self._repolish(bar)
        bar.showMessage(message, 60000)
        announce(bar, message, urgent=True)

    def _on_status_bar_message_changed(self, text: str) -> None:
        if not text and self.statusBar().property("failed"):
            self.statusBar().setProperty("failed", False)
            self._repolish(self.statusBar())

    def _on_controller_refused(self, message: str) -> None:
        self.statusBar().setProperty("failed", False)
        self._repolish(self.statusBar())
        self.statusBar().showMessage(message, 8000)

    def _on_session_open_failed(self, message: str) -> None:
        self._show_failure(message)

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    # -- doing -------------------------------------------------------------------------

    def _on_entry_submitted(self, kind: str, text: str, respond: bool, layout: dict | None = None) -> None:
        c, m = self.controller, self.controller.meeting
        if m is None:
            return
        if kind == "vote":
            self._open_vote(text)
        elif kind == "declaration":
            if c.current_speaker is None:
                c.refused.emit("Pick who is declaring (Ctrl+P) first.")
                self.entry.restore_draft({"kind": kind, "text": text})
                return
            dialog = DeclarationDialog(m, c.current_speaker, text, c.current_item_id, self)
            dialog.accepted.connect(lambda: c.declare_interest(dialog.person, dialog.text.text(),
                                                               dialog.leaves_for_item()))
            self._show_dialog(dialog)
        else:
            c.add_entry(c.typed_entry(kind, text, respond, **(layout or {})))

    def _open_vote(self, motion: str, entry_id: int | None = None) -> None:
        c = self.controller
        entry = c.entry(entry_id) if entry_id else None
        dialog = VoteDialog(c.meeting, live.voting_members(c.meeting, c.current_item()), motion, entry, self,
                            item=c.current_item())
        if entry is None:
            dialog.accepted.connect(lambda: c.add_entry(dialog.entry()))
        else:
            def save() -> None:
                v = dialog.entry()
                c.edit_entry(entry.id, motion=v.motion, mover=v.mover, seconder=v.seconder, votes_for=v.votes_for,
                             votes_against=v.votes_against, votes_abstain=v.votes_abstain, outcome=v.outcome,
                             recorded=v.recorded)
            dialog.accepted.connect(save)
        self._show_dialog(dialog)

    def _on_notes_vote_edit_requested(self, entry_id: int) -> None:
        self._open_vote("", entry_id)

    def _on_speakers_speaker_picked(self, key: str) -> None:
        self.controller.set_speaker(key)
        self.entry.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _for_selected(self, fn: Callable[[str], None]) -> None:
        key_ = self.speakers.selected_key() or self.controller.current_speaker
        if key_:
            fn(key_)

    def _move_in_focused_pane(self, step: int) -> None:
        focus = self.focusWidget()
        if focus is self.agenda.view:
            self.agenda.move_selected(step)
        elif focus is self.notes.view:
            self.notes.move_selected(step)
        else:
            self.controller.refused.emit("Select an agenda item (Alt+1) or an entry (Alt+2) to move first.")

    def _on_stamp_time_triggered(self) -> None:
        from clerkdesk.wording import format_time
        self.entry.editor.insertPlainText(format_time(live.now_hhmm()))

    def _on_attendance_triggered(self) -> None:
        self.speakers.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.speakers.view.currentItem() is None and self.speakers.view.topLevelItemCount():
            self.speakers.view.setCurrentItem(self.speakers.view.topLevelItem(0).child(0))

    def _on_add_item_triggered(self) -> None:
        c = self.controller
        ids = [i.id for i in c.meeting.items] if c.meeting else []
        index = ids.index(c.current_item_id) + 1 if c.current_item_id in ids else None
        dialog = ItemDialog(None, self)
        dialog.accepted.connect(lambda: c.add_item(dialog.number.text().strip(), dialog.title.text().strip(), index))
        self._show_dialog(dialog)

    def _on_agenda_edit_requested(self, item_id: int) -> None:
        c = self.controller
        dialog = ItemDialog(c.item(item_id), self)
        dialog.accepted.connect(lambda: c.edit_item(item_id, number=dialog.number.text().strip(),
                                                    title=dialog.title.text().strip(),
                                                    minute_number=dialog.minute.text().strip()))
        self._show_dialog(dialog)

    def _on_exempt_triggered(self) -> None:
        c = self.controller
        item = c.item(self.agenda.selected_item_id() or c.current_item_id)
        if item is None:
            return
        if item.exempt:
            c.set_exempt(item.id, False)
            return
        dialog = ExemptDialog(item, self)
        dialog.accepted.connect(lambda: c.set_exempt(item.id, True, dialog.chosen_paragraph()))
        self._show_dialog(dialog)

    def _on_properties_triggered(self) -> None:
        if self.controller.meeting is None:
            return
        dialog = PropertiesDialog(self.controller.meeting, self)
        dialog.accepted.connect(lambda: self.controller.update_meeting(**dialog.changes()))
        self._show_dialog(dialog)

    def _on_find_triggered(self) -> None:
        if self.controller.meeting is None:
            return
        dialog = FindDialog(self.controller.meeting, self)
        dialog.accepted.connect(lambda: dialog.chosen_item() and self.controller.go_to_item(dialog.chosen_item()))
        self._show_dialog(dialog)

    def _on_new_meeting_triggered(self) -> None:
        current = self.controller.meeting

        def ask(committees: list[str]) -> None:
            dialog = NewMeetingDialog(committees, current.committee.name if current else "", self)

            def create() -> None:
                args = dialog.values()
                self.session.call(ops.new_meeting, **args, on_done=lambda change: self._open_made(change.result),
                                  on_refused=lambda message: self.warn("ClerkDesk", message))
            dialog.accepted.connect(create)
            self._show_dialog(dialog)
        self.session.read(lambda s: [c.name for c in s.committees()], ask)

    def _open_made(self, meeting_id: int) -> None:
        """Open the meeting an operation made (or added to)."""
        self.controller.open_meeting(meeting_id)

    def _on_recent_menu_about_to_show(self) -> None:
        self.recent_menu.clear()
        ids = self.settings.recent_meetings

        def fill(meetings: list) -> None:
            known = {m.id: m for m in meetings}
            self.recent_menu.clear()
            for n, mid in enumerate(i for i in ids if i in known):
                m = known[mid]
                action = self.recent_menu.addAction(f"&{n + 1}  {m.title} — {format_date(m.date)}")
                action.triggered.connect(lambda *_, i=mid: self.controller.open_meeting(i))
            if self.recent_menu.isEmpty():
                self.recent_menu.addAction("No recent meetings").setEnabled(False)
        self.session.read(lambda s: s.list_meetings(), fill)

    def _on_import_agenda_triggered(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import an agenda", "",
                                              "Agendas (*.docx *.pdf *.txt);;All files (*)")
        if path:
            self.import_agenda_file(Path(path))

    def import_agenda_file(self, path: Path) -> None:
        """Read an agenda file off the GUI thread, then show the preview."""
        self.statusBar().showMessage("Reading the agenda…")
        run_in_background(lambda: read_agenda(path), self.preview_agenda, self._agenda_unreadable)

    def _on_paste_agenda_triggered(self) -> None:
        dialog = PasteAgendaDialog(self)
        dialog.accepted.connect(lambda: run_in_background(
            lambda: parse_agenda_text(dialog.text.toPlainText(), "The pasted agenda"), self.preview_agenda,
            self._agenda_unreadable))
        self._show_dialog(dialog)

    def _agenda_unreadable(self, message: str) -> None:
        self.statusBar().clearMessage()
        self.warn("The agenda was not imported", message)

    def preview_agenda(self, preview: AgendaPreview) -> None:
        """Show the agenda as read, for the clerk to correct; Apply writes it through the core."""
        self.statusBar().clearMessage()

        def show(committees: list[str]) -> None:
            dialog = AgendaPreviewDialog(preview, self.controller.meeting, committees, self)

            def apply() -> None:
                items, where = dialog.items(), dialog.destination()
                self.session.call(ops.apply_agenda, items, **where, on_done=lambda change: self._open_made(change.result),
                                  on_refused=lambda message: self.warn("ClerkDesk", message))
            dialog.accepted.connect(apply)
            self._show_dialog(dialog)
        self.session.read(lambda s: [c.name for c in s.committees()], show)

    def _on_unlock_triggered(self) -> None:
        dialog = QInputDialog(self)
        dialog.setObjectName("unlockDialog")
        dialog.setWindowTitle("Unlock approved minutes")
        dialog.setLabelText("These minutes were approved as a correct record. Unlocking is recorded with the "
                            "time.\nWhy must they change?")
        dialog.textValueSelected.connect(self.controller.unlock)
        self._show_dialog(dialog)

    def warn(self, title: str, message: str) -> None:
        """Tell the clerk, in one sentence, why something was not done (a window-modal box)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("warning")
        self._show_dialog(box)

    def _on_open_actions_triggered(self) -> None:
        if self.controller.meeting is not None:
            self._show_dialog(ActionsDialog(self.session, self.controller.meeting.committee.name, self))

    def _on_open_meeting_triggered(self) -> None:
        browser = MeetingBrowser(self.session, self)
        browser.meeting_chosen.connect(self.controller.open_meeting)
        browser.meeting_deleted.connect(self._on_browser_meeting_deleted)
        self._show_dialog(browser)

    def _on_browser_meeting_deleted(self, meeting_id: int) -> None:
        if meeting_id == self.controller.meeting_id:
            self.controller.open_meeting(None)  # the newest meeting left takes its place

    def _on_export_triggered(self) -> None:
        m = self.controller.meeting
        if m is None:
            return
        dialog = ExportDialog(m, self.settings, self)
        dialog.accepted.connect(lambda: self.export(dialog.choice()))
        self._show_dialog(dialog)

    def export(self, choice: ExportChoice) -> None:
        """Export the open meeting as chosen: the meeting is read after every queued save, then written
        on a thread of its own, so typing and saving carry on meanwhile."""
        mid = self.controller.meeting_id
        progress = QProgressDialog("Exporting the minutes…", "", 0, 0, self)
        progress.setObjectName("exportProgress")
        progress.setWindowTitle("Export")
        progress.setCancelButton(None)
        progress.setMinimumDuration(300)  # a quick export never flashes a dialog
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.statusBar().showMessage("Exporting the minutes…")

        def done(result) -> None:
            progress.close()
            note = f"Exported to {result.path}"
            if result.warnings:
                note += " — " + " ".join(result.warnings)
            self.statusBar().showMessage(note, 15000)
            self.last_export = result
            if choice.open_after:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path)))

        def failed(message: str) -> None:
            progress.close()
            self.statusBar().clearMessage()
            self.warn("The minutes were not exported", message)

        def write(meeting: Meeting) -> None:
            run_in_background(lambda: export_meeting(meeting, choice.fmt, choice.path, choice.confidential,
                                                     choice.template), done, failed)
        self.session.job(lambda s: s.load_meeting(mid), write)  # after every change queued before it

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

    def closeEvent(self, event: QCloseEvent) -> None:
        self.entry.flush_draft()
        self.settings.geometry = self.saveGeometry()
        self.settings.splitter = self.splitter.saveState()
        self.settings.sync()
        self.session.stop()  # writes whatever is still queued before the window goes
        super().closeEvent(event)
