"""The header: committee, date, the clock and the meeting's elapsed time, and whether it runs."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from clerkdesk.live import is_running, started_at
from clerkdesk.model import Meeting
from clerkdesk.wording import format_date, format_time

from clerkdesk.ui.look import scale_font
from clerkdesk.ui.quorum_badge import QuorumBadge


class _EllipsisLabel(QLabel):
    """A one-line label that ends in "…" when it has less room than its text (the text stays whole)."""

    def paintEvent(self, event) -> None:  # noqa: ARG002 - Qt's signature
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        self.style().drawItemText(QPainter(self), rect, int(self.alignment()), self.palette(), self.isEnabled(),
                                  shown, self.foregroundRole())


class HeaderBar(QWidget):
    """Shows the meeting it is given; ticks once a second."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("headerBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # so the style sheet paints it
        self._meeting: Meeting | None = None
        self.committee = _EllipsisLabel()
        self.committee.setObjectName("headerCommittee")
        self.when = _EllipsisLabel()
        self.when.setObjectName("headerWhen")
        self.state = QLabel()
        self.state.setObjectName("headerState")
        self.quorum = QuorumBadge()
        self.clock = QLabel()
        self.clock.setObjectName("headerClock")
        self.clock.setAccessibleDescription("Clock")  # a description: the name is the time it shows
        self.elapsed = QLabel()
        self.elapsed.setObjectName("headerElapsed")
        self.elapsed.setAccessibleDescription("Time since the meeting started")
        for label in (self.committee, self.when):  # on a small screen the titles give way, not the clock
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            label.setMinimumWidth(120)
        for label, scale in ((self.committee, 1.35), (self.clock, 1.5), (self.elapsed, 1.15)):
            scale_font(label, scale)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.committee)
        titles.addWidget(self.when)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addLayout(titles, 1)
        layout.addWidget(self.quorum)
        layout.addSpacing(8)
        layout.addWidget(self.state)
        layout.addSpacing(16)
        layout.addWidget(self.elapsed)
        layout.addSpacing(16)
        layout.addWidget(self.clock)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def show_meeting(self, meeting: Meeting) -> None:
        """Show a meeting's committee, date and state."""
        self._meeting = meeting
        self.committee.setText(meeting.committee.name if meeting.title == meeting.committee.name
                               else f"{meeting.committee.name} — {meeting.title}")
        venue = f" · {meeting.venue}" if meeting.venue else ""
        self.when.setText(f"{format_date(meeting.date)}{venue}")
        self.committee.setToolTip(self.committee.text())
        self.when.setToolTip(self.when.text())
        self._on_timer_timeout()

    def _on_timer_timeout(self) -> None:
        now = datetime.now()
        self.clock.setText(now.strftime("%H:%M:%S"))
        m = self._meeting
        if m is None:
            return
        running, since = is_running(m), started_at(m)
        if running and since is not None:
            seconds = max(0, int((now - since).total_seconds()))
            self.elapsed.setText(f"Elapsed {seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}")
            self.state.setText(f"Running since {format_time(m.start)}")
        elif m.end:
            self.elapsed.setText("")
            self.state.setText(f"Closed at {format_time(m.end)}")
        else:
            self.elapsed.setText("")
            self.state.setText("Not started — Ctrl+Shift+B starts")
        if m.status == "approved":
            self.state.setText(f"{self.state.text()} · Approved: read-only")
        elif m.status == "final":
            self.state.setText(f"{self.state.text()} · Final")
        self.state.setProperty("running", running)
        self.state.style().unpolish(self.state)
        self.state.style().polish(self.state)
