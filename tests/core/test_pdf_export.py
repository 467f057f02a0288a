"""PDF export through LibreOffice: tagged when it is installed, one clear line when it is not."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clerkdesk.export import export_meeting
from clerkdesk.sample import sample_meeting

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
def test_a_council_template_reaches_the_pdf(tmp_path: Path, shared: Path) -> None:
    out = tmp_path / "minutes.pdf"
    export_meeting(sample_meeting(), "pdf", out, template=shared / "templates/northbrook-borough.docx")
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
