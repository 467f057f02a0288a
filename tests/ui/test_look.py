"""The window is readable by everyone: text sizes follow the system font, every colour pair of the
house style has WCAG AA contrast, and every kind of control shows a clear ring when it has the keyboard."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontInfo, QImage, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox, QDateEdit, QDialog,
                               QGridLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QRadioButton,
                               QSpinBox, QTableWidget, QTableWidgetItem, QTimeEdit, QTreeWidget, QTreeWidgetItem,
                               QWidget)

from clerkdesk.ui.look import HOUSE_COLOURS, apply_look, resource_text

TEXT, UI = 4.5, 3.0  # WCAG 1.4.3 (text) and 1.4.11 (borders, focus and selected states)
R = QPalette.ColorRole


def luminance(colour: str) -> float:
    """WCAG relative luminance of an sRGB colour."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    q = QColor(colour)
    return 0.2126 * channel(q.red()) + 0.7152 * channel(q.green()) + 0.0722 * channel(q.blue())


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_the_contrast_formula_gives_the_known_ratios():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


# -- the house colours ----------------------------------------------------------------

P = {role: colour for role, colour in HOUSE_COLOURS.items()}
PAGE, FIELD, ENTRY = P[R.Window], P[R.Base], "#fffef6"
PALETTE_PAIRS = [  # (what, foreground, background, needed)
    ("text in fields", P[R.Text], P[R.Base], TEXT),
    ("text on the page", P[R.WindowText], P[R.Window], TEXT),
    ("button text", P[R.ButtonText], P[R.Button], TEXT),
    ("selected text", P[R.HighlightedText], P[R.Highlight], TEXT),
    ("placeholders and absent members in fields", P[R.PlaceholderText], P[R.Base], TEXT),
    ("placeholders on the page", P[R.PlaceholderText], P[R.Window], TEXT),
    ("the entry line's placeholder", P[R.PlaceholderText], ENTRY, TEXT),
    ("tool tips", P[R.ToolTipText], P[R.ToolTipBase], TEXT),
    ("links", P[R.Link], P[R.Base], TEXT),
    ("field borders against the field", P[R.Mid], P[R.Base], UI),
    ("field borders against the page", P[R.Mid], P[R.Window], UI),
    ("focus rings and selection against fields", P[R.Highlight], P[R.Base], UI),
    ("focus rings and the current item's bar against the page", P[R.Highlight], P[R.Window], UI),
    ("the button focus ring against the page", P[R.Text], P[R.Window], UI),
    ("the focused default button's text", P[R.Highlight], P[R.Button], TEXT),
    ("the default button's fill against its fill when focused", P[R.Highlight], P[R.Button], UI),
    ("the default button against the page", P[R.Highlight], P[R.Window], UI),
]

# Where a rule without a background of its own is drawn.
DRAWN_ON = {"#headerBar QLabel": ["#1f3a5f"], "#headerWhen": ["#1f3a5f"], "#headerBar #recordingDot": ["#1f3a5f"],
            '#headerBar #recordingDot[paused="true"]': ["#1f3a5f"], "#saveStatus": ["#e8e6df"],
            '#saveStatus[failed="true"]': ["#e8e6df"]}
RULE = re.compile(r"(/\*(?P<note>(?:(?!\*/).)*)\*/\s*)?(?P<selectors>[^{}/]+)\{(?P<body>[^}]*)\}", re.DOTALL)
HEX = r"#[0-9a-fA-F]{6}"


def _sheet_pairs(text: str) -> list[tuple[str, str, str, float]]:
    pairs = []
    for m in RULE.finditer(text):
        if "decorative" in (m["note"] or ""):
            continue  # a rule between entries identifies nothing: WCAG asks no contrast of it
        body = m["body"]
        fg = re.search(rf"(?<![-\w])color:\s*({HEX})", body)
        bg = re.search(rf"background(?:-color)?:\s*({HEX})", body)
        border = re.search(rf"border[\w-]*:[^;]*?({HEX})", body)
        for selector in (s.strip() for s in m["selectors"].split(",")):
            grounds = [bg[1]] if bg else DRAWN_ON.get(selector, [PAGE, FIELD])
            if fg:
                pairs += [(f"{selector} text", fg[1], g, TEXT) for g in grounds]
            if border:
                pairs += [(f"{selector} border", border[1], g, UI) for g in {*grounds, PAGE}]
            if bg and ":selected" in selector:
                pairs.append((f"{selector} against the unselected", bg[1], FIELD, UI))
    return pairs


def test_every_colour_pair_of_the_house_style_has_enough_contrast():
    pairs = PALETTE_PAIRS + _sheet_pairs(resource_text("colours.qss"))
    assert len(pairs) > 30
    low = [f"{what}: {fg} on {bg} is {contrast(fg, bg):.2f}:1, needs {need}:1"
           for what, fg, bg, need in pairs if contrast(fg, bg) < need]
    assert not low, "\n".join(low)


def test_the_structural_style_sheet_sets_no_colour_and_no_text_size_of_its_own():
    sheet = resource_text("style.qss")
    assert not re.search(HEX, sheet), "colours belong in colours.qss (left out under high contrast)"
    assert not re.search(r"font-size|font:\s*\d", sheet + resource_text("colours.qss"))


def test_a_system_asking_for_its_own_colours_keeps_its_palette(qapp):
    before, sheet = qapp.palette(), qapp.styleSheet()
    contrasty = QPalette(QColor("#000000"), QColor("#000000"))
    contrasty.setColor(R.Base, QColor("#000000"))
    contrasty.setColor(R.Text, QColor("#ffff00"))
    try:
        qapp.setPalette(contrasty)
        apply_look(qapp, system_colours=True)  # what a high-contrast or dark desktop asks for
        assert qapp.palette().color(R.Text) == QColor("#ffff00")
        assert "#1f3a5f" not in qapp.styleSheet()
    finally:
        qapp.setPalette(before)
        qapp.setStyleSheet(sheet)


# -- the system font size ----------------------------------------------------------------

def test_with_a_20_point_system_font_the_panes_text_is_at_least_18_point(qtbot, open_window, big_font):
    window = open_window()
    shown = []
    for pane in (window.header, window.agenda, window.notes, window.entry, window.speakers):
        for w in [pane, *pane.findChildren(QWidget)]:
            if isinstance(w, (QLabel, QAbstractItemView, QLineEdit, QPlainTextEdit)) and w.isVisibleTo(window):
                shown.append((w.objectName() or type(w).__name__, QFontInfo(w.font()).pointSizeF()))
    assert len(shown) > 10
    small = [(name, size) for name, size in shown if size < 18]
    assert not small, small


def test_the_notes_zoom_still_sets_the_notes_size_at_a_large_system_font(qtbot, open_window, big_font):
    window = open_window()
    usual = window.notes.view.font().pointSize()
    assert usual >= 20
    window.actions_by_name["zoom_in"].trigger()
    assert window.notes.view.font().pointSize() == usual + 1
    window.actions_by_name["zoom_reset"].trigger()
    assert window.notes.view.font().pointSize() == usual


# -- focus ------------------------------------------------------------------------------

def _controls() -> dict[str, QWidget]:
    table = QTableWidget(2, 2)
    for r in range(2):
        for c in range(2):
            table.setItem(r, c, QTableWidgetItem(f"{r}{c}"))
    tree = QTreeWidget()
    tree.addTopLevelItem(QTreeWidgetItem(["Councillor Ahmed"]))
    listing = QListWidget()
    listing.addItems(["One", "Two"])
    combo = QComboBox()
    combo.addItems(["Carried", "Lost"])
    editable = QComboBox()
    editable.setEditable(True)
    editable.addItems(["Planning Committee"])
    default = QPushButton("OK")
    default.setDefault(True)
    return {"line edit": QLineEdit("text"), "text box": QPlainTextEdit("text"), "combo box": combo,
            "editable combo box": editable, "spin box": QSpinBox(), "date box": QDateEdit(), "time box": QTimeEdit(),
            "check box": QCheckBox("Open the file"), "radio button": QRadioButton("Public"),
            "button": QPushButton("Cancel"), "default button": default, "table": table, "tree": tree, "list": listing}


def _ring(before: QImage, after: QImage) -> int:
    """Pixels whose colour changed by 3:1 or more when focus came."""
    changed = 0
    for y in range(before.height()):
        for x in range(before.width()):
            a, b = before.pixelColor(x, y), after.pixelColor(x, y)
            if a != b and contrast(a.name(), b.name()) >= UI:
                changed += 1
    return changed


def test_every_kind_of_control_shows_a_clear_ring_when_it_has_the_keyboard(qtbot, qapp):
    if not qapp.styleSheet():
        apply_look(qapp)
    dialog = QDialog()
    qtbot.addWidget(dialog)
    grid = QGridLayout(dialog)
    parking = QLabel("elsewhere")
    parking.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    grid.addWidget(parking, 0, 0)
    controls = _controls()
    for n, widget in enumerate(controls.values(), start=1):
        widget.setMinimumWidth(160)
        widget.setMaximumHeight(90)
        grid.addWidget(widget, n // 3, n % 3)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    weak = []
    for kind, widget in controls.items():
        parking.setFocus()
        qtbot.waitUntil(lambda: parking.hasFocus(), timeout=1000)
        before = widget.grab().toImage()
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda w=widget: w.hasFocus(), timeout=1000)
        after = widget.grab().toImage()
        ring = _ring(before, after)
        perimeter = widget.width() + widget.height()  # a ring of 1 px on two sides at the least
        if ring < perimeter:
            weak.append(f"{kind}: {ring} pixels change by 3:1 (needs {perimeter})")
    assert not weak, "\n".join(weak)


def test_placeholders_are_drawn_in_the_placeholder_colour_not_half_transparent_text(qtbot, open_window):
    window = open_window()
    for field in (window.entry.editor, window.speakers.filter):
        colour = field.palette().color(R.PlaceholderText)
        ground = field.palette().color(R.Base)
        assert colour.alpha() == 255, field.objectName()
        assert contrast(colour.name(), ground.name()) >= TEXT, field.objectName()
