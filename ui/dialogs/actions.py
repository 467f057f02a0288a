"""Meeting › Open actions: a committee's actions not yet done, across all its meetings.

Each shows what is to be done, by whom, by when, and the meeting and item it came from;
"Mark done" records today as the day it was done, here and in any Action log it was carried
into, so it leaves the list everywhere. The list is read and changed through the session.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from clerkdesk import ops, planning
from clerkdesk.planning import OpenAction
from clerkdesk.wording import format_date

from clerkdesk.ui.session import Session


class ActionsDialog(QDialog):
    """One committee's open actions."""

    def __init__(self, session: Session, committee: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("actionsDialog")
        self.setWindowTitle(f"Open actions — {committee}")
        self.session, self.committee = session, committee
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("actionsTable")
        self.table.setTabKeyNavigation(False)  # arrow keys within; Tab moves on
        self.table.setAccessibleName("Open actions")
        self.table.setHorizontalHeaderLabels(["Action", "Owner", "Due", "From the meeting of", "Item"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        # The action's wording takes what is left; owner and item wrap in a set width so that
        # long names never squeeze the action itself out of sight.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(90)
        for col, width in ((1, 190), (4, 210)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, width)
        for col in (2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.status = QLabel()
        self.status.setObjectName("actionsStatus")
        self.mark_done = QPushButton("&Mark done")
        self.mark_done.setObjectName("actionsMarkDone")
        close = QPushButton("Close")
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.mark_done)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.mark_done.clicked.connect(self._on_done_clicked)
        close.clicked.connect(self.reject)
        self.resize(980, 460)
        self.refresh()

    def refresh(self) -> None:
        """Read the committee's open actions again."""
        committee = self.committee
        self.session.read(lambda s: planning.open_actions(s, committee), self._show)

    def _show(self, actions: list[OpenAction]) -> None:
        self.table.setRowCount(len(actions))
        for r, a in enumerate(actions):
            item = f"{a.minute_number or a.item_number} {a.item_title}".strip() + (" (exempt)" if a.exempt else "")
            for c, text in enumerate((a.text, a.owner, format_date(a.due) if a.due else "",
                                      format_date(a.meeting_date), item)):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, a.entry_id)
                self.table.setItem(r, c, cell)
        self.table.resizeRowsToContents()
        if actions:
            self.table.selectRow(0)
        self.mark_done.setEnabled(bool(actions))
        self.status.setText(f"{len(actions)} open action{'s' if len(actions) != 1 else ''}" if actions
                            else "No open actions: everything minuted has been done.")

    def _on_done_clicked(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        entry_id = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)

        def refused(message: str) -> None:
            box = QMessageBox(QMessageBox.Icon.Warning, "ClerkDesk", message, QMessageBox.StandardButton.Ok, self)
            box.finished.connect(box.deleteLater)
            box.open()
        self.session.call(ops.mark_action_done, entry_id, on_done=lambda _change: self.refresh(), on_refused=refused,
                          owner=self)
