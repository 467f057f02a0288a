"""Agenda import: council agendas in Word, PDF and text; hostile files; writing the agenda."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clerkdesk import ops
from clerkdesk.agenda_import import AgendaPreview, parse_agenda_text, read_agenda, read_agenda_bytes
from clerkdesk.errors import BadAgenda, BadInput
from clerkdesk.model import Item
from clerkdesk.store import Store
from tests.builders import make_meeting
from tests.conftest import shared_extras
from tests.council_material import AGENDAS, NUMBERED_AGENDA, TABLE_AGENDA, TEXT_AGENDA, numbered_agenda

COMMITTEE = "Community Safety Scrutiny Committee"
TITLES = ["Apologies for Absence", "Declarations of Interest", "Minutes of the previous meeting",
          "Public Question Time", "Community Safety Partnership Annual Report",
          "Anti-social Behaviour in Town Centres", "Work Programme 2026/27", "Exclusion of the Public and Press",
          "Contract Award – CCTV Maintenance"]
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


# -- builders for agenda files --------------------------------------------------------------


def make_pdf(pages: list[list[str]]) -> bytes:
    """A small PDF whose pages show these lines of text (an empty list: a page with only a picture)."""
    objects: list[bytes] = []
    page_ids = []
    font_id = 3 + 2 * len(pages)
    for n, lines in enumerate(pages):
        if lines:
            body = "BT /F1 11 Tf 14 TL 50 780 Td " + " ".join(
                "(" + ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*" for ln in lines) + " ET"
        else:
            body = "0.5 g 50 400 300 300 re f"  # a grey box: a scanned page has no text either
        content = body.encode("cp1252")
        page_ids.append(3 + 2 * n)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * n} 0 R "
                       f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
               *objects, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def rezip(docx: bytes, change: dict[str, bytes], compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The same .docx with some parts replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", compress) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change.get(info.filename, src.read(info.filename)))
    return out.getvalue()


def _check_northbrook(preview: AgendaPreview) -> None:
    assert [i.number for i in preview.items] == [str(n) for n in range(1, 10)]
    assert [i.title for i in preview.items] == TITLES
    assert [i.exempt for i in preview.items] == [False] * 7 + [True, True]
    assert preview.items[2].description == "To approve the minutes of the meeting held on 14 July 2026."
    assert preview.items[4].description == "Report of the Head of Community Safety."
    assert preview.items[3].description == "" and preview.items[6].description == ""
    assert preview.items[8].description == "Exempt information: paragraph 3 of Part 1 of Schedule 12A."
    assert (preview.committee, preview.date, preview.start) == (COMMITTEE, "2026-09-17", "18:30")


# -- good agendas ---------------------------------------------------------------------------


@pytest.mark.parametrize("agenda", [a for a in AGENDAS if a != NUMBERED_AGENDA] + shared_extras("agendas"),
                         ids=str)
def test_the_published_northbrook_agendas(council: Path, agenda: str | Path) -> None:
    """As a Word table, as Word paragraphs and as text (and any council agendas beside the clone)."""
    preview = read_agenda(council / agenda)
    _check_northbrook(preview)
    assert "Contact" not in preview.items[-1].description  # the footer below the table is no item's


def test_the_published_agenda_numbered_by_word(council: Path) -> None:
    preview = read_agenda(council / NUMBERED_AGENDA)
    assert [i.number for i in preview.items] == ["1", "2", "3", "4", "4(a)", "4(b)", "5", "6"]


def test_an_agenda_numbered_by_word_itself() -> None:
    preview = read_agenda_bytes(numbered_agenda(), "planning.docx")
    assert [(i.number, i.title, i.exempt) for i in preview.items] == [
        ("1", "Apologies for Absence", False), ("2", "Declarations of Interest", False), ("3", "Minutes", False),
        ("4", "Planning Applications", False), ("4(a)", "Land at Mill Lane, Northbrook", False),
        ("4(b)", "The Old Vicarage, Church Street", False), ("5", "Appeals Update", False),
        ("6", "Enforcement Matters", True)]
    assert preview.items[1].description == "Members to declare any interests."
    assert preview.items[4].description == "Erection of 42 dwellings."
    assert (preview.date, preview.start) == ("2026-10-06", "19:00")


def test_word_numbering_start_values_and_formats() -> None:
    preview = read_agenda_bytes(numbered_agenda((3, "decimal", "%1"), (1, "decimal", "%1.%2")), "x.docx")
    assert [i.number for i in preview.items] == ["3", "4", "5", "6", "6.1", "6.2", "7", "8"]
    roman = read_agenda_bytes(numbered_agenda(level1=(1, "lowerRoman", "(%2)")), "x.docx")
    assert [i.number for i in roman.items][4:6] == ["4(i)", "4(ii)"]


def make_sub_list_docx(fmt: str, text: str) -> bytes:
    """An agenda numbered by Word's "List Number", its sub-items by "List Number 2" (a list of its own)."""
    doc = Document()
    doc.add_paragraph("Northshire Police and Crime Panel", style="Title")
    doc.add_paragraph("Thursday, 12 November 2026 at 10.00 am")
    for title in ("Apologies for absence", "Declarations of interest", "Minutes of the previous meeting",
                  "Police and Crime Plan"):
        doc.add_paragraph(title, style="List Number")
    doc.add_paragraph("Report of the Commissioner.")  # a description between the item and its sub-items
    for title in ("Performance report", "Complaints"):
        doc.add_paragraph(title, style="List Number 2")
    doc.add_paragraph("Any other business", style="List Number")
    numbering = doc.part.numbering_part.element
    num_id = doc.styles["List Number 2"].element.xpath("./w:pPr/w:numPr/w:numId/@w:val")[0]
    abstract = numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')[0]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    level = numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl[@w:ilvl="0"]')[0]
    level.find(f"{w}numFmt").set(f"{w}val", fmt)
    level.find(f"{w}lvlText").set(f"{w}val", text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.mark.parametrize("fmt, text, subs", [("lowerLetter", "(%1)", ["4(a)", "4(b)"]),
                                             ("lowerLetter", "%1)", ["4(a)", "4(b)"]),
                                             ("decimal", "%1.", ["4.1", "4.2"])])
def test_sub_items_numbered_by_a_list_style_of_their_own(fmt: str, text: str, subs: list[str]) -> None:
    preview = read_agenda_bytes(make_sub_list_docx(fmt, text), "agenda.docx")
    assert [(i.number, i.title) for i in preview.items] == [
        ("1", "Apologies for absence"), ("2", "Declarations of interest"), ("3", "Minutes of the previous meeting"),
        ("4", "Police and Crime Plan"), (subs[0], "Performance report"), (subs[1], "Complaints"),
        ("5", "Any other business")]


def test_a_pdf_agenda() -> None:
    pdf = make_pdf([["NORTHBROOK BOROUGH COUNCIL", "Licensing Committee - 12 November 2026, 10.00 am",
                     "1. Apologies for Absence", "2. Declarations of Interest",
                     "3. Minutes of the previous meeting (Pages 1 - 4)", "To approve the minutes.",
                     "4. Taxi Licensing Policy (Pages 5 - 20)", "4(a) Consultation responses", "PART 2",
                     "5. Review of a Private Hire Driver Licence"],
                    ["REPORT OF THE HEAD OF LICENSING", "1. Purpose of the report", "2. Background"]])
    preview = read_agenda_bytes(pdf, "licensing.pdf")
    assert [(i.number, i.title, i.exempt) for i in preview.items] == [
        ("1", "Apologies for Absence", False), ("2", "Declarations of Interest", False),
        ("3", "Minutes of the previous meeting", False), ("4", "Taxi Licensing Policy", False),
        ("4(a)", "Consultation responses", False), ("5", "Review of a Private Hire Driver Licence", True)]
    assert preview.items[2].description == "To approve the minutes."
    assert (preview.committee, preview.date, preview.start) == ("Licensing Committee", "2026-11-12", "10:00")


def test_typed_and_pasted_agendas() -> None:
    text = ("Item 1 Apologies\n1a Substitutes\n2) Declarations of interest\n\n3.\tBudget (Page 3)\n"
            "   Report of the Chief Finance Officer.\n   Pages 3 - 9\n4 Any other business\n")
    preview = parse_agenda_text(text)
    assert [(i.number, i.title) for i in preview.items] == [
        ("1", "Apologies"), ("1(a)", "Substitutes"), ("2", "Declarations of interest"), ("3", "Budget"),
        ("4", "Any other business")]
    assert preview.items[3].description == "Report of the Chief Finance Officer."
    # A number on a line of its own, its title on the next (as PDFs of tables often come out).
    assert [(i.number, i.title) for i in parse_agenda_text("1.\nApologies\n2.\nMinutes\n").items] == [
        ("1", "Apologies"), ("2", "Minutes")]
    # A date is not item 17, and a numbered list inside a description is not a run of items.
    dated = parse_agenda_text("17 September 2026\n1. Apologies\n2. Report\nRecommendations:\n1. To note it.\n"
                              "2. To agree it.\n3. Work programme\n")
    assert [i.title for i in dated.items] == ["Apologies", "Report", "Work programme"]
    assert "1. To note it." in dated.items[1].description


# -- bad agendas ----------------------------------------------------------------------------


def _docx_with_doctype() -> bytes:
    good = numbered_agenda()
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        body = z.read("word/document.xml")
    evil = body.replace(b"?>", b'?><!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY x SYSTEM "file:///etc/passwd">]>',
                        1).replace(b"Apologies for Absence", b"&x;&lol;")
    return rezip(good, {"word/document.xml": evil})


def _zip_bomb() -> bytes:
    return rezip(numbered_agenda(), {"word/document.xml": b"<w:document " + W_NS.encode() + b">" +
                                             b" " * (40 * 1024 * 1024) + b"</w:document>"})


@pytest.mark.parametrize("name, data, says", [
    ("agenda.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "save it as .docx"),
    ("scan.pdf", make_pdf([[], []]), "this PDF has no text to read; it may be a scan"),
    ("noise.docx", random.Random(6).randbytes(5000), "not an agenda ClerkDesk can read"),
    ("doctype.docx", _docx_with_doctype(), "DOCTYPE"),
    ("bomb.docx", _zip_bomb(), "zip bomb"),
    ("empty.txt", b"", "is empty"),
    ("blank.txt", b"  \n\n\t ", "is empty"),
    ("letter.txt", "Dear clerk,\nPlease find the papers attached.\nRegards, Democratic Services\n".encode(),
     "No numbered agenda items"),
    ("cut.docx", numbered_agenda()[:3000], "may be damaged"),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
     "PDF"),
    ("minutes.rtf", b"{\\rtf1\\ansi 1. Apologies}", "save it as .docx"),
    ("photos.zip", rezip(numbered_agenda(), {}, zipfile.ZIP_STORED).replace(b"word/document.xml",
                                                                                     b"word/documenx.xml"),
     "not a Word document"),
])
def test_bad_agendas_are_refused_in_one_sentence(tmp_path: Path, name: str, data: bytes, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(BadAgenda) as refused:
        read_agenda(path)
    message = str(refused.value)
    assert says in message and "\n" not in message


def test_a_file_that_is_too_big_or_missing(tmp_path: Path) -> None:
    big = tmp_path / "pack.pdf"
    with open(big, "wb") as f:
        f.truncate(30 * 1024 * 1024)
    with pytest.raises(BadAgenda, match="too large"):
        read_agenda(big)
    with pytest.raises(BadAgenda, match="no file"):
        read_agenda(tmp_path / "missing.docx")


# -- fuzz: the only outcomes are a preview or BadAgenda ----------------------------------------

_SEEDS = [numbered_agenda(), make_pdf([["1. Apologies", "2. Minutes (Page 3)", "PART 2", "3. Land"]]),
          "1. Apologies\n2(a) Minutes\nPART 2\n3 Land\n".encode()]


def _accepts(data: bytes) -> None:
    try:
        preview = read_agenda_bytes(data, "fuzz")
    except BadAgenda as e:
        assert str(e) and "\n" not in str(e)
        return
    assert preview.items and all(i.title.strip() for i in preview.items)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(_SEEDS), edits=st.lists(st.tuples(st.floats(0, 1), st.binary(max_size=8)), max_size=6),
       cut=st.floats(0.05, 1))
def test_fuzz_mutated_files(seed: bytes, edits: list[tuple[float, bytes]], cut: float) -> None:
    data = bytearray(seed[:max(1, int(len(seed) * cut))] if cut < 0.97 else seed)
    for where, junk in edits:
        at = int(where * len(data))
        data[at:at + len(junk)] = junk
    _accepts(bytes(data))


_TOKENS = ["<w:p>", "</w:p>", "<w:r><w:t>", "</w:t></w:r>", "5.", "(a)", "PART 2", "Item 3", "<w:tbl>",
           "<w:numPr><w:ilvl w:val=\"7\"/><w:numId w:val=\"90\"/></w:numPr>", "&amp;", "<!DOCTYPE x>", "\x00", "é"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.sampled_from(_TOKENS)), max_size=10))
def test_fuzz_mangled_word_xml(edits: list[tuple[float, str]]) -> None:
    good = _SEEDS[0]
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    for where, token in edits:
        at = int(where * len(xml))
        xml = xml[:at] + token + xml[at:]
    _accepts(rezip(good, {"word/document.xml": xml.encode("utf-8")}))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "1.", "2", "5(a)", "(b)", "Item 4", "PART 2", "\t", "17"]),
                          st.text(max_size=30)), max_size=30))
def test_fuzz_typed_text(lines: list[tuple[str, str]]) -> None:
    _accepts("\n".join(f"{a} {b}" for a, b in lines).encode("utf-8"))


# -- writing the agenda ---------------------------------------------------------------------


def test_an_agenda_makes_a_new_meeting_from_the_previous_one(store: Store, council: Path) -> None:
    prev = store.import_meeting(make_meeting(items=4, entries=40, date="2026-07-14"))
    preview = read_agenda(council / TABLE_AGENDA)
    mid = ops.apply_agenda(store, preview.items, committee=COMMITTEE, date="2026-09-17", start="18:30").result
    m = store.load_meeting(mid)
    # The agenda's opening items became the planned ones (keeping the draft resolution); the
    # action log, not on the published agenda, follows the minutes with no agenda number.
    assert [i.title for i in m.items] == TITLES[:3] + ["Action log"] + TITLES[3:]
    assert [i.number for i in m.items] == ["1", "2", "3", ""] + [str(n) for n in range(4, 10)]
    assert m.items[2].entries[0].text.startswith("that the minutes of the meeting held on Tuesday, 14 July 2026")
    assert m.items[2].description == "To approve the minutes of the meeting held on 14 July 2026."
    assert m.items[3].entries and all(e.carried_from.meeting == prev for e in m.items[3].entries)
    assert [i.minute_number for i in m.items] == [str(n) for n in range(34, 44)]  # after July's 30-33
    assert [i.exempt for i in m.items][-2:] == [True, True]
    assert len(m.people) == 9


def test_an_agenda_into_an_existing_meeting_twice_does_not_duplicate(store: Store, council: Path) -> None:
    mid = ops.new_meeting(store, COMMITTEE, "", "2026-09-17").result
    preview = read_agenda(council / TEXT_AGENDA)
    assert ops.apply_agenda(store, preview.items, meeting_id=mid).result == mid
    first = store.load_meeting(mid)
    assert [i.title for i in first.items] == TITLES
    ops.apply_agenda(store, read_agenda(council / TEXT_AGENDA).items,
                 meeting_id=mid)
    again = store.load_meeting(mid)
    assert [(i.id, i.title, i.minute_number) for i in again.items] == [
        (i.id, i.title, i.minute_number) for i in first.items]
    assert len({i.minute_number for i in again.items}) == 9


def test_a_bad_agenda_write_changes_nothing(store: Store) -> None:
    mid = ops.new_meeting(store, COMMITTEE, "", "2026-09-17").result
    before = store.load_meeting(mid)
    with pytest.raises(BadInput, match="needs a title"):
        ops.apply_agenda(store, [Item(number="3", title="Budget"), Item(number="4", title="  ")], meeting_id=mid)
    with pytest.raises(BadAgenda):
        ops.apply_agenda(store, [], meeting_id=mid)
    with pytest.raises(BadInput, match="committee"):
        ops.apply_agenda(store, [Item(number="1", title="A")], date="2026-09-17")
    ops.set_status(store, mid, "approved")
    with pytest.raises(BadInput, match="approved"):
        ops.apply_agenda(store, [Item(number="3", title="Budget")], meeting_id=mid)
    after = store.load_meeting(mid)
    assert after.items == before.items and len(store.list_meetings()) == 1
