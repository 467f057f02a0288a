"""Entry point of the bundled (PyInstaller) ClerkDesk: the ``clerkdesk`` command, as installed from the wheel.

Three things only the bundle needs are done here, before the command line runs:

- Programs ClerkDesk starts (LibreOffice for a PDF, the clerk's word processor after an export)
  get the clerk's own environment. PyInstaller points ``LD_LIBRARY_PATH`` and Qt's plugin paths
  into the bundle, and a system program that loads our Qt or our libstdc++ can crash.
- The windowed Windows executable has no terminal, so the one line a bad meeting file gets
  (``clerkdesk FILE`` from a double-click) is shown in a message box instead of vanishing.
- ``CLERKDESK_BUNDLE_CHECK=window`` runs the command line as usual, watches for the main window
  to show the meeting in its agenda pane, closes it and prints one line saying what it saw. The
  build's test and the CI smoke test use it to prove the bundled window works offscreen.
"""

from __future__ import annotations

import io
import os
import sys
import time

CHECK_VAR = "CLERKDESK_BUNDLE_CHECK"
CHECK_TIMEOUT = 60.0  # seconds for the window to come up with the meeting shown


def restore_child_environment() -> None:
    """Undo the bundle's library and plugin paths in the environment that started programs inherit.

    This process is unaffected: the dynamic loader read LD_LIBRARY_PATH when the program started,
    and Qt finds its plugins through the qt.conf that PyInstaller's runtime hook embeds.
    """
    if not getattr(sys, "frozen", False):
        return
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)  # the clerk's own value, kept by the bootloader
    if original is not None:
        os.environ["LD_LIBRARY_PATH"] = original
    else:
        os.environ.pop("LD_LIBRARY_PATH", None)
    for var in ("QT_PLUGIN_PATH", "QML2_IMPORT_PATH"):
        os.environ.pop(var, None)


def window_check(argv: list[str]) -> int:
    """Run ``clerkdesk ARGV``; once the window shows a meeting, close it and print what was seen. 0 if all was well."""
    from importlib.resources import files

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QMainWindow, QWidget

    from clerkdesk.ui.main import main as cli_main

    app = QApplication(sys.argv[:1])  # run_app uses this one, so the watcher below runs in its event loop
    deadline = time.monotonic() + CHECK_TIMEOUT
    seen: dict[str, object] = {}

    def look() -> None:
        window = next((w for w in app.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()), None)
        agenda = window.findChild(QAbstractItemView, "agendaView") if window is not None else None
        rows = agenda.model().rowCount() if agenda is not None and agenda.model() is not None else 0
        if window is not None and rows:
            seen["agenda_rows"] = rows
            seen["title"] = window.windowTitle()
            # The stable names tests and screen readers find the panes by (docs/window.md).
            seen["panes"] = all(window.findChild(QWidget, name) is not None
                                for name in ("agendaView", "notesView", "entryEditor", "speakerList"))
            seen["icon"] = _icon_drawn(app.windowIcon())
            window.close()  # the clerk's way out: the window saves and stops its session
        elif time.monotonic() > deadline:
            seen["timeout"] = True
            if window is not None:
                window.close()
            app.exit(1)
        else:
            QTimer.singleShot(100, look)

    QTimer.singleShot(0, look)
    status = cli_main(argv)
    svg = _icon_drawn(QIcon(str(files("clerkdesk.resources").joinpath("icons/clerkdesk.svg"))))
    ok = status == 0 and "agenda_rows" in seen and bool(seen["panes"]) and bool(seen["icon"]) and svg
    print(f"bundle-check window={'ok' if ok else 'FAILED'} status={status} platform={app.platformName()} "
          f"agenda_rows={seen.get('agenda_rows', 0)} panes={_yes(seen.get('panes'))} "
          f"icon={_yes(seen.get('icon'))} svg={_yes(svg)} timeout={_yes(seen.get('timeout'))} "
          f"title={seen.get('title', '')!r}", flush=True)
    return 0 if ok else 1


def _icon_drawn(icon) -> bool:
    """Whether ``icon`` draws something at 32 px (blank means an image or icon-engine plugin is missing)."""
    image = icon.pixmap(32, 32).toImage()
    return not image.isNull() and image.pixelColor(16, 16).alpha() > 0


def _yes(value: object) -> str:
    return "yes" if value else "no"


def run_windowed(cli_main) -> int:
    """Run the command line in a build with no terminal; a complaint on stderr is shown in a message box."""
    sys.stderr = captured = io.StringIO()
    status = cli_main()
    message = captured.getvalue().strip()
    if status != 0 and message:
        from PySide6.QtWidgets import QApplication, QMessageBox

        _app = QApplication.instance() or QApplication(sys.argv[:1])  # a message box needs one
        lines = [line.removeprefix("clerkdesk: ") for line in message.splitlines()]
        QMessageBox.warning(None, "ClerkDesk", "\n".join(lines))
    return status


def main() -> None:
    """The ``clerkdesk`` command, or the window check when CLERKDESK_BUNDLE_CHECK=window."""
    restore_child_environment()
    if os.environ.get(CHECK_VAR) == "window":
        sys.exit(window_check(sys.argv[1:]))
    from clerkdesk.ui.main import main as cli_main

    # PyInstaller leaves stderr as None in a windowed executable (clerkdesk.exe on Windows).
    sys.exit(cli_main() if sys.stderr is not None else run_windowed(cli_main))


if __name__ == "__main__":
    main()
