"""Reading a Word (.docx) agenda into lines, safely, with Word's own list numbering worked out.

A .docx is a zip of XML parts and may come from anywhere, so the zip is checked before it is
opened (entry count, declared sizes, compression ratio) and each part is read with a hard cap,
whatever its header claims. XML with a DOCTYPE or entity declarations is refused outright, and
lxml parses with entities unresolved and the network off.

Where Word numbers a list itself, the numbers are not in the text; they come from
word/numbering.xml (abstractNum levels: start, numFmt, lvlText such as "%1." or "(%2)"),
counted paragraph by paragraph as Word does, so items 5, 5(a), 5(b) come out as printed.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree

from .agenda_text import Line
from .errors import BadAgenda

MAX_ENTRIES = 2000
MAX_TOTAL = 200 * 1024 * 1024  # declared uncompressed size of the whole package
MAX_PART = 20 * 1024 * 1024  # bytes actually read from any one XML part
MAX_RATIO = 200  # a real document part compresses perhaps 10:1; a zip bomb, a thousandfold

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_PPR, _NUMPR = f"{W}pPr", f"{W}numPr"
_TEXT_TAGS = (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr")
_T = f"{W}t"
_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                          huge_tree=False, remove_comments=True, remove_pis=True)


def docx_lines(data: bytes, name: str) -> list[Line]:
    """The agenda's paragraphs and table rows as lines, with Word's list numbers as labels."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            _check_zip(zf, name)
            main = _main_part(zf)
            document = _xml(zf, main, name, required=True)
            rels = _rels(zf, main, name)
            numbering = _xml(zf, rels.get("numbering", "word/numbering.xml"), name)
            styles = _xml(zf, rels.get("styles", "word/styles.xml"), name)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError, OSError):
        # RuntimeError: an encrypted entry; NotImplementedError: a compression method zipfile lacks.
        raise BadAgenda(f"{name} is not a Word document ClerkDesk can read; it may be damaged.") from None
    body = document.find(f"{W}body")
    if body is None:
        raise BadAgenda(f"{name} is not a Word document ClerkDesk can read; it has no body.")
    counter = _Numbering(numbering, styles)
    lines: list[Line] = []
    _walk(body, counter, lines)
    return lines


def _check_zip(zf: zipfile.ZipFile, name: str) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_TOTAL:
        raise BadAgenda(f"{name} is far too large inside to be an agenda; it was not opened.")
    for i in infos:
        if i.file_size > 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise BadAgenda(f"{name} expands to far more than its size (it looks like a zip bomb); it was not opened.")


def _read(zf: zipfile.ZipFile, part: str, name: str) -> bytes | None:
    try:
        info = zf.getinfo(part)
    except KeyError:
        return None
    with zf.open(info) as f:
        data = f.read(MAX_PART + 1)  # the cap holds even when the entry's header lies about its size
    if len(data) > MAX_PART:
        raise BadAgenda(f"{name} expands to far more than an agenda could (it looks like a zip bomb); it was not opened.")
    return data


def _xml(zf: zipfile.ZipFile, part: str, name: str, required: bool = False) -> etree._Element | None:
    data = _read(zf, part, name)
    if data is None:
        if required:
            raise BadAgenda(f"{name} is a zip file but not a Word document; save the agenda as .docx and try again.")
        return None
    if _DOCTYPE.search(data):
        raise BadAgenda(f"{name} contains XML declarations Word never writes (a DOCTYPE); it was not opened.")
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        raise BadAgenda(f"{name} is damaged: part of it is not readable XML.") from None
    if root is None or root.getroottree().docinfo.doctype:
        raise BadAgenda(f"{name} contains XML declarations Word never writes (a DOCTYPE); it was not opened.")
    return root


def _main_part(zf: zipfile.ZipFile) -> str:
    """The main document part named by the package's relationships (usually word/document.xml)."""
    try:
        rels = _xml(zf, "_rels/.rels", "the document")
    except BadAgenda:
        rels = None
    for rel in rels.iter(f"{_REL}Relationship") if rels is not None else ():
        if rel.get("Type", "").endswith("/officeDocument"):
            return rel.get("Target", "").lstrip("/")
    return "word/document.xml"


def _rels(zf: zipfile.ZipFile, main: str, name: str) -> dict[str, str]:
    folder, base = posixpath.split(main)
    root = _xml(zf, posixpath.join(folder, "_rels", base + ".rels"), name)
    found: dict[str, str] = {}
    for rel in root.iter(f"{_REL}Relationship") if root is not None else ():
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        target = rel.get("Target", "")
        if kind in ("numbering", "styles") and rel.get("TargetMode") != "External":
            found[kind] = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
    return found


def _text(p: etree._Element) -> str:
    return "".join((el.text or "") if el.tag == _T else " " for el in p.iter(_TEXT_TAGS))


def _walk(parent: etree._Element, counter: _Numbering, lines: list[Line]) -> None:
    for child in parent:
        if child.tag == f"{W}p":
            lines.append(Line(_text(child), label=counter.label(child)))
        elif child.tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                _row(row, counter, lines)
            lines.append(Line("", block_end=True))
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag"):
            _walk(child, counter, lines)


def _row(row: etree._Element, counter: _Numbering, lines: list[Line]) -> None:
    """A table row "5. | Title / description": one item line and its description lines."""
    cells = [[(_text(p), counter.label(p)) for p in tc.iter(f"{W}p")] for tc in row.findall(f"{W}tc")]
    first = " ".join(t for t, _ in cells[0]).strip() if cells else ""
    label = next((lab for _, lab in cells[0] if lab), None) if cells else None
    if len(cells) >= 2 and (label or re.fullmatch(r"(?:item\s+)?\d{1,3}(?:\.\d{1,2}|\s?\(?[a-z]{1,4}\))?[.):]?|"
                                                  r"\(?[a-z]{1,4}\)", first, re.IGNORECASE)):
        rest = [t for cell in cells[1:] for t, _ in cell if t.strip()]
        if rest:
            lines.append(Line(rest[0], label=((label or "") + " " + first).strip() if label and first else
                              (label or first)))
            lines.extend(Line(t) for t in rest[1:])
    else:
        lines.extend(Line(t, label=lab) for cell in cells for t, lab in cell)
    lines.append(Line("", block_end=True))


@dataclass
class _Level:
    start: int
    fmt: str
    text: str
    indent: int = 0  # the level's left indent, twips


# "List Number 2" … "List Number 5", and the same in other languages' ids: a list one level in.
_SUB_LIST_STYLE = re.compile(r"^List\s?Number\s?[2-5]$", re.IGNORECASE)


class _Numbering:
    """Word's list counters, advanced paragraph by paragraph in document order."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counts: dict[str, dict[int, int]] = {}
        self.seen: set[str] = set()
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}  # id: numId, ilvl, basedOn
        # The last top-level numbered paragraph: its list, indent and number ("4"), under which a
        # list of a style of its own ("List Number 2") numbers sub-items 4(a) or 4.1.
        self.top: tuple[str, int, str] | None = None
        if numbering is not None:
            for ab in numbering.iter(f"{W}abstractNum"):
                levels = {}
                for lvl in ab.iter(f"{W}lvl"):
                    ind = lvl.find(f"{W}pPr/{W}ind")
                    indent = _int(ind.get(f"{W}left", ind.get(f"{W}start")), 0) if ind is not None else 0
                    levels[_int(lvl.get(f"{W}ilvl"), 0)] = _Level(
                        _int(_val(lvl, "start"), 1), _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "",
                        indent)
                self.abstract[ab.get(f"{W}abstractNumId", "")] = levels
            for num in numbering.iter(f"{W}num"):
                overrides = {_int(o.get(f"{W}ilvl"), 0): _int(_val(o, "startOverride"), 1)
                             for o in num.iter(f"{W}lvlOverride") if o.find(f"{W}startOverride") is not None}
                self.nums[num.get(f"{W}numId", "")] = (_val(num, "abstractNumId") or "", overrides)
        if styles is not None:
            for st in styles.iter(f"{W}style"):
                num_pr = st.find(f"{W}pPr/{W}numPr")
                self.styles[st.get(f"{W}styleId", "")] = (
                    _val(num_pr, "numId") if num_pr is not None else None,
                    _val(num_pr, "ilvl") if num_pr is not None else None, _val(st, "basedOn"))

    def _num_pr(self, p: etree._Element) -> tuple[str | None, int]:
        ppr = p.find(_PPR)
        if ppr is None:
            return None, 0
        num_pr = ppr.find(_NUMPR)
        num_id = _val(num_pr, "numId") if num_pr is not None else None
        ilvl = _val(num_pr, "ilvl") if num_pr is not None else None
        style = _val(ppr, "pStyle")
        for _ in range(10):  # a style's list numbering may come from the style it is based on
            if num_id is not None or style not in self.styles:
                break
            s_num, s_ilvl, style = self.styles[style]
            num_id, ilvl = s_num, ilvl if ilvl is not None else s_ilvl
        return num_id, _int(ilvl, 0)

    def label(self, p: etree._Element) -> str | None:
        """The number Word shows before this paragraph, e.g. "5." or "(a)"; None when it has none."""
        num_id, ilvl = self._num_pr(p)
        if not num_id or num_id == "0" or num_id not in self.nums or not 0 <= ilvl <= 8:
            return None
        text = self._count(num_id, ilvl)
        if text is None or ilvl != 0:
            return text
        abstract_id = self.nums[num_id][0]
        level = self.abstract[abstract_id][0]
        style = _val(p.find(f"{W}pPr"), "pStyle") if p.find(f"{W}pPr") is not None else None
        if self.top is not None and abstract_id != self.top[0] and (
                level.indent > self.top[1] or _SUB_LIST_STYLE.match(style or "")):
            value = _format(self.counts[abstract_id][0], level.fmt)
            return f"{self.top[2]}.{value}" if level.fmt.startswith("decimal") else f"{self.top[2]}({value})"
        self.top = (abstract_id, level.indent, _format(self.counts[abstract_id][0], level.fmt))
        return text

    def _count(self, num_id: str, ilvl: int) -> str | None:
        """Advance the list's counter for a paragraph at ``ilvl`` and give the number Word shows."""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels or levels[ilvl].fmt in ("bullet", "none"):
            return None
        counts = self.counts.setdefault(abstract_id, {})
        if num_id not in self.seen:  # "restart numbering" is a new w:num with a startOverride
            self.seen.add(num_id)
            for lvl, start in overrides.items():
                counts[lvl] = start - 1
                for deeper in [k for k in counts if k > lvl]:
                    del counts[deeper]
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else levels[ilvl].start
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]

        def level_value(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            level = levels.get(k, _Level(1, "decimal", ""))
            return _format(counts.get(k, level.start), level.fmt)

        text = re.sub(r"%([1-9])", level_value, levels[ilvl].text).strip()
        if ilvl > 0 and "%1" not in levels[ilvl].text and 0 in counts:
            # "(a)" under item 5 is item 5(a): the clerk's number carries its parent.
            text = _format(counts[0], levels[0].fmt if 0 in levels else "decimal") + text
        return text or None


def _val(el: etree._Element | None, tag: str) -> str | None:
    child = el.find(f"{W}{tag}") if el is not None else None
    return child.get(f"{W}val") if child is not None else None


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            letters = chr(ord("a") + r) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out
