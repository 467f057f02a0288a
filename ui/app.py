"""Start the window: the QApplication, the style sheet, and the main window on the last meeting.

On first run (no meetings in the store) the sample meeting is imported, so a newcomer sees
the app working; that happens on the store worker like every other store call.
"""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path

from PySide6.QtWidgets import QApplication

from .main_window import MainWindow
from .settings import Settings


def style_sheet() -> str:
    """The house style sheet, from the installed resources."""
    try:
        return files("clerkdesk.resources").joinpath("style.qss").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return ""  # an unstyled window still works


def make_window(data_dir: Path, settings: Settings | None = None) -> MainWindow:
    """The main window on a data folder (the QApplication must exist)."""
    app = QApplication.instance()
    if app is not None and not app.styleSheet():
        app.setStyleSheet(style_sheet())
    return MainWindow(Path(data_dir), settings or Settings())


def run_app(data_dir: Path) -> int:
    """Open the window on a data folder and run until it closes; returns the exit status."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("ClerkDesk")
    app.setOrganizationName("ClerkDesk")
    app.setApplicationDisplayName("ClerkDesk")
    window = make_window(data_dir)
    window.show()
    return app.exec()
