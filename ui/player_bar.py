"""The player bar under the notes: the meeting's recording, played from any entry.

It plays one recording at a time (a meeting recorded with pauses has several); play_entry finds
the recording that covers when the entry was typed and starts a few seconds before it. As it
plays it says which entry is being heard, and the notes select it when it is on screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from clerkdesk.bookmarks import DEFAULT_LEAD_S, bookmark, entry_at
from clerkdesk.model import Meeting
from clerkdesk.store import Recording

SPEEDS = (1.0, 1.25, 1.5, 1.75, 2.0)
SKIP_MS = 10_000


def clock(ms: int) -> str:
    """A position as H:MM:SS."""
    s = max(0, ms) // 1000
    return f"{s // 3600}:{s // 60 % 60:02}:{s % 60:02}"


class PlayerBar(QWidget):
    """Play, pause, back and forward 10 s, speed, and the entry being heard."""

    entry_heard = Signal(int)  # the id of the entry minuting what is heard now
    length_found = Signal(int, int)  # recording id, its length in ms (for a recording whose length was not known)
    refused = Signal(str)  # one sentence for the status bar

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("playerBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.lead_s: float = DEFAULT_LEAD_S
        self._meeting: Meeting | None = None
        self._recordings: list[Recording] = []
        self._folder: Path | None = None
        self._current: Recording | None = None
        self._pending_ms: int | None = None
        self._play_when_loaded = False
        self._heard: int | None = None
        self.player = QMediaPlayer(self)
        self.output = QAudioOutput(self)
        self.player.setAudioOutput(self.output)
        self.back = self._button("−10 s", "Back 10 seconds", lambda: self.skip(-SKIP_MS))
        self.play = self._button("Play", "Play or pause the recording", self.toggle)
        self.forward = self._button("+10 s", "Forward 10 seconds", lambda: self.skip(SKIP_MS))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("playerPosition")
        self.slider.setAccessibleName("Position in the recording")
        self.position = QLabel("0:00:00 / 0:00:00")
        self.position.setObjectName("playerTime")
        self.speed = QComboBox()
        self.speed.setObjectName("playerSpeed")
        self.speed.setAccessibleName("Playback speed")
        for rate in SPEEDS:
            self.speed.addItem(f"{rate:g}×", rate)
        self.heard = QLabel()
        self.heard.setObjectName("playerHeard")
        self.heard.setTextFormat(Qt.TextFormat.PlainText)
        self.heard.setAccessibleDescription("The entry being heard")
        controls = QHBoxLayout()
        for w in (self.back, self.play, self.forward):
            controls.addWidget(w)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.position)
        controls.addWidget(self.speed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setSpacing(2)
        layout.addLayout(controls)
        layout.addWidget(self.heard)
        self._connect_signals()
        self.show_recordings(None, [], None)

    def _button(self, text: str, name: str, slot) -> QPushButton:
        b = QPushButton(text)
        b.setAccessibleName(name)
        b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        b.clicked.connect(lambda *_: slot())
        return b

    def _connect_signals(self) -> None:
        p = self.player
        p.positionChanged.connect(self._on_player_position_changed)
        p.durationChanged.connect(self._on_player_duration_changed)
        p.mediaStatusChanged.connect(self._on_player_media_status_changed)
        p.playbackStateChanged.connect(self._on_player_playback_state_changed)
        p.errorOccurred.connect(self._on_player_error_occurred)
        self.slider.sliderMoved.connect(self.player.setPosition)
        self.speed.currentIndexChanged.connect(lambda i: self.player.setPlaybackRate(self.speed.itemData(i)))

    # -- what it shows -----------------------------------------------------------------

    def show_recordings(self, meeting: Meeting | None, recordings: list[Recording], folder: Path | None) -> None:
        """The meeting's recordings (``folder``: the data folder their paths are relative to)."""
        same = self._current is not None and any(r.id == self._current.id for r in recordings)
        self._meeting, self._recordings, self._folder = meeting, list(recordings), folder
        self.setVisible(bool(recordings))  # no room taken from the notes until there is something to play
        if not recordings:
            self.player.stop()
            self.player.setSource(QUrl())
            self._current = None
            self.heard.setText("No recording — Meeting › Record, or Meeting › Attach recording…")
        elif not same:
            self._load(recordings[0])
            self.heard.setText("")

    def has_recording(self) -> bool:
        """Whether there is anything to play."""
        return bool(self._recordings)

    # -- what it does ------------------------------------------------------------------

    def play_entry(self, typed_at: str | None) -> bool:
        """Play from a little before the moment an entry was typed; False (and a word why) if no recording covers it."""
        if not self._recordings:
            self.refused.emit("This meeting has no recording; Meeting › Attach recording… adds one.")
            return False
        b = bookmark(self._recordings, typed_at, self.lead_s)
        if b is None:
            self.refused.emit("No recording covers the moment this entry was typed." if typed_at else
                              "This entry was typed before ClerkDesk kept the time of each entry.")
            return False
        self._load(next(r for r in self._recordings if r.id == b.recording_id))
        self.seek(b.position_ms)
        self._play_when_loaded = True
        self.player.play()
        return True

    def toggle(self) -> None:
        """Play, or pause."""
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        elif self._current is not None:
            self.player.play()

    def skip(self, ms: int) -> None:
        """Go back (negative) or forward by ms."""
        self.seek(self.player.position() + ms)

    def seek(self, ms: int) -> None:
        """Go to a position in the recording loaded; applied once it has loaded."""
        ms = max(0, ms)
        status = self.player.mediaStatus()
        if status in (QMediaPlayer.MediaStatus.LoadingMedia, QMediaPlayer.MediaStatus.NoMedia):
            self._pending_ms = ms
        else:
            self.player.setPosition(min(ms, self.player.duration()) if self.player.duration() > 0 else ms)

    def set_speed(self, rate: float) -> None:
        """Play at this speed (1.0–2.0)."""
        rate = min(SPEEDS, key=lambda r: abs(r - rate))
        self.speed.setCurrentIndex(SPEEDS.index(rate))

    def current_recording(self) -> Recording | None:
        """The recording loaded in the player."""
        return self._current

    def _load(self, r: Recording) -> None:
        if self._current is not None and self._current.id == r.id and not self.player.source().isEmpty():
            return
        self._current = r
        self._pending_ms = None
        self.player.setSource(QUrl.fromLocalFile(str((self._folder or Path()) / r.file)))

    # -- the player's news -------------------------------------------------------------

    def _on_player_media_status_changed(self, status: QMediaPlayer.MediaStatus) -> None:
        if status in (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia) \
                and self._pending_ms is not None:
            ms, self._pending_ms = self._pending_ms, None
            self.player.setPosition(ms)

    def _on_player_duration_changed(self, duration: int) -> None:
        self.slider.setRange(0, max(0, duration))
        self._show_position(self.player.position())
        r = self._current
        if r is not None and duration > 0 and r.duration_ms is None:
            self.length_found.emit(r.id, duration)

    def _on_player_position_changed(self, position: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(position)
        self._show_position(position)
        if self._meeting is None or self._current is None:
            return
        heard = entry_at(self._meeting, self._current, position)
        if heard is not None and heard != self._heard:
            self._heard = heard
            self.heard.setText(f"Hearing: {self._describe(heard)}")
            self.entry_heard.emit(heard)

    def _describe(self, entry_id: int) -> str:
        for item in self._meeting.items if self._meeting else []:
            for e in item.entries:
                if e.id == entry_id:
                    text = e.text if len(e.text) <= 100 else e.text[:99] + "…"
                    return f"item {item.number} — {text}"
        return ""

    def _show_position(self, position: int) -> None:
        self.position.setText(f"{clock(position)} / {clock(self.player.duration())}")

    def _on_player_playback_state_changed(self, state: QMediaPlayer.PlaybackState) -> None:
        self.play.setText("Pause" if state == QMediaPlayer.PlaybackState.PlayingState else "Play")

    def _on_player_error_occurred(self, _error: QMediaPlayer.Error, message: str) -> None:
        self.refused.emit(f"The recording could not be played ({message or 'unknown error'}).")
