"""Recording the meeting in the window: the microphone to a file beside the store, and the
header's red dot, elapsed time and input level.

Qt's own recorder (QMediaRecorder) was tried first, writing AAC: it puts nothing on disk until it
stops, so a crash would lose the whole meeting. So the window reads the microphone itself
(QAudioSource, 8 kHz mono) every tenth of a second and appends it to a μ-law WAV
(clerkdesk/ulaw_wav.py): at most that tenth is lost to a SIGKILL, 28.8 MB an hour, telephone
speech quality. Pausing ends the stretch recorded and resuming starts another, each its own
recording with its own start time, so every entry still lines up. The work per tick is a table
lookup over 800 samples and one write, well under a millisecond: typing never waits for it.
"""

from __future__ import annotations

import shutil
from array import array
from pathlib import Path

from PySide6.QtCore import QIODevice, QObject, Qt, QTimer, Signal
from PySide6.QtMultimedia import QAudio, QAudioDevice, QAudioFormat, QAudioSource, QMediaDevices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from clerkdesk import ops, ulaw_wav

from .look import scale_font

FORMAT = "wav"
TICK_MS = 100  # how often the microphone's samples are written
NOTE_EVERY_MS = 30_000  # how often the store hears how long the recording is (and the disk is checked)
LOW_DISK_BYTES = 150_000_000  # about five hours of recording left: warn well before it runs out


def microphones() -> list[QAudioDevice]:
    """The audio inputs this machine has (none on a machine without a microphone)."""
    return list(QMediaDevices.audioInputs())


def pick_microphone(wanted: str) -> QAudioDevice | None:
    """The input chosen in settings (by id), else the system's default, else None."""
    inputs = microphones()
    for d in inputs:
        if bytes(d.id().data()).decode(errors="replace") == wanted:
            return d
    default = QMediaDevices.defaultAudioInput()
    return default if not default.isNull() else (inputs[0] if inputs else None)


class LiveRecorder(QObject):
    """Records the meeting, in stretches between start or resume and pause or stop."""

    state_changed = Signal(str)  # "stopped", "recording", "paused"
    level = Signal(float)  # 0.0–1.0, the input's peak over the last tick
    warning = Signal(str)  # one sentence for the clerk (low disk, a microphone that failed)
    recordings_changed = Signal(int)  # the meeting whose recordings changed

    def __init__(self, session, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.session, self.data_dir = session, Path(data_dir)
        self.microphone = ""
        self.state = "stopped"
        self.meeting_id: int | None = None
        self._recording_id: int | None = None
        self._writer: ulaw_wav.Writer | None = None
        self._done_ms = 0  # length of the stretches already finished
        self._source: QAudioSource | None = None
        self._io: QIODevice | None = None
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick_timeout)
        self._note_timer = QTimer(self)
        self._note_timer.setInterval(NOTE_EVERY_MS)
        self._note_timer.timeout.connect(self._note_length)

    # -- the clerk's controls ----------------------------------------------------------

    def available(self) -> bool:
        """Whether there is a microphone to record from."""
        return bool(microphones())

    def start(self, meeting_id: int) -> None:
        """Start recording a meeting (a new stretch, when paused)."""
        if self.state == "recording":
            return
        device = pick_microphone(self.microphone)
        if device is None:
            self.warning.emit("There is no microphone on this computer; record elsewhere and attach the file.")
            return
        if self.state == "stopped":
            self._done_ms = 0
        self.meeting_id = meeting_id
        self._set_state("recording")
        self.session.call(ops.begin_recording, meeting_id, FORMAT, on_done=lambda ch: self._on_begun(ch, device),
                          on_refused=self._on_begin_refused, owner=self)

    def pause(self) -> None:
        """End this stretch; resume() starts the next."""
        if self.state == "recording":
            self._set_state("paused")
            self._end_stretch()

    def stop(self) -> None:
        """Stop recording."""
        if self.state != "stopped":
            self._set_state("stopped")
            self._end_stretch()

    def toggle(self, meeting_id: int) -> None:
        """Record › start, or pause, or resume."""
        if self.state == "recording":
            self.pause()
        else:
            self.start(meeting_id)

    def elapsed_ms(self) -> int:
        """How long this meeting has been recorded so far, over every stretch."""
        return self._done_ms + (self._writer.duration_ms if self._writer is not None else 0)

    # -- the stretch being recorded ----------------------------------------------------

    def _on_begun(self, change, device: QAudioDevice) -> None:
        rid, path = change.result
        if self.state != "recording":  # paused or stopped while the store was asked
            self.session.call(ops.delete_recording, rid, owner=self)
            return
        fmt = QAudioFormat()
        fmt.setSampleRate(ulaw_wav.RATE)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        try:
            self._writer = ulaw_wav.Writer(path)
        except OSError as e:
            self._on_begin_refused(f"The recording could not be written ({e.strerror}).")
            return
        self._recording_id = rid
        self._source = QAudioSource(device, fmt, self)
        self._source.setBufferSize(ulaw_wav.RATE * 2)  # a second's room: a busy GUI thread loses nothing
        self._source.stateChanged.connect(self._on_source_state_changed)
        self._io = self._source.start()
        self._tick.start()
        self._note_timer.start()
        self.recordings_changed.emit(self.meeting_id)

    def _on_begin_refused(self, message: str) -> None:
        self._set_state("stopped")
        self.warning.emit(message)

    def _on_tick_timeout(self) -> None:
        if self._io is None or self._writer is None:
            return
        data = bytes(self._io.readAll().data())
        if not data:
            return
        try:
            self._writer.write_pcm16(data)
        except OSError as e:
            self.warning.emit(f"Recording stopped: the disk refused it ({e.strerror}).")
            self.stop()
            return
        samples = array("h", data[: len(data) // 2 * 2])
        self.level.emit(max(max(samples, default=0), -min(samples, default=0)) / 32768)

    def _on_source_state_changed(self, state: QAudio.State) -> None:
        if state == QAudio.State.StoppedState and self._source is not None \
                and self._source.error() != QAudio.Error.NoError and self.state == "recording":
            self.warning.emit("Recording stopped: the microphone stopped answering.")
            self.stop()

    def _end_stretch(self) -> None:
        self._tick.stop()
        self._note_timer.stop()
        if self._source is not None:
            self._on_tick_timeout()  # what is still buffered
            self._source.stateChanged.disconnect(self._on_source_state_changed)
            self._source.stop()
            self._source.deleteLater()
        self._source, self._io = None, None
        if self._writer is not None:
            self._done_ms += self._writer.duration_ms
            try:
                self._writer.close()
            except OSError:
                pass
            self._note_length()
        self._writer, self._recording_id = None, None
        self.level.emit(0.0)

    def _note_length(self) -> None:
        rid, writer = self._recording_id, self._writer
        if rid is None or writer is None:
            return
        self.session.call(ops.note_recording_length, rid, writer.duration_ms, owner=self,
                          on_done=lambda _c, m=self.meeting_id: self.recordings_changed.emit(m))
        free = shutil.disk_usage(self.data_dir).free
        if free < LOW_DISK_BYTES:
            hours = free / (ulaw_wav.RATE * 3600)
            self.warning.emit(f"The disk is nearly full: about {hours:.1f} hours of recording left. "
                              "Free some space, or stop recording.")

    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)


class RecordingIndicator(QWidget):
    """The header's red dot, the time recorded and the input level; hidden when not recording."""

    def __init__(self, recorder: LiveRecorder, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("recordingIndicator")
        self.recorder = recorder
        self.dot = QLabel("●")
        self.dot.setObjectName("recordingDot")
        self.dot.setAccessibleName("Recording")
        scale_font(self.dot, 1.4)
        self.time = QLabel()
        self.time.setObjectName("recordingTime")
        self.time.setAccessibleDescription("Time recorded")
        self.meter = QProgressBar()
        self.meter.setObjectName("recordingLevel")
        self.meter.setAccessibleName("Microphone level")
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.meter.setFixedWidth(80)
        self.meter.setMaximumHeight(10)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.dot)
        layout.addWidget(self.time)
        layout.addWidget(self.meter, 0, Qt.AlignmentFlag.AlignVCenter)
        self._timer = QTimer(self)
        self._timer.setInterval(500)
        self._timer.timeout.connect(self._show_time)
        recorder.state_changed.connect(self._on_recorder_state_changed)
        recorder.level.connect(lambda v: self.meter.setValue(int(min(1.0, v * 2) * 100)))
        self._on_recorder_state_changed(recorder.state)

    def _on_recorder_state_changed(self, state: str) -> None:
        self.setVisible(state != "stopped")
        self.dot.setProperty("paused", state == "paused")
        self.dot.setAccessibleName("Recording paused" if state == "paused" else "Recording")
        self.dot.style().unpolish(self.dot)
        self.dot.style().polish(self.dot)
        self._timer.start() if state == "recording" else self._timer.stop()
        self._show_time()

    def _show_time(self) -> None:
        s = self.recorder.elapsed_ms() // 1000
        word = "Paused" if self.recorder.state == "paused" else "Rec"
        self.time.setText(f"{word} {s // 3600}:{s // 60 % 60:02}:{s % 60:02}")
