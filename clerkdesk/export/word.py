"""The minutes as a Word document in the council's template (docs/export.md).

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
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart
from docx.shared import Cm, Pt
from lxml import etree

from clerkdesk.minutes import ACTION_COLUMNS, ACTIONS_HEADING, CONFIDENTIAL_MARK, Minutes, build_minutes
from clerkdesk.model import Meeting
from clerkdesk.text import clean_text
from clerkdesk.wording import Paragraph, Run

from .options import ExportOptions
from .word_template import body_has_placeholder, fill_placeholders, open_template

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
# The last item's paragraphs and the closing line are kept on one page with the signature when
# they are at most this many (a heading and two paragraphs); a longer last minute keeps only its
# last two paragraphs with them. A longer chain may not fit an A5 page, and LibreOffice then
# breaks it at its end: the closing line and signature alone, the very thing it is there to stop.
KEEP_WHOLE_LAST_MINUTE = 4
_LEVEL2_INDENT = ("1080", "360")  # left and hanging, twips: second-level bullets
_LETTERED_INDENT = ("1134", "567")  # (a), (b)… of a resolution: the letter at 1 cm, the text at 2 cm
# A table in the keep chain (the actions table) is kept whole with what follows up to this many
# rows; a longer one keeps only its last row, since a table over a page cannot be kept anyway.
KEEP_WHOLE_TABLE_ROWS = 15
LANGUAGE = "en-GB"
MAX_PROPERTY = 255  # characters in a title, subject or author
_W = lambda tag: qn(f"w:{tag}")  # noqa: E731 - a short spelling for the many tags below
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_CONTENT = {_W(t) for t in ("drawing", "pict", "object", "fldChar", "fldSimple", "sectPr")}
_SUB = etree.SubElement


def write_docx(meeting: Meeting, options: ExportOptions) -> bytes:
    """The meeting's minutes as .docx bytes in ``options.template`` (the house template if None)."""
    minutes = build_minutes(meeting, options.confidential, options.house_style)
    return render_docx(minutes, options.template, options.warnings)


def render_docx(minutes: Minutes, template: str | Path | None = None, warnings: list[str] | None = None) -> bytes:
    """Laid-out minutes as .docx bytes; styles fallen back from are added to ``warnings`` once each."""
    warnings = warnings if warnings is not None else []
    doc = open_template(template, warnings)
    doc.element.body.get_or_add_sectPr()  # a body without section properties still gets headers
    styles = _resolve_styles(doc, warnings)
    # A template with no slot for the date says nowhere when the meeting was: the house title
    # block opens the minutes then.
    paragraphs = list(minutes.paragraphs)
    if not body_has_placeholder(doc, "date"):
        paragraphs = minutes.title_block + paragraphs
    anchor = fill_placeholders(doc, minutes.placeholders)
    elements = _body_elements(doc, paragraphs, styles, minutes)
    _insert(doc, anchor, elements)
    end = _keep_with_signature(_keep_chain(paragraphs, elements), elements[-1] if elements else None,
                               minutes, styles)
    if minutes.actions:
        # The actions table follows the signature, as a schedule to the signed minutes: nothing
        # between the last minute and the signature can then push the signature onto a page alone.
        heading = _paragraph(Paragraph("heading", [Run(ACTIONS_HEADING)]), styles)
        table = _actions_table(doc, minutes, styles)
        _insert(doc, end, [heading, table], after=True)
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
    ids["title"] = _ensure_style(doc, "Heading 1")
    ids["numId"] = _bullet_numbering(doc)
    ids["table"] = doc.styles["Table Grid"].style_id if "Table Grid" in doc.styles else ""
    return ids


def _ensure_style(doc: DocxDocument, name: str) -> str:
    """The id of a built-in style, added to the template when it lacks even that."""
    if name in doc.styles:
        return doc.styles[name].style_id
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name in ("Heading 1", "Heading 2"):  # a real heading for screen readers and the navigation pane
        style.font.bold, style.font.size = True, Pt(16 if name == "Heading 1" else 13)
        style.paragraph_format.keep_with_next = True
        _SUB(style.element.get_or_add_pPr(), _W("outlineLvl")).set(_W("val"), "0" if name == "Heading 1" else "1")
    return style.style_id


def _numbering(doc: DocxDocument) -> etree._Element:
    """The document's numbering definitions, made empty when the template has none (not every program
    writes them) or has a part that is not numbering."""
    try:
        part = doc.part.part_related_by(RT.NUMBERING)
        if isinstance(part, XmlPart) and part.element.tag == _W("numbering"):
            return part.element
        doc.part.drop_rel(next(r for r, rel in doc.part.rels.items() if rel.reltype == RT.NUMBERING))
    except KeyError:
        pass
    package = doc.part.package
    taken = {str(p.partname) for p in package.iter_parts()}
    name = PackURI("/word/numbering.xml") if "/word/numbering.xml" not in taken else \
        package.next_partname("/word/numbering%d.xml")
    part = NumberingPart(name, CT.WML_NUMBERING,
                         parse_xml(f"<w:numbering {nsdecls('w')}/>"), package)
    doc.part.relate_to(part, RT.NUMBERING)
    return part.element


def _whole_numbers(values: list[str]) -> list[int]:
    """A template not made by Word may number its lists "bullets" or "x1": only whole numbers count."""
    return [int(v) for v in values if v.isascii() and v.isdigit() and len(v) < 10]


def _num(numbering: etree._Element, num_id: str) -> etree._Element | None:
    """The w:num with this id (compared as text, never put into an XPath)."""
    return next((n for n in numbering.iterchildren(_W("num")) if n.get(_W("numId")) == num_id), None)


def _abstract_of(numbering: etree._Element, num_id: str) -> etree._Element | None:
    """The abstractNum list ``num_id`` uses, or None."""
    num = _num(numbering, num_id)
    ref = num.find(_W("abstractNumId")) if num is not None else None
    if ref is None:
        return None
    return next((a for a in numbering.iterchildren(_W("abstractNum"))
                 if a.get(_W("abstractNumId")) == ref.get(_W("val"))), None)


def _add_abstract(numbering: etree._Element, abstract: etree._Element) -> None:
    """Add an abstractNum where the schema wants it: before the first num."""
    existing = numbering.find(_W("num"))
    if existing is not None:
        existing.addprevious(abstract)
    else:
        numbering.append(abstract)


def _add_num(numbering: etree._Element, abstract_id: str, restart_level: int | None = None) -> str:
    """A new w:num on an abstractNum (restarting one level's count), returning its numId."""
    num_id = str(max(_whole_numbers(numbering.xpath("./w:num/@w:numId")), default=0) + 1)
    num = _SUB(numbering, _W("num"))
    num.set(_W("numId"), num_id)
    _SUB(num, _W("abstractNumId")).set(_W("val"), abstract_id)
    if restart_level is not None:
        override = _SUB(num, _W("lvlOverride"))
        override.set(_W("ilvl"), str(restart_level))
        _SUB(override, _W("startOverride")).set(_W("val"), "1")
    return num_id


def _new_abstract_id(numbering: etree._Element) -> str:
    return str(max(_whole_numbers(numbering.xpath("./w:abstractNum/@w:abstractNumId")), default=-1) + 1)


def _level(abstract: etree._Element, ilvl: int, fmt: str, text: str, left: str, hanging: str) -> etree._Element:
    lvl = _SUB(abstract, _W("lvl"))
    lvl.set(_W("ilvl"), str(ilvl))
    for tag, val in (("start", "1"), ("numFmt", fmt), ("lvlText", text), ("lvlJc", "left")):
        _SUB(lvl, _W(tag)).set(_W("val"), val)
    ind = _SUB(_SUB(lvl, _W("pPr")), _W("ind"))
    ind.set(_W("left"), left)
    ind.set(_W("hanging"), hanging)
    return lvl


def _lettered_numbering(doc: DocxDocument) -> str:
    """An abstractNum for the parts of a resolution: level 2 (ilvl 1) reads (a), (b)…"""
    numbering = _numbering(doc)
    abstract_id = _new_abstract_id(numbering)
    abstract = OxmlElement("w:abstractNum")
    abstract.set(_W("abstractNumId"), abstract_id)
    _SUB(abstract, _W("multiLevelType")).set(_W("val"), "multilevel")
    _level(abstract, 0, "none", "", "0", "0")  # the RESOLVED paragraph itself is not numbered
    _level(abstract, 1, "lowerLetter", "(%2)", *_LETTERED_INDENT)
    _add_abstract(numbering, abstract)
    return abstract_id


def _bullet_numbering(doc: DocxDocument) -> str:
    """The numId of a bullet list: the template's List Bullet numbering if it is bullets, else a new one.

    Either way its abstractNum has a second level, for sub-points under a point.
    """
    numbering = _numbering(doc)
    if "List Bullet" in doc.styles:
        num_id = doc.styles["List Bullet"].element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        if num_id and _is_bullet(numbering, str(num_id[0])):
            abstract = _abstract_of(numbering, str(num_id[0]))
            if not any(lvl.get(_W("ilvl")) == "1" for lvl in abstract.findall(_W("lvl"))):
                _second_bullet_level(abstract)
            return str(num_id[0])
    abstract_id = _new_abstract_id(numbering)
    abstract = OxmlElement("w:abstractNum")
    abstract.set(_W("abstractNumId"), abstract_id)
    _SUB(abstract, _W("multiLevelType")).set(_W("val"), "hybridMultilevel")
    _level(abstract, 0, "bullet", "•", "720", "360")
    _level(abstract, 1, "bullet", "–", *_LEVEL2_INDENT)
    _add_abstract(numbering, abstract)
    return _add_num(numbering, abstract_id)


def _second_bullet_level(abstract: etree._Element) -> None:
    """Give a one-level bullet list a second level (the template's own first level is kept)."""
    kind = abstract.find(_W("multiLevelType"))
    if kind is not None and kind.get(_W("val")) == "singleLevel":
        kind.set(_W("val"), "hybridMultilevel")
    first = abstract.find(_W("lvl"))
    lvl = OxmlElement("w:lvl")
    lvl.set(_W("ilvl"), "1")
    for tag, val in (("start", "1"), ("numFmt", "bullet"), ("lvlText", "–"), ("lvlJc", "left")):
        _SUB(lvl, _W(tag)).set(_W("val"), val)
    ind = _SUB(_SUB(lvl, _W("pPr")), _W("ind"))
    ind.set(_W("left"), _LEVEL2_INDENT[0])
    ind.set(_W("hanging"), _LEVEL2_INDENT[1])
    if first is not None:
        first.addnext(lvl)
    else:
        abstract.append(lvl)


def _is_bullet(numbering: etree._Element, num_id: str) -> bool:
    """Whether list ``num_id`` shows bullets at its first level."""
    abstract = _abstract_of(numbering, num_id)
    if abstract is None:
        return False
    level = next((lvl for lvl in abstract.iterchildren(_W("lvl")) if lvl.get(_W("ilvl"), "0") == "0"), None)
    fmt = level.find(_W("numFmt")) if level is not None else None
    return fmt is not None and fmt.get(_W("val")) == "bullet"


def _insert(doc: DocxDocument, anchor: etree._Element | None, elements: list[etree._Element],
            after: bool = False) -> None:
    """Put the minutes where ``{{minutes}}`` stood, else at the end of the body (``after``: just
    after ``anchor``, which stays)."""
    if not elements:
        return
    if after and anchor is not None:
        for el in reversed(elements):
            anchor.addnext(el)
    elif anchor is None:
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
        # A table may not end a table cell, and Word wants a paragraph after one in the body;
        # a tiny one, so that on a page the table fills it cannot spill onto a blank page.
        last.addnext(_tiny_paragraph())


def _tiny_paragraph() -> etree._Element:
    p = OxmlElement("w:p")
    ppr = _SUB(p, _W("pPr"))
    spacing = _SUB(ppr, _W("spacing"))
    for key, val in (("before", "0"), ("after", "0"), ("line", "20"), ("lineRule", "exact")):
        spacing.set(_W(key), val)
    _SUB(_SUB(ppr, _W("rPr")), _W("sz")).set(_W("val"), "2")
    return p


def _has_content(p: etree._Element) -> bool:
    """Whether a paragraph holds anything but empty runs: text, a picture, a field, a section break."""
    if "".join(p.itertext()).strip():
        return True
    return any(el.tag in _CONTENT for el in p.iter())


def _body_elements(doc: DocxDocument, paragraphs: list[Paragraph], styles: dict[str, str],
                   minutes: Minutes) -> list[etree._Element]:
    """The minutes' paragraphs as w:p elements; each resolution's parts (a), (b)… a list of its own."""
    elements, lettered, num_id = [], None, None
    for i, para in enumerate(paragraphs):
        if para.role == "resolution" and para.level == 2 and para.label:
            if para.label == "(a)" or num_id is None:  # (a) restarts the count: a new w:num
                lettered = lettered or _lettered_numbering(doc)
                num_id = _add_num(_numbering(doc), lettered, restart_level=1)
            elements.append(_paragraph(para, styles, num_id, minutes.style.indent_resolutions))
        else:
            elements.append(_paragraph(para, styles, None, minutes.style.indent_resolutions))
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        if following is not None and (following.level > para.level or para.text.rstrip().endswith(":")):
            _keep(elements[-1], True)  # "RESOLVED: that" stays with its (a); "…were raised:" with its list
    return elements


def _paragraph(para: Paragraph, styles: dict[str, str], lettered_num: str | None = None,
               indent_resolutions: bool = True) -> etree._Element:
    """One minutes paragraph as a w:p element in its role's style (a sub-point at list level 2)."""
    p = OxmlElement("w:p")
    ppr = _SUB(p, _W("pPr"))
    style = styles.get(para.role) or styles["text"]
    _SUB(ppr, _W("pStyle")).set(_W("val"), style)
    if para.role in ("heading", "title"):
        _SUB(ppr, _W("keepNext"))
    numbered = para.role == "bullet" or lettered_num is not None
    if numbered:
        numpr = _SUB(ppr, _W("numPr"))
        _SUB(numpr, _W("ilvl")).set(_W("val"), "1" if para.level == 2 else "0")
        _SUB(numpr, _W("numId")).set(_W("val"), lettered_num or styles["numId"])
    if para.role == "closing":
        _SUB(ppr, _W("spacing")).set(_W("before"), "240")
    if para.role == "signature":
        _SUB(ppr, _W("spacing")).set(_W("before"), "720")
    if para.role == "resolution" and para.level == 2 and not numbered:
        ind = _SUB(ppr, _W("ind"))  # the second paragraph of a part: under its text
        ind.set(_W("left"), _LETTERED_INDENT[0])
    elif para.role == "resolution" and para.level == 1 and not indent_resolutions:
        ind = _SUB(ppr, _W("ind"))  # RESOLVED flush with the margin, whatever the style indents
        ind.set(_W("left"), "0")
        ind.set(_W("firstLine"), "0")
    if para.role == "heading":  # outline level 2, so a custom Minute Heading is a real heading too
        _SUB(ppr, _W("outlineLvl")).set(_W("val"), "1")
    for run in para.runs:
        _run(p, run)
    return p


def _keep_chain(paragraphs: list[Paragraph], elements: list[etree._Element]) -> list[etree._Element]:
    """The paragraphs that stay on one page with the signature: the last minute (or its last two
    paragraphs when it is longer than a heading and two) and the closing line."""
    if not elements:
        return []
    headings = [i for i, p in enumerate(paragraphs) if p.role == "heading"]
    start = headings[-1] if headings else 0
    end = len(paragraphs)
    if len(paragraphs) - start > KEEP_WHOLE_LAST_MINUTE:
        start = max(start, end - 3)
    return elements[start:end]


def _keep_with_signature(chain: list[etree._Element], last: etree._Element | None, minutes: Minutes,
                         styles: dict[str, str]) -> etree._Element | None:
    """Keep the chain, and the template's paragraphs after the minutes (its signature line), together.

    Each paragraph keeps its lines together and all but the last keep with the next. A template
    with nothing after the minutes gets the house signature line. Returns the element the
    minutes now end with: the signature, or the last minute when they stand in a table cell.
    """
    if last is None:
        return None
    tail: list[etree._Element] = []
    if last.getparent() is not None and last.getparent().tag == _W("body"):
        el = last.getnext()
        while el is not None and el.tag == _W("p") and el.find(f"{_W('pPr')}/{_W('sectPr')}") is None:
            tail.append(el)
            el = el.getnext()
        if not any(_has_content(t) for t in tail) and minutes.style.signature.strip():
            signature = _paragraph(Paragraph("signature", [Run(minutes.style.signature.strip())]), styles)
            last.addnext(signature)
            tail = [signature]
        while tail and not _has_content(tail[-1]):  # empty paragraphs at the very end keep nothing
            tail.pop()
    together = chain + tail
    for i, p in enumerate(together):
        _keep(p, i < len(together) - 1)
    return together[-1] if together else last


def _keep(p: etree._Element, with_next: bool) -> None:
    """Set keep-lines-together (and keep-with-next) on a paragraph, in the schema's order."""
    ppr = p.find(_W("pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    wanted = ["keepLines"] + (["keepNext"] if with_next else [])
    for tag in wanted:
        if ppr.find(_W(tag)) is None:
            _insert_ppr_child(ppr, OxmlElement(f"w:{tag}"))


# The order CT_PPr's children must keep, so Word does not call the file damaged.
_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
              "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange")


def _insert_ppr_child(ppr: etree._Element, child: etree._Element) -> None:
    rank = _PPR_ORDER.index(etree.QName(child).localname)
    for existing in ppr:
        name = etree.QName(existing).localname
        if name in _PPR_ORDER and _PPR_ORDER.index(name) > rank:
            existing.addprevious(child)
            return
    ppr.append(child)


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
    rows = [list(ACTION_COLUMNS)] + [[a.minute, a.action, a.owner, a.due] for a in minutes.actions]
    widths = column_widths(rows, width, _font_size(doc))
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


def column_widths(rows: list[list[str]], width: int, font_pt: float = 11.0) -> list[int]:
    """Column widths in twips that fit ``width``, sized from the cells' text.

    Each column gets at least its longest word (the header's too, in bold), so "Minute" never
    breaks mid-word on an A5 page; the rest of the width is shared as a browser lays out an
    automatic table: in proportion to how much more than that each column's longest text wants.
    """
    # An average character, in twips, of a wide proportional font (what LibreOffice puts in for
    # Cambria or Calibri where they are missing), and of its bold for the header.
    char, bold = font_pt * 20 * 0.6, font_pt * 20 * 0.72
    pad = 2 * 115 + 40  # the cell's left and right margins, and a little air
    columns = list(zip(*rows, strict=True))
    least = [max(max(len(w) for w in col[0].split() or [""]) * bold,
                 max(len(w) for cell in col[1:] for w in (cell.split() or [""])) * char) + pad for col in columns]
    wanted = [max(len(col[0]) * bold, max(len(cell) for cell in col[1:]) * char) + pad for col in columns]
    wanted = [max(w, lo) for w, lo in zip(wanted, least, strict=True)]
    if sum(least) >= width:
        return [int(lo * width / sum(least)) for lo in least]
    if sum(wanted) <= width:
        widths = list(wanted)
    else:
        share = (width - sum(least)) / (sum(wanted) - sum(least))
        widths = [lo + (w - lo) * share for w, lo in zip(wanted, least, strict=True)]
    widths[max(range(len(widths)), key=lambda i: wanted[i])] += width - sum(widths)
    return [int(w) for w in widths]


def _font_size(doc: DocxDocument) -> float:
    """The body text's size in points (Minute Text, else Normal, else Word's 11)."""
    for name in ("Minute Text", "Normal"):
        if name in doc.styles and doc.styles[name].font.size:
            return doc.styles[name].font.size.pt
    sizes = doc.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val")
    return int(sizes[0]) / 2 if sizes else 11.0


def _mark_confidential(doc: DocxDocument) -> None:
    """Put the confidential mark at the top of every header the document can show, and first in the body:
    a header is an artifact to a screen reader (and to a tagged PDF), so only the body's mark is read."""
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
            part.element.insert(0, _confidential_paragraph(style))
    doc.element.body.insert(0, _confidential_paragraph(None))


def _confidential_paragraph(style: str | None) -> etree._Element:
    """The confidential mark as a paragraph: bold, dark red (6:1 on white), centred."""
    p = OxmlElement("w:p")
    ppr = _SUB(p, _W("pPr"))
    if style:
        _SUB(ppr, _W("pStyle")).set(_W("val"), style)
    _SUB(ppr, _W("jc")).set(_W("val"), "center")
    r = _run(p, Run(CONFIDENTIAL_MARK, bold=True))
    color = _SUB(r.find(_W("rPr")), _W("color"))
    color.set(_W("val"), "C00000")
    return p


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
