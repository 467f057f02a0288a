"""Telling a screen reader what changed on its own: a save that failed, the speaker who has the floor.

Labels that change (the save status, the clock) are read with their text, and Qt tells a
screen reader when a label's text changes; but a clerk whose focus is in the entry line hears
nothing of a label elsewhere. What they must not miss is announced (Qt 6.8's announcement
event), and logged, so it can be seen in the log and in tests.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget

log = logging.getLogger("clerkdesk.ui.announce")


def announce(widget: QWidget, message: str, urgent: bool = False) -> None:
    """Ask a screen reader to say ``message`` now (``urgent``: interrupting what it is saying)."""
    log.debug("Announced%s: %s", " (urgent)" if urgent else "", message)
    event = QAccessibleAnnouncementEvent(widget, message)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if urgent
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)
