"""Recording the meeting in the window: the microphone to a file beside the store, and the
header's red dot, elapsed time and input level.

The file is AAC in ADTS framing (``.aac``): every frame carries its own header, so a file cut
short by a crash or a SIGKILL plays up to its last whole frame; the encoder's buffer holds a few
seconds, far under the minute the promise allows. 32 kbit/s mono at 16 kHz is speech quality at
about 14 MB an hour. Pausing ends the stretch recorded and resuming starts another, each its
own recording with its own start time, so every entry still lines up. Encoding runs on Qt's
own threads: the GUI thread only starts and stops it, so typing never waits for it.
"""

from __future__ import annotations

import shutil
from array import array
from pathlib import Path

from PySide6.QtCore import QIODevice, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtMultimedia import (QAudioDevice, QAudioFormat, QAudioInput, QAudioSource, QMediaCaptureSession,
                                  QMediaDevices, QMediaFormat, QMediaRecorder)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from clerkdesk import ops

FORMAT = "aac"
BIT_RATE = 32_000
SAMPLE_RATE = 16_000
NOTE_EVERY_MS = 30_000  # how often the store hears how long the recording is (and the disk is checked)
LOW_DISK_BYTES = 200_000_000  # about 14 hours of recording left: warn well before it runs out


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
    level = Signal(float)  # 0.0–1.0, the input's peak over the last moment
    warning = Signal(str)  # one sentence for the clerk (low disk, a recorder error)
    recordings_changed = Signal(int)  # the meeting whose recordings changed

    def __init__(self, session, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.session, self.data_dir = session, Path(data_dir)
        self.microphone = ""
        self.state = "stopped"
        self.meeting_id: int | None = None
        self._recording_id: int | None = None
        self._done_ms = 0  # length of the stretches already finished
        self._capture = QMediaCaptureSession(self)
        self._input: QAudioInput | None = None
        self._recorder = QMediaRecorder(self)
        self._capture.setRecorder(self._recorder)
        fmt = QMediaFormat(QMediaFormat.FileFormat.AAC)
        fmt.setAudioCodec(QMediaFormat.AudioCodec.AAC)
        self._recorder.setMediaFormat(fmt)
        self._recorder.setAudioBitRate(BIT_RATE)
        self._recorder.setAudioChannelCount(1)
        self._recorder.setAudioSampleRate(SAMPLE_RATE)
        self._recorder.setEncodingMode(QMediaRecorder.EncodingMode.ConstantBitRateEncoding)
        self._recorder.recorderStateChanged.connect(self._on_recorder_state_changed)
        self._recorder.errorOccurred.connect(self._on_recorder_error_occurred)
        self._meter: QAudioSource | None = None
        self._meter_io: QIODevice | None = None
        self._meter_timer = QTimer(self)
        self._meter_timer.setInterval(100)
        self._meter_timer.timeout.connect(self._on_meter_timer_timeout)
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
        self._input = QAudioInput(device, self)
        self._capture.setAudioInput(self._input)
        self._set_state("recording")
        self.session.call(ops.begin_recording, meeting_id, FORMAT, on_done=self._on_begun,
                          on_refused=self._on_begin_refused, owner=self)
        self._start_meter(device)

    def pause(self) -> None:
        """End this stretch; resume() starts the next."""
        if self.state == "recording":
            self._set_state("paused")
            self._recorder.stop()
            self._stop_meter()

    def stop(self) -> None:
        """Stop recording."""
        if self.state != "stopped":
            was = self.state
            self._set_state("stopped")
            if was == "recording":
                self._recorder.stop()
            self._stop_meter()

    def toggle(self, meeting_id: int) -> None:
        """Record › start, or pause, or resume."""
        if self.state == "recording":
            self.pause()
        else:
            self.start(meeting_id)

    def elapsed_ms(self) -> int:
        """How long this meeting has been recorded so far, over every stretch."""
        return self._done_ms + (self._recorder.duration() if self.state == "recording" else 0)

    # -- the recorder ------------------------------------------------------------------

    def _on_begun(self, change) -> None:
        rid, path = change.result
        if self.state != "recording":  # paused or stopped while the store was asked
            self.session.call(ops.delete_recording, rid, owner=self)
            return
        self._recording_id = rid
        self._recorder.setOutputLocation(QUrl.fromLocalFile(path))
        self._recorder.record()
        self._note_timer.start()
        self.recordings_changed.emit(self.meeting_id)

    def _on_begin_refused(self, message: str) -> None:
        self._set_state("stopped")
        self._stop_meter()
        self.warning.emit(message)

    def _on_recorder_state_changed(self, state: QMediaRecorder.RecorderState) -> None:
        if state == QMediaRecorder.RecorderState.StoppedState and self._recording_id is not None:
            self._done_ms += self._recorder.duration()
            self._note_length()
            self._recording_id = None
            self._note_timer.stop()

    def _on_recorder_error_occurred(self, _error: QMediaRecorder.Error, message: str) -> None:
        self.warning.emit(f"Recording stopped: {message or 'the recorder failed'}.")
        self.stop()

    def _note_length(self) -> None:
        rid = self._recording_id
        if rid is None:
            return
        self.session.call(ops.note_recording_length, rid, self._recorder.duration(), owner=self,
                          on_done=lambda _c, m=self.meeting_id: self.recordings_changed.emit(m))
        free = shutil.disk_usage(self.data_dir).free
        if free < LOW_DISK_BYTES:
            hours = free / (BIT_RATE / 8 * 3600)
            self.warning.emit(f"The disk is nearly full: about {hours:.1f} hours of recording left. "
                              "Free some space, or stop recording.")

    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)

    # -- the level meter ---------------------------------------------------------------

    def _start_meter(self, device: QAudioDevice) -> None:
        fmt = QAudioFormat()
        fmt.setSampleRate(8000)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        self._meter = QAudioSource(device, fmt, self)
        self._meter_io = self._meter.start()
        self._meter_timer.start()

    def _stop_meter(self) -> None:
        self._meter_timer.stop()
        if self._meter is not None:
            self._meter.stop()
            self._meter.deleteLater()
        self._meter, self._meter_io = None, None
        self.level.emit(0.0)

    def _on_meter_timer_timeout(self) -> None:
        if self._meter_io is None:
            return
        data = bytes(self._meter_io.readAll().data())
        samples = array("h", data[: len(data) // 2 * 2])
        self.level.emit(max((abs(s) for s in samples), default=0) / 32768)


class RecordingIndicator(QWidget):
    """The header's red dot, the time recorded and the input level; hidden when not recording."""

    def __init__(self, recorder: LiveRecorder, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("recordingIndicator")
        self.recorder = recorder
        self.dot = QLabel("●")
        self.dot.setObjectName("recordingDot")
        self.dot.setAccessibleName("Recording")
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
