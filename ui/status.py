"""The save status in the status bar: saved, failing and retried, or a job that failed, each
said in words (and aloud once to a screen reader).

``SaveStatus`` is part of ``MainWindow``; it uses the window's ``save_status`` label and status bar.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from .announce import announce


class SaveStatus:
    """What the session says about saving, shown (a part of MainWindow)."""

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

    def _on_session_read_only(self, reason: str) -> None:
        """The store could be opened only to read: the meetings show, the entry line says why it is shut."""
        self.read_only_reason = "Read-only: ClerkDesk cannot write to this data folder; the meetings can be read and exported"
        self.entry.editor.setReadOnly(True)
        self.entry.set_instructions(self.read_only_reason)
        self._show_failure("Read-only")
        self.save_status.setToolTip(reason)
        self.statusBar().showMessage(reason)

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

