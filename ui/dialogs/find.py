"""Edit › Find in this meeting: matches among the items and entries, as the minutes word them."""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout,
                               QWidget)

from clerkdesk.model import Meeting
from clerkdesk.wording import entry_text

_ITEM = 256


class FindDialog(QDialog):
    """Type words; every item or entry with all of them is listed; Enter goes to its item."""

    def __init__(self, meeting: Meeting, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("findDialog")
        self.setWindowTitle("Find in this meeting")
        self._rows = []
        for item in meeting.items:
            self._rows.append((item.id, f"{item.number}. {item.title}", f"{item.number}. {item.title}"))
            for entry in item.entries:
                text = entry_text(entry, meeting)
                self._rows.append((item.id, text, f"{item.number}: {text}"))
        self.box = QLineEdit()
        self.box.setObjectName("findBox")
        self.box.setAccessibleName("Find")
        self.box.setPlaceholderText("Words to find")
        self.results = QListWidget()
        self.results.setObjectName("findResults")
        self.results.setAccessibleName("Matches")
        self.results.setWordWrap(True)
        self.count = QLabel()
        label = QLabel("&Find:")
        label.setBuddy(self.box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        go = buttons.addButton("&Go to item", QDialogButtonBox.ButtonRole.AcceptRole)
        go.setObjectName("findGo")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.box)
        layout.addWidget(self.count)
        layout.addWidget(self.results, 1)
        layout.addWidget(buttons)
        self.resize(640, 480)
        self.box.textChanged.connect(self._on_box_text_changed)
        self.box.returnPressed.connect(self.accept)
        self.results.itemActivated.connect(self.accept)

    def chosen_item(self) -> int | None:
        """The item of the match chosen."""
        row = self.results.currentItem()
        return row.data(_ITEM) if row else None

    def _on_box_text_changed(self, text: str) -> None:
        words = text.casefold().split()
        self.results.clear()
        if not words:
            self.count.setText("")
            return
        for item_id, hay, label in self._rows:
            if all(w in hay.casefold() for w in words):
                row = QListWidgetItem(label)
                row.setData(_ITEM, item_id)
                self.results.addItem(row)
        self.results.setCurrentRow(0)
        self.count.setText(f"{self.results.count()} found")
