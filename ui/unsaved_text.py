"""Text that could not be saved: shown while saves fail, and put back in the entry line after a restart.

While saving fails, the session keeps the waiting changes and writes their text to the
emergency file (``clerkdesk.emergency``); this lists that text in the save status's tooltip.
On the next start, text the emergency file still holds for the meeting that opens goes back
into the entry line, and leaves the emergency file only once it is saved as the draft.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from clerkdesk import emergency
from clerkdesk.model import Meeting

RECOVERED_SESSION = "recovered"


def merge(current: str, unsaved: str) -> str:
    """The entry line with the unsaved text put back: nothing typed twice, nothing dropped."""
    if not current.strip() or unsaved.startswith(current):
        return unsaved
    if unsaved in current:
        return current
    return f"{current}\n{unsaved}"


class UnsavedTextKeeper(QObject):
    """Puts unsaved text back after a restart, and shows what is waiting to be saved."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.session, self.controller = window.session, window.controller
        self._found: dict[int, str] | None = None  # read on the session once the store is open
        self.put_back: dict[int, str] = {}
        self.controller.meeting_opened.connect(self._on_controller_meeting_changed)
        self.session.save_failed.connect(self._on_session_save_failed)
        self.session.saved.connect(self._on_session_saved)
        data_dir = self.session.data_dir
        self.session.job(lambda _store: emergency.unsaved_text(data_dir), self._on_unsaved_found)

    def _on_unsaved_found(self, found: dict[int, str]) -> None:
        self._found = found
        meeting = self.controller.meeting
        if meeting is not None:
            self._on_controller_meeting_changed(meeting)
        if any(mid != self.controller.meeting_id for mid in found):
            where = emergency.emergency_path(self.session.data_dir)
            self.window.statusBar().showMessage(
                f"Text from another meeting that could not be saved last time is in {where}.", 30000)

    def _on_controller_meeting_changed(self, meeting: Meeting) -> None:
        if not self._found or meeting.id not in self._found or meeting.id in self.put_back:
            return
        entry = self.window.entry
        text = merge(entry.editor.toPlainText(), self._found[meeting.id])
        self.put_back[meeting.id] = text
        entry.editor.setPlainText(text)
        entry.editor.moveCursor(entry.editor.textCursor().MoveOperation.End)
        self.window.statusBar().showMessage("Text that could not be saved last time is back in the entry line.",
                                            30000)
        data_dir, mid = self.session.data_dir, meeting.id
        # In order on the session's writer: the emergency file keeps exactly this text, the draft saves it, then it goes.
        self.session.job(lambda _s: _quietly(emergency.replace, data_dir, mid, text, RECOVERED_SESSION))
        entry.flush_draft()
        self.session.job(lambda _s: _quietly(emergency.forget, data_dir, meeting_id=mid))

    def _on_session_save_failed(self, _message: str) -> None:
        waiting = [t.text.strip() for t in self.session.waiting_text() if t.text.strip()]
        tip = "\n".join(f"• {_shortened(text)}" for text in waiting[-10:])
        self.window.save_status.setToolTip(f"Waiting to be saved:\n{tip}" if tip else "")

    def _on_session_saved(self, _when: str) -> None:
        self.window.save_status.setToolTip("")


def _shortened(text: str) -> str:
    return text if len(text) <= 200 else f"{text[:120]} … {text[-60:]}"


def _quietly(fn, *args, **kwargs) -> None:
    """Run an emergency-file call on the session's writer; a failure there must not hold up the saves behind it."""
    try:
        fn(*args, **kwargs)
    except OSError:
        pass
