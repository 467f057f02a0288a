"""The window's own remembered state, through one small typed wrapper over QSettings.

Only things the clerk would not miss if they vanished live here — window geometry, splitter
sizes, the notes text size, which meeting was open last (without it the newest opens) and the
screen the chamber screen goes on.
Everything about a meeting lives in the store.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings


RECENT = 8


def _key(name: str) -> str:
    # QSettings keys treat / and \\ as groups: keep a committee's name one key.
    return name.replace("/", "_").replace("\\", "_") or "_"


class Settings:
    """Typed access to the window's settings; ``path`` gives a settings file of its own (tests)."""

    def __init__(self, path: Path | None = None):
        if path is None:
            self._q = QSettings("ClerkDesk", "ClerkDesk")
        else:
            self._q = QSettings(str(path), QSettings.Format.IniFormat)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._q.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def geometry(self) -> QByteArray | None:
        """The main window's saved geometry."""
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._q.setValue("window/geometry", value)

    @property
    def splitter(self) -> QByteArray | None:
        """The three panes' sizes."""
        return self._bytes("window/splitter")

    @splitter.setter
    def splitter(self, value: QByteArray) -> None:
        self._q.setValue("window/splitter", value)

    @property
    def last_meeting(self) -> int | None:
        """The meeting open when the window last closed."""
        value = self._q.value("meeting/last")
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    @last_meeting.setter
    def last_meeting(self, value: int | None) -> None:
        self._q.setValue("meeting/last", value if value is not None else "")

    @property
    def notes_point_size(self) -> int | None:
        """The notes text size in points the clerk chose, or None for a size that follows the system font."""
        try:
            value = self._q.value("notes/point_size", None)
            return None if value in (None, "") else max(8, min(40, int(value)))
        except (TypeError, ValueError):
            return None

    @notes_point_size.setter
    def notes_point_size(self, value: int | None) -> None:
        if value is None:
            self._q.remove("notes/point_size")
        else:
            self._q.setValue("notes/point_size", int(value))

    @property
    def play_lead_s(self) -> int:
        """How many seconds before an entry was typed its recording plays from (default 10)."""
        try:
            return max(0, min(120, int(self._q.value("recording/lead_s", 10))))
        except (TypeError, ValueError):
            return 10

    @play_lead_s.setter
    def play_lead_s(self, value: int) -> None:
        self._q.setValue("recording/lead_s", int(value))

    @property
    def microphone(self) -> str:
        """The id of the audio input chosen for recording on this machine ("" for the system's default)."""
        return str(self._q.value("recording/microphone", "") or "")

    @microphone.setter
    def microphone(self, value: str) -> None:
        self._q.setValue("recording/microphone", value)

    def template_for(self, committee: str) -> str:
        """The Word template last used for a committee's minutes ("" for the house template)."""
        return str(self._q.value(f"templates/{_key(committee)}", "") or "")

    def set_template_for(self, committee: str, path: str) -> None:
        """Remember the template a committee's minutes are exported with."""
        self._q.setValue(f"templates/{_key(committee)}", path)

    @property
    def recent_meetings(self) -> list[int]:
        """Meetings opened lately, newest first (File › Recent meetings)."""
        value = self._q.value("meeting/recent") or ""
        ids = [int(v) for v in str(value).split(",") if v.strip().isdigit()]
        return ids[:RECENT]

    def add_recent(self, meeting_id: int) -> None:
        """Put a meeting at the top of the recent list."""
        ids = [meeting_id, *[i for i in self.recent_meetings if i != meeting_id]][:RECENT]
        self._q.setValue("meeting/recent", ",".join(map(str, ids)))

    @property
    def chamber_screen(self) -> str:
        """The name of the screen the clerk put the chamber screen on ("" for the default: another screen)."""
        return str(self._q.value("chamber/screen", "") or "")

    @chamber_screen.setter
    def chamber_screen(self, value: str) -> None:
        self._q.setValue("chamber/screen", value)

    @property
    def archive_url(self) -> str:
        """The team archive's address, without its password (that is in the OS keyring)."""
        return str(self._q.value("archive/url", "") or "")

    @archive_url.setter
    def archive_url(self, value: str) -> None:
        self._q.setValue("archive/url", value)

    def sync(self) -> None:
        """Write the settings to disk now."""
        self._q.sync()
