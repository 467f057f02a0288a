"""The vote grid: the voting members present, ticked for, against or abstaining, or just the counts.

Keyboard: in the grid, F ticks For, A Against, B aBstain, 0 clears, and the cursor moves
down a row, so a recorded vote of twelve members is twelve key presses. Ticks fill the
counts; the counts must agree with the ticks before OK is allowed (clerkdesk.live.check_vote).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from clerkdesk.errors import BadInput
from clerkdesk.live import check_vote, vote_outcome
from clerkdesk.model import Entry, Item, Meeting, OUTCOMES
from clerkdesk.quorum import status_now
from clerkdesk.wording import member_name

SIDES = ("for", "against", "abstain")
_KEYS = {Qt.Key.Key_F: "for", Qt.Key.Key_A: "against", Qt.Key.Key_B: "abstain", Qt.Key.Key_0: None,
         Qt.Key.Key_Delete: None}


class VoteGrid(QTableWidget):
    """One row per voting member; a letter key ticks a side and moves down."""

    changed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _KEYS and self.currentRow() >= 0:
            self.set_side(self.currentRow(), _KEYS[event.key()])
            self.setCurrentCell(min(self.rowCount() - 1, self.currentRow() + 1), 1)
            return
        super().keyPressEvent(event)

    def set_side(self, row: int, side: str | None) -> None:
        """Tick one side of a member's row (None clears it)."""
        for n, s in enumerate(SIDES):
            self.item(row, n + 1).setText("✔" if s == side else "")
        self.changed.emit()

    def side(self, row: int) -> str | None:
        """The side ticked in a row."""
        return next((s for n, s in enumerate(SIDES) if self.item(row, n + 1).text()), None)


class VoteDialog(QDialog):
    """A motion, its mover and seconder, and the vote, recorded by name or by counts."""

    def __init__(self, meeting: Meeting, voters: list[str], motion: str = "", entry: Entry | None = None,
                 parent: QWidget | None = None, item: Item | None = None):
        super().__init__(parent)
        self.setObjectName("voteDialog")
        self.setWindowTitle("Vote")
        self._voters = voters
        self._outcome_touched = False
        self.motion = QLineEdit(entry.motion if entry and entry.motion else motion)
        self.motion.setObjectName("voteMotion")
        self.motion.setAccessibleName("Motion")
        self.mover, self.seconder = QComboBox(), QComboBox()
        for combo, name, chosen in ((self.mover, "Mover", entry.mover if entry else None),
                                    (self.seconder, "Seconder", entry.seconder if entry else None)):
            combo.setAccessibleName(name)
            combo.setObjectName(f"vote{name}")
            combo.addItem("—", None)
            for key in voters:
                combo.addItem(member_name(meeting, key), key)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
        self.grid = VoteGrid(len(voters), 4)
        self.grid.setObjectName("voteGrid")
        self.grid.setTabKeyNavigation(False)  # arrow keys within; Tab moves on
        self.grid.setAccessibleName("Recorded vote: F for, A against, B abstain, 0 clear")
        self.grid.setHorizontalHeaderLabels(["Member", "For", "Against", "Abstain"])
        self.grid.verticalHeader().hide()
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        recorded = (entry.recorded if entry else None) or {}
        for row, key in enumerate(voters):
            person = meeting.person(key)
            label = member_name(meeting, key)
            if person and person.attendance == "substitute" and person.substitute_for:
                label += f" (for {member_name(meeting, person.substitute_for)})"
            self.grid.setItem(row, 0, QTableWidgetItem(label))
            for col in range(1, 4):
                cell = QTableWidgetItem("")
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.grid.setItem(row, col, cell)
            side = next((s for s in SIDES if key in (recorded.get(s) or [])), None)
            if side:
                self.grid.set_side(row, side)
        # The names take what room is left; For, Against and Abstain are always shown whole.
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.grid.setWordWrap(True)
        self.counts = {s: QSpinBox() for s in SIDES}
        counts_row = QHBoxLayout()
        for side, label in zip(SIDES, ("For", "Against", "Abstentions"), strict=True):
            spin = self.counts[side]
            spin.setRange(0, 999)
            spin.setObjectName(f"voteCount_{side}")
            spin.setAccessibleName(label)
            value = getattr(entry, f"votes_{side}", None) if entry else None
            spin.setValue(value or 0)
            counts_row.addWidget(QLabel(label))
            counts_row.addWidget(spin)
        self.outcome = QComboBox()
        self.outcome.setObjectName("voteOutcome")
        self.outcome.setAccessibleName("Outcome")
        for o in OUTCOMES:
            self.outcome.addItem(o.capitalize(), o)
        if entry and entry.outcome:
            self.outcome.setCurrentIndex(self.outcome.findData(entry.outcome))
            self._outcome_touched = True
        self.problem = QLabel()
        self.problem.setObjectName("voteProblem")
        # A new vote taken while inquorate: the clerk is told before recording it (the vote may still be minuted).
        status = status_now(meeting, item) if entry is None else None
        self.quorum_warning = QLabel()
        self.quorum_warning.setObjectName("voteQuorum")
        self.quorum_warning.setWordWrap(True)
        if status is not None and not status.quorate:
            self.quorum_warning.setText(f"The meeting is inquorate ({status.counted} of {status.membership} "
                                        f"members present, quorum {status.quorum}): a decision taken now is not valid.")
            self.quorum_warning.setAccessibleName(self.quorum_warning.text())
        self.quorum_warning.setVisible(bool(self.quorum_warning.text()))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout()
        form.addRow("&Motion", self.motion)
        form.addRow("Mo&ved by", self.mover)
        form.addRow("&Seconded by", self.seconder)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quorum_warning)
        layout.addLayout(form)
        layout.addWidget(QLabel("Recorded vote (optional) — F for, A against, B abstain, 0 clear:"))
        layout.addWidget(self.grid, 1)
        layout.addLayout(counts_row)
        outcome_row = QFormLayout()
        outcome_row.addRow("&Outcome", self.outcome)
        layout.addLayout(outcome_row)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(520, 560)
        self._connect_signals()
        self._on_counts_changed()

    def _connect_signals(self) -> None:
        self.grid.changed.connect(self._on_grid_changed)
        for spin in self.counts.values():
            spin.valueChanged.connect(self._on_counts_changed)
        self.outcome.activated.connect(self._on_outcome_activated)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def recorded(self) -> dict[str, list[str]] | None:
        """The names ticked on each side, or None for a vote by counts only."""
        sides: dict[str, list[str]] = {s: [] for s in SIDES}
        for row, key in enumerate(self._voters):
            side = self.grid.side(row)
            if side:
                sides[side].append(key)
        return sides if any(sides.values()) else None

    def entry(self) -> Entry:
        """The vote as an entry."""
        return Entry(kind="vote", motion=self.motion.text().strip(), mover=self.mover.currentData(),
                     seconder=self.seconder.currentData(), votes_for=self.counts["for"].value(),
                     votes_against=self.counts["against"].value(), votes_abstain=self.counts["abstain"].value(),
                     outcome=self.outcome.currentData(), recorded=self.recorded())

    def _on_grid_changed(self) -> None:
        recorded = self.recorded()
        if recorded is not None:
            for side in SIDES:
                self.counts[side].blockSignals(True)
                self.counts[side].setValue(len(recorded[side]))
                self.counts[side].blockSignals(False)
        self._on_counts_changed()

    def _on_outcome_activated(self) -> None:
        self._outcome_touched = True

    def _on_counts_changed(self) -> None:
        if not self._outcome_touched:
            outcome = vote_outcome(self.counts["for"].value(), self.counts["against"].value())
            self.outcome.setCurrentIndex(self.outcome.findData(outcome))
        try:
            check_vote(self.entry())
            self.problem.setText("")
            ok = True
        except BadInput as e:
            self.problem.setText(str(e))
            ok = False
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
