"""What the window says when its store cannot be opened: damaged, from a newer version, or in use.

The store is opened on the session's writer after the window is shown, and quick-checked once
the meeting shows, so a big store never delays the first paint; if it cannot be opened, the session hands the error
here. A damaged store is offered the newest good backup — restored only if the clerk says so,
with the damaged file kept aside — or the clerk quits; nothing is overwritten without asking.
A store from a newer ClerkDesk, or one another copy is writing to, is left alone and the
window closes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

import shutil

from clerkdesk.store import Backup, restore
from clerkdesk.store.disk import FULL_BELOW
from clerkdesk.datafolder import DataFolder
from clerkdesk.errors import ClerkDeskError, StoreDamaged, StoreLocked, StoreTooNew

LOCK_WAIT_SECONDS = 3.0


def _box(window: QWidget, title: str, text: str, informative: str = "", details: str = "") -> QMessageBox:
    box = QMessageBox(window)
    box.setObjectName("storeProblemDialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    return box


def _button(box: QMessageBox, text: str, role: QMessageBox.ButtonRole, name: str) -> QPushButton:
    button = box.addButton(text, role)
    button.setObjectName(name)
    return button


def show_open_refused(window, error: ClerkDeskError) -> QMessageBox:
    """Tell the clerk why the store did not open and offer what can be done (the window's session has stopped writing)."""
    if isinstance(error, StoreDamaged) and getattr(error, "backup", None) is not None and not _disk_full(window):
        backup: Backup = error.backup
        box = _box(window, "The meeting store is damaged",
                   "ClerkDesk's meeting store is damaged, so it cannot be opened. Nothing has been changed.",
                   f"The newest good backup was made on {backup.when:%d %B %Y at %H:%M}. Restore it? "
                   "The damaged store is kept beside it (renamed), not deleted.", str(error))
        restore_button = _button(box, "Restore the backup", QMessageBox.ButtonRole.AcceptRole, "restoreBackupButton")
        _button(box, "Quit", QMessageBox.ButtonRole.RejectRole, "quitButton")
        box.setDefaultButton(restore_button)
        box.finished.connect(lambda _r: _restore(window, backup) if box.clickedButton() is restore_button
                             else window.close())
    else:
        if isinstance(error, StoreTooNew):
            title, text = "This data is from a newer ClerkDesk", str(error)
            informative = "ClerkDesk will close and leave the data exactly as it is."
        elif isinstance(error, StoreDamaged) and _disk_full(window):
            title, text = "The disk is full", str(error).split(" The newest good backup")[0]
            informative = ("The disk holding ClerkDesk's data is full, so nothing can be restored now. Free some "
                           "space and start ClerkDesk again. ClerkDesk will close; nothing has been changed.")
        elif isinstance(error, StoreDamaged):
            title, text = "The meeting store is damaged", str(error)
            informative = "There is no good backup to go back to. ClerkDesk will close; nothing has been changed."
        elif isinstance(error, StoreLocked):
            title, text = "ClerkDesk is already open", str(error)
            informative = "This window will close; use the one already open."
        else:
            title, text, informative = "The meeting store cannot be opened", str(error), "ClerkDesk will close."
        box = _box(window, title, text, informative)
        _button(box, "Quit", QMessageBox.ButtonRole.RejectRole, "quitButton")
        box.finished.connect(lambda _r: window.close())
    box.open()
    return box


def _disk_full(window) -> bool:
    """Whether the data folder's disk has too little room to restore onto (then no restore is offered)."""
    try:
        return shutil.disk_usage(window.session.data_dir).free < FULL_BELOW
    except OSError:
        return False


def _restore(window, backup: Backup) -> None:
    """Put the backup in place (the damaged store is moved aside) and start the session again."""
    folder = DataFolder(window.session.data_dir)
    try:
        folder.lock.acquire(wait=LOCK_WAIT_SECONDS, who="the ClerkDesk window")
        try:
            aside = restore(folder.store_path, backup.path)
        finally:
            folder.release()
    except ClerkDeskError as e:
        box = _box(window, "The backup was not restored", str(e), "ClerkDesk will close; nothing else was changed.")
        _button(box, "Quit", QMessageBox.ButtonRole.RejectRole, "quitButton")
        box.finished.connect(lambda _r: window.close())
        box.open()
        return
    window.statusBar().showMessage(f"Restored the backup of {backup.when:%d %B %Y at %H:%M}; "
                                   f"the damaged store is kept at {aside}.", 30000)
    window.session.start()  # the jobs queued before the store failed run now
    window.controller.open_meeting(window.settings.last_meeting)  # as the backup has it
