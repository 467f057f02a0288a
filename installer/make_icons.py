"""Render the app icon's SVG source into the PNG sizes, the Windows .ico and the macOS .icns.

    python installer/make_icons.py          (needs the ``build`` extra: Pillow)

The outputs are committed beside the source in resources/icons/, so a build never needs
Pillow. The SVG is drawn by Qt's own renderer (QSvgRenderer, offscreen), the same one that
draws the window icon, so what the clerk sees in the title bar matches the installed icons.
Sizes 16 and 32 are drawn from clerkdesk-small.svg, a simplified drawing with fewer, thicker
strokes, because the full drawing turns to mush at that size.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)
SMALL_MAX = 32  # sizes up to this are drawn from the small drawing


def source_for(size: int) -> Path:
    """The SVG drawn at ``size`` pixels: the simplified one for the smallest sizes, if present."""
    small = ICONS / "clerkdesk-small.svg"
    return small if size <= SMALL_MAX and small.exists() else ICONS / "clerkdesk.svg"


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at ``size`` x ``size`` pixels with a transparent background, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: Qt cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def main() -> int:
    """Write clerkdesk-<size>.png, clerkdesk.ico and clerkdesk.icns into resources/icons/."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt's image code wants an application object
    images: dict[int, Image.Image] = {}
    for size in sorted(set(PNG_SIZES + ICO_SIZES + ICNS_SIZES)):
        data = render_png(source_for(size), size)
        images[size] = Image.open(io.BytesIO(data)).convert("RGBA")
        if size in PNG_SIZES:
            (ICONS / f"clerkdesk-{size}.png").write_bytes(data)
    # Each size in the .ico/.icns is its own rendering, not a downscale of the largest one.
    largest = images[max(ICO_SIZES)]
    largest.save(ICONS / "clerkdesk.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    images[max(ICNS_SIZES)].save(ICONS / "clerkdesk.icns", format="ICNS",
                                 append_images=[images[s] for s in ICNS_SIZES if s != max(ICNS_SIZES)])
    print(f"make_icons: wrote {len(PNG_SIZES)} PNGs, clerkdesk.ico and clerkdesk.icns in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
