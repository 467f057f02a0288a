"""The Word export, opened again with python-docx and read the way a clerk would check it."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from clerkdesk.export.word_template import default_template
from clerkdesk.export import render
from clerkdesk.minutes import ACTION_COLUMNS, CONFIDENTIAL_MARK, PRIVATE_ITEM, build_minutes
from clerkdesk.model import Entry
from clerkdesk.sample import sample_meeting
from tests.builders import make_meeting
from tests.conftest import shared_extras
from tests.council_material import BOROUGH, PARISH, crest_png

PLACEHOLDERS = ("{{committee}}", "{{meeting_title}}", "{{date}}", "{{time}}", "{{venue}}", "{{minutes}}")
SECRET_BITS = ("£4.2 million", "Exempt report of the Head of Environmental Services",
               "negotiate the extension")


def export(meeting, template: Path | None = None, confidential: bool = False) -> tuple[DocxDocument, bytes, list[str]]:
    result = render(meeting, "docx", confidential, template)
    return Document(io.BytesIO(result.data)), result.data, result.warnings


def headers_and_footers(doc: DocxDocument):
    for section in doc.sections:
        for hf in (section.header, section.first_page_header, section.even_page_header,
                   section.footer, section.first_page_footer, section.even_page_footer):
            if not hf.is_linked_to_previous:
                yield hf


def every_paragraph_text(doc: DocxDocument) -> list[str]:
    """The text of every paragraph in the body, its tables, and every header and footer."""
    roots = [doc.element.body] + [hf._element for hf in headers_and_footers(doc)]
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for root in roots for p in root.iter(qn("w:p"))]


def word_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels")))


def body_paragraphs(doc: DocxDocument) -> list:
    return list(doc.paragraphs)


@pytest.fixture(params=["default", BOROUGH, PARISH, *shared_extras("templates")], ids=str)
def template(request, council: Path) -> Path:
    """The house template, the council templates built in code, and any beside the clone."""
    if request.param == "default":
        return default_template()
    return council / request.param


@pytest.mark.parametrize("confidential", [False, True])
def test_no_placeholder_is_left_anywhere(template: Path, confidential: bool) -> None:
    doc, data, _ = export(sample_meeting(), template, confidential)
    texts = every_paragraph_text(doc)
    assert not [t for t in texts if "{{" in t or "}}" in t]
    assert "{{" not in word_xml(data)


def test_the_placeholders_are_filled_with_the_meeting(template: Path) -> None:
    doc, _, _ = export(sample_meeting(), template)
    text = "\n".join(every_paragraph_text(doc))
    assert "Environment and Communities Committee" in text
    assert "Thursday, 15 October 2026" in text


def test_the_borough_header_text_and_logo_survive(council: Path) -> None:
    doc, _, _ = export(sample_meeting(), council / BOROUGH)
    header = doc.sections[0].header
    assert "Northbrook Borough Council – Environment and Communities Committee" in [p.text for p in header.paragraphs]
    images = [rel for rel in header.part.rels.values() if rel.reltype.endswith("/image")]
    assert len(images) == 1
    assert images[0].target_part.blob == crest_png()
    assert header._element.xpath(".//a:blip/@r:embed") == [images[0].rId]
    footer = doc.sections[0].footer
    assert " PAGE " in footer._element.xml  # the template's page field is kept
    assert footer.paragraphs[0].text.endswith("Thursday, 15 October 2026")


def test_the_borough_body_keeps_its_own_text_around_the_minutes(council: Path) -> None:
    doc, _, _ = export(sample_meeting(), council / BOROUGH)
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "MINUTES"
    assert texts[1] == "of a meeting of the Environment and Communities Committee"
    assert texts[2] == ("held at Council Chamber, Ashcombe House, Market Street on Thursday, 15 October 2026 "
                        "at 6.30 pm")
    assert texts[3].startswith("Present:")  # the minutes stand where {{minutes}} stood
    closing = texts.index("The meeting closed at 8.40 pm.")
    signature = next(i for i, t in enumerate(texts) if t.startswith("Chair ....."))
    assert closing < signature
    assert doc.sections[0].left_margin.twips == 1247  # the template's margins are kept


def test_the_parish_dotx_stays_landscape_a5(council: Path) -> None:
    doc, data, _ = export(sample_meeting(), council / PARISH)
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (section.page_width.twips, section.page_height.twips) == (11906, 8391)
    assert "Little Ashby Parish Council" in [p.text for t in section.header.tables for c in t._cells
                                             for p in c.paragraphs]
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml").decode()
    assert "document.main+xml" in types and "template.main+xml" not in types


def test_the_borough_house_styles_are_used(council: Path) -> None:
    doc, _, warnings = export(sample_meeting(), council / BOROUGH)
    styles = {p.text: p.style.name for p in doc.paragraphs}
    assert styles["EC/24/26 Street Cleansing Performance, Quarter 2"] == "Minute Heading"
    assert styles["The meeting closed at 8.40 pm."] == "Minute Text"
    resolved = [p for p in doc.paragraphs if p.text.startswith("RESOLVED:")]
    assert resolved and {p.style.name for p in resolved} == {"Resolution"}
    assert warnings == []


def test_a_template_without_house_styles_falls_back_and_says_so_once_each(council: Path) -> None:
    doc, _, warnings = export(make_meeting(items=6, entries=60), council / PARISH)
    assert len(warnings) == 3
    for style, fallback in (("Minute Heading", "Heading 2"), ("Minute Text", "Normal"), ("Resolution", "Normal")):
        assert sum(f"“{style}”" in w for w in warnings) == 1
        assert any(f"“{style}”" in w and f"“{fallback}”" in w for w in warnings)
    headings = [p for p in doc.paragraphs if p.text.startswith("30. ")]
    assert headings[0].style.name == "Heading 2"


def bullet_num_ids(doc: DocxDocument) -> set[str]:
    numbering = doc.part.numbering_part.element
    ids = set()
    for num in numbering.xpath("./w:num"):
        abstract = num.xpath("./w:abstractNumId/@w:val")[0]
        if numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl[@w:ilvl="0"]/w:numFmt/@w:val') \
                == ["bullet"]:
            ids.add(num.get(qn("w:numId")))
    return ids


def test_points_are_real_bulleted_list_paragraphs(template: Path) -> None:
    doc, _, _ = export(sample_meeting(), template)
    points = [p for p in doc.paragraphs if p.text.startswith(("87% of streets", "Litter bin overflows"))]
    assert len(points) == 2
    for p in points:
        assert p.style.name == "List Bullet"
        num_id = p._p.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        assert num_id and num_id[0] in bullet_num_ids(doc)


def test_a_template_without_list_bullet_gets_a_bullet_numbering_of_its_own(tmp_path: Path) -> None:
    bare = Document(str(default_template()))
    bare.styles["List Bullet"].element.getparent().remove(bare.styles["List Bullet"].element)
    path = tmp_path / "bare.docx"
    bare.save(str(path))
    doc, _, warnings = export(sample_meeting(), path)
    point = next(p for p in doc.paragraphs if p.text.startswith("87% of streets"))
    assert point._p.xpath("./w:pPr/w:numPr/w:numId/@w:val")[0] in bullet_num_ids(doc)
    assert any("“List Bullet”" in w for w in warnings)


def test_resolved_is_a_bold_run_and_several_resolutions_are_numbered(template: Path) -> None:
    doc, _, _ = export(sample_meeting(), template)
    resolved = [p for p in doc.paragraphs if p.text.startswith("RESOLVED:")]
    assert resolved
    for p in resolved:
        assert p.runs[0].text == "RESOLVED:" and p.runs[0].bold
        assert not any(r.bold for r in p.runs[1:])
    texts = [p.text for p in doc.paragraphs]
    assert any(t.startswith("RESOLVED: (1) that the draft Fly-tipping") for t in texts)
    assert any(t.startswith("(2) that the Head of Environmental Services publicise") for t in texts)


def test_the_attendance_block_and_closing_line_read_as_the_product_says(template: Path) -> None:
    doc, _, _ = export(sample_meeting(), template)
    texts = [p.text for p in doc.paragraphs]
    start = next(i for i, t in enumerate(texts) if t.startswith("Present:"))
    assert texts[start].startswith("Present: Councillors Helen Marsh (Chair), Rhys Pryce-Jones (Vice-Chair), ")
    assert texts[start + 1] == "Substitutes: Councillor Amina Haddad (for Councillor Greaves)"
    assert texts[start + 2].startswith("Also present: Inspector Mark Ellis")
    assert texts[start + 3].startswith("Officers: Nadia Kaur (Head of Environmental Services)")
    assert texts[start + 4] == "Apologies: Councillors Peter Greaves and Gareth Lloyd"
    assert doc.paragraphs[start].runs[0].bold
    assert texts[start + 5] == "EC/21/26 Apologies for Absence"
    closing = texts.index("The meeting closed at 8.40 pm.")
    assert closing > texts.index("EC/28/26 Waste Collection Contract: Extension")


def test_the_actions_table_ends_the_minutes_with_a_repeating_header(template: Path) -> None:
    doc, _, _ = export(sample_meeting(), template)
    table = doc.tables[-1]
    assert [c.text for c in table.rows[0].cells] == list(ACTION_COLUMNS)
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert [c.text for c in table.rows[1].cells][:2] == ["EC/24/26", "report the results of the evening crew trial"]
    assert len(table.rows) == 3
    body = list(doc.element.body)
    closing = next(p for p in doc.paragraphs if p.text == "The meeting closed at 8.40 pm.")._p
    assert body.index(closing) < body.index(table._tbl)


def test_no_actions_means_no_actions_table() -> None:
    meeting = sample_meeting()
    for item in meeting.items:
        item.entries = [e for e in item.entries if e.kind != "action"]
    doc, _, _ = export(meeting)
    assert not doc.tables


def test_exempt_business_is_absent_from_the_public_version(template: Path) -> None:
    doc, data, _ = export(sample_meeting(), template)
    xml = word_xml(data)
    for secret in SECRET_BITS:
        assert secret not in xml
    texts = [p.text for p in doc.paragraphs]
    heading = texts.index("EC/28/26 Waste Collection Contract: Extension")
    assert texts[heading + 1] == PRIVATE_ITEM
    assert CONFIDENTIAL_MARK not in xml


def test_the_confidential_version_has_everything_and_every_header_says_so(template: Path) -> None:
    doc, data, _ = export(sample_meeting(), template, confidential=True)
    xml = word_xml(data)
    for secret in SECRET_BITS:
        assert secret in xml
    assert PRIVATE_ITEM not in xml
    for section in doc.sections:
        assert section.header.paragraphs[0].text == CONFIDENTIAL_MARK


def test_first_page_and_even_page_headers_are_filled_and_marked(tmp_path: Path) -> None:
    tpl = Document()
    tpl.settings.odd_and_even_pages_header_footer = True
    section = tpl.sections[0]
    section.different_first_page_header_footer = True
    for hf, text in ((section.header, "Default {{committee}}"), (section.first_page_header, "First {{date}}"),
                     (section.even_page_header, "Even {{time}}"), (section.first_page_footer, "{{venue}}")):
        p = hf.paragraphs[0]
        p.add_run(text[:-5])
        p.add_run(text[-5:-2])  # Word splits placeholders like this
        p.add_run(text[-2:])
    cell = tpl.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].add_run("{{minutes}}")
    path = tmp_path / "three-headers.docx"
    tpl.save(str(path))
    doc, _, _ = export(sample_meeting(), path, confidential=True)
    section = doc.sections[0]
    assert [p.text for p in section.header.paragraphs] == [CONFIDENTIAL_MARK, "Default Environment and Communities Committee"]
    assert [p.text for p in section.first_page_header.paragraphs] == [CONFIDENTIAL_MARK, "First Thursday, 15 October 2026"]
    assert [p.text for p in section.even_page_header.paragraphs] == [CONFIDENTIAL_MARK, "Even 6.30 pm"]
    assert section.first_page_footer.paragraphs[0].text == "Council Chamber, Ashcombe House, Market Street"
    cell = doc.tables[0].cell(0, 0)
    assert cell.paragraphs[0].text == "Environment and Communities Committee"  # no {{date}}: the title block
    assert cell.paragraphs[3].text.startswith("Present:")
    assert cell._tc[-1].tag == qn("w:p")  # a cell must end with a paragraph, even after the actions table


def test_a_template_without_a_header_gets_one_for_the_confidential_mark(tmp_path: Path) -> None:
    path = tmp_path / "plain.docx"
    Document().save(str(path))
    doc, _, _ = export(sample_meeting(), path, confidential=True)
    assert doc.sections[0].header.paragraphs[0].text == CONFIDENTIAL_MARK
    # No {{minutes}}: the minutes go at the end of the body (after the mark), before the section
    # properties, opened by the title block since the body has no {{date}}.
    assert doc.paragraphs[0].text == CONFIDENTIAL_MARK
    assert doc.paragraphs[2].text == "Minutes of the meeting held on Thursday, 15 October 2026 at 6.30 pm"
    assert doc.paragraphs[4].text.startswith("Present:")
    assert doc.element.body[-1].tag == qn("w:sectPr")


def test_properties_come_from_the_meeting_not_the_template(council: Path) -> None:
    doc, data, _ = export(sample_meeting(), council / BOROUGH)
    props = doc.core_properties
    minutes = build_minutes(sample_meeting())
    assert props.title == minutes.document_title
    assert props.subject == "Environment and Communities Committee"
    assert props.author == "Environment and Communities Committee"
    assert props.comments == ""  # not the template's "generated by python-docx"
    assert "Northbrook minutes template" not in word_xml(data)
    lang = doc.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
    assert lang == ["en-GB"]


def test_headings_are_real_headings_for_screen_readers(council: Path) -> None:
    doc, _, _ = export(sample_meeting(), council / BOROUGH)
    heading = next(p for p in doc.paragraphs if p.text == "EC/21/26 Apologies for Absence")
    assert heading._p.xpath("./w:pPr/w:outlineLvl/@w:val") == ["1"]


def test_pasted_control_characters_become_breaks_or_vanish() -> None:
    meeting = sample_meeting()
    meeting.items[3].entries.insert(0, Entry(kind="note", text="line one\vline two\fpage\x00\x1b\ud800 end\nlast\ttab"))
    meeting.venue = "Room\x0b 2"
    doc, _, _ = export(meeting)
    p = next(p for p in doc.paragraphs if p.text.startswith("line one"))
    assert len(p._p.xpath(".//w:br")) == 2  # Word's soft return pasted mid-sentence is a space
    assert p.text == "line one line two\npage end\nlast\ttab"
    assert any("Room 2" in t for t in every_paragraph_text(doc))


def test_a_long_meeting_exports_in_under_two_seconds(capsys) -> None:
    meeting = make_meeting(items=40, entries=1000)
    render(meeting, "docx")  # warm imports and caches, as a running app would have them
    start = time.perf_counter()
    doc, _, _ = export(meeting)
    elapsed = time.perf_counter() - start
    with capsys.disabled():
        print(f"\n40 items, 1,000 entries: Word export in {elapsed:.2f} s")
    assert elapsed < 2.0
    assert sum(1 for p in doc.paragraphs if p.style.name == "Minute Heading") == 41  # items + Actions


def test_placeholders_in_footnotes_are_filled_too(tmp_path: Path) -> None:
    source = zipfile.ZipFile(default_template())
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {w}><w:footnote w:id="1">'
                 '<w:p><w:r><w:t>Held at {{ven</w:t></w:r><w:r><w:t>ue}}.</w:t></w:r></w:p></w:footnote></w:footnotes>')
    types = source.read("[Content_Types].xml").replace(b"</Types>", (
        b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'wordprocessingml.footnotes+xml"/></Types>'))
    rels = source.read("word/_rels/document.xml.rels").replace(b"</Relationships>", (
        b'<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'footnotes" Target="footnotes.xml"/></Relationships>'))
    path = tmp_path / "footnoted.docx"
    with zipfile.ZipFile(path, "w") as out:
        for name in source.namelist():
            data = {"[Content_Types].xml": types, "word/_rels/document.xml.rels": rels}.get(name)
            out.writestr(name, data if data is not None else source.read(name))
        out.writestr("word/footnotes.xml", footnotes)
    _, data, _ = export(sample_meeting(), path)
    text = zipfile.ZipFile(io.BytesIO(data)).read("word/footnotes.xml").decode()
    assert "Held at Council Chamber, Ashcombe House, Market Street" in text and "{{" not in text


def test_a_template_picture_keeps_its_alt_text(tmp_path: Path) -> None:
    crest = crest_png()
    tpl = Document(str(default_template()))
    run = tpl.sections[0].header.paragraphs[0].add_run()
    run.add_picture(io.BytesIO(crest))
    run._r.xpath(".//wp:docPr")[0].set("descr", "Council crest")
    path = tmp_path / "crest.docx"
    tpl.save(str(path))
    doc, _, _ = export(sample_meeting(), path, confidential=True)
    assert doc.sections[0].header._element.xpath(".//wp:docPr/@descr") == ["Council crest"]


def test_a_template_without_section_properties_still_exports_and_is_marked(tmp_path: Path) -> None:
    source = zipfile.ZipFile(default_template())
    xml = source.read("word/document.xml").decode()
    xml = xml[:xml.index("<w:sectPr")] + "</w:body></w:document>"
    path = tmp_path / "no-sections.docx"
    with zipfile.ZipFile(path, "w") as out:
        for name in source.namelist():
            out.writestr(name, xml if name == "word/document.xml" else source.read(name))
    doc, _, _ = export(sample_meeting(), path, confidential=True)
    assert doc.sections[0].header.paragraphs[0].text == CONFIDENTIAL_MARK
    assert [c.text for c in doc.tables[-1].rows[0].cells] == list(ACTION_COLUMNS)


def test_the_confidential_mark_is_also_the_first_paragraph_of_the_body(template: Path) -> None:
    doc, _, _ = export(sample_meeting(), template, confidential=True)
    assert doc.paragraphs[0].text == CONFIDENTIAL_MARK
    public, _, _ = export(sample_meeting(), template)
    assert public.paragraphs[0].text != CONFIDENTIAL_MARK
