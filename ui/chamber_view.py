"""The chamber screen: a second window, for the room, that shows what the core says is public.

``ChamberView`` only draws a ``clerkdesk.chamber.ChamberState``; what may be shown (never Part 2
business, notes or drafts) is decided in the core. ``ChamberScreen`` follows the main window:
the controller's signals and the speakers pane's queue ask for a redraw, which is made once the
slots of the change have run (within one pass of the event loop), and a quarter-second tick
keeps the speaker's time and the vote's 30 seconds. The window never takes the keyboard: it
does not accept focus and shows without activating, so the clerk keeps typing; it goes full
screen, frameless, on the screen chosen (remembered; another screen than the clerk's by
default) and is a normal window when that is the clerk's own screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QFontMetrics, QGuiApplication, QResizeEvent, QScreen
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QFrame, QHBoxLayout,
                               QLabel, QLayout, QLineEdit, QVBoxLayout, QWidget)

from clerkdesk import ops
from clerkdesk.chamber import (HOUSE_BAND, HOUSE_PAGE, HOUSE_RULE, ChamberState, chamber_state, council_colours,
                               format_limit, parse_limit, time_left_words)
from clerkdesk.errors import BadInput
from clerkdesk.live import now_hhmm
from clerkdesk.model import Committee, Meeting

from .announce import announce
from .controller import MeetingController
from .look import resource_text
from .session import Session
from .settings import Settings
from .panes.speakers import SpeakersPane

DESIGN_HEIGHT = 1080  # the sizes below are points on a 1080-pixel-high screen, scaled to the window
SIZES = {"chamberCommittee": 34, "chamberDate": 28, "chamberItemNumber": 30, "chamberTitle": 56,
         "chamberNotice": 54, "chamberSpeakerLabel": 28, "chamberSpeaker": 46, "chamberTimer": 60,
         "chamberTimeLeft": 28, "chamberQueueLabel": 28, "chamberQueue": 34, "chamberVoteOutcome": 44,
         "chamberVoteFigures": 36, "chamberNext": 34}
BOLD = ("chamberCommittee", "chamberTitle", "chamberNotice", "chamberSpeaker", "chamberTimer", "chamberVoteOutcome")
TITLE_SHARE = (0.36, 0.27)  # of the height, at most, for the title: alone, or above a vote or the next item
SMALLEST = 28
TICK_MS = 250


def _label(name: str, parent: QWidget, wrap: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a title with < or & in it is text, never markup
    return label


class ChamberView(QWidget):
    """The window the room sees; ``show_state`` draws what it is given and nothing else."""

    closed = Signal()  # closed from its own frame (as an ordinary window on the clerk's screen)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setObjectName("chamberView")
        self.setWindowTitle("ClerkDesk — chamber screen")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setAttribute(Qt.WidgetAttribute.WA_MacAlwaysShowToolWindow, True)  # stays up when ClerkDesk is not in front
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.colours: tuple[str, str, str] | None = None
        self.set_colours(None)
        self.state: ChamberState | None = None
        self.committee, self.date = _label("chamberCommittee", self, True), _label("chamberDate", self)
        self.date.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        rule = QFrame(self)
        rule.setObjectName("chamberRule")
        rule.setFixedHeight(3)
        self.item_number, self.title = _label("chamberItemNumber", self), _label("chamberTitle", self, True)
        self.notice = _label("chamberNotice", self, True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.speaker_label = _label("chamberSpeakerLabel", self)
        self.speaker_label.setText("Now speaking")
        self.speaker = _label("chamberSpeaker", self, True)
        self.timer = _label("chamberTimer", self)
        self.timer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.time_left = _label("chamberTimeLeft", self)
        self.queue_label = _label("chamberQueueLabel", self)
        self.queue_label.setText("Waiting to speak")
        self.queue = _label("chamberQueue", self, True)
        self.queue.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.vote = QFrame(self)
        self.vote.setObjectName("chamberVote")
        self.vote_outcome = _label("chamberVoteOutcome", self.vote)
        self.vote_figures = _label("chamberVoteFigures", self.vote, True)
        vote_row = QHBoxLayout(self.vote)
        vote_row.addWidget(self.vote_outcome)
        vote_row.addWidget(self.vote_figures, 1)
        self.next = _label("chamberNext", self, True)
        for band in (self.notice, self.timer, self.vote, self.next):
            band.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._build_layout(rule)
        self._fit_fonts()

    def set_colours(self, colours: tuple[str, str, str] | None) -> None:
        """The council's page, band and rule colours (from its template), or None for the house navy."""
        self.colours = colours
        sheet = resource_text("chamber.qss")
        if colours is not None:
            for house, council in zip((HOUSE_PAGE, HOUSE_BAND, HOUSE_RULE), colours, strict=True):
                sheet = sheet.replace(house, council)
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)
            for widget in (self, *self.findChildren(QWidget)):  # a sheet set again before showing is not re-read
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def _build_layout(self, rule: QFrame) -> None:
        head = QHBoxLayout()
        head.addWidget(self.committee, 1)
        head.addWidget(self.date, 0, Qt.AlignmentFlag.AlignTop)
        timer_row = self._timer_row = QHBoxLayout()
        timer_row.addWidget(self.timer)
        timer_row.addWidget(self.time_left)
        timer_row.addStretch(1)
        speaking = QVBoxLayout()
        speaking.setSpacing(0)
        for w in (self.speaker_label, self.speaker):
            speaking.addWidget(w)
        speaking.addLayout(timer_row)
        speaking.addStretch(1)
        waiting = QVBoxLayout()
        waiting.setSpacing(0)
        waiting.addWidget(self.queue_label)
        waiting.addWidget(self.queue, 1)
        people = QHBoxLayout()
        people.setSpacing(48)
        people.addLayout(speaking, 3)
        people.addLayout(waiting, 2)
        self.people = QWidget(self)
        self.people.setLayout(people)
        people.setContentsMargins(0, 0, 0, 0)
        self._people_layout = people
        self._layout = QVBoxLayout(self)
        # The text is sized from the window's height, so the layout must not hold the window at the size
        # its text had on a larger screen.
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._layout.addLayout(head)
        self._layout.addWidget(rule)
        for w in (self.item_number, self.title, self.notice):
            self._layout.addWidget(w)
        self._layout.addWidget(self.people, 1)
        self._layout.addWidget(self.vote)
        self._layout.addWidget(self.next)

    def _scale(self) -> float:
        return max(self.height(), 1) / DESIGN_HEIGHT

    def _fit_fonts(self) -> None:
        scale = self._scale()
        for name, points in SIZES.items():
            label = self.findChild(QLabel, name)
            font = QFont(label.font())
            font.setPointSizeF(points * scale)
            font.setBold(name in BOLD)
            label.setFont(font)
        pad = round(12 * scale)
        for band in (self.notice, self.timer, self.next):
            band.setContentsMargins(2 * pad, pad, 2 * pad, pad)
        self.vote.layout().setContentsMargins(2 * pad, pad, 2 * pad, pad)
        self.vote.layout().setSpacing(4 * pad)
        self.speaker.setContentsMargins(0, pad, 0, pad)
        self._timer_row.setSpacing(2 * pad)
        self._people_layout.setContentsMargins(0, 2 * pad, 0, 0)
        self.queue.setContentsMargins(0, pad, 0, pad)
        margin = round(48 * scale)
        self._layout.setContentsMargins(margin, round(32 * scale), margin, round(32 * scale))
        self._layout.setSpacing(round(18 * scale))
        self._fit_title()

    def _fit_title(self) -> None:
        """A long title shrinks towards the smallest size rather than pushing the speaker off the screen."""
        scale, text = self._scale(), self.title.text()
        width = max(self.width() - self._layout.contentsMargins().left() * 2, 100)
        crowded = self.state is not None and (self.state.vote is not None or self.state.next_item is not None)
        budget = self.height() * TITLE_SHARE[crowded]
        font = QFont(self.title.font())
        points = SIZES["chamberTitle"]
        while points > SMALLEST:
            font.setPointSizeF(points * scale)
            metrics = QFontMetrics(font)
            if metrics.boundingRect(QRect(0, 0, width, 100000), Qt.TextFlag.TextWordWrap, text).height() <= budget:
                break
            points -= 2
        font.setPointSizeF(max(points, SMALLEST) * scale)
        self.title.setFont(font)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_fonts()

    def show_state(self, state: ChamberState) -> None:
        """Draw what the chamber may see now."""
        self.state = state
        self.committee.setText(state.committee)
        self.date.setText(state.date)
        self.item_number.setText(f"Item {state.item_number}" if state.item_number else "")
        self.title.setText(state.item_title)
        self.notice.setText(state.notice)
        self._set_property(self.notice, "part2", state.private)
        speaking = state.speaking
        self.speaker.setText(speaking.name if speaking else "—")
        self.timer.setText(speaking.clock if speaking else "")
        self.time_left.setText(time_left_words(speaking.seconds, speaking.limit) if speaking else "")
        self._set_property(self.timer, "level", speaking.level if speaking else "normal")
        names = [f"{n}. {name}" for n, name in enumerate(state.queue, 1)]
        if state.more_waiting:
            names.append(f"and {state.more_waiting} more")
        self.queue.setText("\n".join(names) if names else "Nobody yet")
        vote = state.vote
        self.vote_outcome.setText("" if vote is None else f"Vote {vote.outcome}" if vote.outcome else "Vote")
        self.vote_figures.setText("" if vote is None else f"For {vote.votes_for}  ·  Against {vote.against}  ·  "
                                                          f"Abstentions {vote.abstain}  ·  {vote.at}")
        self._set_property(self.vote, "outcome", vote.outcome if vote else "")
        nxt = state.next_item
        title = nxt.title or "an exempt (Part 2) item" if nxt else ""
        self.next.setText("" if nxt is None else f"Next: item {nxt.number} — {title}" if nxt.number
                          else f"Next: {title}")
        private = state.private
        self.item_number.setVisible(bool(state.item_number))
        self.title.setVisible(bool(state.item_title))
        self.notice.setVisible(bool(state.notice))
        self.people.setVisible(not private and not (state.notice and not state.speaking and not state.queue))
        self.timer.setVisible(speaking is not None)
        self.time_left.setVisible(bool(self.time_left.text()))
        self.vote.setVisible(vote is not None and not private)
        self.next.setVisible(nxt is not None and not private)
        self._layout.setStretchFactor(self.notice, 1 if private or not self.people.isVisibleTo(self) else 0)
        self._fit_title()

    @staticmethod
    def _set_property(widget: QWidget, name: str, value: object) -> None:
        if widget.property(name) != value:
            widget.setProperty(name, value)
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def shown_text(self) -> str:
        """Every text the room can read now (for tests and for the clerk's peace of mind)."""
        return "\n".join(label.text() for label in self.findChildren(QLabel) if label.isVisibleTo(self))


def default_screen(name: str, clerks: QScreen | None) -> QScreen | None:
    """The screen named, if it is connected; else another screen than the clerk's; else the clerk's."""
    screens = QGuiApplication.screens()
    named = next((s for s in screens if name and s.name() == name), None)
    if named is not None:
        return named
    others = [s for s in screens if s is not clerks]
    return others[0] if others else clerks or QGuiApplication.primaryScreen()


class ChamberScreen(QObject):
    """Keeps the chamber window in step with the main window, and puts it on the chosen screen."""

    visibility_changed = Signal(bool)

    def __init__(self, controller: MeetingController, speakers: SpeakersPane, session: Session, settings: Settings,
                 show_dialog: Callable[[QDialog], None], window: QWidget):
        super().__init__(window)
        self.window, self.show_dialog = window, show_dialog
        self.controller, self.speakers, self.session, self.settings = controller, speakers, session, settings
        self.view: ChamberView | None = None
        self.clock: Callable[[], float] = time.monotonic  # how long a vote has shown is measured on this
        self._vote: tuple[int, float, str] | None = None  # entry id, when (by the clock), "HH:MM"
        self._colours: dict[str, tuple[str, str, str] | None] = {}  # a template's colours, read once
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)  # after every slot of the signal that asked has run
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        c = self.controller
        c.meeting_opened.connect(self._on_controller_meeting_opened)
        c.change_applied.connect(self._on_controller_change_applied)
        c.current_item_changed.connect(self._soon.start)
        c.speaker_changed.connect(self._soon.start)
        model = self.speakers.queue.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.rowsMoved, model.modelReset, model.dataChanged):
            signal.connect(self._soon.start)
        self._soon.timeout.connect(self.refresh)
        self._tick.timeout.connect(self.refresh)
        app = QGuiApplication.instance()
        app.screenAdded.connect(self._on_screens_changed)  # a projector plugged in, or taken away
        app.screenRemoved.connect(self._on_screens_changed)

    # -- what shows ----------------------------------------------------------------------

    def state(self) -> ChamberState | None:
        """What the chamber may see now, from the core (None with no meeting open)."""
        c, meeting = self.controller, self.controller.meeting
        if meeting is None:
            return None
        vote_id, since, at = self._vote or (None, 0.0, None)
        return chamber_state(meeting, c.current_item_id, c.current_speaker, self.speakers.speaking_seconds(),
                             self.speakers.queued(), vote_id, self.clock() - since, at)

    def refresh(self) -> None:
        """Redraw the chamber window if what it shows has changed."""
        if self.view is None or not self.view.isVisible():
            return
        state = self.state()
        if state is not None and state != self.view.state:
            self.view.show_state(state)

    def _on_controller_meeting_opened(self, meeting: Meeting) -> None:
        self._vote = None
        if self.view is not None:
            self.view.set_colours(self._council_colours())
        self.speakers.set_speaking_limit(meeting.committee.speaking_limit)
        self._soon.start()

    def _on_controller_change_applied(self, change: ops.Change) -> None:
        for c in change.entries:
            if c.how == "added" and c.entry is not None and c.entry.kind == "vote":
                self._vote = (c.entry_id, self.clock(), now_hhmm())
        self._soon.start()

    # -- the window ----------------------------------------------------------------------

    @property
    def showing(self) -> bool:
        """Whether the chamber window is up."""
        return self.view is not None and self.view.isVisible()

    def toggle(self) -> None:
        """View › Chamber screen: put the chamber window up, or take it down."""
        if self.showing:
            self.hide()
        else:
            self.show()

    def show(self) -> None:
        """Put the chamber window up on its screen, without taking the keyboard from the clerk."""
        if self.view is None:
            self.view = ChamberView(self.window)
            self.view.closed.connect(self.hide)
        view = self.view
        view.set_colours(self._council_colours())
        screen = default_screen(self.settings.chamber_screen, self.window.screen())
        own_screen = screen is None or screen is self.window.screen()
        geometry = screen.geometry() if screen is not None else QRect(0, 0, 1280, 720)
        view.setWindowFlag(Qt.WindowType.FramelessWindowHint, not own_screen)
        if screen is not None:
            view.setScreen(screen)
        if own_screen:  # the clerk's own screen: a window at its side, not full screen over their work
            available = screen.availableGeometry() if screen is not None else geometry
            width = min(1280, round(available.width() * 0.6))
            view.setGeometry(QRect(available.right() - width, available.top() + 40, width, width * 9 // 16))
            view.showNormal()
        else:
            view.setGeometry(geometry)
            view.showFullScreen()
        view.state = None
        self.refresh()
        self._tick.start()
        self.visibility_changed.emit(True)

    def _on_screens_changed(self, _screen: QScreen) -> None:
        if self.showing:  # never left full screen over the clerk's own screen when the projector goes
            QTimer.singleShot(0, self.show)

    def _council_colours(self) -> tuple[str, str, str] | None:
        """The colours of the committee's Word template (the one its minutes were last exported with, else
        its default), where the council has given it colours of its own."""
        meeting = self.controller.meeting
        if meeting is None:
            return None
        path = self.settings.template_for(meeting.committee.name) or meeting.committee.default_template or ""
        if path not in self._colours:
            self._colours[path] = council_colours(path)
        return self._colours[path]

    def hide(self) -> None:
        """Take the chamber window down."""
        self._tick.stop()
        if self.view is not None:
            self.view.hide()
        self.visibility_changed.emit(False)

    # -- settings ------------------------------------------------------------------------

    def open_settings(self) -> None:
        """View › Chamber screen settings…: the screen it goes on, and the committee's speaking limit and
        Part 2 titles (the committee's own, kept in the store)."""
        meeting = self.controller.meeting
        dialog = ChamberSettingsDialog(meeting.committee if meeting else None, self.settings.chamber_screen,
                                       self.window.screen(), self.window)
        dialog.accepted.connect(lambda: self._apply_settings(dialog))
        self.show_dialog(dialog)

    def _apply_settings(self, dialog: ChamberSettingsDialog) -> None:
        self.settings.chamber_screen = dialog.screen_name()
        if self.showing:
            self.show()  # onto the screen chosen
        if dialog.committee is not None:
            self.save_committee_settings(dialog.limit, dialog.titles_public.isChecked())

    def save_committee_settings(self, limit: int | None, titles_public: bool) -> None:
        """Keep the open meeting's committee's speaking limit (seconds) and Part 2 titles setting in the store."""
        committee = self.controller.meeting.committee if self.controller.meeting else None
        if committee is not None and (limit, titles_public) != (committee.speaking_limit,
                                                                committee.exempt_titles_public):
            self.session.call(ops.set_committee_settings, committee.name, limit, titles_public,
                              on_done=self._on_settings_saved, on_refused=self.controller.refused.emit)

    def _on_settings_saved(self, change: ops.Change) -> None:
        committee: Committee = change.result
        meeting = self.controller.meeting
        if meeting is not None and meeting.committee.name == committee.name:
            meeting.committee = replace(committee)  # the settings are the committee's, not a meeting change
            self.speakers.set_speaking_limit(committee.speaking_limit)
        self._soon.start()


class ChamberSettingsDialog(QDialog):
    """The screen the chamber window goes on (this computer's), and the committee's speaking-time limit and
    whether its Part 2 titles are public (the committee's, kept with it)."""

    def __init__(self, committee: Committee | None, screen_name: str, clerks: QScreen | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("chamberSettingsDialog")
        self.setWindowTitle("Chamber screen settings")
        self.committee = committee
        self.limit: int | None = committee.speaking_limit if committee else None
        self.screens = QComboBox(self)
        self.screens.setObjectName("chamberScreenChoice")
        self.screens.setAccessibleName("Show the chamber screen on")
        self.screens.addItem("Another screen than mine, when there is one", "")
        for n, s in enumerate(QGuiApplication.screens(), 1):
            size = s.geometry()
            mine = " — this window's screen" if s is clerks else ""
            self.screens.addItem(f"Screen {n}: {s.name()} ({size.width()}×{size.height()}){mine}", s.name())
        at = self.screens.findData(screen_name)
        self.screens.setCurrentIndex(max(at, 0))
        self.speaking_limit = QLineEdit(format_limit(self.limit) if committee else "", self)
        self.speaking_limit.setObjectName("chamberSpeakingLimit")
        self.speaking_limit.setAccessibleName("Speaking-time limit")
        self.speaking_limit.setPlaceholderText("3:00, or none")
        self.titles_public = QCheckBox("Show the &titles of Part 2 items (the press and public are still told "
                                       "they are excluded)", self)
        self.titles_public.setObjectName("chamberTitlesPublic")
        self.titles_public.setChecked(bool(committee and committee.exempt_titles_public))
        self.problem = QLabel(self)
        self.problem.setObjectName("chamberProblem")
        self.problem.setWordWrap(True)
        where = QFormLayout()
        where.addRow("Show &on:", self.screens)  # a row's label is its field's buddy: Alt+O, Alt+L
        form = QFormLayout()
        form.addRow("Speaking &limit:", self.speaking_limit)
        hint = QLabel("Minutes and seconds; the time turns amber 30 seconds before the limit and red at it, "
                      "on both screens." if committee else "Open a meeting to set its committee's limit.", self)
        hint.setWordWrap(True)
        form.addRow("", hint)
        form.addRow("", self.titles_public)
        self.speaking_limit.setEnabled(committee is not None)
        self.titles_public.setEnabled(committee is not None)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(where)
        layout.addSpacing(12)
        if committee is not None:
            layout.addWidget(QLabel(f"For every meeting of the {committee.name}:"
                                    if not committee.name.lower().startswith("the ")
                                    else f"For every meeting of {committee.name}:", self))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(560, 260)

    def screen_name(self) -> str:
        """The screen chosen ("" for the default)."""
        return self.screens.currentData() or ""

    def _on_ok(self) -> None:
        if self.committee is not None:
            try:
                self.limit = parse_limit(self.speaking_limit.text())
            except BadInput as refused:
                self.problem.setText(str(refused))
                announce(self.problem, str(refused), urgent=True)
                self.speaking_limit.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self.accept()
