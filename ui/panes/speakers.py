"""The speakers pane: who is at the meeting, their attendance, who speaks now and who is waiting.

The filter box is the quick-pick: Ctrl+P puts the cursor in it, typing part of a name narrows
the list, Enter makes the first match the speaker. Attendance is changed in place (F2 or a
double-click on it). The queue is the Chair's list of hands up; the top of it is one key away.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QStyledItemDelegate, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from clerkdesk.chamber import clock, time_left_words, timer_level
from clerkdesk.model import Meeting, Person
from clerkdesk.wording import format_time, full_name, member_name, referred_to_as

from clerkdesk.ui.announce import announce
from clerkdesk.ui.look import scale_font

KEY_ROLE = Qt.ItemDataRole.UserRole
GROUPS = (("member", "Members"), ("officer", "Officers"), ("guest", "Others"))
ATTENDANCE_LABELS = {"present": "Present", "apologies": "Apologies", "absent": "Absent",
                     "in_attendance": "In attendance", "remote": "Remote", "substitute": "Substitute"}


def attendance_text(person: Person, meeting: Meeting) -> str:
    """"Substitute for Councillor Greaves · arrived 6.42 pm" — attendance as the pane shows it."""
    text = ATTENDANCE_LABELS.get(person.attendance, person.attendance)
    if person.attendance == "substitute" and person.substitute_for:
        text += f" for {member_name(meeting, person.substitute_for)}"
    if person.arrived:
        text += f" · arrived {format_time(person.arrived)}"
    if person.left:
        text += f" · left {format_time(person.left)}"
    return text


def attendance_choices(person: Person, meeting: Meeting) -> list[tuple[str, str, str | None]]:
    """(label, attendance, substitute_for) choices for one person: substitute for each absent member."""
    choices = [(ATTENDANCE_LABELS[a], a, None) for a in ("present", "apologies", "absent", "in_attendance", "remote")]
    for other in meeting.people:
        if other.group == "member" and other.key != person.key and other.attendance in ("apologies", "absent"):
            choices.append((f"Substitute for {member_name(meeting, other.key)}", "substitute", other.key))
    return choices


class AttendanceDelegate(QStyledItemDelegate):
    """A combo box over the attendance column; choosing asks the pane to change it."""

    def __init__(self, pane: SpeakersPane):
        super().__init__(pane.view)
        self._pane = pane

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("attendanceEditor")
        combo.setAccessibleName("Attendance")
        person = self._pane.person(index.data(KEY_ROLE))
        for label, attendance, sub in attendance_choices(person, self._pane.meeting) if person else []:
            combo.addItem(label, (attendance, sub))
            if attendance == person.attendance and sub == person.substitute_for:
                combo.setCurrentIndex(combo.count() - 1)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        pass  # chosen in createEditor, where the person's choices are built

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        attendance, sub = editor.currentData()
        self._pane.attendance_requested.emit(index.data(KEY_ROLE), attendance, sub)


class FilterBox(QLineEdit):
    """The quick-pick box: Down goes to the list, Enter picks, Esc clears."""

    picked = Signal()
    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.picked.emit()
        elif event.key() == Qt.Key.Key_Down:
            self.down.emit()
        elif event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
        else:
            super().keyPressEvent(event)


class SpeakersPane(QWidget):
    """People grouped as members, officers and others, the current speaker and the queue."""

    speaker_picked = Signal(object)  # key
    attendance_requested = Signal(str, str, object)  # key, attendance, substitute_for

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.meeting: Meeting | None = None
        self._shown: list[tuple] = []
        self._speaker: str | None = None
        self._speaking_since = time.monotonic()
        self.speaking_limit: int | None = None  # the committee's, in seconds: the time turns amber, then red
        title = QLabel("Speakers")
        title.setObjectName("paneTitle")
        scale_font(title, 1.1)
        self.filter = FilterBox()
        self.filter.setObjectName("speakerFilter")
        self.filter.setAccessibleName("Pick a speaker by name")
        self.filter.setPlaceholderText("Type part of a name")
        filter_label = QLabel("Pick a speaker (Ctrl+P):")  # seen, not only a placeholder that vanishes
        filter_label.setObjectName("speakerFilterLabel")
        filter_label.setBuddy(self.filter)
        self.view = QTreeWidget()
        self.view.setObjectName("speakerList")
        self.view.setAccessibleName("People at the meeting")
        self.view.setHeaderHidden(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setItemDelegate(AttendanceDelegate(self))  # each row: name, then attendance, edited in place
        self.current = QLabel()
        self.current.setObjectName("currentSpeaker")
        scale_font(self.current, 1.05)
        self.current.setAccessibleDescription("Who has the floor, and for how long")
        queue_title = QLabel("Waiting to speak")
        queue_title.setObjectName("paneSubtitle")
        self.queue = QListWidget()
        self.queue.setObjectName("speakerQueue")
        self.queue.setAccessibleName("Waiting to speak")
        self.queue.setMaximumHeight(110)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for widget in (title, filter_label, self.filter, self.view, self.current, queue_title, self.queue):
            layout.addWidget(widget, 1 if widget is self.view else 0)
        self._connect_signals()
        self._clock.start()

    def _connect_signals(self) -> None:
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.filter.picked.connect(self._on_filter_picked)
        self.filter.down.connect(self._on_filter_down)
        self.view.itemActivated.connect(self._on_view_item_activated)
        self.queue.itemActivated.connect(self._on_queue_item_activated)
        self._clock.timeout.connect(self._show_speaker)

    def show_meeting(self, meeting: Meeting) -> None:
        """Redraw the people, keeping the selection and the filter."""
        self.meeting = meeting
        shown = [(p.key, full_name(p), p.role, p.group, attendance_text(p, meeting), referred_to_as(p), p.left)
                 for p in meeting.people]
        if shown == self._shown:
            self._show_speaker()
            return  # most saves change nobody's name or attendance: keep the rows and the selection
        self._shown = shown
        selected = self.selected_key()
        self.view.clear()
        for group, label in GROUPS:
            people = [p for p in meeting.people if (p.group if p.group in ("member", "officer") else "guest") == group]
            if not people:
                continue
            head = QTreeWidgetItem([label])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setFirstColumnSpanned(True)
            self.view.addTopLevelItem(head)
            for p in people:
                role = f" — {p.role}" if p.role else ""
                row = QTreeWidgetItem([f"{full_name(p)}{role}\n    {attendance_text(p, meeting)}"])
                row.setToolTip(0, f"{attendance_text(p, meeting)}. In the minutes: {referred_to_as(p)}")
                row.setData(0, KEY_ROLE, p.key)
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsEditable)
                if p.attendance in ("apologies", "absent") or p.left:
                    row.setForeground(0, self.palette().placeholderText())
                head.addChild(row)
                if p.key == selected:
                    self.view.setCurrentItem(row)
            head.setExpanded(True)
        self._on_filter_text_changed(self.filter.text())
        self._refresh_queue()
        self._show_speaker()

    def person(self, key: str | None) -> Person | None:
        """The person with this key in the meeting shown."""
        return self.meeting.person(key) if self.meeting else None

    def selected_key(self) -> str | None:
        """The person under the keyboard cursor, if any."""
        row = self.view.currentItem()
        return row.data(0, KEY_ROLE) if row is not None else None

    def set_speaker(self, key: str | None) -> None:
        """Show who is speaking now; their time starts again."""
        changed = key != self._speaker
        if changed:
            self._speaking_since = time.monotonic()
            self._clock.start()  # ticks on the speaker's whole seconds, as the chamber screen counts them
        self._speaker = key
        self._show_speaker()
        p = self.person(key)
        if changed and p is not None:
            announce(self.current, f"Speaking: {referred_to_as(p)}")

    def focus_filter(self) -> None:
        """Ctrl+P: into the quick-pick box, ready to type."""
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def edit_attendance(self) -> None:
        """Open the attendance choice of the selected person."""
        row = self.view.currentItem()
        if row is not None and row.data(0, KEY_ROLE):
            self.view.editItem(row, 0)

    def queue_selected(self) -> None:
        """Put the selected person at the end of the queue to speak."""
        key = self.selected_key()
        if key and key not in self.queued():
            item = QListWidgetItem()
            item.setData(KEY_ROLE, key)
            self.queue.addItem(item)
            self._refresh_queue()

    def queued(self) -> list[str]:
        """Keys of the people waiting to speak, in order."""
        return [self.queue.item(n).data(KEY_ROLE) for n in range(self.queue.count())]

    def take_next(self) -> None:
        """The top of the queue becomes the speaker."""
        if self.queue.count():
            self.speaker_picked.emit(self.queue.takeItem(0).data(KEY_ROLE))
            self._refresh_queue()

    def _refresh_queue(self) -> None:
        for n in range(self.queue.count()):
            item = self.queue.item(n)
            p = self.person(item.data(KEY_ROLE))
            item.setText(f"{n + 1}. {referred_to_as(p) if p else item.data(KEY_ROLE)}")

    def speaking_seconds(self) -> float:
        """How long the current speaker has had the floor."""
        return time.monotonic() - self._speaking_since

    def set_speaking_limit(self, seconds: int | None) -> None:
        """The committee's speaking-time limit (None: none)."""
        self.speaking_limit = seconds
        self._show_speaker()

    def _show_speaker(self) -> None:
        p = self.person(self._speaker)
        seconds = int(self.speaking_seconds())
        level = timer_level(seconds, self.speaking_limit) if p is not None else "normal"
        if self.current.property("timer") != level:
            self.current.setProperty("timer", level)
            self.current.style().unpolish(self.current)
            self.current.style().polish(self.current)
        if p is None:
            self.current.setText("Speaking: nobody chosen")
            return
        left = time_left_words(seconds, self.speaking_limit)
        self.current.setText(f"Speaking: {referred_to_as(p)}   {clock(seconds)}" + (f" — {left}" if left else ""))

    def _visible_people(self) -> list[QTreeWidgetItem]:
        rows = []
        for g in range(self.view.topLevelItemCount()):
            head = self.view.topLevelItem(g)
            rows += [head.child(n) for n in range(head.childCount()) if not head.child(n).isHidden()]
        return rows

    def _on_filter_text_changed(self, text: str) -> None:
        words = text.casefold().split()
        for g in range(self.view.topLevelItemCount()):
            head = self.view.topLevelItem(g)
            for n in range(head.childCount()):
                row = head.child(n)
                p = self.person(row.data(0, KEY_ROLE))
                hay = f"{p.name} {p.role} {referred_to_as(p)} {p.title}".casefold() if p else ""
                row.setHidden(not all(w in hay for w in words))
        visible = self._visible_people()
        if words and visible and (self.view.currentItem() not in visible):
            self.view.setCurrentItem(visible[0])

    def _on_filter_picked(self) -> None:
        visible = self._visible_people()
        row = self.view.currentItem() if self.view.currentItem() in visible else (visible[0] if visible else None)
        if row is not None:
            self.filter.clear()
            self.speaker_picked.emit(row.data(0, KEY_ROLE))

    def _on_filter_down(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_view_item_activated(self, row: QTreeWidgetItem, _column: int) -> None:
        if row.data(0, KEY_ROLE):  # Enter or a double-click: this person speaks now
            self.speaker_picked.emit(row.data(0, KEY_ROLE))

    def _on_queue_item_activated(self, item: QListWidgetItem) -> None:
        self.queue.takeItem(self.queue.row(item))
        self.speaker_picked.emit(item.data(KEY_ROLE))
        self._refresh_queue()
