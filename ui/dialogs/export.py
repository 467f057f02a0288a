"""File › Export…: which format, which template, public or confidential, and where.

The template is remembered per committee (a council has one house template; a committee may
have its own). Public minutes are the default: exempt items keep only their number and title.
The dialog only collects the choices; the main window runs the export off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton,
                               QVBoxLayout, QWidget)

from clerkdesk.model import Meeting
from clerkdesk.export.pdf import find_soffice

from clerkdesk.ui.settings import Settings

# (label, format, suffix); PDF is offered only where LibreOffice is installed to make it.
FORMATS = [("Word document (.docx)", "docx", ".docx"), ("PDF (.pdf)", "pdf", ".pdf"),
           ("Web page for the council website (.html)", "html", ".html"), ("Plain text (.txt)", "text", ".txt"),
           ("Meeting file for another ClerkDesk (.clerkdesk)", "json", ".clerkdesk")]
HOUSE_TEMPLATE = "ClerkDesk house template"


@dataclass
class ExportChoice:
    """What the clerk chose."""

    fmt: str
    path: Path
    template: Path | None
    confidential: bool
    open_after: bool


def default_folder() -> Path:
    """Where exports go unless the clerk says otherwise: their Documents folder."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs else Path.home()


def _safe_name(text: str) -> str:
    return "".join(c if c.isalnum() or c in " -_.,()&'" else "-" for c in text).strip() or "minutes"


class ExportDialog(QDialog):
    """The export choices for one meeting."""

    def __init__(self, meeting: Meeting, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export the minutes")
        self.meeting, self.settings = meeting, settings
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        self.format.setAccessibleName("Format")
        for label, fmt, _suffix in FORMATS:
            if fmt != "pdf" or find_soffice():
                self.format.addItem(label, fmt)
        self.template = QLineEdit()
        self.template.setObjectName("exportTemplate")
        self.template.setAccessibleName("Word template")
        self.template.setReadOnly(True)
        choose_template = QPushButton("&Choose…")
        choose_template.setObjectName("exportChooseTemplate")
        house = QPushButton("&House template")
        house.setObjectName("exportHouseTemplate")
        self.public = QRadioButton("&Public: exempt items show their title only")
        self.public.setObjectName("exportPublic")
        self.confidential = QRadioButton("C&onfidential: everything, marked “CONFIDENTIAL – NOT FOR PUBLICATION”")
        self.confidential.setObjectName("exportConfidential")
        group = QButtonGroup(self)
        group.addButton(self.public)
        group.addButton(self.confidential)
        self.public.setChecked(True)
        self.path = QLineEdit()
        self.path.setObjectName("exportPath")
        self.path.setAccessibleName("Save as")
        browse = QPushButton("&Browse…")
        browse.setObjectName("exportBrowse")
        self.open_after = QCheckBox("Open the file when it is written")
        self.open_after.setObjectName("exportOpenAfter")
        self.open_after.setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        export = buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        export.setObjectName("exportGo")
        export.setDefault(True)

        form = QFormLayout()
        form.addRow("&Format", self.format)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template, 1)
        template_row.addWidget(choose_template)
        template_row.addWidget(house)
        form.addRow(self._label("&Template", self.template), template_row)
        form.addRow("", self.public)
        form.addRow("", self.confidential)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        form.addRow(self._label("&Save as", self.path), path_row)
        form.addRow("", self.open_after)
        if any(item.exempt for item in meeting.items):
            note = QLabel("This meeting has exempt (Part 2) items: only confidential minutes include what was said.")
            note.setWordWrap(True)
            form.addRow("", note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

        remembered = settings.template_for(meeting.committee.name)
        self._set_template(Path(remembered) if remembered and Path(remembered).is_file() else None)
        self.path.setText(str(default_folder() / f"{_safe_name(meeting.title)} {meeting.date}.docx"))
        self.format.currentIndexChanged.connect(self._on_format_changed)
        choose_template.clicked.connect(self._on_choose_template_clicked)
        house.clicked.connect(lambda: self._set_template(None))
        browse.clicked.connect(self._on_browse_clicked)
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        self.resize(720, self.sizeHint().height())

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        # A row holding a layout gets no buddy of its own: without one, "&" would show as itself.
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _set_template(self, path: Path | None) -> None:
        self._template = path
        self.template.setText(str(path) if path else HOUSE_TEMPLATE)

    def _suffix(self) -> str:
        return next(s for _l, f, s in FORMATS if f == self.format.currentData())

    def _on_format_changed(self) -> None:
        fmt = self.format.currentData()
        for widget in (self.template, self.findChild(QPushButton, "exportChooseTemplate"),
                       self.findChild(QPushButton, "exportHouseTemplate")):
            widget.setEnabled(fmt in ("docx", "pdf"))
        for widget in (self.public, self.confidential):
            widget.setEnabled(fmt != "json")  # a meeting file carries everything, for ClerkDesk only
        path = Path(self.path.text() or "minutes")
        self.path.setText(str(path.with_suffix(self._suffix())))

    def _on_choose_template_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose the council's Word template", "",
                                              "Word templates (*.docx *.dotx)")
        if path:
            self._set_template(Path(path))

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the minutes as", self.path.text(),
                                              f"{self.format.currentText()} (*{self._suffix()})")
        if path:
            self.path.setText(path)

    def _on_accepted(self) -> None:
        if not self.path.text().strip():
            self.path.setFocus()
            return
        self.settings.set_template_for(self.meeting.committee.name, str(self._template) if self._template else "")
        self.accept()

    def choice(self) -> ExportChoice:
        """The clerk's choices."""
        fmt = self.format.currentData()
        return ExportChoice(fmt=fmt, path=Path(self.path.text().strip()).expanduser(),
                            template=self._template if fmt in ("docx", "pdf") else None,
                            # a meeting file is the whole meeting, Part 2 included, and owner-only
                            confidential=self.confidential.isChecked() or fmt == "json",
                            open_after=self.open_after.isChecked())
