"""The header's quorum badge: "Quorate · 5 of 8 present · quorum 3", red "Inquorate" when not.

It asks the core (``clerkdesk.quorum.status_now``) whenever it is shown a meeting: the window
calls ``show_status`` on opening a meeting, after every change applied and on moving to
another item (a member out of the room counts for nothing under that item).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from clerkdesk.model import Item, Meeting
from clerkdesk.quorum import Status, status_now


class QuorumBadge(QLabel):
    """Whether the meeting can decide, recomputed from the meeting shown."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("headerQuorum")
        self.status: Status | None = None
        self.hide()

    def show_status(self, meeting: Meeting | None, item: Item | None) -> None:
        """Recompute the quorum for the meeting as it stands under ``item``; hidden with no meeting or members."""
        if meeting is None or not any(p.group == "member" for p in meeting.people):
            self.status = None
            self.hide()
            return
        status = status_now(meeting, item)
        if status == self.status and self.isVisible():
            return
        self.status = status
        self.setText(status.summary())
        self.setAccessibleName("Quorum")
        self.setAccessibleDescription(status.summary())
        self.setToolTip("Voting members in the room, a substitute for the member replaced; officers, non-voting "
                        "members, members out of the room for the item and (unless the committee says so) remote "
                        "attendees are not counted.")
        self.setProperty("quorate", status.quorate)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()
