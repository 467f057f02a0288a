"""Input that passed validation and then crashed: meeting files, long titles, templates Word did not make.

Every case goes through the real command line: one line on stderr, exit status 2, the store
unchanged, or a clean export.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from clerkdesk.export.word_template import default_template
from clerkdesk.sample import SAMPLE
from clerkdesk.text import clean_text
from tests.core.test_cli import clerkdesk, fingerprint, write


def _sample() -> dict:
    return json.loads(json.dumps(SAMPLE))


def _lone_surrogate_in_text() -> str:
    s = _sample()
    s["items"][0]["entries"][0]["text"] = "before\ud800after"
    return json.dumps(s)  # ensure_ascii writes it as the escape \ud800, which json.loads accepts


def _lone_surrogate_in_committee() -> str:
    s = _sample()
    s["committee"]["name"] = "Planning \udfff"
    return json.dumps(s)


def _lone_surrogate_in_a_key() -> str:
    s = _sample()
    s["items"][0]["entries"][0]["x\udc80"] = 1
    return json.dumps(s)


def _nan_in_an_entry_field() -> str:
    s = _sample()
    s["items"][0]["entries"][0]["confidence"] = float("nan")
    return json.dumps(s)


def _infinity_in_the_meeting() -> str:
    s = _sample()
    s["meeting"]["duration"] = float("inf")
    return json.dumps(s)


def _huge_integer() -> str:
    return json.dumps(_sample()).replace('"version": 1', '"version": 1, "serial": ' + "7" * 5000, 1)


def _huge_vote_count() -> str:
    s = _sample()
    vote = next(e for i in s["items"] for e in i["entries"] if e["kind"] == "vote")
    vote["for"] = 10 ** 30
    return json.dumps(s)


HOSTILE = [_lone_surrogate_in_text, _lone_surrogate_in_committee, _lone_surrogate_in_a_key, _nan_in_an_entry_field,
           _infinity_in_the_meeting, _huge_integer, _huge_vote_count]


@pytest.mark.parametrize("make", HOSTILE, ids=[f.__name__.strip("_") for f in HOSTILE])
def test_a_hostile_meeting_file_is_one_line_exit_2_and_changes_nothing(make, data_dir: Path, tmp_path: Path) -> None:
    assert clerkdesk(data_dir, "sample").returncode == 0
    before = fingerprint(data_dir)
    result = clerkdesk(data_dir, "import", str(write(tmp_path, "hostile.json", make())))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("clerkdesk: hostile.json"), result.stderr
    assert fingerprint(data_dir) == before


@pytest.mark.parametrize("fmt", ["docx", "html", "text"])
def test_a_title_longer_than_word_allows_still_exports(fmt: str, data_dir: Path, tmp_path: Path) -> None:
    s = _sample()
    s["meeting"]["title"] = "Extraordinary meeting " * 20  # "Minutes: …" is far over Word's 255 characters
    result = clerkdesk(data_dir, "import", str(write(tmp_path, "long.json", s)))
    assert result.returncode == 0, result.stderr
    out = tmp_path / f"minutes.{fmt}"
    result = clerkdesk(data_dir, "export", result.stdout.split()[-1], "--format", fmt, "--out", str(out))
    assert result.returncode == 0, result.stderr
    if fmt == "docx":
        title = Document(str(out)).core_properties.title
        assert title.startswith("Minutes: Extraordinary meeting") and len(title) <= 255


def _template(tmp: Path, name: str, change) -> Path:
    """The house template with word/numbering.xml changed by ``change`` (bytes -> bytes, or None to remove it)."""
    src = zipfile.ZipFile(default_template())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/numbering.xml":
                data = change(data)
                if data is None:
                    continue
            elif info.filename == "word/_rels/document.xml.rels" and change(b"") is None:
                data = b"".join(line for line in data.replace(b"<Relationship ", b"\n<Relationship ").split(b"\n")
                                if b"numbering" not in line)
            elif info.filename == "[Content_Types].xml" and change(b"") is None:
                data = data.replace(b'<Override PartName="/word/numbering.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>', b"")
            dst.writestr(info, data)
    path = tmp / name
    path.write_bytes(out.getvalue())
    return path


def _numbering(tail: bytes) -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' + tail +
            b"</w:numbering>")


TEMPLATES = {
    "no-numbering": lambda data: None,
    "abstract-id-not-a-number": lambda data: _numbering(
        b'<w:abstractNum w:abstractNumId="bullets"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl>'
        b'</w:abstractNum><w:num w:numId="x1"><w:abstractNumId w:val="bullets"/></w:num>'),
    "quote-in-num-id": lambda data: _numbering(
        b'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>'
        b'<w:num w:numId="1&quot;]"><w:abstractNumId w:val="0"/></w:num>'),
}


def _bullet_style_points_at(template: Path, num_id: str) -> Path:
    """The template with its List Bullet style numbered by ``num_id``, as a template not made by Word might be."""
    doc = Document(str(template))
    style = doc.styles["List Bullet"] if "List Bullet" in doc.styles else doc.styles.add_style("List Bullet", 1)
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}numPr"):
        ppr.remove(old)
    numpr = ppr.makeelement("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}numPr", {})
    num = numpr.makeelement("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}numId",
                            {"{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val": num_id})
    numpr.append(num)
    ppr.insert(0, numpr)
    doc.save(str(template))
    return template


@pytest.mark.parametrize("kind", list(TEMPLATES))
def test_a_template_not_made_by_word_still_exports(kind: str, data_dir: Path, tmp_path: Path) -> None:
    template = _template(tmp_path, f"{kind}.docx", TEMPLATES[kind])
    if kind == "quote-in-num-id":
        template = _bullet_style_points_at(template, '1"]')
    sample = clerkdesk(data_dir, "sample").stdout.strip()
    out = tmp_path / "minutes.docx"
    result = clerkdesk(data_dir, "export", sample, "--format", "docx", "--template", str(template), "--out", str(out))
    assert result.returncode == 0, result.stderr
    doc = Document(str(out))
    bullets = [p for p in doc.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert bullets, "the points are a real Word list"


def test_clean_text_drops_every_character_word_forbids_and_keeps_the_rest() -> None:
    assert clean_text("a\x0bb\x00c\r\nd\x1f\ud800e\ufffe\x85f\u2028g\tč’") == "a bc\nd" + "e\nf\ng\tč’"


@pytest.mark.parametrize("args", [["new-meeting", "--committee", "Plan\udcffning", "--date", "2026-10-01"],
                                  ["search", "caf\udce9"],
                                  ["new-meeting", "--committee", "Planning", "--date", "2026-10-01", "--venue", "\udcff"]])
def test_command_line_text_that_is_not_utf8_is_one_line_exit_2(args: list[str], data_dir: Path) -> None:
    assert clerkdesk(data_dir, "sample").returncode == 0
    before = fingerprint(data_dir)
    env = {"PYTHONUTF8": "1"}  # the bytes reach Python as lone surrogates, as on any UTF-8 system
    result = subprocess.run([sys.executable, "-m", "clerkdesk", "--data-dir", str(data_dir).encode(),
                             *[a.encode("utf-8", "surrogateescape") for a in args]],
                            capture_output=True, env={**os.environ, **env}, timeout=120)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and b"not valid text" in result.stderr
    assert fingerprint(data_dir) == before
