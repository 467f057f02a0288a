"""The small dialogs: a declaration of interest, an exempt item, an agenda item, the meeting's
properties and a new meeting. Each shows what it is given and
hands back values; the main window passes them to the controller."""

from __future__ import annotations

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QSpinBox, QTimeEdit, QVBoxLayout, QWidget)

from clerkdesk.model import Item, Meeting
from clerkdesk.wording import name_for


class _Form(QDialog):
    def __init__(self, title: str, name: str, parent: QWidget | None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def _row(self, label: str, widget: QWidget, name: str) -> QWidget:
        widget.setObjectName(name)
        widget.setAccessibleName(label.replace("&", ""))
        self.form.addRow(label, widget)
        return widget


class DeclarationDialog(_Form):
    """A declaration of interest; a disclosable pecuniary interest means leaving the room for an item."""

    def __init__(self, meeting: Meeting, person: str, text: str, current_item_id: int | None,
                 parent: QWidget | None = None):
        super().__init__("Declaration of interest", "declarationDialog", parent)
        self.person = person
        who = name_for(meeting, person)
        self.text = self._row("&Declared", QLineEdit(text), "declarationText")
        self.form.insertRow(0, QLabel(f"{who} declared …"))
        self.leaves = self._row("", QCheckBox(f"Disclosable pecuniary interest: {who} &leaves the room for"),
                                "declarationLeaves")
        self.item = self._row("&Item", QComboBox(), "declarationItem")
        for item in meeting.items:
            self.item.addItem(f"{item.number}. {item.title}", item.id)
        self.item.setCurrentIndex(max(0, self.item.findData(current_item_id)))
        self.leaves.setChecked("pecuniary" in text.lower())

    def leaves_for_item(self) -> int | None:
        """The item the member leaves the room for, or None."""
        return self.item.currentData() if self.leaves.isChecked() else None


class ExemptDialog(_Form):
    """Mark an item exempt, offering the standard exclusion resolution with its paragraph number."""

    def __init__(self, item: Item, parent: QWidget | None = None):
        super().__init__("Exempt item (Part 2)", "exemptDialog", parent)
        self.form.addRow(QLabel(f"Item {item.number}. {item.title} will be considered in private."))
        self.add_resolution = self._row("", QCheckBox("Add the exclusion &resolution before it"), "exemptResolution")
        self.add_resolution.setChecked(True)
        self.paragraph = self._row("&Paragraph of Schedule 12A", QSpinBox(), "exemptParagraph")
        self.paragraph.setRange(1, 7)
        self.paragraph.setValue(3)  # information about financial or business affairs: the commonest

    def chosen_paragraph(self) -> int | None:
        """The paragraph to cite, or None for no resolution."""
        return self.paragraph.value() if self.add_resolution.isChecked() else None


class ItemDialog(_Form):
    """Add, rename or renumber an agenda item."""

    def __init__(self, item: Item | None = None, parent: QWidget | None = None):
        super().__init__("Agenda item", "itemDialog", parent)
        self.number = self._row("&Number", QLineEdit(item.number if item else ""), "itemNumber")
        self.title = self._row("&Title", QLineEdit(item.title if item else ""), "itemTitle")
        self.minute = self._row("&Minute number", QLineEdit(item.minute_number if item else ""), "itemMinute")
        self.title.setFocus()
        self.resize(520, self.sizeHint().height())


def _time(value: str | None) -> QTimeEdit:
    edit = QTimeEdit(QTime.fromString(value, "HH:mm") if value else QTime(0, 0))
    edit.setDisplayFormat("HH:mm")
    return edit


class PropertiesDialog(_Form):
    """The meeting's title, date, times and venue (the committee is shown, not changed here)."""

    def __init__(self, meeting: Meeting, parent: QWidget | None = None):
        super().__init__("Meeting properties", "propertiesDialog", parent)
        self.form.addRow("Committee", QLabel(meeting.committee.name))
        self.title = self._row("&Title", QLineEdit(meeting.title), "propTitle")
        self.date = self._row("&Date", QDateEdit(QDate.fromString(meeting.date, "yyyy-MM-dd")), "propDate")
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.start = self._row("&Start", _time(meeting.start), "propStart")
        self.end = self._row("&End", _time(meeting.end), "propEnd")
        self.venue = self._row("&Venue", QLineEdit(meeting.venue), "propVenue")
        self._had = (meeting.start, meeting.end)
        self.resize(520, self.sizeHint().height())

    def changes(self) -> dict[str, str | None]:
        """The fields as update_meeting takes them (a time left at 00:00 when it was empty stays empty)."""
        def t(edit: QTimeEdit, had: str | None) -> str | None:
            text = edit.time().toString("HH:mm")
            return None if text == "00:00" and not had else text
        return {"title": self.title.text().strip(), "date": self.date.date().toString("yyyy-MM-dd"),
                "start": t(self.start, self._had[0]), "end": t(self.end, self._had[1]), "venue": self.venue.text()}


class NewMeetingDialog(_Form):
    """A new meeting of a committee: when it met before, it starts from its last meeting."""

    def __init__(self, committees: list[str], current: str = "", parent: QWidget | None = None):
        super().__init__("New meeting", "newMeetingDialog", parent)
        self.committee = self._row("&Committee", QComboBox(), "newCommittee")
        self.committee.setEditable(True)
        self.committee.addItems(committees)
        self.committee.setCurrentText(current)
        self.committee.lineEdit().setPlaceholderText("A committee that met before, or a new one")
        self.title = self._row("&Title", QLineEdit(), "newTitle")
        self.title.setPlaceholderText("Leave blank for the committee's name")
        self.date = self._row("&Date", QDateEdit(QDate.currentDate()), "newDate")
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setCalendarPopup(True)
        self.start = self._row("&Start", _time("18:30"), "newStart")
        self.venue = self._row("&Venue", QLineEdit(), "newVenue")
        note = QLabel("A committee that has met before brings its members (attendance to be taken), "
                      "Apologies, Declarations, the previous minutes to approve, its open actions, "
                      "and minute numbers running on.")
        note.setWordWrap(True)
        self.form.addRow(note)
        self.resize(560, self.sizeHint().height())

    def values(self) -> dict[str, str]:
        """The fields as ``ops.new_meeting`` takes them."""
        return {"committee": self.committee.currentText().strip(), "title": self.title.text().strip(),
                "date": self.date.date().toString("yyyy-MM-dd"), "start": self.start.time().toString("HH:mm"),
                "venue": self.venue.text().strip()}
