"""Start the window: the QApplication, the style sheet, and the main window on the last meeting.

On first run (no meetings in the store) the sample meeting is imported, so a newcomer sees
the app working; that happens through the session like every other store call.

One window per data folder: a second start on the same folder hands its request (come
forward; open this meeting file) to the window already open and exits (``single_instance``).
A store that cannot be opened — damaged, from a newer version — is explained in a dialog that
offers the newest good backup (``startup_dialogs``); text a failed save left in the emergency
file goes back into the entry line (``unsaved_text``).
"""

from __future__ import annotations

import logging
import signal
import sys
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from clerkdesk import ops
from clerkdesk.datafolder import DataFolder
from clerkdesk.errors import ClerkDeskError
from clerkdesk.meeting_file import read_meeting_file
from clerkdesk.model import Meeting

from .look import apply_look
from .main_window import MainWindow
from .settings import Settings
from .single_instance import ALREADY_OPEN, InstanceServer, hand_over
from .dialogs.startup import show_open_refused
from .unsaved_text import UnsavedTextKeeper

log = logging.getLogger("clerkdesk.ui")
LOCK_WAIT_SECONDS = 3.0


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
        apply_look(app)
    window = MainWindow(Path(data_dir), settings or Settings())
    window.session.open_refused.connect(lambda error: show_open_refused(window, error))
    UnsavedTextKeeper(window)  # a child of the window, living as long as it
    _log_meetings_shown(window)
    return window


def _log_meetings_shown(window: MainWindow) -> None:
    """Log each meeting the window comes to show (once, not at every reload)."""
    shown: list[int | None] = [None]

    def on_meeting_opened(meeting: Meeting) -> None:
        if shown[0] != meeting.id:
            shown[0] = meeting.id
            log.info("Showing meeting %s: %s, %s.", meeting.id, meeting.title, meeting.date)
    window.controller.meeting_opened.connect(on_meeting_opened)


def bring_forward(window: MainWindow) -> None:
    """Show the window in front of the others, as the clerk left it (un-minimised)."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    QApplication.alert(window)  # where the desktop will not hand over focus, at least flash the taskbar


def open_meeting_file(window: MainWindow, path: Path) -> None:
    """Import a meeting file into the open window's store and show it; a bad file is explained, nothing changes."""
    try:
        meeting = read_meeting_file(path)
    except ClerkDeskError as e:
        QMessageBox.warning(window, "The meeting file was not opened", str(e))
        return
    log.info("Importing %s.", path)

    def opened(mid: int) -> None:
        window.controller.open_meeting(mid)
        window.statusBar().showMessage(f"Opened {path.name}.", 8000)
    window.session.call(ops.open_or_import, meeting, on_done=lambda change: opened(change.result),
                        on_refused=lambda message: QMessageBox.warning(window, "The meeting file was not opened", message))


def import_before_opening(data_dir: Path, path: Path) -> int | None:
    """Import a meeting file given on the command line before the window opens; its id, or None if the
    store cannot take it now (the window then explains why, and imports it once the store is back)."""
    meeting = read_meeting_file(path)  # the command line has already refused a bad file
    folder = DataFolder(data_dir)
    try:
        with folder.open_for_writing(wait=LOCK_WAIT_SECONDS, who="the ClerkDesk window", daily_backup=False) as store:
            return ops.open_or_import(store, meeting).result
    except ClerkDeskError:
        return None
    finally:
        folder.release()


def run_app(data_dir: Path, open_file: Path | None = None) -> int:
    """Open the window on a data folder (on ``open_file``, a meeting file, imported) and run until it closes.

    If a window is already open on the folder it is brought forward, handed the file, and this
    start exits at once. Returns the exit status.
    """
    app = QApplication.instance() or QApplication(sys.argv)
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="clerkdesk: %(message)s", stream=sys.stderr)
    app.setApplicationName("ClerkDesk")
    app.setOrganizationName("ClerkDesk")
    app.setApplicationDisplayName("ClerkDesk")
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("clerkdesk")  # Wayland and GNOME match the window to clerkdesk.desktop
    data_dir = Path(data_dir)
    if hand_over(data_dir, open_file):
        print(ALREADY_OPEN, file=sys.stderr)
        return 0
    server = InstanceServer(data_dir)
    if not server.listen():
        log.warning("Could not listen for other starts on this data folder; the folder's lock still guards it.")
    settings = Settings()
    pending_file = open_file
    if open_file is not None:
        mid = import_before_opening(data_dir, open_file)
        if mid is not None:
            settings.last_meeting = mid  # so the window opens on it
            pending_file = None
    window = make_window(data_dir, settings)
    if pending_file is not None:  # the store could not take it yet; this job runs once it can (after a restore)
        window.session.job(lambda _store: None, lambda _r: open_meeting_file(window, pending_file))

    def on_raise() -> None:
        log.info("Another start asked for this data folder; brought the window forward.")
        bring_forward(window)
    server.raise_requested.connect(on_raise)
    server.file_handed.connect(lambda path: open_meeting_file(window, path))
    _close_on_terminate(app)
    window.show()
    status = app.exec()
    server.close()
    return status


def _close_on_terminate(app: QApplication) -> None:
    """A logout or ``kill`` (SIGTERM) closes the window the usual way, so the draft and settings are saved."""
    if not hasattr(signal, "SIGTERM"):
        return
    signal.signal(signal.SIGTERM, lambda *_: QTimer.singleShot(0, app.closeAllWindows))
    ticker = QTimer(app)  # Python runs signal handlers only between bytecodes; give it some while Qt waits
    ticker.start(250)
    ticker.timeout.connect(lambda: None)
