"""Council material built in code: the Word templates and published agendas a clerk brings.

They mirror what councils send: a borough template with a logo, a page field and placeholders
Word has split across runs in its header, footer and body, and its own house styles; a parish
``.dotx`` on landscape A5 with its header in a table and none of the house styles; an agenda
published as a Word table, the same agenda as paragraphs and as typed text, and one numbered by
Word's own list numbering with sub-items. ``write_council_material(folder)`` lays them out as
``templates/`` and ``agendas/`` with the file names the tests use.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Emu, Pt, RGBColor, Twips

BOROUGH = "templates/northbrook-borough.docx"
PARISH = "templates/little-ashby-parish.dotx"
TABLE_AGENDA = "agendas/northbrook-community-safety-agenda.docx"
TEXT_AGENDA = "agendas/northbrook-community-safety-agenda.txt"
PARAGRAPH_AGENDA = "agendas/northbrook-community-safety-agenda-paragraphs.docx"
NUMBERED_AGENDA = "agendas/northbrook-planning-agenda-numbered.docx"
AGENDAS = (TABLE_AGENDA, TEXT_AGENDA, PARAGRAPH_AGENDA, NUMBERED_AGENDA)

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

# The Northbrook Community Safety agenda: (number, title as printed, description), then Part 2.
NORTHBROOK_ITEMS = [
    ("1", "Apologies for Absence", "To receive apologies and notification of substitutes."),
    ("2", "Declarations of Interest", "Members to declare any disclosable pecuniary or other interests."),
    ("3", "Minutes of the previous meeting (Pages 1 - 8)", "To approve the minutes of the meeting held on 14 July 2026."),
    ("4", "Public Question Time", ""),
    ("5", "Community Safety Partnership Annual Report (Pages 9 - 44)", "Report of the Head of Community Safety."),
    ("6", "Anti-social Behaviour in Town Centres (Pages 45 - 60)",
     "Report of the Chief Inspector, Northbrook Neighbourhood Policing."),
    ("7", "Work Programme 2026/27 (Pages 61 - 64)", ""),
]
NORTHBROOK_EXEMPT = [
    ("8", "Exclusion of the Public and Press",
     "To consider passing a resolution under Section 100A(4) of the Local Government Act 1972."),
    ("9", "Contract Award – CCTV Maintenance (Pages 65 - 80)", "Exempt information: paragraph 3 of Part 1 of Schedule 12A."),
]


# -- pieces ---------------------------------------------------------------------------------


def crest_png(width: int = 360, height: int = 120) -> bytes:
    """A council crest: a real RGBA PNG (a navy shield on white), made without an imaging library."""
    rows = []
    for y in range(height):
        row = bytearray(b"\x00")  # filter type: none
        for x in range(width):
            inside = abs(x - height // 2) < height // 3 and y < height - abs(x - height // 2)
            row += bytes((31, 56, 100, 255)) if inside else bytes((255, 255, 255, 255))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows)))
            + chunk(b"IEND", b""))


def split_runs(paragraph, *pieces: str, bold: bool | None = None) -> None:
    """Add ``pieces`` as separate runs, the way Word splits a placeholder it has spell-checked."""
    for piece in pieces:
        run = paragraph.add_run(piece)
        run.bold = bold


def _page_field(paragraph) -> None:
    run = paragraph.add_run()
    for xml in ('<w:fldChar %s w:fldCharType="begin"/>' % W_NS,
                '<w:instrText %s xml:space="preserve"> PAGE </w:instrText>' % W_NS,
                '<w:fldChar %s w:fldCharType="end"/>' % W_NS):
        run._r.append(parse_xml(xml))


def _add_house_styles(doc) -> None:
    heading = doc.styles.add_style("Minute Heading", WD_STYLE_TYPE.PARAGRAPH)
    heading.base_style = doc.styles["Normal"]
    heading.font.bold, heading.font.size, heading.font.color.rgb = True, Pt(12), RGBColor(0x1F, 0x38, 0x64)
    heading.paragraph_format.keep_with_next = True
    heading.paragraph_format.space_after = Pt(6)
    for name in ("Minute Text", "Resolution"):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.font.bold, style.font.size = False, Pt(11)
        style.paragraph_format.space_after = Pt(6)


def _saved(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def as_dotx(docx: bytes) -> bytes:
    """The same package saved as a Word template (.dotx): only its main part's content type differs."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(DOCUMENT_TYPE.encode(), TEMPLATE_TYPE.encode())
            dst.writestr(info.filename, data)
    return out.getvalue()


# -- templates ------------------------------------------------------------------------------


def borough_template() -> bytes:
    """Northbrook Borough Council's minutes template (.docx).

    Letter-size pages with 1247-twip side margins; a header with the crest and
    "Northbrook Borough Council – {{committee}}" (split), a footer "Page <PAGE>   {{date}}" (split);
    a body "MINUTES" (Title), "of a meeting of the {{committee}}", "held at {{venue}} on {{da|te}} at
    {{time}}", {{minutes}}, a blank line and the Chair's signature line; the house styles
    Minute Heading, Minute Text and Resolution.
    """
    doc = Document()
    doc.core_properties.title = "Northbrook minutes template"
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(12240), Twips(15840)
    section.left_margin = section.right_margin = Twips(1247)
    section.top_margin = section.bottom_margin = Twips(1440)
    _add_house_styles(doc)

    body = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    body.style = doc.styles["Title"]
    body.add_run("MINUTES")
    split_runs(doc.add_paragraph(), "of a meeting of the ", "{{committee}}", bold=True)
    split_runs(doc.add_paragraph(), "held at {{venue}} on {{da", "te}} at {{time}}", bold=False)
    doc.add_paragraph("{{minutes}}")
    doc.add_paragraph()
    doc.add_paragraph("Chair ........................................   Date ....................")

    header = section.header
    logo = header.paragraphs[0]
    logo.add_run().add_picture(io.BytesIO(crest_png()), width=Emu(1440000), height=Emu(480000))
    name = header.add_paragraph()
    name.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    split_runs(name, "Northbrook Borough Council – ", "{{comm", "ittee}}", bold=False)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _page_field(footer)
    split_runs(footer, "   {{", "date}}", bold=False)
    return _saved(doc)


def parish_template() -> bytes:
    """Little Ashby Parish Council's template (.dotx): landscape A5, header in a two-cell table.

    The body is {{minutes}} alone; the header table holds "Little Ashby Parish Council" and
    "{{meeting_title}} – {{date}}" split across runs; it has none of the house styles.
    """
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Twips(11906), Twips(8391)
    section.left_margin = section.right_margin = Twips(1800)
    (doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()).add_run("{{minutes}}")
    header = section.header
    table = header.add_table(rows=1, cols=2, width=Twips(9638))
    table.cell(0, 0).paragraphs[0].add_run("Little Ashby Parish Council")
    split_runs(table.cell(0, 1).paragraphs[0], "{{meeting_title}} ", "– {{date}}", bold=False)
    return as_dotx(_saved(doc))


# -- agendas --------------------------------------------------------------------------------


def _northbrook_front(doc) -> None:
    doc.add_heading("Northbrook Borough Council", level=1)
    doc.add_paragraph("Community Safety Scrutiny Committee")
    doc.add_paragraph("Date: Thursday, 17 September 2026   Time: 6.30 pm   Venue: Committee Room 2, Town Hall, "
                      "Northbrook")
    doc.add_paragraph("Membership: Councillors A Okafor (Chair), B Lindqvist (Vice-Chair), C Pryce-Jones, "
                      "D O'Neill, E Kowalczyk, F Hussain, G Ní Bhriain")
    doc.add_heading("Agenda", level=2)


def table_agenda() -> bytes:
    """The Community Safety agenda as councils publish it: a two-column Word table, Part 2 in a merged row."""
    doc = Document()
    _northbrook_front(doc)
    table = doc.add_table(rows=0, cols=2)

    def row(number: str, title: str, description: str) -> None:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(f"{number}.")
        cells[1].paragraphs[0].add_run(title)
        if description:
            cells[1].add_paragraph(description)

    for item in NORTHBROOK_ITEMS:
        row(*item)
    part2 = table.add_row().cells
    part2[0].merge(part2[1]).paragraphs[0].add_run("PART 2 – NOT FOR PUBLICATION")
    for item in NORTHBROOK_EXEMPT:
        row(*item)
    doc.add_paragraph("Contact: Democratic Services, democratic.services@northbrook.example")
    return _saved(doc)


def paragraph_agenda() -> bytes:
    """The same agenda typed as Word paragraphs: "1.<tab>Title", its description indented below."""
    doc = Document()
    _northbrook_front(doc)
    for number, title, description in NORTHBROOK_ITEMS:
        doc.add_paragraph(f"{number}.\t{title}")
        if description:
            doc.add_paragraph(description).paragraph_format.left_indent = Twips(720)
    doc.add_paragraph("PART 2 (exempt)")
    for number, title, description in NORTHBROOK_EXEMPT:
        doc.add_paragraph(f"{number}.\t{title}")
        doc.add_paragraph(description).paragraph_format.left_indent = Twips(720)
    doc.add_paragraph("Contact: Democratic Services, democratic.services@northbrook.example")
    return _saved(doc)


def text_agenda() -> str:
    """The same agenda pasted from an e-mail: tab-separated numbers, descriptions on tab-indented lines."""
    lines = ["COMMUNITY SAFETY SCRUTINY COMMITTEE – 17 September 2026, 6.30 pm", "", "AGENDA", ""]
    for number, title, description in NORTHBROOK_ITEMS:
        lines.append(f"{number}.\t{title}")
        if description:
            lines.append(f"\t{description}")
    lines += ["PART 2 (exempt)", ""]
    for number, title, description in NORTHBROOK_EXEMPT:
        lines += [f"{number}.\t{title}", f"\t{description}"]
    return "\n".join(lines) + "\n"


def _numbering_xml(level0: tuple[int, str, str], level1: tuple[int, str, str]) -> str:
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (start, fmt, text) in enumerate((level0, level1)))
    return f'<w:abstractNum {W_NS} w:abstractNumId="90">{levels}</w:abstractNum>'


def numbered_agenda(level0: tuple[int, str, str] = (1, "decimal", "%1."),
                    level1: tuple[int, str, str] = (1, "lowerLetter", "(%2)")) -> bytes:
    """A Planning agenda numbered by Word's own list numbering, with sub-items: no number is in the text."""
    doc = Document()
    doc.add_paragraph("Planning Committee")
    doc.add_paragraph("Date: Tuesday, 6 October 2026   Time: 7.00 pm")
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    abstract = parse_xml(_numbering_xml(level0, level1))
    if first_num is not None:
        first_num.addprevious(abstract)  # abstractNum elements come before num elements
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def item(text: str, level: int = 0) -> None:
        p = doc.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    item("Apologies for Absence")
    item("Declarations of Interest")
    doc.add_paragraph("Members to declare any interests.")
    item("Minutes (Pages 1 - 6)")
    item("Planning Applications")
    item("Land at Mill Lane, Northbrook (Pages 7 - 30)", 1)
    doc.add_paragraph("Erection of 42 dwellings.")
    item("The Old Vicarage, Church Street (Page 31)", 1)
    item("Appeals Update")
    doc.add_paragraph("PART 2 – NOT FOR PUBLICATION")
    item("Enforcement Matters")
    return _saved(doc)


def write_council_material(folder: Path) -> Path:
    """Write every template and agenda above into ``folder`` (templates/, agendas/); returns ``folder``."""
    files: dict[str, bytes] = {
        BOROUGH: borough_template(), PARISH: parish_template(), TABLE_AGENDA: table_agenda(),
        TEXT_AGENDA: text_agenda().encode("utf-8"), PARAGRAPH_AGENDA: paragraph_agenda(),
        NUMBERED_AGENDA: numbered_agenda(),
    }
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder
