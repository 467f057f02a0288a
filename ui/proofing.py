"""Proofing as the clerk types: underlines in the entry line and the notes, suggestions on a menu.

The core (clerkdesk.proofing) decides what is wrong; this shows it. The dictionary loads on a
pool thread after the window shows; until then only the house style is underlined. Spelling is
underlined wavy red, house style in the second colour; right-click or Ctrl+. on a word offers
the suggestions, "Add to council word list" and "Ignore in this meeting".
"""

from __future__ import annotations

import copy
import html
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (QAction, QColor, QKeySequence, QSyntaxHighlighter, QTextCharFormat, QTextCursor,
                           QTextDocument)
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMenu,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from clerkdesk.errors import ClerkDeskError
from clerkdesk.model import Meeting
from clerkdesk.proofing import Finding, Problem, Proofer, Speller, add_words, check_meeting, counts, load_style
from clerkdesk.proofing.check import entry_texts
from clerkdesk.proofing.style import SAFE_RULES, apply_fixes

from .background import run_in_background
from .shortcuts import key

SPELLING_COLOUR = "#c42b1c"  # a red that reads as "misspelt" on white and on the selection
LOAD_DELAY_MS = 800
_SPELLER: list[Speller] = []  # the dictionary, once loaded: it never changes while ClerkDesk runs
STYLE_COLOUR = "#1f6fbf"  # house style: blue, so the two are told apart without the colour of the text


def _format(colour: str, wave: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline if wave
                          else QTextCharFormat.UnderlineStyle.DashUnderline)
    fmt.setUnderlineColor(QColor(colour))
    return fmt


def proofing_underlines(doc: QTextDocument) -> None:
    """Give the notes' proofing underlines (coloured in their HTML) their wavy and dashed styles."""
    styles = {QColor(SPELLING_COLOUR).rgb(): QTextCharFormat.UnderlineStyle.WaveUnderline,
              QColor(STYLE_COLOUR).rgb(): QTextCharFormat.UnderlineStyle.DashUnderline}
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            wanted = styles.get(fmt.underlineColor().rgb()) if fmt.fontUnderline() else None
            if wanted is not None:
                fmt.setUnderlineStyle(wanted)
                cursor = QTextCursor(doc)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(fmt)
            it += 1
        block = block.next()


class ProofingHighlighter(QSyntaxHighlighter):
    """Underlines the problems of each block of a text box, as the proofer finds them."""

    def __init__(self, editor: QPlainTextEdit, proofing: Proofing):
        super().__init__(editor.document())
        self._proofing = proofing
        self._spelling, self._style = _format(SPELLING_COLOUR, True), _format(STYLE_COLOUR, False)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        proofer = self._proofing.proofer
        if proofer is None or not text:
            return
        for p in proofer.check(text):
            self.setFormat(p.start, p.end - p.start, self._spelling if p.kind == "spelling" else self._style)


class Proofing(QObject):
    """The open meeting's proofer, kept up to date, and the underlines and menus that use it."""

    changed = Signal()  # the proofer changed: underlines are redrawn
    loaded = Signal()  # the dictionary is loaded (or spelling is off)

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.data_dir = data_dir
        self.speller: Speller | None = None
        self.proofer: Proofer | None = None
        self.meeting: Meeting | None = None
        self.on_ignore: Callable[[str], None] | None = None  # the controller's ignore_word
        self.on_message: Callable[[str], None] | None = None  # the status bar
        self._highlighters: list[ProofingHighlighter] = []
        self._marked: dict[str, str] = {}
        self.ready = False  # the dictionary is loaded, or spelling is off: nothing more will load
        self._loading = False

    # -- the dictionary and the meeting ------------------------------------------------------------

    def start(self) -> None:
        """Load the dictionary on a pool thread (once); the window is already showing."""
        if self._loading or self.speller is not None:
            return
        self._loading = True
        try:
            style = load_style(self.data_dir)
        except ClerkDeskError as e:
            self._say(str(e))
            return
        if not style.spelling:
            self.ready = True
            self.loaded.emit()
            return
        if _SPELLER:  # loaded once per process: a second window (or test) reuses it
            self._on_speller_loaded(_SPELLER[0])
            return
        run_in_background(Speller, self._on_speller_loaded, self._on_speller_failed)

    def _on_speller_loaded(self, speller: Speller) -> None:
        _SPELLER[:] = [speller]
        if not shiboken6.isValid(self):
            return  # the window closed while the dictionary loaded
        self.speller = speller
        self._rebuild()
        self.ready = True
        self.loaded.emit()

    def _on_speller_failed(self, message: str) -> None:
        if shiboken6.isValid(self):
            self._say(f"Spelling is off: the dictionary could not be loaded. {message}")

    def show_meeting(self, meeting: Meeting | None) -> None:
        """Check against this meeting's words and its committee's house style from now on."""
        self.meeting = meeting
        self._rebuild()

    def meeting_changed(self, change) -> None:
        """A change to the open meeting: its own words may have changed (people, agenda, ignored words)."""
        if change.people or change.items or "ignored_words" in change.meeting or "venue" in change.meeting \
                or "title" in change.meeting:
            self._rebuild()

    def _rebuild(self) -> None:
        if self.meeting is None:
            self.proofer = None
        else:
            try:
                self.proofer = Proofer.for_meeting(self.meeting, self.speller, self.data_dir)
            except ClerkDeskError as e:
                self.proofer = None
                self._say(str(e))
        self._redraw()

    def _redraw(self) -> None:
        self._marked.clear()  # the notes' runs are underlined afresh (each run once: an item's rows are redrawn often)
        self._highlighters = [h for h in self._highlighters if shiboken6.isValid(h)]
        for h in self._highlighters:
            h.rehighlight()
        self.changed.emit()

    def _say(self, message: str) -> None:
        if self.on_message is not None:
            self.on_message(message)

    # -- the notes: underlines in their HTML -------------------------------------------------------

    def mark(self, text: str) -> str:
        """A run of the notes' text as HTML, its problems underlined."""
        if self.proofer is None:
            return html.escape(text)
        marked = self._marked.get(text)
        if marked is None:
            if len(self._marked) > 20000:
                self._marked.clear()
            marked = self._marked[text] = self._mark(text)
        return marked

    def _mark(self, text: str) -> str:
        out, at = [], 0
        for p in self.proofer.check(text):
            colour = SPELLING_COLOUR if p.kind == "spelling" else STYLE_COLOUR
            style = "wavy" if p.kind == "spelling" else "dashed"
            out.append(html.escape(text[at:p.start]))
            out.append(f"<span style='text-decoration: underline; text-decoration-style: {style}; "
                       f"text-decoration-color: {colour}'>{html.escape(text[p.start:p.end])}</span>")
            at = p.end
        out.append(html.escape(text[at:]))
        return "".join(out)

    # -- a text box: underlines, the menu, Ctrl+. --------------------------------------------------

    def attach(self, editor: QPlainTextEdit) -> None:
        """Underline problems in a text box as the clerk types, with suggestions on its menu and Ctrl+."""
        self._highlighters.append(ProofingHighlighter(editor, self))
        editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        editor.customContextMenuRequested.connect(lambda pos: self._menu(editor, editor.cursorForPosition(pos),
                                                                         editor.viewport().mapToGlobal(pos)))
        action = QAction("Spelling and house style suggestions", editor)
        action.setObjectName("action_proofing_suggest")
        action.setShortcut(QKeySequence(key("proofing_suggest")))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda: self._menu(editor, editor.textCursor(), editor.viewport().mapToGlobal(
            editor.cursorRect().bottomLeft())))
        editor.addAction(action)
        editor.textChanged.connect(lambda: self._fix_as_you_type(editor))

    def problem_at(self, editor: QPlainTextEdit, cursor: QTextCursor) -> Problem | None:
        """The problem under a text cursor (at a word's end counts as on it)."""
        if self.proofer is None:
            return None
        block = cursor.block()
        pos = cursor.positionInBlock()
        for p in self.proofer.check(block.text()):
            if p.start <= pos <= p.end:
                return Problem(p.kind, p.start + block.position(), p.end + block.position(), p.found,
                               p.suggestions, p.rule, p.why)
        return None

    def _menu(self, editor: QPlainTextEdit, cursor: QTextCursor, where: QPoint) -> None:
        problem = self.problem_at(editor, cursor)
        if problem is None or problem.kind != "spelling" or self.speller is None:
            self.show_menu(editor, problem, where)
            return
        speller = self.speller
        run_in_background(lambda: speller.suggest(problem.found),  # up to a second for an unusual word
                          lambda found: self.show_menu(editor, Problem(**{**problem.__dict__, "suggestions": found}),
                                                       where),
                          self._say)

    def build_menu(self, editor: QPlainTextEdit, problem: Problem | None) -> QMenu:
        """The text box's menu, with the problem's suggestions and word-list actions first."""
        menu = editor.createStandardContextMenu()
        menu.setObjectName("proofingMenu")
        first = menu.actions()[0] if menu.actions() else None
        if problem is None:
            return menu
        added: list[QAction] = []
        for n, suggestion in enumerate(problem.suggestions[:5]):
            label = suggestion if problem.kind == "spelling" else f"Use “{suggestion.strip()}” ({problem.why})"
            a = QAction(("&" if n == 0 else "") + label.replace("&", "&&"), menu)
            a.triggered.connect(lambda _=False, s=suggestion: self.replace(editor, problem, s))
            added.append(a)
        if problem.kind == "spelling":
            if not problem.suggestions:
                none = QAction("(no suggestions)", menu)
                none.setEnabled(False)
                added.append(none)
            word = problem.found
            a = QAction(f"Add “{word}” to the council &word list", menu)
            a.triggered.connect(lambda: self.add_to_word_list(word))
            b = QAction(f"&Ignore “{word}” in this meeting", menu)
            b.triggered.connect(lambda: self.ignore(word))
            added += [a, b]
        for a in added:
            menu.insertAction(first, a)
        if first is not None:
            menu.insertSeparator(first)
        return menu

    def show_menu(self, editor: QPlainTextEdit, problem: Problem | None, where: QPoint) -> None:
        """Pop up the menu for a problem (or the text box's own menu where there is none)."""
        menu = self.build_menu(editor, problem)
        menu.popup(where)
        menu.aboutToHide.connect(menu.deleteLater)
        if problem is not None and menu.actions():
            menu.setActiveAction(menu.actions()[0])

    def replace(self, editor: QPlainTextEdit, problem: Problem, text: str) -> None:
        """Put a suggestion in place of the problem (one undo step of the text box)."""
        cursor = editor.textCursor()
        cursor.setPosition(problem.start)
        cursor.setPosition(problem.end, QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() == problem.found:
            cursor.insertText(text)

    def add_to_word_list(self, word: str) -> None:
        """Add a word to the council word list (every meeting) and stop flagging it."""
        try:
            add_words(self.data_dir, [word])
        except (ClerkDeskError, OSError) as e:
            self._say(f"“{word}” could not be added to the council word list: {e}")
            return
        if self.proofer is not None:
            self.proofer.allow(word)
        self._say(f"Added “{word}” to the council word list.")
        self._redraw()

    def ignore(self, word: str) -> None:
        """Stop flagging a word in this meeting: kept with the meeting, undoable."""
        if self.proofer is not None:
            self.proofer.allow(word)
            self._redraw()
        if self.on_ignore is not None:
            self.on_ignore(word)

    def _fix_as_you_type(self, editor: QPlainTextEdit) -> None:
        """With the setting on: make the safe house-style fixes behind the cursor once a word is finished."""
        proofer = self.proofer
        if proofer is None or not proofer.style.fix_as_you_type or editor.property("proofingFixPending"):
            return
        editor.setProperty("proofingFixPending", True)
        QTimer.singleShot(0, lambda: self._fix_finished_words(editor))  # not while Qt is still changing the text

    def _fix_finished_words(self, editor: QPlainTextEdit) -> None:
        editor.setProperty("proofingFixPending", False)
        proofer = self.proofer
        if proofer is None:
            return
        cursor = editor.textCursor()
        block, pos = cursor.block(), cursor.positionInBlock()
        text = block.text()
        finished = pos
        while finished and not (text[finished - 1].isspace() or text[finished - 1] in ",;:!?)"):
            finished -= 1  # the word being typed is left alone until it is finished
        if finished == 0:
            return
        done = text[:finished - 1]
        safe = [p for p in proofer.check(done) if p.kind == "style" and p.rule in SAFE_RULES
                and (p.end < len(done) or p.rule in ("words", "times"))]
        fixed = apply_fixes(done, safe)
        if fixed != done:
            fix = QTextCursor(editor.document())
            fix.setPosition(block.position())
            fix.setPosition(block.position() + len(done), QTextCursor.MoveMode.KeepAnchor)
            fix.insertText(fixed)


def attach_proofing(window, data_dir: Path) -> Proofing:
    """Proof the window's entry line and notes for the meeting its controller shows; the dictionary
    loads once the window is showing."""
    proofing = Proofing(data_dir, window)
    controller, notes = window.controller, window.notes
    proofing.attach(window.entry.editor)
    notes.mark = proofing.mark
    notes.delegate.prepare_editor = proofing.attach  # editing an entry in place is proofed too
    proofing.on_ignore = controller.ignore_word
    proofing.on_message = lambda text: window.statusBar().showMessage(text, 8000)
    controller.meeting_opened.connect(proofing.show_meeting)
    # The dictionary starts loading a moment after the first meeting is on screen, so that its
    # thread never competes with opening the window.
    controller.meeting_opened.connect(lambda _m: QTimer.singleShot(LOAD_DELAY_MS, proofing.start))
    controller.change_applied.connect(proofing.meeting_changed)

    def redraw_notes() -> None:
        if controller.meeting is not None:
            notes.show_item(controller.meeting, controller.current_item())

    proofing.changed.connect(redraw_notes)
    return proofing


# -- before an export: how many problems, and a walk through them ------------------------------------

class ProofingReview(QDialog):
    """The meeting's problems one by one: go to each entry, or make its house-style fix."""

    def __init__(self, findings: list[Finding], proofing: Proofing, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("proofingReview")
        self.setWindowTitle("Spelling and house style")
        self._proofing, self._window = proofing, window
        self.list = QListWidget()
        self.list.setObjectName("proofingFindings")
        self.list.setAccessibleName("Problems found")
        for f in findings:
            row = QListWidgetItem(f.describe())
            row.setData(Qt.ItemDataRole.UserRole, f)
            self.list.addItem(row)
        self.list.setCurrentRow(0)
        go = QPushButton("&Go to entry")
        go.setObjectName("proofingGoTo")
        fix = QPushButton("&Fix house style in this entry")
        fix.setObjectName("proofingFix")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(go, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(fix, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Go to an entry to correct its spelling (right-click a word, or Ctrl+. while "
                                "editing it); house-style fixes can be made from here, each one undoable."))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        go.clicked.connect(self._on_go_clicked)
        self.list.itemActivated.connect(lambda _row: self._on_go_clicked())
        fix.clicked.connect(self._on_fix_clicked)
        buttons.rejected.connect(self.reject)
        self.resize(640, 420)

    def _current(self) -> Finding | None:
        row = self.list.currentItem()
        return row.data(Qt.ItemDataRole.UserRole) if row is not None else None

    def _on_go_clicked(self) -> None:
        f = self._current()
        if f is None or f.item_id is None:
            return
        controller, notes = self._window.controller, self._window.notes
        controller.go_to_item(f.item_id)

        def select() -> None:
            from .panes.notes import ID_ROLE  # notes_pane draws with rich_delegate, which uses this module
            for n in range(notes.view.count()):
                if notes.view.item(n).data(ID_ROLE) == f.entry_id:
                    notes.view.setCurrentRow(n)
                    notes.view.scrollToItem(notes.view.item(n))
        QTimer.singleShot(100, select)  # once the notes show the item

    def _on_fix_clicked(self) -> None:
        f = self._current()
        proofer, meeting = self._proofing.proofer, self._window.controller.meeting
        if f is None or proofer is None or meeting is None or f.entry_id is None:
            return
        entry = next((e for i in meeting.items for e in i.entries if e.id == f.entry_id), None)
        if entry is None:
            return
        changes = {name: proofer.fixed(text) for name, text in entry_texts(entry) if proofer.fixed(text) != text}
        if changes:
            self._window.controller.edit_entry(entry.id, **changes)
        for n in range(self.list.count() - 1, -1, -1):
            other = self.list.item(n).data(Qt.ItemDataRole.UserRole)
            if other.entry_id == f.entry_id and other.problem.kind == "style":
                self.list.takeItem(n)


def add_to_export_dialog(dialog: QDialog, proofing: Proofing, window, meeting: Meeting) -> None:
    """A line in the export dialog: "3 spelling, 5 house style — review?", counted on a pool thread."""
    proofer = proofing.proofer
    if proofer is None:
        return
    label = QLabel("Checking the spelling and house style…")
    label.setObjectName("exportProofing")
    label.setWordWrap(True)
    review = QPushButton("&Review…")
    review.setObjectName("exportProofingReview")
    review.setVisible(False)
    row = QHBoxLayout()
    row.addWidget(label, 1)
    row.addWidget(review)
    layout = dialog.layout()
    layout.insertLayout(layout.count() - 1, row)
    snapshot = copy.deepcopy(meeting)  # the window's meeting changes under a pool thread otherwise
    found: list[Finding] = []

    def done(findings: list[Finding]) -> None:
        if not shiboken6.isValid(label):
            return  # the dialog closed before the count came back
        found[:] = findings
        spelling, style = counts(findings)
        if not findings:
            label.setText("No spelling or house-style problems.")
            return
        unchecked = "" if proofer.speller is not None else " (spelling is still loading)"
        label.setText(f"{spelling} spelling, {style} house style{unchecked} — review?")
        review.setVisible(True)

    def failed(message: str) -> None:
        if shiboken6.isValid(label):
            label.setText(f"The spelling and house style could not be checked: {message}")

    run_in_background(lambda: check_meeting(snapshot, proofer), done, failed)
    review.clicked.connect(lambda: _show_review(dialog, found, proofing, window))


def _show_review(dialog: QDialog, findings: list[Finding], proofing: Proofing, window) -> None:
    dialog.reject()  # the clerk goes to correct the minutes; export again when done
    review = ProofingReview(findings, proofing, window, window)
    review.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    review.show()
