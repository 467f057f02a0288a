"""Keeping only what the minutes need from a council's template, before python-docx sees it.

A template can carry things that reach out of the document or run as code: a remote attached
template (Word fetches it on opening), pictures and hyperlinks whose targets are outside the
file (a web bug, a ``file://`` link to a share), ``INCLUDEPICTURE``/``INCLUDETEXT``/``LINK``
fields, macro projects under any part name, ActiveX controls, linked or embedded OLE objects,
and hidden data (custom XML, custom document properties, the thumbnail). Published minutes
must carry none of it, so the package is rebuilt keeping every part reachable from the main
document through relationships ClerkDesk trusts, and nothing else; each reference in the XML
to a relationship left out is removed with it, so Word finds nothing missing. Styles,
numbering, headers and footers, embedded pictures, fonts, theme and page setup are untouched.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from lxml import etree

_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_O = "{urn:schemas-microsoft-com:office:office}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

# Relationship types (the last part of the Type URI) left out, with what the clerk is told.
_DROPPED = {
    "attachedTemplate": "a remote attached template",
    "vbaProject": "macros", "vbaData": "macros", "wordVbaData": "macros", "keyMapCustomizations": "macros",
    "control": "ActiveX controls", "activeXControl": "ActiveX controls", "activeXControlBinary": "ActiveX controls",
    "oleObject": "embedded or linked objects", "package": "embedded or linked objects",
    "aFChunk": "embedded or linked objects", "subDocument": "embedded or linked objects",
    "customXml": "custom XML", "customXmlProps": "custom XML",
    "custom-properties": "custom document properties",
    "thumbnail": "", "printerSettings": "", "glossaryDocument": "", "digital-signature": "", "origin": "",
    "mailMergeSource": "a mail-merge data source", "mailMergeHeaderSource": "a mail-merge data source",
    "recipientData": "a mail-merge data source",
}
# Elements that mean nothing once their relationship is gone, removed whole.
_REMOVE_WHOLE = {f"{_W}attachedTemplate", f"{_W}control", f"{_W}altChunk", f"{_W}subDoc", f"{_W}printerSettings",
                 f"{_W}mailMerge", f"{_O}OLEObject", f"{_W}objectEmbed", f"{_W}objectLink"}
_CONTAINERS = {f"{_W}object"}  # an OLE or ActiveX object's wrapper goes with what it wrapped
_RISKY_FIELD = re.compile(r"^\s*(?:INCLUDEPICTURE|INCLUDETEXT|INCLUDE|LINK|DDE|DDEAUTO|IMPORT|HYPERLINK(?!\s+\\l))\b",
                          re.IGNORECASE)
_FIELD_MARKERS = (b"fldSimple", b"instrText")
# Old-style (VML) pictures can name their source straight in an attribute, with no relationship.
_URL_ATTRIBUTE = re.compile(rb"""\b(?:o:href|src|href)=["'](?:[a-z][a-z0-9+.-]*:|\\\\)""", re.IGNORECASE)
_URL_VALUE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|\\\\)", re.IGNORECASE)
_VML = ("urn:schemas-microsoft-com:vml", "urn:schemas-microsoft-com:office:office")
_APP_EXTERNAL = ("HyperlinkBase", "HLinks")  # docProps/app.xml: a base for relative links, and a list of them
# Said once, in this order, whatever the template held.
_ORDER = ("a remote attached template", "links to pictures, pages or files outside the document", "macros",
          "ActiveX controls", "embedded or linked objects", "a mail-merge data source", "custom XML",
          "custom document properties", "parts nothing in the document uses")


@dataclass
class Cleaned:
    """The parts to keep, and what was left out, in the clerk's words."""

    parts: dict[str, bytes]
    left_out: list[str] = field(default_factory=list)

    def warning(self, name: str) -> str | None:
        """One sentence for the clerk, or None when nothing worth saying was left out."""
        said = [what for what in _ORDER if what in self.left_out]
        if not said:
            return None
        listed = said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]
        return (f"From the template {name}, ClerkDesk left out {listed}: published minutes carry nothing "
                "that reaches outside the document or runs as code.")


def _kind(rel_type: str) -> str:
    return rel_type.rstrip("/").rsplit("/", 1)[-1]


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _target(source: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


def clean_package(parts: dict[str, bytes]) -> Cleaned:
    """Keep what the minutes need from a package's parts (name -> bytes); see the module's docstring.

    Raises ``etree.XMLSyntaxError`` for a relationships or content-types part that is not XML.
    """
    left_out: set[str] = set()
    names = {p.lower(): p for p in parts}  # part names are case-insensitive
    keep: dict[str, bytes] = {}
    dropped_ids: dict[str, set[str]] = {}  # part -> relationship ids left out
    queue = [""]  # "" is the package itself, whose relationships are _rels/.rels
    seen = {""}
    while queue:
        source = queue.pop()
        rels_name = "_rels/.rels" if source == "" else _rels_name(source)
        if rels_name not in parts:
            continue
        root = etree.fromstring(parts[rels_name], _PARSER)
        changed = False
        for rel in list(root.iter(_PKG_REL)):
            kind, rid = _kind(rel.get("Type", "")), rel.get("Id", "")
            target = rel.get("Target", "")
            reason = None
            part = names.get(_target(source, target).lower())
            if rel.get("TargetMode", "").lower() == "external":
                reason = _DROPPED.get(kind) or "links to pictures, pages or files outside the document"
            elif kind in _DROPPED:
                reason = _DROPPED[kind]
                if kind == "customXml" and part is not None and not _holds_data(parts[part]):
                    reason = ""  # Word's empty bibliography or cover-page stub: nothing to mention
            elif part is None:
                reason = ""  # a relationship to nothing: Word would complain of it
            if reason is not None:
                if reason:
                    left_out.add(reason)
                dropped_ids.setdefault(source, set()).add(rid)
                root.remove(rel)
                changed = True
                continue
            if part not in seen:
                seen.add(part)
                queue.append(part)
        keep[rels_name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) \
            if changed else parts[rels_name]
    for part in seen - {""}:
        keep[part] = parts[part]
    for part, ids in dropped_ids.items():
        if part and part in keep and part.endswith(".xml"):
            keep[part] = _without_references(keep[part], ids)
    for part in list(keep):
        if part.endswith(".xml") and part.startswith("word/") and any(m in keep[part] for m in _FIELD_MARKERS):
            cleaned, risky = _without_risky_fields(keep[part])
            if risky:
                keep[part] = cleaned
                left_out.add("links to pictures, pages or files outside the document")
    for part in list(keep):
        if part.endswith(".xml") and part.startswith("word/") and _URL_ATTRIBUTE.search(keep[part]):
            cleaned, found = _without_url_attributes(keep[part])
            if found:
                keep[part] = cleaned
                left_out.add("links to pictures, pages or files outside the document")
    if "docProps/app.xml" in keep and any(t.encode() in keep["docProps/app.xml"] for t in _APP_EXTERNAL):
        keep["docProps/app.xml"], had_links = _without_elements(keep["docProps/app.xml"], _APP_EXTERNAL)
        if had_links:
            left_out.add("links to pictures, pages or files outside the document")
    unused = [p for p in parts if p not in keep and p != "[Content_Types].xml" and "_rels/" not in p
              and not p.endswith("/")]
    if [p for p in unused if not _quietly_dropped(p)]:
        left_out.add("parts nothing in the document uses")
    keep["[Content_Types].xml"] = _content_types(parts["[Content_Types].xml"], keep)
    return Cleaned(parts={p: keep[p] for p in parts if p in keep}, left_out=sorted(left_out))


def _holds_data(xml: bytes) -> bool:
    """Whether a custom XML part holds any text (Word's own stubs hold none)."""
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError:
        return True
    return any((el.text or "").strip() for el in root.iter())


def _quietly_dropped(part: str) -> bool:
    """Whether a part left out is one a relationship already accounted for (not an orphan worth a word)."""
    return part.startswith(("customXml/", "docProps/", "word/activeX/", "word/embeddings/", "word/glossary/")) \
        or part.endswith(".bin")


def _without_references(xml: bytes, ids: set[str]) -> bytes:
    """The part with every reference to the relationships ``ids`` gone: the element where it is meaningless alone."""
    root = etree.fromstring(xml, _PARSER)
    doomed = []
    for el in root.iter():
        for name, value in list(el.attrib.items()):
            if name.startswith(_R) and value in ids:
                if el.tag in _REMOVE_WHOLE:
                    container = el.getparent()
                    doomed.append(container if container is not None and container.tag in _CONTAINERS else el)
                    break
                del el.attrib[name]
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _without_risky_fields(xml: bytes) -> tuple[bytes, bool]:
    """The part with every field that fetches from outside reduced to the result it last showed."""
    root = etree.fromstring(xml, _PARSER)
    risky = False
    for simple in list(root.iter(f"{_W}fldSimple")):
        if _RISKY_FIELD.match(simple.get(f"{_W}instr", "")):
            risky = True
            parent = simple.getparent()
            at = parent.index(simple)
            for child in list(simple):
                parent.insert(at, child)
                at += 1
            parent.remove(simple)
    stack: list[dict] = []
    doomed: list[etree._Element] = []
    for el in root.iter(f"{_W}fldChar", f"{_W}instrText"):
        if el.tag == f"{_W}instrText":
            if stack and stack[-1]["code"]:
                stack[-1]["instr"] += el.text or ""
            for f in stack:  # nested in a field's code is part of that field's code
                if f["code"]:
                    f["elements"].append(el)
            continue
        kind = el.get(f"{_W}fldCharType")
        if kind == "begin":
            for f in stack:
                if f["code"]:
                    f["elements"].append(el)
            stack.append({"code": True, "instr": "", "elements": [el]})
        elif kind == "separate" and stack:
            stack[-1]["code"] = False
            stack[-1]["elements"].append(el)
        elif kind == "end" and stack:
            f = stack.pop()
            f["elements"].append(el)
            if _RISKY_FIELD.match(f["instr"]):
                risky = True
                doomed.extend(f["elements"])
    for el in dict.fromkeys(doomed):
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    if not risky:
        return xml, False
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), True


def _without_url_attributes(xml: bytes) -> tuple[bytes, bool]:
    """The part without VML attributes that point outside the document (o:href, src), and whether any did."""
    root = etree.fromstring(xml, _PARSER)
    found = False
    for el in root.iter():
        if not isinstance(el.tag, str) or not el.tag.startswith(tuple("{" + ns for ns in _VML)):
            continue
        for name, value in list(el.attrib.items()):
            if etree.QName(name).localname in ("href", "src") and _URL_VALUE.match(value):
                del el.attrib[name]
                found = True
    if not found:
        return xml, False
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), True


def _without_elements(xml: bytes, local_names: tuple[str, ...]) -> tuple[bytes, bool]:
    """The XML without the elements of these names, and whether any of them held text."""
    root = etree.fromstring(xml, _PARSER)
    found = [e for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname in local_names]
    had_text = any("".join(e.itertext()).strip() for e in found)
    for el in found:
        el.getparent().remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), had_text


def _content_types(xml: bytes, keep: dict[str, bytes]) -> bytes:
    """[Content_Types].xml without overrides for parts left out."""
    root = etree.fromstring(xml, _PARSER)
    for override in list(root.iter(f"{_CT}Override")):
        if override.get("PartName", "").lstrip("/") not in keep:
            root.remove(override)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
