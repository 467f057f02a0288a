"""Minutes as councils publish them, checked paragraph by paragraph in every writer.

A Police and Crime Panel meeting file with joined paragraphs, a resolution in parts and
sub-points is imported and exported into the house template and into council templates
built here: one whose body is only ``{{minutes}}``, one with a letterhead table and no
``{{date}}``, and an A5 one. python-docx reads the result back.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from clerkdesk.export import render
from clerkdesk.house_style import HouseStyle
from clerkdesk.meeting_file import read_meeting_file
from clerkdesk.model import Meeting
from tests.builders import council_template, panel_meeting_file

JOINED_OPENING = ("The Commissioner commended the report to the Panel. The Chairman invited questions, "
                  "and the following matters were raised:")
JOINED_REPLY = ("The Commissioner responded that the force monitored keywords. "
                "David Patterson added that a review would report in March.")
HELD = "Minutes of the meeting held on Thursday, 12 November 2026 at 10.00 am"
PART_2 = "33. Chief Constable Appointment (Part 2 – exempt)"


@pytest.fixture
def meeting(tmp_path: Path) -> Meeting:
    """The panel meeting, through a meeting file on disk as a clerk would bring it."""
    path = tmp_path / "panel.json"
    path.write_text(json.dumps(panel_meeting_file(), ensure_ascii=False), encoding="utf-8")
    return read_meeting_file(path)


@pytest.fixture(params=["house", "minutes-only", "table", "a5"])
def template(request, tmp_path: Path) -> Path | None:
    if request.param == "house":
        return None
    return council_template(tmp_path / f"{request.param}.docx", request.param)


def export(meeting: Meeting, template: Path | None, confidential: bool = False,
           style: HouseStyle | None = None) -> tuple[DocxDocument, bytes]:
    data = render(meeting, "docx", confidential, template, style).data
    return Document(io.BytesIO(data)), data


def body_paragraphs(doc: DocxDocument) -> list:
    """Every paragraph of the body, those in its tables too, in order."""
    return [p for p in doc.element.body.iter(qn("w:p"))]


def text_of(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def find(doc: DocxDocument, start: str, exact: bool = False):
    matches = [p for p in body_paragraphs(doc) if (text_of(p) == start if exact else text_of(p).startswith(start))]
    assert len(matches) == 1, f"{len(matches)} paragraphs start {start!r}"
    return matches[0]


def num_pr(p) -> tuple[str | None, str | None]:
    ilvl = p.xpath("./w:pPr/w:numPr/w:ilvl/@w:val")
    num_id = p.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    return (ilvl[0] if ilvl else None), (num_id[0] if num_id else None)


def list_level(doc: DocxDocument, num_id: str, ilvl: str) -> tuple[str, str]:
    """The numFmt and lvlText a list paragraph shows, from numbering.xml (honouring overrides)."""
    numbering = doc.part.numbering_part.element
    abstract = numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')[0]
    fmt = numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl[@w:ilvl="{ilvl}"]/w:numFmt/@w:val')
    text = numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl[@w:ilvl="{ilvl}"]/w:lvlText/@w:val')
    return fmt[0], text[0]


def test_two_speakers_joined_are_one_paragraph(meeting: Meeting, template: Path | None) -> None:
    doc, _ = export(meeting, template)
    assert text_of(find(doc, "The Commissioner commended")) == JOINED_OPENING
    assert text_of(find(doc, "The Commissioner responded")) == JOINED_REPLY
    assert not any(text_of(p).startswith(("The Chairman invited", "David Patterson added"))
                   for p in body_paragraphs(doc))


def test_the_parts_of_a_resolution_are_a_real_second_list_level(meeting: Meeting, template: Path | None) -> None:
    doc, _ = export(meeting, template)
    parent = find(doc, "RESOLVED: that", exact=True)
    assert num_pr(parent) == (None, None)
    assert parent.xpath("./w:pPr/w:keepNext")  # "RESOLVED: that" never ends a page without its (a)
    a = find(doc, "the report be noted; and")
    b = find(doc, "the Commissioner report back on rural response times")
    assert num_pr(a)[0] == num_pr(b)[0] == "1" and num_pr(a)[1] == num_pr(b)[1]
    assert list_level(doc, num_pr(a)[1], "1") == ("lowerLetter", "(%2)")
    assert not text_of(a).startswith("(")  # Word numbers it: no typed letters


def test_each_resolution_letters_its_parts_from_a(meeting: Meeting) -> None:
    doc, _ = export(meeting, None)
    numbering = doc.part.numbering_part.element
    first = [p for p in body_paragraphs(doc) if text_of(p) == "the report be noted; and"]
    assert len(first) == 1  # the item appears once in this meeting
    num_id = num_pr(first[0])[1]
    assert numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:lvlOverride[@w:ilvl="1"]/w:startOverride/@w:val') == ["1"]


def test_sub_points_are_second_level_bullets(meeting: Meeting, template: Path | None) -> None:
    doc, _ = export(meeting, template)
    point = find(doc, "Response times in rural areas")
    subs = [find(doc, "The north of the county"), find(doc, "New patrol bases")]
    assert num_pr(point)[0] == "0"
    for sub in subs:
        assert num_pr(sub) == ("1", num_pr(point)[1])  # the same list, one level down
    assert list_level(doc, num_pr(point)[1], "1")[0] == "bullet"


def test_a_body_without_date_opens_with_the_title_block(meeting: Meeting, template: Path | None) -> None:
    doc, _ = export(meeting, template)
    texts = [text_of(p) for p in body_paragraphs(doc)]
    assert sum(HELD in t for t in texts) == 1  # the house template has its own line, so no second
    held = next(i for i, t in enumerate(texts) if HELD in t)
    assert held < next(i for i, t in enumerate(texts) if t.startswith("Present:"))
    if template is not None:  # built here, without a {{date}} in the body
        assert texts[held - 1] == "Police and Crime Panel"
        assert texts[held + 1] == "Council Chamber, County Hall"
        title = body_paragraphs(doc)[held - 1]
        assert doc.styles.get_by_id(title.xpath("./w:pPr/w:pStyle/@w:val")[0], 1).name == "Heading 1"


def test_app_built_sentences_end_with_a_full_stop(meeting: Meeting, template: Path | None) -> None:
    doc, _ = export(meeting, template)
    for start, whole in (("Councillor Khan declared", "Councillor Khan declared a personal interest as a magistrate."),
                         ("Councillor Khan left", "Councillor Khan left the meeting at 11.40 am."),
                         ("ACTION:", "ACTION: David Patterson to circulate the review of rural response times "
                                     "by Monday, 1 March 2027.")):
        assert text_of(find(doc, start)) == whole


def test_roles_appear_once_and_councillors_are_grouped(meeting: Meeting, template: Path | None) -> None:
    doc, _ = export(meeting, template)
    present = text_of(find(doc, "Present:"))
    assert present == ("Present: Councillors Karen Hill (Chairman), Tom Bell (arrived at 10.20 am) and Nadia Khan; "
                       "Andy Davis (Independent Member)")
    assert text_of(find(doc, "Also present:")) == "Also present: Police and Crime Commissioner"
    assert text_of(find(doc, "Officers:")) == "Officers: David Patterson (Chief Executive, OPCC)"
    # Councillor Khan's departure is minuted as an event, so the attendance block does not repeat it.
    assert "left at" not in present


def test_a_committee_can_list_each_councillor_and_leave_arrivals_to_events(meeting: Meeting) -> None:
    doc, _ = export(meeting, None, style=HouseStyle(group_councillors=False, arrivals="events"))
    assert text_of(find(doc, "Present:")) == ("Present: Councillor Karen Hill (Chairman), Councillor Tom Bell, "
                                              "Councillor Nadia Khan, Andy Davis (Independent Member)")


def test_part_2_is_labelled_in_the_confidential_copy_only(meeting: Meeting, template: Path | None) -> None:
    confidential, _ = export(meeting, template, confidential=True)
    assert text_of(find(confidential, "33. ")) == PART_2
    public, data = export(meeting, template)
    assert text_of(find(public, "33. ")) == "33. Chief Constable Appointment"
    assert b"candidate report" not in data


def test_a_committee_words_its_part_2_label(meeting: Meeting) -> None:
    doc, _ = export(meeting, None, confidential=True, style=HouseStyle(exempt_label="(Exempt – Part II)"))
    assert text_of(find(doc, "33. ")) == "33. Chief Constable Appointment (Exempt – Part II)"


def test_supporting_documents_and_resolved_flush_left(meeting: Meeting, template: Path | None) -> None:
    doc, _ = export(meeting, template)
    find(doc, "Supporting documents: Performance report, quarter 2", exact=True)
    resolved = find(doc, "RESOLVED: that the report be noted.")
    assert resolved.xpath("./w:pPr/w:ind/@w:left") == ["0"]
    indented, _ = export(meeting, template, style=HouseStyle(indent_resolutions=True))
    assert not find(indented, "RESOLVED: that the report be noted.").xpath("./w:pPr/w:ind")


def test_the_last_minute_closing_line_and_signature_keep_together(meeting: Meeting, template: Path | None) -> None:
    doc, _ = export(meeting, template, confidential=True)
    paragraphs = body_paragraphs(doc)
    texts = [text_of(p) for p in paragraphs]
    closing = texts.index("The meeting closed at 12.05 pm.")
    signature = next(i for i, t in enumerate(texts) if t.startswith("Chair ....") and i > closing)
    heading = texts.index(PART_2)  # the last minute: a heading and two paragraphs, kept whole
    for p in paragraphs[heading:signature]:
        if text_of(p):
            assert p.xpath("./w:pPr/w:keepNext") and p.xpath("./w:pPr/w:keepLines"), text_of(p)
    assert paragraphs[signature].xpath("./w:pPr/w:keepLines")
    # The actions table comes after the signature, so no table stands between them.
    assert texts.index("Actions") > signature


def test_a_template_without_numbering_gets_its_lists(meeting: Meeting, tmp_path: Path) -> None:
    source = council_template(tmp_path / "plain.docx", "minutes-only")
    target = tmp_path / "no-numbering.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/numbering.xml":
                continue
            if info.filename == "word/_rels/document.xml.rels":
                data = re.sub(rb'<Relationship [^>]*numbering[^>]*/>', b"", data)
            if info.filename == "[Content_Types].xml":
                data = re.sub(rb'<Override [^>]*numbering[^>]*/>', b"", data)
            zout.writestr(info, data)
    with zipfile.ZipFile(target) as z:
        assert "word/numbering.xml" not in z.namelist()
    doc, data = export(meeting, target)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "word/numbering.xml" in z.namelist()
    point = find(doc, "Response times in rural areas")
    assert list_level(doc, num_pr(point)[1], "0")[0] == "bullet"
    part = find(doc, "the report be noted; and")
    assert list_level(doc, num_pr(part)[1], "1") == ("lowerLetter", "(%2)")


def test_the_actions_table_fits_its_header_words_on_a5(meeting: Meeting, tmp_path: Path) -> None:
    doc, _ = export(meeting, council_template(tmp_path / "a5.docx", "a5"))
    table = doc.tables[-1]
    widths = [int(w) for w in table._tbl.xpath("./w:tblGrid/w:gridCol/@w:w")]
    section = doc.sections[-1]
    assert sum(widths) <= (section.page_width - section.left_margin - section.right_margin) / 635 + 1
    # 11 pt bold at most ~0.72 em a character, plus the cell margins: "Minute" needs about 1,220 twips;
    # every column is at least its longest word, and the action keeps the most room.
    assert widths[0] >= 1200 and min(widths) >= 1150 and widths[1] == max(widths)
    assert [c.text for c in table.rows[0].cells] == ["Minute", "Action", "Owner", "Due"]


def test_a_soft_return_is_a_space_and_a_typed_new_line_stays(meeting: Meeting) -> None:
    entries = meeting.items[0].entries
    entries[0].text = "commended the report\vto the Panel"
    entries[5].text = "Repeat victims were now contacted\nwithin 24 hours."
    doc, _ = export(meeting, None)
    assert text_of(find(doc, "The Commissioner commended")).startswith(
        "The Commissioner commended the report to the Panel. The Chairman")
    repeat = find(doc, "Repeat victims")
    assert len(repeat.xpath(".//w:br")) == 1


def test_html_reads_as_a_published_minutes_page(meeting: Meeting) -> None:
    page = render(meeting, "html", confidential=True).data.decode("utf-8")
    assert "<h1>Minutes of the Police and Crime Panel</h1>" in page
    assert '<section class="attendance">\n<h2>Attendance</h2>' in page
    assert "<caption>Actions agreed at the meeting</caption>" in page
    assert f"<p>{JOINED_REPLY}</p>" in page
    assert ("<li>Response times in rural areas had lengthened.\n<ul>\n"
            "<li>The north of the county was worst affected.</li>\n"
            "<li>New patrol bases were planned for the spring.</li>\n</ul></li>") in page
    assert ('<p class="resolution"><strong>RESOLVED:</strong> that</p>\n<ol class="parts">\n'
            "<li>the report be noted; and</li>") in page
    assert f"<h2>{PART_2}</h2>" in page


def test_text_letters_the_parts_and_indents_sub_points(meeting: Meeting) -> None:
    text = render(meeting, "text").data.decode("utf-8")
    assert "RESOLVED: that\n\n    (a) the report be noted; and\n\n    (b) the Commissioner" in text
    assert "  • Response times in rural areas had lengthened.\n\n    – The north of the county" in text
    assert JOINED_OPENING in text
