"""Private stays private: no exempt (Part 2) text reaches a public export, whatever the meeting.

Every part of the .docx zip is searched (body, tables, headers, footers, comments, properties),
not just what python-docx shows, and the HTML page likewise.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clerkdesk.export.word_template import default_template
from clerkdesk.text import clean_text
from clerkdesk.export import render
from clerkdesk.model import Entry, Item
from tests.builders import make_meeting
from tests.conftest import shared_extras
from tests.council_material import BOROUGH, PARISH

# Secret words are bracketed by markers that no template or wording contains, so finding one
# anywhere in the output can only mean exempt text leaked; the middle is arbitrary pasted text.
_MIDDLE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=30)
SECRETS = st.builds(lambda middle, n: f"Zq{n}«{middle}»qZ", _MIDDLE, st.integers(0, 10**6))
KINDS = ("note", "speech", "point", "resolution", "vote", "action", "declaration", "event")


@st.composite
def meetings_with_secrets(draw):
    """A generated meeting whose exempt items carry secret text in every field that can hold text."""
    items = draw(st.integers(1, 6))
    exempt = tuple(sorted(draw(st.sets(st.integers(0, items - 1), min_size=1))))
    meeting = make_meeting(items=items, entries=items * draw(st.integers(1, 6)), exempt=exempt,
                           seed=draw(st.integers(0, 1000)))
    secrets: list[str] = []
    for index in exempt:
        item = meeting.items[index]
        for kind in draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=6)):
            secret = draw(SECRETS)
            entry = Entry(kind=kind, text=secret, speaker="p0", person="p1", owner=draw(SECRETS), due="2026-12-01",
                          motion=draw(SECRETS), at="19:00")
            secrets += [secret, entry.owner, entry.motion]
            item.entries.append(entry)
        doc_title = draw(SECRETS)
        item.documents.append(doc_title)
        secrets.append(doc_title)
    # Some public business carries pasted oddities too, so the export must survive them.
    meeting.items.append(Item(number="99", title="Any other business", minute_number="99",
                              entries=[Entry(kind="note", text=draw(_MIDDLE))]))
    return meeting, secrets


def searchable_forms(secret: str) -> set[str]:
    """The ways a secret could appear in XML or HTML: as is, escaped, and each pasted line alone."""
    clean = clean_text(secret)
    forms = {clean, escape(clean), escape(clean, {'"': "&quot;"})}
    forms |= {line for line in clean.split("\n") if len(line) >= 6}
    return {f for f in forms if f}


def all_parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))}


@pytest.fixture(scope="module", params=["default", BOROUGH, PARISH, *shared_extras("templates")], ids=str)
def template(request, council: Path) -> Path:
    """The house template, the council templates built in code, and any beside the clone."""
    if request.param == "default":
        return default_template()
    return council / request.param


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=meetings_with_secrets())
def test_no_exempt_text_reaches_a_public_word_export(template: Path, case) -> None:
    meeting, secrets = case
    parts = all_parts(render(meeting, "docx", False, template).data)
    for secret in secrets:
        for form in searchable_forms(secret):
            leaks = [name for name, text in parts.items() if form in text]
            assert not leaks, f"{form!r} leaked into {leaks}"
    # The closing marker alone must not appear either: a partly leaked secret is still a leak.
    assert not [name for name, text in parts.items() if "»qZ" in text]
    # And the confidential version does carry them, so this test is looking in the right place.
    assert "»qZ" in all_parts(render(meeting, "docx", True, template).data)["word/document.xml"]


@settings(max_examples=30, deadline=None)
@given(case=meetings_with_secrets())
def test_no_exempt_text_reaches_a_public_html_export(case) -> None:
    meeting, secrets = case
    page = render(meeting, "html").data.decode("utf-8")
    assert "»qZ" not in page
    for secret in secrets:
        assert secret not in page
    assert "»qZ" in render(meeting, "html", confidential=True).data.decode("utf-8")
