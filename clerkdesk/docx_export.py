"""The minutes as a Word document in the council's template (PRODUCT section 4).

The wording and layout come from ``minutes.build_minutes``; this module only decides styles and
builds the Word XML. Paragraphs are built as lxml elements and inserted in one pass before an
anchor, because python-docx's add_paragraph is slow on a four-hour meeting.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart
from docx.shared import Cm, Pt
from lxml import etree

from .docx_template import fill_placeholders, open_template
from .export import ExportOptions
from .minutes import ACTION_COLUMNS, ACTIONS_HEADING, CONFIDENTIAL_MARK, Minutes, build_minutes
from .model import Meeting
from .text import clean_text
from .wording import Paragraph, Run

# Each role's style when the template has it, and what it falls back to. Resolutions fall back
# to Normal, not List Number: wording.py already numbers several resolutions "(1)", "(2)".
ROLE_STYLES = {
    "heading": ("Minute Heading", "Heading 2"),
    "text": ("Minute Text", "Normal"),
    "event": ("Minute Text", "Normal"),
    "closing": ("Minute Text", "Normal"),
    "resolution": ("Resolution", "Normal"),
    "bullet": ("List Bullet", "List Paragraph"),
}
LANGUAGE = "en-GB"
MAX_PROPERTY = 255  # characters in a title, subject or author
_W = lambda tag: qn(f"w:{tag}")  # noqa: E731 - a short spelling for the many tags below
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_CONTENT = {_W(t) for t in ("drawing", "pict", "object", "fldChar", "fldSimple", "sectPr")}
_SUB = etree.SubElement


def write_docx(meeting: Meeting, options: ExportOptions) -> bytes:
    """The meeting's minutes as .docx bytes in ``options.template`` (the house template if None)."""
    return render_docx(build_minutes(meeting, options.confidential), options.template, options.warnings)


def render_docx(minutes: Minutes, template: str | Path | None = None, warnings: list[str] | None = None) -> bytes:
    """Laid-out minutes as .docx bytes; styles fallen back from are added to ``warnings`` once each."""
    warnings = warnings if warnings is not None else []
    doc = open_template(template, warnings)
    doc.element.body.get_or_add_sectPr()  # a body without section properties still gets headers
    styles = _resolve_styles(doc, warnings)
    anchor = fill_placeholders(doc, minutes.placeholders)
    elements = [_paragraph(p, styles) for p in minutes.paragraphs]
    if minutes.actions:
        elements.append(_paragraph(Paragraph("heading", [Run(ACTIONS_HEADING)]), styles))
        elements.append(_actions_table(doc, minutes, styles))
    _insert(doc, anchor, elements)
    if minutes.confidential:
        _mark_confidential(doc)
    _set_properties(doc, minutes)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _resolve_styles(doc: DocxDocument, warnings: list[str]) -> dict[str, str]:
    """Each role's style id, with a warning for every house style the template lacks."""
    ids: dict[str, str] = {}
    warned: set[str] = set()
    for role, (wanted, fallback) in ROLE_STYLES.items():
        if wanted in doc.styles:
            ids[role] = doc.styles[wanted].style_id
            continue
        if wanted not in warned:
            warned.add(wanted)
            warnings.append(f"The template has no “{wanted}” style, so ClerkDesk used “{fallback}” instead.")
        ids[role] = _ensure_style(doc, fallback)
    ids["numId"] = _bullet_numbering(doc)
    ids["table"] = doc.styles["Table Grid"].style_id if "Table Grid" in doc.styles else ""
    return ids


def _ensure_style(doc: DocxDocument, name: str) -> str:
    """The id of a built-in style, added to the template when it lacks even that."""
    if name in doc.styles:
        return doc.styles[name].style_id
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name == "Heading 2":  # a real heading for screen readers and the navigation pane
        style.font.bold, style.font.size = True, Pt(13)
        style.paragraph_format.keep_with_next = True
        _SUB(style.element.get_or_add_pPr(), _W("outlineLvl")).set(_W("val"), "1")
    return style.style_id


def _bullet_numbering(doc: DocxDocument) -> str:
    """The numId of a bullet list: the template's List Bullet numbering if it is bullets, else a new one."""
    numbering = _numbering_element(doc)
    if "List Bullet" in doc.styles:
        num_id = doc.styles["List Bullet"].element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        if num_id and _is_bullet(numbering, str(num_id[0])):
            return str(num_id[0])
    # A template not made by Word may number its lists "bullets" or "x1": only whole numbers count here.
    abstract_id = str(max(_whole_numbers(numbering.xpath("./w:abstractNum/@w:abstractNumId")), default=-1) + 1)
    num_id = str(max(_whole_numbers(numbering.xpath("./w:num/@w:numId")), default=0) + 1)
    abstract = OxmlElement("w:abstractNum")
    abstract.set(_W("abstractNumId"), abstract_id)
    _SUB(abstract, _W("multiLevelType")).set(_W("val"), "singleLevel")
    lvl = _SUB(abstract, _W("lvl"))
    lvl.set(_W("ilvl"), "0")
    for tag, val in (("start", "1"), ("numFmt", "bullet"), ("lvlText", "•"), ("lvlJc", "left")):
        _SUB(lvl, _W(tag)).set(_W("val"), val)
    ind = _SUB(_SUB(lvl, _W("pPr")), _W("ind"))
    ind.set(_W("left"), "720")
    ind.set(_W("hanging"), "360")
    existing = numbering.find(_W("num"))
    if existing is not None:  # the schema wants every abstractNum before the first num
        existing.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = _SUB(numbering, _W("num"))
    num.set(_W("numId"), num_id)
    _SUB(num, _W("abstractNumId")).set(_W("val"), abstract_id)
    return num_id


def _numbering_element(doc: DocxDocument) -> etree._Element:
    """The template's numbering definitions, made empty when the template has none (not every program writes them)."""
    try:
        part = doc.part.part_related_by(RT.NUMBERING)
        if isinstance(part, XmlPart) and part.element.tag == _W("numbering"):
            return part.element
        doc.part.drop_rel(next(r for r, rel in doc.part.rels.items() if rel.reltype == RT.NUMBERING))
    except KeyError:
        pass
    package = doc.part.package
    part = NumberingPart(package.next_partname("/word/numbering%d.xml"), CT.WML_NUMBERING,
                         parse_xml(f"<w:numbering {nsdecls('w')}/>"), package)
    doc.part.relate_to(part, RT.NUMBERING)
    return part.element


def _whole_numbers(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isascii() and v.isdigit() and len(v) < 10]


def _is_bullet(numbering: etree._Element, num_id: str) -> bool:
    """Whether list ``num_id`` shows bullets at its first level (ids compared as text, never put into an XPath)."""
    num = next((n for n in numbering.iterchildren(_W("num")) if n.get(_W("numId")) == num_id), None)
    ref = num.find(_W("abstractNumId")) if num is not None else None
    if ref is None:
        return False
    abstract = next((a for a in numbering.iterchildren(_W("abstractNum"))
                     if a.get(_W("abstractNumId")) == ref.get(_W("val"))), None)
    if abstract is None:
        return False
    level = next((lvl for lvl in abstract.iterchildren(_W("lvl")) if lvl.get(_W("ilvl"), "0") == "0"), None)
    fmt = level.find(_W("numFmt")) if level is not None else None
    return fmt is not None and fmt.get(_W("val")) == "bullet"


def _insert(doc: DocxDocument, anchor: etree._Element | None, elements: list[etree._Element]) -> None:
    """Put the minutes where ``{{minutes}}`` stood, else at the end of the body."""
    if not elements:
        return
    if anchor is None:
        body = doc.element.body
        anchor = body.find(_W("sectPr"))
        if anchor is None:
            anchor = _SUB(body, _W("p"))
        for el in elements:
            anchor.addprevious(el)
    elif "".join(anchor.itertext()).strip() and anchor.find(f"{_W('pPr')}/{_W('sectPr')}") is None:
        # Text the template put beside the placeholder stays before the minutes.
        for el in reversed(elements):
            anchor.addnext(el)
    else:
        for el in elements:
            anchor.addprevious(el)
        if not _has_content(anchor):  # the placeholder's paragraph is replaced by the minutes
            anchor.getparent().remove(anchor)
    last = elements[-1]
    following = last.getnext()
    if last.tag == _W("tbl") and (following is None or following.tag != _W("p")):
        # A table may not end a table cell, and Word wants a paragraph after one in the body.
        last.addnext(OxmlElement("w:p"))


def _has_content(p: etree._Element) -> bool:
    """Whether a paragraph holds anything but empty runs: text, a picture, a field, a section break."""
    if "".join(p.itertext()).strip():
        return True
    return any(el.tag in _CONTENT for el in p.iter())


def _paragraph(para: Paragraph, styles: dict[str, str]) -> etree._Element:
    """One minutes paragraph as a w:p element in its role's style."""
    p = OxmlElement("w:p")
    ppr = _SUB(p, _W("pPr"))
    _SUB(ppr, _W("pStyle")).set(_W("val"), styles.get(para.role, styles["text"]))
    if para.role == "heading":
        _SUB(ppr, _W("keepNext"))
    if para.role == "bullet":
        numpr = _SUB(ppr, _W("numPr"))
        _SUB(numpr, _W("ilvl")).set(_W("val"), "0")
        _SUB(numpr, _W("numId")).set(_W("val"), styles["numId"])
    if para.role == "closing":
        _SUB(ppr, _W("spacing")).set(_W("before"), "240")
    if para.role == "heading":  # outline level 2, so a custom Minute Heading is a real heading too
        _SUB(ppr, _W("outlineLvl")).set(_W("val"), "1")
    for run in para.runs:
        _run(p, run)
    return p


def _run(parent: etree._Element, run: Run) -> etree._Element:
    """A w:r; line breaks pasted into the text become w:br, forbidden characters are dropped."""
    r = _SUB(parent, _W("r"))
    if run.bold or run.italic:
        rpr = _SUB(r, _W("rPr"))
        if run.bold:
            _SUB(rpr, _W("b"))
        if run.italic:
            _SUB(rpr, _W("i"))
    for i, line in enumerate(clean_text(run.text).split("\n")):
        if i:
            _SUB(r, _W("br"))
        for j, chunk in enumerate(line.split("\t")):
            if j:
                _SUB(r, _W("tab"))
            if chunk:
                t = _SUB(r, _W("t"))
                t.text = chunk
                t.set(_SPACE, "preserve")
    return r


def _actions_table(doc: DocxDocument, minutes: Minutes, styles: dict[str, str]) -> etree._Element:
    """The actions table, its header row repeated on every page it runs onto."""
    section = doc.sections[-1]
    # A template may leave page size or margins to Word's defaults; assume A4 with 2.5 cm margins then.
    width = int(((section.page_width or Cm(21)) - (section.left_margin or Cm(2.5))
                 - (section.right_margin or Cm(2.5))) / 635)  # EMU to twips
    widths = [int(width * share) for share in (0.13, 0.39, 0.23, 0.25)]
    tbl = OxmlElement("w:tbl")
    tblpr = _SUB(tbl, _W("tblPr"))
    if styles["table"]:
        _SUB(tblpr, _W("tblStyle")).set(_W("val"), styles["table"])
    tblw = _SUB(tblpr, _W("tblW"))
    tblw.set(_W("w"), str(sum(widths)))
    tblw.set(_W("type"), "dxa")
    if not styles["table"]:
        borders = _SUB(tblpr, _W("tblBorders"))
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            b = _SUB(borders, _W(side))
            for key, val in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "808080")):
                b.set(_W(key), val)
    look = _SUB(tblpr, _W("tblLook"))
    for key, val in (("val", "04A0"), ("firstRow", "1"), ("lastRow", "0"), ("firstColumn", "0"),
                     ("lastColumn", "0"), ("noHBand", "1"), ("noVBand", "1")):
        look.set(_W(key), val)
    _SUB(tblpr, _W("tblCaption")).set(_W("val"), ACTIONS_HEADING)
    grid = _SUB(tbl, _W("tblGrid"))
    for w in widths:
        _SUB(grid, _W("gridCol")).set(_W("w"), str(w))
    rows = [list(ACTION_COLUMNS)] + [[a.minute, a.action, a.owner, a.due] for a in minutes.actions]
    for index, cells in enumerate(rows):
        tr = _SUB(tbl, _W("tr"))
        trpr = _SUB(tr, _W("trPr"))
        _SUB(trpr, _W("cantSplit"))
        if index == 0:
            _SUB(trpr, _W("tblHeader"))
        for text, w in zip(cells, widths, strict=True):
            tc = _SUB(tr, _W("tc"))
            tcpr = _SUB(tc, _W("tcPr"))
            tcw = _SUB(tcpr, _W("tcW"))
            tcw.set(_W("w"), str(w))
            tcw.set(_W("type"), "dxa")
            if index == 0:
                shd = _SUB(tcpr, _W("shd"))
                shd.set(_W("val"), "clear")
                shd.set(_W("color"), "auto")
                shd.set(_W("fill"), "E7E6E6")
            p = _SUB(tc, _W("p"))
            ppr = _SUB(p, _W("pPr"))
            _SUB(ppr, _W("pStyle")).set(_W("val"), styles["text"])
            spacing = _SUB(ppr, _W("spacing"))
            spacing.set(_W("before"), "40")
            spacing.set(_W("after"), "40")
            _run(p, Run(text, bold=index == 0))
    return tbl


def _mark_confidential(doc: DocxDocument) -> None:
    """Put the confidential mark at the top of every header the document can show."""
    first = doc.sections[0]
    needs_first = any(s.different_first_page_header_footer for s in doc.sections)
    needs_even = doc.settings.odd_and_even_pages_header_footer
    for header, needed in ((first.header, True), (first.first_page_header, needs_first),
                           (first.even_page_header, needs_even)):
        if needed and header.is_linked_to_previous:
            header.is_linked_to_previous = False  # the first section inherits nothing: make one
    style = doc.styles["Header"].style_id if "Header" in doc.styles else None
    seen: set[int] = set()
    for section in doc.sections:
        for ref in section._sectPr.xpath("./w:headerReference"):
            part = doc.part.related_parts[ref.get(qn("r:id"))]
            if id(part) in seen:
                continue
            seen.add(id(part))
            p = OxmlElement("w:p")
            ppr = _SUB(p, _W("pPr"))
            if style:
                _SUB(ppr, _W("pStyle")).set(_W("val"), style)
            _SUB(ppr, _W("jc")).set(_W("val"), "center")
            r = _run(p, Run(CONFIDENTIAL_MARK, bold=True))
            color = _SUB(r.find(_W("rPr")), _W("color"))
            color.set(_W("val"), "C00000")
            part.element.insert(0, p)


def _set_properties(doc: DocxDocument, minutes: Minutes) -> None:
    """Title, subject and author from the meeting, nothing kept from the template; language en-GB."""
    props = doc.core_properties
    now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    props.title = _property(minutes.document_title)
    props.subject = _property(minutes.committee)
    props.author = _property(minutes.committee)
    props.last_modified_by = "ClerkDesk"
    for name in ("comments", "keywords", "category", "content_status", "identifier", "version"):
        setattr(props, name, "")
    props.language = LANGUAGE
    props.revision = 1
    props.created = props.modified = now
    _set_language(doc.styles.element)


def _property(text: str) -> str:
    """Text for a core property, which Word (and python-docx) cap at 255 characters; a longer one ends in "…"."""
    text = " ".join(clean_text(text).split())
    return text if len(text) <= MAX_PROPERTY else text[:MAX_PROPERTY - 1].rstrip() + "…"


def _set_language(styles: etree._Element) -> None:
    """Make en-GB the document default language, which screen readers and spell-checkers follow."""
    defaults = styles.find(_W("docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(_W("rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(_W("rPr"))
    if rpr is None:
        rpr = _SUB(rpr_default, _W("rPr"))
    lang = rpr.find(_W("lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        later = [rpr.find(_W(t)) for t in ("eastAsianLayout", "specVanish", "oMath")]
        later = [el for el in later if el is not None]
        if later:
            later[0].addprevious(lang)
        else:
            rpr.append(lang)
    lang.set(_W("val"), LANGUAGE)
