"""The minutes as a tagged PDF, made by LibreOffice from the Word export.

Going through the Word export means the PDF is the council's template exactly as the .docx
is. LibreOffice runs headless with a profile of its own in a temporary folder, so it neither
collides with a LibreOffice the clerk has open nor leaves anything in their profile.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import ExportFailed
from .export import ExportOptions
from .model import Meeting

TIMEOUT = 120  # seconds; a first run of LibreOffice builds its profile, which can take a while
# Tagged PDF, declared PDF/UA, so screen readers can follow headings, lists and tables, as the
# Public Sector Bodies Accessibility Regulations 2018 expect of published minutes. LibreOffice
# before 7.2 does not know PDFUACompliance and ignores it, still writing a tagged PDF.
FILTER_OPTIONS = {"UseTaggedPDF": {"type": "boolean", "value": "true"},
                  "PDFUACompliance": {"type": "boolean", "value": "true"},
                  "ExportBookmarks": {"type": "boolean", "value": "true"},
                  "DisplayPDFDocumentTitle": {"type": "boolean", "value": "true"}}


def find_soffice() -> str | None:
    """The LibreOffice program on PATH (``soffice`` or ``libreoffice``), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def write_pdf(meeting: Meeting, options: ExportOptions) -> bytes:
    """The meeting's minutes as PDF bytes; raises ExportFailed when LibreOffice is missing or fails."""
    soffice = find_soffice()
    if soffice is None:
        raise ExportFailed("PDF export needs LibreOffice, which is not installed here; "
                           "export to Word (--format docx) and save it as PDF from Word instead.")
    from .docx_export import write_docx  # imported here: python-docx costs the window's start-up 0.1 s
    return docx_to_pdf(write_docx(meeting, options), soffice)


def docx_to_pdf(docx: bytes, soffice: str) -> bytes:
    """Convert .docx bytes to tagged PDF bytes with LibreOffice."""
    with tempfile.TemporaryDirectory(prefix="clerkdesk-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "minutes.docx"
        source.write_bytes(docx)
        command = [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                   "--norestore", "--convert-to", "pdf:writer_pdf_Export:" + json.dumps(FILTER_OPTIONS),
                   "--outdir", str(folder / "out"), str(source)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise ExportFailed(f"LibreOffice took more than {TIMEOUT} seconds to make the PDF, so it was stopped.") \
                from None
        except OSError as e:
            raise ExportFailed(f"LibreOffice could not be started to make the PDF ({e.strerror}).") from None
        pdf = folder / "out" / "minutes.pdf"
        if done.returncode != 0 or not pdf.is_file():
            raise ExportFailed("LibreOffice could not turn the minutes into a PDF; the Word export still works.")
        return pdf.read_bytes()
