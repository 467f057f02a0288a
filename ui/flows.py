"""What the window does when the clerk asks for something through a menu or a pane: the dialogs
that ask (a new meeting, an agenda, a vote, a declaration, an exempt item, properties, unlock),
the exports, and moving about. Each hands what the clerk chose to the controller or the session.

Each dialog's module is imported when it is first opened, so none of them delays the start-up.
``MeetingFlows`` is part of ``MainWindow`` (which composes it with the panes and menus); it uses
the window's controller, session, panes and ``_show_dialog``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QProgressDialog

from clerkdesk import live, ops
from clerkdesk.agenda_import import AgendaPreview, parse_agenda_text, read_agenda
from clerkdesk.export import export_meeting
from clerkdesk.model import Meeting
from clerkdesk.wording import format_date

from .background import run_in_background
from .menus import resolve
from .proofing import add_to_export_dialog

if TYPE_CHECKING:
    from .dialogs.export import ExportChoice


class MeetingFlows:
    """The window's dialogs and flows (a part of MainWindow)."""

    def _on_entry_submitted(self, kind: str, text: str, respond: bool, layout: dict | None = None) -> None:
        from .dialogs.forms import DeclarationDialog
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
        from .dialogs.vote import VoteDialog
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

    def _for_selected(self, what: str) -> None:
        """Record an arrival or a departure (the controller's ``what``) for the selected person or the speaker."""
        key_ = self.speakers.selected_key() or self.controller.current_speaker
        if key_:
            getattr(self.controller, what)(key_)

    def _focus(self, path: str) -> None:
        resolve(self, path).setFocus(Qt.FocusReason.ShortcutFocusReason)

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
        from .dialogs.forms import ItemDialog
        c = self.controller
        ids = [i.id for i in c.meeting.items] if c.meeting else []
        index = ids.index(c.current_item_id) + 1 if c.current_item_id in ids else None
        dialog = ItemDialog(None, self)
        dialog.accepted.connect(lambda: c.add_item(dialog.number.text().strip(), dialog.title.text().strip(), index))
        self._show_dialog(dialog)

    def _on_agenda_edit_requested(self, item_id: int) -> None:
        from .dialogs.forms import ItemDialog
        c = self.controller
        dialog = ItemDialog(c.item(item_id), self)
        dialog.accepted.connect(lambda: c.edit_item(item_id, number=dialog.number.text().strip(),
                                                    title=dialog.title.text().strip(),
                                                    minute_number=dialog.minute.text().strip()))
        self._show_dialog(dialog)

    def _on_exempt_triggered(self) -> None:
        from .dialogs.forms import ExemptDialog
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
        from .dialogs.forms import PropertiesDialog
        if self.controller.meeting is None:
            return
        dialog = PropertiesDialog(self.controller.meeting, self)
        dialog.accepted.connect(lambda: self.controller.update_meeting(**dialog.changes()))
        self._show_dialog(dialog)

    def _on_find_triggered(self) -> None:
        from .dialogs.find import FindDialog
        if self.controller.meeting is None:
            return
        dialog = FindDialog(self.controller.meeting, self)
        dialog.accepted.connect(lambda: dialog.chosen_item() and self.controller.go_to_item(dialog.chosen_item()))
        self._show_dialog(dialog)

    def _on_new_meeting_triggered(self) -> None:
        from .dialogs.forms import NewMeetingDialog
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
        from .dialogs.agenda_preview import PasteAgendaDialog
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
        from .dialogs.agenda_preview import AgendaPreviewDialog
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
        from .dialogs.actions import ActionsDialog
        if self.controller.meeting is not None:
            self._show_dialog(ActionsDialog(self.session, self.controller.meeting.committee.name, self))

    def _on_open_meeting_triggered(self) -> None:
        from .dialogs.browser import MeetingBrowser
        browser = MeetingBrowser(self.session, self)
        browser.meeting_chosen.connect(self.controller.open_meeting)
        browser.meeting_deleted.connect(self._on_browser_meeting_deleted)
        self._show_dialog(browser)

    def _on_browser_meeting_deleted(self, meeting_id: int) -> None:
        if meeting_id == self.controller.meeting_id:
            self.controller.open_meeting(None)  # the newest meeting left takes its place

    def _on_export_triggered(self) -> None:
        from .dialogs.export import ExportDialog
        m = self.controller.meeting
        if m is None:
            return
        dialog = ExportDialog(m, self.settings, self)
        add_to_export_dialog(dialog, self.proofing, self, m)
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

