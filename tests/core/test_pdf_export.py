"""PDF export through LibreOffice: tagged when it is installed, one clear line when it is not."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from clerkdesk.export import export_meeting
from clerkdesk.minutes import CONFIDENTIAL_MARK
from clerkdesk.sample import sample_meeting
from tests.council_material import BOROUGH

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


@needs_soffice
def test_the_pdf_is_tagged_and_reads_as_the_minutes(tmp_path: Path) -> None:
    out = tmp_path / "minutes.pdf"
    export_meeting(sample_meeting(), "pdf", out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"/StructTreeRoot" in data and b"/Marked true" in data  # a tagged PDF
    assert b"<pdfuaid:part>1</pdfuaid:part>" in data  # declared PDF/UA (LibreOffice 7.2 and later)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
        assert "The meeting closed at 8.40 pm." in text
        assert "Page 1 of 3" in text
        assert "£4.2 million" not in text


@needs_soffice
def test_a_council_template_reaches_the_pdf(tmp_path: Path, council: Path) -> None:
    out = tmp_path / "minutes.pdf"
    export_meeting(sample_meeting(), "pdf", out, template=council / BOROUGH)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        assert "Northbrook Borough Council – Environment and Communities Committee" in text


def test_without_libreoffice_the_clerk_gets_one_line_and_no_file(data_dir: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CLERKDESK_DATA_DIR"}
    env["PATH"] = str(tmp_path / "empty-bin")  # a PATH on which there is no soffice
    run = [sys.executable, "-m", "clerkdesk", "--data-dir", str(data_dir)]
    made = subprocess.run(run + ["sample"], capture_output=True, text=True, env=env, timeout=60)
    assert made.returncode == 0, made.stderr
    out = tmp_path / "out" / "minutes.pdf"
    out.parent.mkdir()
    result = subprocess.run(run + ["export", made.stdout.strip(), "--format", "pdf", "--out", str(out)],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "LibreOffice" in lines[0]
    assert list(out.parent.iterdir()) == []


def _page_texts(page) -> list[tuple[str, list[str]]]:
    """Each piece of text on a page with the marked-content tags around it (/Artifact: not read aloud)."""
    stack: list[str] = []
    texts: list[tuple[str, list[str]]] = []

    def before(op: bytes, args: list, _cm, _tm) -> None:
        if op in (b"BDC", b"BMC"):
            stack.append(str(args[0]))
        elif op == b"EMC" and stack:
            stack.pop()

    def text(t: str, _cm, _tm, _font, _size) -> None:
        if t.strip():
            texts.append((t.strip(), list(stack)))
    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts


@needs_soffice
def test_the_pdf_declares_pdf_ua_and_the_confidential_mark_is_read_not_only_drawn(tmp_path: Path) -> None:
    out = tmp_path / "minutes.pdf"
    export_meeting(sample_meeting(), "pdf", out, confidential=True)
    reader = pypdf.PdfReader(out)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"<pdfuaid:part>\s*1\s*</pdfuaid:part>|pdfuaid:part=\"1\"", xmp)
    assert "Minutes: Environment and Communities Committee" in xmp  # dc:title
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]
    marks = [tags for text, tags in _page_texts(reader.pages[0]) if text == CONFIDENTIAL_MARK]
    assert any("/Artifact" in tags for tags in marks)  # the running header, skipped by screen readers
    assert any(tags and "/Artifact" not in tags for tags in marks)  # and in the tagged body, read aloud
