"""File › Open from team archive (and the meeting browser's Team archive button): the team archive's
meetings, newest first, a search across every committee's minutes, and Pull to copy one here.

The archive is asked on a pool thread (background.py), never on the GUI thread; the copy into the
store is an operation through the session. An archive that cannot be reached says so in the
dialog's status line.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from clerkdesk import ops
from clerkdesk.archive.client import Archive, ArchivedMeeting, ArchiveHit
from clerkdesk.wording import format_date

from .background import run_in_background
from .session import Session

_UID = Qt.ItemDataRole.UserRole


def _list(url: str) -> list[ArchivedMeeting]:
    with Archive(url) as archive:
        return archive.list()


def _search(url: str, words: str) -> list[ArchiveHit]:
    with Archive(url) as archive:
        return archive.search(words)


def _fetch(url: str, uid: str):
    with Archive(url) as archive:
        return archive.fetch(uid)


class ArchiveBrowser(QDialog):
    """The team archive's meetings; Pull copies the chosen one into this data folder (``meeting_pulled``)."""

    meeting_pulled = Signal(int)  # the local id

    def __init__(self, session: Session, url: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("archiveBrowser")
        self.setWindowTitle("Team archive")
        self.session, self.url = session, url
        self._asked = 0
        self.search = QLineEdit()
        self.search.setObjectName("archiveSearch")
        self.search.setAccessibleName("Search the team archive")
        self.search.setPlaceholderText("Search every committee's minutes, then Enter")
        self.search.setClearButtonEnabled(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("archiveTable")
        self.table.setAccessibleName("Archived meetings")
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalHeaderLabels(["Date", "Committee", "Meeting or item", "Published"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for col in (0, 1, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel()
        self.status.setObjectName("archiveStatus")
        self.status.setWordWrap(True)
        self.pull = QPushButton("&Pull and open")
        self.pull.setObjectName("archive_pull")
        self.pull.setDefault(True)
        self.close_button = QPushButton("Close")
        self._build_layout()
        self._connect_signals()
        self.resize(900, 520)
        self.refresh()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        label = QLabel("&Search:")
        label.setBuddy(self.search)
        top.addWidget(label)
        top.addWidget(self.search, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.pull)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)

    def _connect_signals(self) -> None:
        self.search.returnPressed.connect(self.refresh)
        self.table.itemActivated.connect(self._on_pull_clicked)
        self.pull.clicked.connect(self._on_pull_clicked)
        self.close_button.clicked.connect(self.reject)

    def refresh(self) -> None:
        """List the archive, or search it for what the box says."""
        self._asked += 1
        asked, words = self._asked, self.search.text().strip()
        self.status.setText("Asking the team archive…")
        if words:
            run_in_background(lambda: _search(self.url, words), lambda hits: self._show_hits(asked, hits),
                              self._on_failed)
        else:
            run_in_background(lambda: _list(self.url), lambda rows: self._show_list(asked, rows), self._on_failed)

    def _fill(self, rows: list[tuple[str, list[str]]]) -> None:
        self.table.setRowCount(0)
        for uid, cells in rows:
            n = self.table.rowCount()
            self.table.insertRow(n)
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(_UID, uid)
                self.table.setItem(n, col, cell)
        self.table.resizeRowsToContents()
        if rows:
            self.table.selectRow(0)
        self.pull.setEnabled(bool(rows))

    def _show_list(self, asked: int, rows: list[ArchivedMeeting]) -> None:
        if asked != self._asked:
            return
        self._fill([(r.uid, [format_date(r.date), r.committee, r.title,
                             f"version {r.version}, {r.published_by}"]) for r in rows])
        self.status.setText(f"{len(rows)} meeting{'s' if len(rows) != 1 else ''} in the team archive."
                            if rows else "The team archive has no meetings yet.")

    def _show_hits(self, asked: int, hits: list[ArchiveHit]) -> None:
        if asked != self._asked:
            return
        self._fill([(h.uid, [format_date(h.date), h.committee,
                             f"{h.item_number} {h.item_title}: {' '.join(h.snippet.split())}".strip(), ""])
                    for h in hits])
        self.status.setText(f"{len(hits)} item{'s' if len(hits) != 1 else ''} found." if hits
                            else "No archived meeting mentions that.")

    def _on_failed(self, message: str) -> None:
        self.status.setText(message)
        self.pull.setEnabled(self.table.rowCount() > 0)

    def chosen_uid(self) -> str | None:
        """The uid of the selected row, or None."""
        row = self.table.currentRow()
        cell = self.table.item(row, 0) if row >= 0 else None
        return None if cell is None else cell.data(_UID)

    def _on_pull_clicked(self, *_args: object) -> None:
        uid = self.chosen_uid()
        if uid is None:
            return
        self.status.setText("Pulling the meeting…")
        run_in_background(lambda: _fetch(self.url, uid), self._on_fetched, self._on_failed)

    def _on_fetched(self, fetched) -> None:
        self.session.call(ops.take_archive_copy, fetched.meeting, fetched.version,
                          on_done=lambda change: self._on_pulled(change.result), on_refused=self._on_failed, owner=self)

    def _on_pulled(self, meeting_id: int) -> None:
        self.meeting_pulled.emit(meeting_id)
        self.accept()
