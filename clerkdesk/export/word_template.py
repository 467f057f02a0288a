"""Opening a council's Word template safely, and filling in its placeholders.

A template comes from outside (an e-mail, a shared drive), so it is checked before python-docx
sees it: it must be a Word document or template zip, not macro-enabled, not a zip bomb, and free
of DOCTYPE declarations and entities. A ``.dotx`` is opened as a document by switching its main
part's content type in memory. Everything else in the template is left as the council made it.
"""

from __future__ import annotations

import io
import re
import zipfile
from importlib.resources import files
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.opc.part import XmlPart
from docx.oxml.ns import qn
from lxml import etree

from clerkdesk.errors import BadTemplate
from clerkdesk.files import read_input
from clerkdesk.text import clean_text

from .template_clean import clean_package

DEFAULT_TEMPLATE_NAME = "minutes-template.docx"
PLACEHOLDER_NAMES = ("committee", "meeting_title", "date", "time", "venue", "minutes")

_DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_MACRO_MARKERS = (b"macroEnabled", b"vbaProject", b"vbaData")

# A real council template is a few hundred kilobytes to a few megabytes (logos); these caps are
# far above that and far below what would exhaust memory. Ratio: XML compresses ~10-30x; a zip
# bomb compresses thousands of times.
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_PARTS = 2000

_PLACEHOLDER = re.compile(r"\{\{\s*(" + "|".join(PLACEHOLDER_NAMES) + r")\s*\}\}")
_W_P, _W_R, _W_T = qn("w:p"), qn("w:r"), qn("w:t")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def default_template() -> Path:
    """The house template shipped with ClerkDesk."""
    return Path(str(files("clerkdesk.resources").joinpath(DEFAULT_TEMPLATE_NAME)))


def open_template(path: str | Path | None, warnings: list[str] | None = None) -> DocxDocument:
    """The template at ``path`` (the house template for None), checked, cleaned and opened as a document.

    Raises BadTemplate, with one sentence for the clerk, for anything that is not a safe Word
    document or template. Whatever was left out of a council's template (outside links,
    macros, ActiveX, hidden data: see ``template_clean``) is said once in ``warnings``.
    """
    house = not path
    path = Path(path) if path else default_template()
    data = _read(path)
    data, warning = _checked_package(path, data)
    if warning and warnings is not None and not house:
        warnings.append(warning)
    try:
        return Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds for a damaged package; the clerk needs one
        raise BadTemplate(f"{path.name} is damaged or is not a Word template ClerkDesk can read.") from None


def _read(path: Path) -> bytes:
    suffix = path.suffix.lower()
    if suffix in (".docm", ".dotm"):
        raise BadTemplate(f"{path.name} is a macro-enabled template; save it as .docx or .dotx without macros.")
    if suffix == ".doc" or suffix == ".dot":
        raise BadTemplate(f"{path.name} is an old-style Word file; open it in Word and save it as .docx or .dotx.")
    return read_input(path, MAX_TEMPLATE_BYTES, BadTemplate, "a minutes template")


def _checked_package(path: Path, data: bytes) -> tuple[bytes, str | None]:
    """The package's bytes, cleaned, with a .dotx's main part retyped as a document, and what to tell the clerk.

    Raises BadTemplate.
    """
    name = path.name
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # the OLE header of .doc and encrypted files
        raise BadTemplate(f"{name} is an old-style or password-protected Word file; save it as .docx or .dotx.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise BadTemplate(f"{name} is not a Word document or template (.docx or .dotx).") from None
    if len(infos) > MAX_PARTS:
        raise BadTemplate(f"{name} has too many parts to be a minutes template.")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if total > MAX_UNCOMPRESSED_BYTES or total > MAX_RATIO * max(packed, 1024):
        raise BadTemplate(f"{name} expands to far more than a template could need, so it was not opened.")
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise BadTemplate(f"{name} is not a Word document or template (.docx or .dotx).")
    if any(n.lower().endswith(("vbaproject.bin", "vbadata.xml")) for n in names):
        raise BadTemplate(f"{name} contains macros; save it as .docx or .dotx without macros.")
    parts: dict[str, bytes] = {}
    read = 0
    for info in infos:
        # Read with a running cap, since a zip's declared sizes can lie.
        with archive.open(info) as member:
            blob = member.read(MAX_UNCOMPRESSED_BYTES - read + 1)
        read += len(blob)
        if read > MAX_UNCOMPRESSED_BYTES:
            raise BadTemplate(f"{name} expands to far more than a template could need, so it was not opened.")
        if info.filename.lower().endswith((".xml", ".rels")) and (b"<!DOCTYPE" in blob or b"<!ENTITY" in blob):
            raise BadTemplate(f"{name} contains XML declarations Word never writes (DOCTYPE or entities), "
                              "so it was not opened.")
        parts[info.filename] = blob
    types = parts["[Content_Types].xml"]
    if any(marker in types for marker in _MACRO_MARKERS):
        raise BadTemplate(f"{name} is macro-enabled; save it as .docx or .dotx without macros.")
    if _TEMPLATE_MAIN.encode() in types:
        parts["[Content_Types].xml"] = types.replace(_TEMPLATE_MAIN.encode(), _DOCUMENT_MAIN.encode())
    elif _DOCUMENT_MAIN.encode() not in types:
        raise BadTemplate(f"{name} is not a Word document or template (.docx or .dotx).")
    try:
        cleaned = clean_package(parts)
    except (etree.XMLSyntaxError, KeyError, ValueError):
        raise BadTemplate(f"{name} is damaged or is not a Word template ClerkDesk can read.") from None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rebuilt:
        for part, blob in cleaned.parts.items():
            rebuilt.writestr(part, blob)
    return out.getvalue(), cleaned.warning(name)


_TEXT_PARTS = ("main+xml", "header+xml", "footer+xml", "footnotes+xml", "endnotes+xml", "comments+xml")


def fill_placeholders(doc: DocxDocument, values: dict[str, str]) -> etree._Element | None:
    """Fill every placeholder in the body, headers, footers, notes and comments.

    ``{{minutes}}`` is emptied wherever it stands; the first body paragraph that held it is
    returned so the minutes can go there (None when the body has none).
    """
    anchor = None
    for part in doc.part.package.iter_parts():
        if not (part.partname.startswith("/word/") and part.content_type.endswith(_TEXT_PARTS)):
            continue
        if isinstance(part, XmlPart):
            root = part.element
        elif b"{{" in part.blob:  # footnotes and endnotes, which python-docx keeps as bytes
            root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
        else:
            continue
        found = paragraphs_with_placeholders(root)
        for p in found:
            names = fill_paragraph(p, values)
            if anchor is None and "minutes" in names and part is doc.part:
                anchor = p
        if found and not isinstance(part, XmlPart):
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return anchor


def body_has_placeholder(doc: DocxDocument, name: str) -> bool:
    """Whether the document body (not its headers or footers) has ``{{name}}`` somewhere."""
    for p in paragraphs_with_placeholders(doc.element.body):
        text = "".join(t.text or "" for t in _own_texts(p))
        if any(m.group(1) == name for m in _PLACEHOLDER.finditer(text)):
            return True
    return False


def paragraphs_with_placeholders(element: etree._Element) -> list[etree._Element]:
    """Every paragraph under ``element`` whose text holds a placeholder, even split across runs."""
    found = []
    for p in element.iter(_W_P):
        text = "".join(t.text or "" for t in _own_texts(p))
        if "{{" in text and _PLACEHOLDER.search(text):
            found.append(p)
    return found


def fill_paragraph(p: etree._Element, values: dict[str, str]) -> list[str]:
    """Replace the placeholders in one paragraph, keeping the first run's formatting.

    A placeholder Word split across runs ("{{da" + "te}}") is joined into the run where it
    starts. Returns the names replaced, in order; a name not in ``values`` becomes "".
    """
    texts = _own_texts(p)
    joined = "".join(t.text or "" for t in texts)
    matches = list(_PLACEHOLDER.finditer(joined))
    starts, offset = [], 0
    for t in texts:
        starts.append(offset)
        offset += len(t.text or "")
    for m in reversed(matches):  # right to left, so earlier offsets stay valid
        # A placeholder sits inside a line of the template, so a pasted line break becomes a space.
        value = re.sub(r"\s*\n\s*", " ", clean_text(values.get(m.group(1), "")))
        first = True
        for t, start in zip(texts, starts, strict=True):
            end = start + len(t.text or "")
            if end <= m.start() or start >= m.end():
                continue
            s = t.text or ""
            lo, hi = max(m.start() - start, 0), min(m.end() - start, len(s))
            t.text = s[:lo] + (value if first else "") + s[hi:]
            t.set(_XML_SPACE, "preserve")
            first = False
    return [m.group(1) for m in matches]


def _own_texts(p: etree._Element) -> list[etree._Element]:
    """The paragraph's w:t elements, leaving out those of paragraphs nested in text boxes."""
    return [t for t in p.iter(_W_T) if _nearest_paragraph(t) is p]


def _nearest_paragraph(el: etree._Element) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != _W_P:
        parent = parent.getparent()
    return parent
