"""Templates that must be refused, in the core and through the real command line."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from clerkdesk.export.word_template import default_template, open_template
from clerkdesk.errors import BadTemplate
from tests.conftest import shared_extras
from tests.council_material import BOROUGH, PARISH



def rezip(source: Path, target: Path, change: dict[str, bytes | None] | None = None) -> Path:
    """A copy of a .docx with some parts replaced (bytes), removed (None) or added."""
    change = change or {}
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            if name not in change:
                dst.writestr(name, src.read(name))
        for name, data in change.items():
            if data is not None:
                dst.writestr(name, data)
    return target


def not_a_zip(tmp: Path) -> Path:
    path = tmp / "minutes.docx"
    path.write_text("This is not a Word file at all.", encoding="utf-8")
    return path


def old_doc(tmp: Path) -> Path:
    path = tmp / "minutes.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    return path


def ole_named_docx(tmp: Path) -> Path:
    path = tmp / "renamed.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    return path


def docm_by_name(tmp: Path) -> Path:
    return rezip(default_template(), tmp / "macros.docm")


def dotm_by_name(tmp: Path) -> Path:
    return rezip(default_template(), tmp / "macros.dotm")


def vba_inside(tmp: Path) -> Path:
    return rezip(default_template(), tmp / "innocent.docx", {"word/vbaProject.bin": b"\0" * 64})


def macro_content_type(tmp: Path) -> Path:
    types = zipfile.ZipFile(default_template()).read("[Content_Types].xml").replace(
        b"document.main+xml", b"document.macroEnabled.main+xml")
    return rezip(default_template(), tmp / "sneaky.docx", {"[Content_Types].xml": types})


def zip_bomb(tmp: Path) -> Path:
    return rezip(default_template(), tmp / "bomb.docx", {"word/media/big.bin": b"\0" * (30 * 1024 * 1024)})


def doctype(tmp: Path) -> Path:
    xml = zipfile.ZipFile(default_template()).read("word/document.xml")
    head, rest = xml.split(b"?>", 1)
    evil = head + b'?><!DOCTYPE w:document [<!ENTITY lol "lol">]>' + rest.replace(b"{{venue}}", b"&lol;")
    return rezip(default_template(), tmp / "entities.docx", {"word/document.xml": evil})


def no_document_part(tmp: Path) -> Path:
    return rezip(default_template(), tmp / "hollow.docx", {"word/document.xml": None})


def broken_xml(tmp: Path) -> Path:
    return rezip(default_template(), tmp / "broken.docx", {"word/document.xml": b"<w:document><w:body>"})


BAD = [not_a_zip, old_doc, ole_named_docx, docm_by_name, dotm_by_name, vba_inside, macro_content_type,
       zip_bomb, doctype, no_document_part, broken_xml]


@pytest.mark.parametrize("make", BAD, ids=[f.__name__ for f in BAD])
def test_a_bad_template_is_refused_in_one_sentence(make, tmp_path: Path) -> None:
    with pytest.raises(BadTemplate) as caught:
        open_template(make(tmp_path))
    message = str(caught.value)
    assert "\n" not in message and message.endswith(".")


def test_the_house_template_and_council_templates_open(council: Path) -> None:
    for path in (default_template(), council / BOROUGH, council / PARISH, *shared_extras("templates")):
        assert open_template(path).paragraphs is not None


def test_the_house_template_is_a4_with_its_placeholders_and_page_fields() -> None:
    doc = Document(str(default_template()))
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    header = section.header.paragraphs[0].text
    assert "{{committee}}" in header and "{{date}}" in header
    footer = section.footer._element.xml
    assert " PAGE " in footer and " NUMPAGES " in footer and "Page " in footer
    body = [p.text for p in doc.paragraphs]
    assert "{{minutes}}" in body
    assert any(t.startswith("Chair ....") and "Date ...." in t for t in body)
    for style in ("Minute Heading", "Minute Text", "Resolution", "List Bullet"):
        assert style in doc.styles


def test_the_house_template_builder_is_reproducible() -> None:
    script = Path(__file__).resolve().parents[2] / "tools" / "make_default_template.py"
    builder = runpy.run_path(str(script), run_name="builder")
    assert builder["build"]() == default_template().read_bytes()


def clerkdesk(data_dir: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "CLERKDESK_DATA_DIR"}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "clerkdesk", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=full_env, timeout=120)


@pytest.fixture
def sample_id(data_dir: Path) -> str:
    result = clerkdesk(data_dir, "sample")
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_command_line_exports_word(data_dir: Path, sample_id: str, tmp_path: Path, council: Path) -> None:
    out = tmp_path / "minutes.docx"
    result = clerkdesk(data_dir, "export", sample_id, "--format", "docx", "--out", str(out),
                       "--template", str(council / PARISH))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    warnings = result.stderr.strip().splitlines()
    assert len(warnings) == 3 and all(w.startswith("clerkdesk: warning: The template has no") for w in warnings)
    doc = Document(str(out))
    assert any(p.text == "The meeting closed at 8.40 pm." for p in doc.paragraphs)


@pytest.mark.parametrize("make", BAD, ids=[f.__name__ for f in BAD])
def test_the_command_line_refuses_a_bad_template(make, data_dir: Path, sample_id: str, tmp_path: Path) -> None:
    template = make(tmp_path)
    out = tmp_path / "out" / "minutes.docx"
    out.parent.mkdir()
    result = clerkdesk(data_dir, "export", sample_id, "--format", "docx", "--out", str(out),
                       "--template", str(template))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("clerkdesk: ")
    assert list(out.parent.iterdir()) == []


def test_the_command_line_refuses_an_unwritable_output(data_dir: Path, sample_id: str, tmp_path: Path) -> None:
    result = clerkdesk(data_dir, "export", sample_id, "--format", "docx", "--out", str(tmp_path / "no" / "x.docx"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
