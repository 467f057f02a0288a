"""How the window looks: the system's font size, the house colours unless the system asks for its own.

Text sizes follow the system font: the style sheet sets no size, and the few things drawn
larger (the committee, the clock, headings) are a multiple of the application font, kept so
when it changes. Colours come from the palette. The house palette and the house colours
(``colours.qss``) are used only while the system asks for neither high contrast nor a dark
scheme; otherwise the system's palette is left alone, and the structural style sheet
(``style.qss``: borders, padding and focus rings, all in palette colours) follows it.
"""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

# Every colour pair here is checked for contrast by tests/ui/test_look.py.
HOUSE_COLOURS: dict[QPalette.ColorRole, str] = {
    QPalette.ColorRole.Window: "#f4f3ef",
    QPalette.ColorRole.WindowText: "#1b1b1b",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f7f6f2",
    QPalette.ColorRole.Text: "#1b1b1b",
    QPalette.ColorRole.Button: "#ffffff",
    QPalette.ColorRole.ButtonText: "#1b1b1b",
    QPalette.ColorRole.Highlight: "#1a5fb4",  # selection, focus rings and the default button
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#5f5f5f",  # placeholders and absent members
    QPalette.ColorRole.Mid: "#767470",  # field and button borders
    QPalette.ColorRole.Dark: "#4d4b47",
    QPalette.ColorRole.Shadow: "#1b1b1b",
    QPalette.ColorRole.Light: "#ffffff",
    QPalette.ColorRole.Midlight: "#e8e6df",
    QPalette.ColorRole.ToolTipBase: "#ffffff",
    QPalette.ColorRole.ToolTipText: "#1b1b1b",
    QPalette.ColorRole.Link: "#1a5fb4",
    QPalette.ColorRole.BrightText: "#ffffff",
}
DISABLED_TEXT = "#8a8a8a"  # inactive controls, which WCAG exempts from contrast (and must look inactive)
SCALE_PROPERTY = "fontScale"


def resource_text(name: str) -> str:
    """A style sheet from the installed resources ("" when missing: an unstyled window still works)."""
    try:
        return files("clerkdesk.resources").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return ""


def house_palette() -> QPalette:
    """The house colours as a palette (disabled text greyed)."""
    palette = QPalette()
    for role, colour in HOUSE_COLOURS.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED_TEXT))
    return palette


def system_asks_for_its_colours() -> bool:
    """Whether the desktop asks for high contrast or a dark scheme (the house colours are light)."""
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)  # Qt 6.10 and later
    if accessibility is not None and accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast:
        return True
    return hints.colorScheme() == Qt.ColorScheme.Dark


def apply_look(app: QApplication, system_colours: bool | None = None) -> None:
    """The house look, or the system's colours with the house structure when it asks for them
    (``system_colours``: whether it does; None, ask the system)."""
    if system_colours is None:
        system_colours = system_asks_for_its_colours()
    sheet = resource_text("style.qss")
    if not system_colours:
        app.setPalette(house_palette())
        sheet += "\n" + resource_text("colours.qss")
    app.setStyleSheet(sheet)


class _FollowAppFont(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationFontChange and isinstance(watched, QWidget):
            _apply_scale(watched)
        return False


_follower: _FollowAppFont | None = None


def _apply_scale(widget: QWidget) -> None:
    scale = widget.property(SCALE_PROPERTY)
    if not scale:
        return  # a size the clerk chose (the notes zoom) stays as chosen
    base = QFont(QApplication.font(widget))
    font = widget.font()
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * scale)
    else:
        font.setPixelSize(round(base.pixelSize() * scale))
    widget.setFont(font)


def scale_font(widget: QWidget, scale: float) -> None:
    """Draw a widget's text ``scale`` times the application font, now and whenever that changes."""
    global _follower
    if _follower is None:
        _follower = _FollowAppFont(QApplication.instance())
    widget.setProperty(SCALE_PROPERTY, scale)
    _apply_scale(widget)
    widget.installEventFilter(_follower)


DESIGN_POINT_SIZE = 10.0  # the text size the dialogs' starting sizes were chosen at


def fit_to_text(window: QWidget) -> None:
    """Widen a window's starting size with the system font, so large text is not cut off or scrolled
    sideways, and make it as tall as its contents ask; never beyond the screen, never below the size
    it was given."""
    scale = QFontInfo(window.font()).pointSizeF() / DESIGN_POINT_SIZE
    if scale <= 1.05:
        return
    size = window.size()
    width, height = round(size.width() * scale), max(size.height(), window.sizeHint().height())
    screen = window.screen().availableGeometry() if window.screen() is not None else None
    if screen is not None:
        width = max(size.width(), min(width, screen.width()))
        height = max(size.height(), min(height, screen.height()))
    window.resize(width, height)


def fixed_font_size(widget: QWidget, points: int) -> None:
    """Draw a widget's text at a size the clerk chose, whatever the application font."""
    widget.setProperty(SCALE_PROPERTY, 0.0)
    font = widget.font()
    font.setPointSize(points)
    widget.setFont(font)
