"""The meeting's recording in the window: Meeting › Record, Attach recording…, Delete recording,
playing from an entry (Ctrl+Space, and the notes' menu), the retention policy at start-up, and
the offer to delete once the minutes are approved.

It wires the recorder (recorder.py) and the player bar (player_bar.py) to the window it is
given, so the main window only makes it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QLineEdit, QMessageBox,
                               QVBoxLayout, QWidget)

from clerkdesk import ops
from clerkdesk.model import Meeting
from clerkdesk.ops.recordings import wav_duration_ms

from .panes.notes import ID_ROLE
from .player_bar import PlayerBar
from .recorder import LiveRecorder, RecordingIndicator, microphones, pick_microphone
from .shortcuts import key

AUDIO_FILTER = "Recordings (*.wav *.mp3 *.m4a *.ogg *.opus *.aac);;All files (*)"


def megabytes(size: int) -> str:
    """A size as the clerk reads it."""
    return f"{size / 1_000_000:.1f} MB"


class AttachDialog(QDialog):
    """Meeting › Attach recording…: the file's clock time at its first second."""

    def __init__(self, path: str, start: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("attachRecordingDialog")
        self.setWindowTitle("Attach recording")
        self.path = path
        self.start = QLineEdit(start)
        self.start.setObjectName("attachStart")
        self.start.setAccessibleName("Clock time the recording starts")
        form = QFormLayout()
        form.addRow("File:", QLabel(Path(path).name))
        form.addRow("&Started at (HH:MM or HH:MM:SS):", self.start)
        note = QLabel("The time of the recording's first second, so each entry plays from where it was said.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)


class RecordingTools(QObject):
    """Adds the recording's menu items, the header indicator and the player bar's wiring to a main window."""

    def __init__(self, window, player: PlayerBar, meeting_menu):
        super().__init__(window)
        self.window, self.player = window, player
        self.session, self.controller = window.session, window.controller
        self.player.lead_s = window.settings.play_lead_s
        self.recorder = LiveRecorder(self.session, self.session.data_dir, self)
        self.recorder.microphone = window.settings.microphone
        self.indicator = RecordingIndicator(self.recorder)
        window.header.layout().insertWidget(1, self.indicator)
        self._policy_pauses_exempt = False
        self._auto_paused = False
        self._build_actions(meeting_menu)
        self._connect_signals()
        self.session.call(ops.recover_recordings, owner=self)  # a recording a crash cut short plays to where it stops
        self.session.call(ops.apply_retention, on_done=self._on_retention_applied, owner=self)

    def _build_actions(self, menu) -> None:
        menu.addSeparator()
        self.record = self._action(menu, "record", "Recor&d", self._on_record_triggered)
        self.stop = self._action(menu, "stop_recording", "Stop r&ecording", self.recorder.stop)
        self._action(menu, "attach_recording", "Attac&h recording…", self._on_attach_triggered)
        self.delete = self._action(menu, "delete_recording", "Delete recordin&g", self._on_delete_triggered)
        self.microphone_menu = menu.addMenu("&Which microphone")
        self.microphone_menu.setObjectName("microphoneMenu")
        self.microphone_menu.aboutToShow.connect(self._on_microphone_menu_about_to_show)
        lead = menu.addMenu("Play &from before the entry")
        lead.setObjectName("leadMenu")
        group = QActionGroup(lead)
        for seconds in (5, 10, 15, 20, 30):
            a = lead.addAction(f"{seconds} seconds")
            a.setObjectName(f"action_lead_{seconds}")
            a.setCheckable(True)
            a.setChecked(seconds == self.window.settings.play_lead_s)
            a.triggered.connect(lambda *_, s=seconds: self._set_lead(s))
            group.addAction(a)
        play = QAction("&Play the recording from here", self.window.notes.view)
        play.setObjectName("action_play_entry")
        play.setShortcut(QKeySequence(key("play_entry")))
        play.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        play.triggered.connect(lambda *_: self.play_selected())
        self.window.notes.view.addAction(play)  # the notes' context menu too
        self.window.actions_by_name["play_entry"] = play
        self._action(None, "play_pause", "Play or pause the recording", self.player.toggle)
        self._show_record_state(self.recorder.state)

    def _action(self, menu, name: str, text: str, slot) -> QAction:
        return self.window._act(menu, name, text, slot)

    def _connect_signals(self) -> None:
        c = self.controller
        c.meeting_opened.connect(self._on_controller_meeting_opened)
        c.change_applied.connect(self._on_controller_change_applied)
        c.current_item_changed.connect(self._on_controller_current_item_changed)
        self.recorder.state_changed.connect(self._show_record_state)
        self.recorder.warning.connect(self._say)
        self.recorder.recordings_changed.connect(self._on_recorder_recordings_changed)
        self.player.refused.connect(self._say)
        self.player.entry_heard.connect(self._on_player_entry_heard)
        self.player.length_found.connect(
            lambda rid, ms: self.session.call(ops.note_recording_length, rid, ms, owner=self))

    # -- showing -----------------------------------------------------------------------

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 15000)

    def _show_record_state(self, state: str) -> None:
        has_mic = self.recorder.available()
        self.record.setEnabled(has_mic and self.controller.meeting is not None)
        self.record.setText({"recording": "Pause recor&ding", "paused": "Resume recor&ding"}.get(state, "Recor&d")
                            if has_mic else "Recor&d (no microphone on this computer)")
        self.stop.setEnabled(state != "stopped")

    def _on_controller_meeting_opened(self, meeting: Meeting) -> None:
        if self.recorder.state != "stopped" and self.recorder.meeting_id != meeting.id:
            self.recorder.stop()  # a recording belongs to the meeting it was started in
        self._show_record_state(self.recorder.state)
        self._reload(meeting.id)

    def _reload(self, meeting_id: int | None) -> None:
        if meeting_id is None:
            return

        def read(store):
            m = store.load_meeting(meeting_id)
            return store.recordings(meeting_id), store.recording_policy(store.committee(m.committee.name).id)
        self.session.read(read, self._on_recordings_read, owner=self)

    def _on_recordings_read(self, answer) -> None:
        recordings, policy = answer
        meeting = self.controller.meeting
        if meeting is None or (recordings and recordings[0].meeting_id != meeting.id):
            return
        self._policy_pauses_exempt = policy.pauses_exempt
        self.player.show_recordings(meeting, recordings, self.session.data_dir)
        self.delete.setEnabled(bool(recordings))
        self.delete.setText(f"Delete recordin&g ({megabytes(sum(r.size for r in recordings))})" if recordings
                            else "Delete recordin&g")

    def _on_recorder_recordings_changed(self, meeting_id: int) -> None:
        if self.controller.meeting is not None and self.controller.meeting.id == meeting_id:
            self._reload(meeting_id)

    def _on_controller_change_applied(self, change) -> None:
        m = self.controller.meeting
        if m is None or change.meeting_id != m.id:
            return
        if change.entries:
            self.player.show_recordings(m, self.player._recordings, self.session.data_dir)
        if change.meeting.get("status") == "approved" and self.player.has_recording():
            self._offer_deletion(m)

    def _on_controller_current_item_changed(self, _item_id) -> None:
        """Pause recording while an exempt item is current, when the committee asks for it."""
        item = self.controller.current_item()
        if not self._policy_pauses_exempt or self.controller.meeting is None:
            return
        if item is not None and item.exempt and self.recorder.state == "recording":
            self.recorder.pause()
            self._auto_paused = True
            self._say("Recording paused for the exempt item; it resumes at the next public item.")
        elif self._auto_paused and (item is None or not item.exempt) and self.recorder.state == "paused":
            self._auto_paused = False
            self.recorder.start(self.controller.meeting.id)

    def _on_player_entry_heard(self, entry_id: int) -> None:
        notes = self.window.notes
        for row in range(notes.view.count()):
            if notes.view.item(row).data(ID_ROLE) == entry_id:
                notes.view.setCurrentRow(row)
                return

    # -- doing -------------------------------------------------------------------------

    def _on_record_triggered(self) -> None:
        m = self.controller.meeting
        if m is not None:
            self.recorder.toggle(m.id)

    def play_selected(self) -> None:
        """Play the recording from a little before the selected entry (the newest, when none is selected)."""
        m = self.controller.meeting
        if m is None:
            return
        eid = self.window.notes.selected_entry_id()
        entry = self.controller.entry(eid) if eid is not None else None
        if entry is None:
            item = self.controller.current_item()
            entry = item.entries[-1] if item is not None and item.entries else None
        if entry is None:
            self._say("Select an entry in the notes (Alt+2) to hear it.")
            return
        self.player.play_entry(entry.typed_at)

    def _set_lead(self, seconds: int) -> None:
        self.window.settings.play_lead_s = seconds
        self.player.lead_s = seconds

    def _on_microphone_menu_about_to_show(self) -> None:
        """List this computer's audio inputs; the one ticked is what Record records from."""
        menu = self.microphone_menu
        menu.clear()
        inputs = microphones()
        if not inputs:
            menu.addAction("No microphone on this computer").setEnabled(False)
            return
        group = QActionGroup(menu)
        chosen = pick_microphone(self.recorder.microphone)
        for device in inputs:
            device_id = bytes(device.id().data()).decode(errors="replace")
            a = menu.addAction(device.description())
            a.setCheckable(True)
            a.setChecked(chosen is not None and device.id() == chosen.id())
            a.triggered.connect(lambda *_, d=device_id: self._set_microphone(d))
            group.addAction(a)

    def _set_microphone(self, device_id: str) -> None:
        self.window.settings.microphone = device_id
        self.recorder.microphone = device_id
        if self.recorder.state == "recording":
            self._say("The new microphone is used from the next time recording starts or resumes.")

    def _on_attach_triggered(self) -> None:
        m = self.controller.meeting
        if m is None:
            return
        path, _ = QFileDialog.getOpenFileName(self.window, "Attach recording", "", AUDIO_FILTER)
        if path:
            self.ask_start_and_attach(path)

    def ask_start_and_attach(self, path: str) -> AttachDialog:
        """Ask when the recording started: offered from the file (a WAV's modification time less its
        length, when that falls on the meeting's day), else the meeting's start; the clerk corrects it."""
        m = self.controller.meeting
        start = m.start or ""
        try:
            length = wav_duration_ms(Path(path)) if path.lower().endswith(".wav") else None
            if length is not None:
                began = datetime.fromtimestamp(Path(path).stat().st_mtime - length / 1000)
                if began.date().isoformat() == m.date:
                    start = began.strftime("%H:%M:%S")
        except OSError:
            pass
        dialog = AttachDialog(path, start, self.window)
        dialog.accepted.connect(lambda: self.session.call(
            ops.attach_recording, m.id, path, dialog.start.text().strip(), owner=self,
            on_done=lambda ch: (self._say(f"Attached {Path(path).name}."), self._reload(m.id)),
            on_refused=self._say))
        self.window._show_dialog(dialog)
        return dialog

    def _on_delete_triggered(self) -> None:
        m = self.controller.meeting
        if m is not None:
            self.player.show_recordings(m, [], None)
            self.session.call(ops.delete_recordings, m.id, owner=self, on_refused=self._say,
                              on_done=lambda ch: (self._say(f"Deleted the recording ({megabytes(ch.result)})."),
                                                  self._reload(m.id)))

    def _offer_deletion(self, meeting: Meeting) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, "Delete the recording?",
                          "The minutes are approved. Delete this meeting's recording now, as most councils' "
                          "policies ask?", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self.window)
        box.setObjectName("deleteRecordingQuestion")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.finished.connect(lambda _result: self._on_delete_triggered() if box.clickedButton() is yes else None)
        box.open()

    def _on_retention_applied(self, change) -> None:
        if change.result:
            freed = sum(size for _mid, size in change.result)
            n = len(change.result)
            self._say(f"Deleted the recordings of {n} approved meeting{'s' if n != 1 else ''} as the committee's "
                      f"policy asks ({megabytes(freed)}).")
