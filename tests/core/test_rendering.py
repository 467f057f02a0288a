"""The Word export laid out by LibreOffice, page by page: nothing stranded at the end.

Each export is turned into a PDF by LibreOffice and read back a page at a time. Meetings of
growing length move the end of the minutes across page boundaries, in the house template, the
shared council templates and the council templates built in the tests, so that in one of them
or another the closing line and the signature line fall where a page breaks. The sample
meeting, whose confidential last minute is long, checks that keeping the end together never
strands it instead (a chain longer than a page is broken by LibreOffice at its end).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from clerkdesk.export import render
from clerkdesk.meeting_file import parse_meeting_file
from clerkdesk.sample import sample_meeting
from tests.builders import council_template, panel_meeting_file
from tests.conftest import SHARED

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")

SIGNATURE = re.compile(r"Chair\s*\.{8,}")
# Each export's closing line and the last paragraph of its last minute.
PANEL_END = ("The meeting closed at 12.05 pm.", "RESOLVED: that the appointment be confirmed.")
SAMPLE_END = ("The meeting closed at 8.40 pm.",
              "Supporting documents: Exempt report of the Head of Environmental Services")
SAMPLE_PUBLIC_END = ("The meeting closed at 8.40 pm.", "This item was considered in private.")
FILLERS = range(0, 7)  # ordinary speeches added to each public item: each pushes the end further down


def _pages(pdf: Path) -> list[str]:
    """Each page's text, blanks squeezed, so wrapped lines compare as written."""
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(pdf).pages]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[str], tuple[str, str]]]:
    """Every export, by name: the text of each PDF page, and its closing line and last paragraph."""
    folder = tmp_path_factory.mktemp("rendered")
    templates: dict[str, Path | None] = {"house": None}
    if (SHARED / "templates").is_dir():
        templates["borough"] = SHARED / "templates/northbrook-borough.docx"
        templates["parish"] = SHARED / "templates/little-ashby-parish.dotx"
    for kind in ("minutes-only", "table", "a5"):
        templates[kind] = council_template(folder / f"template-{kind}.docx", kind)
    docs, ends = [], {}
    for filler in FILLERS:
        meeting = parse_meeting_file(json.dumps(panel_meeting_file(filler=filler)).encode())
        for name, template in templates.items():
            path = folder / f"{name}-{filler}.docx"
            path.write_bytes(render(meeting, "docx", True, template).data)
            docs.append(path)
            ends[path.stem] = PANEL_END
    for name, template in templates.items():
        for confidential, end in ((True, SAMPLE_END), (False, SAMPLE_PUBLIC_END)):
            path = folder / f"{name}-sample{'-confidential' if confidential else ''}.docx"
            path.write_bytes(render(sample_meeting(), "docx", confidential, template).data)
            docs.append(path)
            ends[path.stem] = end
    done = subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                           "--norestore", "--convert-to", "pdf", "--outdir", str(folder / "pdf"), *map(str, docs)],
                          capture_output=True, timeout=600, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    return {doc.stem: (_pages(folder / "pdf" / f"{doc.stem}.pdf"), ends[doc.stem]) for doc in docs}


def test_every_export_was_rendered(rendered) -> None:
    assert len(rendered) >= (len(FILLERS) + 2) * 4
    assert all(pages and closing in "".join(pages) for pages, (closing, _last) in rendered.values())


def test_the_closing_line_and_signature_never_stand_alone(rendered) -> None:
    for name, (pages, (closing, last)) in rendered.items():
        for number, text in enumerate(pages, 1):
            where = f"{name}, page {number} of {len(pages)}"
            if closing in text:
                assert SIGNATURE.search(text), f"{where}: the closing line without the signature"
                assert last in text, f"{where}: the closing line without the last minute"
            if SIGNATURE.search(text):
                assert closing in text, f"{where}: the signature without the closing line"


def test_a_resolution_stays_with_its_parts(rendered) -> None:
    parent = re.compile(r"RESOLVED: that(?! the (report be noted\.|appointment))")
    for name, (pages, _end) in rendered.items():
        if "sample" in name:
            continue
        for number, text in enumerate(pages, 1):
            if parent.search(text):
                assert "the report be noted; and" in text, f"{name}, page {number}: RESOLVED without its (a)"


def test_the_actions_table_header_keeps_its_words_whole_on_a5(rendered) -> None:
    for name in (n for n in rendered if n.startswith(("a5", "parish"))):
        text = " ".join(rendered[name][0])
        assert "Minute Action Owner Due" in text, name
