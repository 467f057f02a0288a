"""Build resources/minutes-template.docx, ClerkDesk's house minutes template.

Run from the repository root:  python tools/make_default_template.py
The output is byte-for-byte reproducible (fixed dates, fixed zip timestamps), so a rebuilt
template only shows up in git when this script changed. The template is what a council would
publish: A4, Arial, a header carrying the committee and date, "Page X of Y" in the footer as
real fields, and the chair's signature block after the minutes.
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).resolve().parents[1] / "resources" / "minutes-template.docx"
FONT = "Arial"  # a plain sans-serif, as most councils' accessibility guides ask for
NAVY = RGBColor(0x1F, 0x38, 0x64)
GREY = RGBColor(0x40, 0x40, 0x40)
FIXED = datetime(2026, 1, 1)


def _fonts(rpr_parent, name: str = FONT) -> None:
    """Set a run-properties element's font to ``name``, dropping theme fonts that would win over it."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _border(ppr, side: str, size: int = 6, color: str = "1F3864") -> None:
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    b = OxmlElement(f"w:{side}")
    for key, val in (("val", "single"), ("sz", str(size)), ("space", "4"), ("color", color)):
        b.set(qn(f"w:{key}"), val)
    borders.append(b)


def _field(paragraph, instruction: str) -> None:
    """A complex field (PAGE, NUMPAGES) Word and LibreOffice update as they lay out pages."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("result", "1"), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
        elif kind == "result":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def _styles(doc) -> None:
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-GB")

    normal = styles["Normal"]
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15

    for name, size, before, after in (("Heading 1", 16, 0, 4), ("Heading 2", 12, 14, 4), ("Title", 18, 0, 4)):
        style = styles[name]
        _fonts(style.element)
        style.font.size, style.font.bold, style.font.color.rgb = Pt(size), True, NAVY
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(before), Pt(after)
    styles["Title"].element.get_or_add_pPr().remove_all("w:pBdr")

    heading = styles.add_style("Minute Heading", WD_STYLE_TYPE.PARAGRAPH)
    heading.base_style = styles["Heading 2"]
    heading.next_paragraph_style = styles["Normal"]
    heading.paragraph_format.keep_with_next = True
    heading.paragraph_format.space_before, heading.paragraph_format.space_after = Pt(14), Pt(4)
    heading.quick_style = True

    text = styles.add_style("Minute Text", WD_STYLE_TYPE.PARAGRAPH)
    text.base_style = styles["Normal"]
    text.quick_style = True

    resolution = styles.add_style("Resolution", WD_STYLE_TYPE.PARAGRAPH)
    resolution.base_style = styles["Normal"]
    resolution.paragraph_format.left_indent = Cm(1)
    resolution.paragraph_format.space_before = Pt(3)
    resolution.paragraph_format.space_after = Pt(8)
    resolution.quick_style = True

    bullet = styles["List Bullet"]
    # Space after the last point of a list; contextual spacing keeps the points themselves together.
    bullet.paragraph_format.space_after = Pt(6)

    for name in ("Header", "Footer"):
        style = styles[name]
        style.font.size, style.font.color.rgb = Pt(9), GREY
        # The blank document's Letter-sized tab stops would put the date mid-line on A4.
        style.element.get_or_add_pPr().remove_all("w:tabs")


def build() -> bytes:
    """The template's bytes."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.5)
    section.header_distance = section.footer_distance = Cm(1.25)
    _styles(doc)
    text_width = section.page_width - section.left_margin - section.right_margin

    header = section.header.paragraphs[0]
    header.style = doc.styles["Header"]
    header.paragraph_format.tab_stops.clear_all()
    header.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    header.add_run("{{committee}}\t{{date}}")
    _border(header._p.get_or_add_pPr(), "bottom", size=4, color="808080")

    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.alignment = 1  # centred
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")

    for stray in doc.paragraphs:  # python-docx's blank document may start with an empty paragraph
        stray._p.getparent().remove(stray._p)
    doc.add_paragraph("{{meeting_title}}", style="Heading 1")
    doc.add_paragraph("Minutes of the meeting held on {{date}} at {{time}}", style="Normal")
    venue = doc.add_paragraph("{{venue}}", style="Normal")
    venue.paragraph_format.space_after = Pt(12)
    _border(venue._p.get_or_add_pPr(), "bottom")
    doc.add_paragraph("{{minutes}}", style="Minute Text")

    gap = doc.add_paragraph(style="Normal")
    gap.paragraph_format.space_before = Pt(36)
    gap.paragraph_format.keep_with_next = True
    signature = doc.add_paragraph(style="Normal")
    signature.paragraph_format.tab_stops.add_tab_stop(Cm(9.5))
    signature.add_run("Chair ........................................\tDate ........................")

    props = doc.core_properties
    props.title, props.author, props.subject = "Minutes template", "ClerkDesk", "Committee minutes"
    props.comments, props.keywords, props.last_modified_by, props.language = "", "", "ClerkDesk", "en-GB"
    props.created = props.modified = FIXED
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return _reproducible(out.getvalue())


def _reproducible(data: bytes) -> bytes:
    """The same zip with fixed member timestamps and order, so rebuilding gives identical bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        for name in ["[Content_Types].xml"] + sorted(n for n in names if n != "[Content_Types].xml"):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(name))
    return out.getvalue()


def main() -> int:
    """Write the template and print where."""
    OUT.write_bytes(build())
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
