"""File › Team archive settings: the archive's address, and the password kept in the OS keyring.

The address is kept in the window's settings without any password; the password goes to the OS
keyring (Windows Credential Manager, macOS Keychain, the Secret Service) and never to a plain file.
Where there is no keyring the dialog says so, and ~/.pgpass or PGPASSWORD serve instead.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from clerkdesk.archive.connect import check_url, save_password
from clerkdesk.errors import BadInput

from .settings import Settings


def without_password(url: str) -> tuple[str, str]:
    """The URL with its password taken out, and the password ("" when it had none)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url, ""
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment)), parts.password


class ArchiveSettingsDialog(QDialog):
    """The team archive's address and password."""

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("archiveSettings")
        self.setWindowTitle("Team archive settings")
        self.settings = settings
        self.url = QLineEdit(settings.archive_url)
        self.url.setObjectName("archiveUrl")
        self.url.setPlaceholderText("postgresql://jsmith@db.council.local/clerkdesk")
        self.password = QLineEdit()
        self.password.setObjectName("archivePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("kept in this computer's keyring, not in the settings")
        self.message = QLabel("Council IT gives the address (docs/team-archive.md). Leave the password empty to keep "
                              "the one saved.")
        self.message.setObjectName("archiveSettingsMessage")
        self.message.setWordWrap(True)
        form = QFormLayout()
        for text, field in (("&Address:", self.url), ("&Password:", self.password)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_save_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(560, 0)

    def _on_save_clicked(self) -> None:
        text = self.url.text().strip()
        if text:
            try:
                check_url(text)
            except BadInput as e:
                self.message.setText(str(e))
                return
        url, password = without_password(text)
        password = self.password.text() or password
        if password and not save_password(url, password):
            self.message.setText("This computer has no keyring to keep the password in; put it in ~/.pgpass "
                                 "(council IT can help) and leave it empty here.")
            return
        self.settings.archive_url = url
        self.accept()
