"""Start the window: the QApplication, the style sheet, and the main window on the last meeting.

On first run (no meetings in the store) the sample meeting is imported, so a newcomer sees
the app working; that happens on the store worker like every other store call.
"""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from .main_window import MainWindow
from .settings import Settings


def style_sheet() -> str:
    """The house style sheet, from the installed resources."""
    try:
        return files("clerkdesk.resources").joinpath("style.qss").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return ""  # an unstyled window still works


def app_icon() -> QIcon:
    """ClerkDesk's icon at every size it is drawn in, from the installed resources."""
    icon = QIcon()
    icons = files("clerkdesk.resources").joinpath("icons")
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = icons.joinpath(f"clerkdesk-{size}.png")
        if png.is_file():
            icon.addFile(str(png))
    return icon


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
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("clerkdesk")  # Wayland and GNOME match the window to clerkdesk.desktop
    window = make_window(data_dir)
    window.show()
    return app.exec()
