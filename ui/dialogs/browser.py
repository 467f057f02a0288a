"""File › Open meeting: every meeting in the data folder, a search across all of them, and the bin.

The list is newest first and can be narrowed to one committee. Typing in the search box
searches every meeting's words (entries, item titles, people) as you type; each hit shows the
meeting, the item and the words around the match, and opening it goes to that item. From
here a meeting is opened, duplicated, moved to the bin (after asking) or restored from it, and
meeting files are imported and exported; Team archive opens the shared archive's meetings instead. Reads run on the session's reader, changes as operations; answers
that arrive after the clerk has typed on are dropped.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QFileDialog, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QMessageBox, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from clerkdesk import ops
from clerkdesk.export import export_meeting
from clerkdesk.meeting_file import read_meeting_file
from clerkdesk.model import MeetingSummary, SearchHit
from clerkdesk.wording import format_date

from clerkdesk.ui.session import Session

SEARCH_DELAY_MS = 150
ALL_COMMITTEES = "All committees"
_ID, _ITEM = Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 1


def _title(title: str, committee: str) -> str:
    # Most meetings are titled with the committee's name; say so only when it is something else.
    return "" if title == committee else title


class MeetingBrowser(QDialog):
    """Find a meeting and open it (``chosen``), or look after the meetings in the data folder."""

    meeting_chosen = Signal(int, object)  # meeting id, item id or None
    meeting_deleted = Signal(int)  # moved to the bin: the window must not keep it open
    team_archive_wanted = Signal()  # the Team archive button: the window opens the team archive's browser

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("meetingBrowser")
        self.setWindowTitle("Meetings")
        self.session = session
        self._asked = 0  # the newest question sent; older answers are stale
        self.committee = QComboBox()
        self.committee.setObjectName("browserCommittee")
        self.committee.setAccessibleName("Committee")
        self.committee.addItem(ALL_COMMITTEES)
        self.search = QLineEdit()
        self.search.setObjectName("browserSearch")
        self.search.setAccessibleName("Search all meetings")
        self.search.setPlaceholderText("Search every meeting: words said, item titles, people…")
        self.search.setClearButtonEnabled(True)
        self.show_bin = QCheckBox("Show the &bin")
        self.show_bin.setObjectName("browserShowBin")
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("meetingTable")
        self.table.setTabKeyNavigation(False)  # arrow keys within; Tab moves on
        self.table.setAccessibleName("Meetings")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("browserStatus")
        self.buttons: dict[str, QPushButton] = {}
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._build_layout()
        self._connect_signals()
        self.resize(980, 560)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh()
        self.session.read(lambda s: [c.name for c in s.committees()], self._on_committees)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        for text, field, stretch in (("Co&mmittee:", self.committee, 0), ("&Search:", self.search, 1)):
            label = QLabel(text)  # seen, not only a placeholder that vanishes as the clerk types
            label.setBuddy(field)
            top.addWidget(label)
            top.addWidget(field, stretch)
        top.addWidget(self.show_bin)
        row = QHBoxLayout()
        for name, text in (("open", "&Open"), ("duplicate", "D&uplicate"), ("delete", "&Delete…"),
                           ("restore", "&Restore from the bin"), ("import", "&Import meeting file…"),
                           ("export", "E&xport meeting file…"), ("team_archive", "&Team archive…"),
                           ("close", "Close")):
            button = QPushButton(text)
            button.setObjectName(f"browser_{name}")
            self.buttons[name] = button
            if name == "import":
                row.addStretch(1)
            row.addWidget(button)
        self.buttons["open"].setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self.refresh)
        self.committee.currentIndexChanged.connect(self.refresh)
        self.show_bin.toggled.connect(self.refresh)
        self.table.itemActivated.connect(self._on_open_clicked)
        self.table.itemSelectionChanged.connect(self._show_buttons)
        for name, slot in (("open", self._on_open_clicked), ("duplicate", self._on_duplicate_clicked),
                           ("delete", self._on_delete_clicked), ("restore", self._on_restore_clicked),
                           ("import", self._on_import_clicked), ("export", self._on_export_clicked),
                           ("team_archive", self._on_team_archive_clicked), ("close", self.reject)):
            self.buttons[name].clicked.connect(slot)

    def _on_team_archive_clicked(self) -> None:
        self.team_archive_wanted.emit()
        self.accept()

    # -- asking the store -------------------------------------------------------------

    def refresh(self) -> None:
        """Ask again for what the boxes say: the bin, a search, or the list."""
        self._asked += 1
        asked, words = self._asked, self.search.text().strip()
        committee = self.committee.currentText() if self.committee.currentIndex() > 0 else None
        if self.show_bin.isChecked():
            self.session.read(lambda s: (s.bin_meetings(), s.recording_sizes()),
                              lambda r: self._show_meetings(asked, *r, True), owner=self)
        elif words:
            def find(s):
                hits = s.search(words, limit=200)
                return [h for h in hits if committee is None or h.committee == committee]
            self.session.read(find, lambda r: self._show_hits(asked, r), owner=self,
                              on_refused=lambda message: self._show_hits(asked, message))
        else:
            self.session.read(lambda s: (s.list_meetings(committee), s.recording_sizes()),
                              lambda r: self._show_meetings(asked, *r, False), owner=self)

    def _on_committees(self, names: list[str]) -> None:
        current = self.committee.currentText()
        self.committee.blockSignals(True)
        self.committee.clear()
        self.committee.addItems([ALL_COMMITTEES, *names])
        self.committee.setCurrentText(current)
        self.committee.blockSignals(False)

    # -- showing ----------------------------------------------------------------------

    def _set_rows(self, headers: list[str], rows: list[tuple[list[str], int, int | None]]) -> None:
        self.table.clearContents()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(rows))
        for r, (cells, meeting_id, item_id) in enumerate(rows):
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(_ID, meeting_id)
                cell.setData(_ITEM, item_id)
                cell.setToolTip(text)
                self.table.setItem(r, c, cell)
        header = self.table.horizontalHeader()
        for c in range(len(headers)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        stretch = len(headers) - 1 if headers[-1] == "Found" else 2  # the snippet, else the title
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        if rows:
            self.table.selectRow(0)
        self._show_buttons()

    def _show_meetings(self, asked: int, meetings: list[MeetingSummary], recordings: dict[int, int],
                       in_bin: bool) -> None:
        if asked != self._asked:
            return
        self._set_rows(["Date", "Committee", "Meeting", "Status", "Items", "Recording"],
                       [([format_date(m.date), m.committee, _title(m.title, m.committee), m.status.capitalize(),
                          str(m.items), f"{recordings[m.id] / 1e6:.1f} MB" if m.id in recordings else ""], m.id, None)
                        for m in meetings])
        what = "in the bin" if in_bin else "in this data folder"
        self.status.setText(f"{len(meetings)} meeting{'s' if len(meetings) != 1 else ''} {what}"
                            if meetings else ("The bin is empty." if in_bin else "No meetings yet."))

    def _show_hits(self, asked: int, hits: list[SearchHit] | str) -> None:
        if asked != self._asked:
            return
        if isinstance(hits, str):  # the search words could not be used: the sentence why
            self._set_rows(["Date", "Committee", "Meeting", "Item", "Found"], [])
            self.status.setText(hits)
            return
        self._set_rows(["Date", "Committee", "Meeting", "Item", "Found"],
                       [([format_date(h.date), h.committee, _title(h.title, h.committee),
                          f"{h.item_number}. {h.item_title}" if h.item_title else "",
                          h.snippet.replace("\n", " ")], h.meeting_id, h.item_id) for h in hits])
        n = len(hits)
        self.status.setText(f"Found in {n} meeting{'s' if n != 1 else ''}, most relevant first" if n
                            else "Not found in any meeting.")

    def _show_buttons(self) -> None:
        chosen = self.chosen() is not None
        in_bin = self.show_bin.isChecked()
        for name in ("open", "duplicate", "delete", "export"):
            self.buttons[name].setEnabled(chosen and not in_bin)
        self.buttons["restore"].setEnabled(chosen and in_bin)
        self.buttons["restore"].setVisible(in_bin)

    def chosen(self) -> int | None:
        """The selected meeting's id."""
        row = self.table.currentRow()
        cell = self.table.item(row, 0) if row >= 0 else None
        return cell.data(_ID) if cell is not None else None

    def _chosen_label(self) -> str:
        row = self.table.currentRow()
        title = self.table.item(row, 2).text() or self.table.item(row, 1).text()
        return f"the meeting of {title}, {self.table.item(row, 0).text()},"

    # -- doing ------------------------------------------------------------------------

    def _on_open_clicked(self) -> None:
        meeting_id = self.chosen()
        if meeting_id is None or self.show_bin.isChecked():
            return
        item = self.table.item(self.table.currentRow(), 0).data(_ITEM)
        self.meeting_chosen.emit(meeting_id, item)
        self.accept()

    def _on_duplicate_clicked(self) -> None:
        meeting_id = self.chosen()
        if meeting_id is not None:
            self._change(ops.duplicate_meeting, meeting_id)

    def _on_delete_clicked(self) -> None:
        meeting_id = self.chosen()
        if meeting_id is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Move to the bin",
                          f"Move {self._chosen_label()} to the bin?\n\nIt can be restored from the bin later.",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("confirmDelete")
        box.setDefaultButton(QMessageBox.StandardButton.No)

        def answered(button) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self._change(ops.bin_meeting, meeting_id, then=lambda: self.meeting_deleted.emit(meeting_id))
        box.buttonClicked.connect(answered)
        box.finished.connect(box.deleteLater)
        box.open()

    def _on_restore_clicked(self) -> None:
        meeting_id = self.chosen()
        if meeting_id is not None:
            self._change(ops.restore_meeting, meeting_id)

    def _on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import a meeting file", "",
                                              "Meeting files (*.clerkdesk *.json);;All files (*)")
        if path:
            self.session.read(lambda _s: read_meeting_file(path),
                              lambda meeting: self._change(ops.import_meeting, meeting), on_refused=self._warn, owner=self)

    def _on_export_clicked(self) -> None:
        meeting_id = self.chosen()
        if meeting_id is None:
            return
        row = self.table.currentRow()
        name = f"{self.table.item(row, 2).text() or self.table.item(row, 1).text()} {self.table.item(row, 0).text()}.clerkdesk"
        path, _ = QFileDialog.getSaveFileName(self, "Export a meeting file", name,
                                              "Meeting files (*.clerkdesk);;JSON (*.json)")
        if path:
            self.session.read(lambda s: export_meeting(s.load_meeting(meeting_id), "json", Path(path), confidential=True),
                              lambda _r: self.status.setText(f"Saved {Path(path).name}."), on_refused=self._warn,
                              owner=self)

    def _change(self, op, meeting, then=None) -> None:
        """Run an operation on a meeting; the list is read again afterwards, or the clerk told why not."""
        def done(_change) -> None:
            if then is not None:
                then()
            self.refresh()
        self.session.call(op, meeting, on_done=done, on_refused=self._warn, owner=self)

    def _warn(self, message: str) -> None:
        """Tell the clerk, in one sentence, why that was not done."""
        box = QMessageBox(QMessageBox.Icon.Warning, "ClerkDesk", message, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("warning")
        box.finished.connect(box.deleteLater)
        box.open()
