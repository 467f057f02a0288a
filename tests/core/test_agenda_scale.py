"""Agenda import is linear in the agenda's size, and one item's description is capped.

No timings are asserted: the agendas here are sizes at which the old quadratic reading took
many minutes (a description grown line by line, copied whole at every line), so finishing
at all is the proof; the figures are in bench/ (``python -m bench``, the agenda row).
"""

from __future__ import annotations

import io
import zipfile

from docx import Document

from bench.core import AGENDA_LINE, agenda_lines
from clerkdesk.agenda_import import MAX_TEXT, read_agenda_bytes
from clerkdesk.agenda_text import MAX_DESCRIPTION, MAX_TITLE

LINE = AGENDA_LINE


def text_agenda(megabytes: float, items: int) -> bytes:
    return "\n".join(agenda_lines(megabytes, items)).encode("utf-8")


def test_a_five_megabyte_text_agenda_is_read_whole() -> None:
    data = text_agenda(5, items=40)
    assert len(data) <= MAX_TEXT
    preview = read_agenda_bytes(data, "agenda.txt")
    assert [i.number for i in preview.items] == [str(n) for n in range(1, 41)]
    assert preview.items[0].title == "Item number 1"
    assert all(len(i.description) <= MAX_DESCRIPTION for i in preview.items)
    assert preview.items[0].description.startswith(LINE.format(n=0) + "\n" + LINE.format(n=1))
    assert len(preview.warnings) == 1 and "cut" in preview.warnings[0]


def test_one_item_with_megabytes_of_description_is_capped() -> None:
    preview = read_agenda_bytes(text_agenda(5, items=1), "agenda.txt")
    [item] = preview.items
    assert len(item.description) <= MAX_DESCRIPTION
    assert item.description.endswith("…")
    assert preview.warnings == [f"The description of item 1 was cut to {MAX_DESCRIPTION:,} characters; "
                                "check it against the agenda."]


def test_one_enormous_line_is_a_title_capped() -> None:
    preview = read_agenda_bytes(b"1. " + b"Budget " * 700_000 + b"\n2. Any other business", "agenda.txt")
    assert [i.number for i in preview.items] == ["1", "2"]
    assert len(preview.items[0].title) <= MAX_TITLE and preview.items[0].title.endswith("…")


def test_a_big_word_agenda_is_read_whole() -> None:
    """A hundred and twenty thousand paragraphs (about 14 MB of XML) under one item, built straight as XML."""
    buffer = io.BytesIO()
    Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    paragraphs = ["<w:p><w:r><w:t>1. Welcome and apologies</w:t></w:r></w:p>"]
    paragraphs += [f"<w:p><w:r><w:t>{LINE.format(n=n)}</w:t></w:r></w:p>" for n in range(120_000)]
    paragraphs.append("<w:p><w:r><w:t>2. Minutes of the last meeting</w:t></w:r></w:p>")
    body = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + "".join(paragraphs) + "</w:body></w:document>").encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in source.infolist():
            dst.writestr(info.filename, body if info.filename == "word/document.xml" else source.read(info))
    preview = read_agenda_bytes(out.getvalue(), "agenda.docx")
    assert [(i.number, i.title) for i in preview.items] == [("1", "Welcome and apologies"),
                                                             ("2", "Minutes of the last meeting")]
    assert all(len(i.description) <= MAX_DESCRIPTION for i in preview.items)
