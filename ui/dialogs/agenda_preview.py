"""The agenda as ClerkDesk read it, for the clerk to correct before anything is written.

Each row is an item: its number, title, whether it is exempt (Part 2) and its description, all
editable; rows can be added and removed. The clerk chooses whether the items go into the open
meeting or make a new one (committee, date, time and venue, filled from the agenda's heading
when it said them). Nothing is written until Apply; the main window hands the result to the core.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QComboBox, QDateEdit, QDialog, QDialogButtonBox,
                               QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QRadioButton, QTableWidget, QTableWidgetItem, QTimeEdit, QVBoxLayout, QWidget)

from clerkdesk.agenda_import import AgendaPreview
from clerkdesk.model import Item, Meeting

_NUMBER, _TITLE, _EXEMPT, _DESCRIPTION = range(4)


class AgendaPreviewDialog(QDialog):
    """Correct the items read from an agenda, and say where they go."""

    def __init__(self, preview: AgendaPreview, meeting: Meeting | None, committees: list[str],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("agendaPreview")
        self.setWindowTitle(f"Import agenda — {preview.source}" if preview.source else "Import agenda")
        self.meeting = meeting
        found = QLabel(f"{len(preview.items)} items found. Correct anything read wrongly, then Apply.")
        found.setObjectName("agendaFound")
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("agendaPreviewTable")
        self.table.setTabKeyNavigation(False)  # arrow keys within; Tab moves on
        self.table.setAccessibleName("Agenda items")
        self.table.setHorizontalHeaderLabels(["No.", "Title", "Exempt", "Description"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(_NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(_EXEMPT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for item in preview.items:
            self._add_row(item)
        self.table.resizeRowsToContents()
        add = QPushButton("&Add item")
        add.setObjectName("agendaAddRow")
        remove = QPushButton("&Remove item")
        remove.setObjectName("agendaRemoveRow")
        rows = QHBoxLayout()
        rows.addWidget(add)
        rows.addWidget(remove)
        rows.addStretch(1)

        self.into_open = QRadioButton(f"Add to the open meeting: {meeting.title} ({meeting.date})" if meeting
                                      else "Add to the open meeting")
        self.into_open.setObjectName("agendaIntoOpen")
        self.into_open.setEnabled(meeting is not None)
        self.into_new = QRadioButton("Make a &new meeting")
        self.into_new.setObjectName("agendaIntoNew")
        group = QButtonGroup(self)
        group.addButton(self.into_open)
        group.addButton(self.into_new)
        self.committee = QComboBox()
        self.committee.setObjectName("agendaCommittee")
        self.committee.setAccessibleName("Committee")
        self.committee.setEditable(True)
        self.committee.addItems(committees)
        self.committee.setCurrentText(preview.committee or (meeting.committee.name if meeting else ""))
        self.date = QDateEdit(QDate.fromString(preview.date, "yyyy-MM-dd") if preview.date else QDate.currentDate())
        self.date.setObjectName("agendaDate")
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setCalendarPopup(True)
        self.start = QTimeEdit(QTime.fromString(preview.start, "HH:mm") if preview.start else QTime(18, 30))
        self.start.setObjectName("agendaStart")
        self.start.setDisplayFormat("HH:mm")
        self.venue = QLineEdit(preview.venue)
        self.venue.setObjectName("agendaVenue")
        new_form = QFormLayout()
        new_form.addRow("&Committee", self.committee)
        new_form.addRow("&Date", self.date)
        new_form.addRow("&Start", self.start)
        new_form.addRow("&Venue", self.venue)
        self._new_fields = QWidget()
        self._new_fields.setLayout(new_form)
        self.into_new.setChecked(True)
        if preview.warnings:
            found.setText(found.text() + "\n" + "\n".join(preview.warnings))
        found.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        apply = buttons.addButton("A&pply", QDialogButtonBox.ButtonRole.AcceptRole)
        apply.setObjectName("agendaApply")
        self.error = QLabel()
        self.error.setObjectName("agendaError")
        layout = QVBoxLayout(self)
        layout.addWidget(found)
        layout.addWidget(self.table, 3)
        layout.addLayout(rows)
        layout.addWidget(self.into_open)
        layout.addWidget(self.into_new)
        layout.addWidget(self._new_fields)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        add.clicked.connect(lambda: self._add_row(Item(number="", title="")))
        remove.clicked.connect(self._on_remove_clicked)
        self.into_new.toggled.connect(self._new_fields.setEnabled)
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        self.resize(900, 760)

    def _add_row(self, item: Item) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, _NUMBER, QTableWidgetItem(item.number))
        self.table.setItem(row, _TITLE, QTableWidgetItem(item.title))
        exempt = QTableWidgetItem("Part 2")
        exempt.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
        exempt.setCheckState(Qt.CheckState.Checked if item.exempt else Qt.CheckState.Unchecked)
        self.table.setItem(row, _EXEMPT, exempt)
        self.table.setItem(row, _DESCRIPTION, QTableWidgetItem(item.description))
        if not item.title:
            self.table.setCurrentCell(row, _TITLE)
            self.table.editItem(self.table.item(row, _TITLE))

    def _on_remove_clicked(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def _on_accepted(self) -> None:
        items = self.items()
        untitled = next((i for i in items if not i.title), None)
        if not items:
            self.error.setText("There are no items to import.")
        elif untitled is not None:
            self.error.setText(f"Item {untitled.number or '(unnumbered)'} needs a title.")
        elif self.into_new.isChecked() and not self.committee.currentText().strip():
            self.error.setText("Say which committee the new meeting is for.")
        else:
            self.accept()

    def items(self) -> list[Item]:
        """The items as corrected."""
        def text(row: int, col: int) -> str:
            cell = self.table.item(row, col)
            return cell.text().strip() if cell else ""
        return [Item(number=text(r, _NUMBER), title=text(r, _TITLE), description=text(r, _DESCRIPTION),
                     exempt=self.table.item(r, _EXEMPT).checkState() == Qt.CheckState.Checked)
                for r in range(self.table.rowCount())]

    def destination(self) -> dict[str, object]:
        """Where the items go, as ``apply_agenda`` takes it."""
        if self.into_open.isChecked() and self.meeting is not None:
            return {"meeting_id": self.meeting.id}
        return {"meeting_id": None, "committee": self.committee.currentText().strip(),
                "date": self.date.date().toString("yyyy-MM-dd"), "start": self.start.time().toString("HH:mm"),
                "venue": self.venue.text().strip()}


class PasteAgendaDialog(QDialog):
    """An agenda typed or pasted as text, one item to a line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pasteAgenda")
        self.setWindowTitle("Paste an agenda")
        self.text = QPlainTextEdit()
        self.text.setObjectName("pasteAgendaText")
        self.text.setAccessibleName("Agenda text")
        self.text.setTabChangesFocus(True)  # an agenda has no tabs; Tab goes on to OK
        self.text.setPlaceholderText("1. Apologies for absence\n2. Declarations of interest\n3. Minutes of the "
                                     "previous meeting\n…\nPart 2 – exempt\n9. Waste contract")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Type or paste the agenda: item numbers and titles, one to a line."))
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 480)
