"""Benchmarks of the core, each beside its floor: the same work done by the bare libraries."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from clerkdesk.store import schema
from clerkdesk import store as store_module
from clerkdesk.store import Store, default_store_path

from . import data
from .data import TOPICS, archive_path, big_meeting, build_archive


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0–100) of values, nearest-rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def autosave(folder: Path, runs: int = 300) -> dict[str, float]:
    """One autosave (edit one entry's text, commit) through the store, and a bare sqlite3 UPDATE + COMMIT."""
    with Store(default_store_path(folder / "autosave")) as store:
        mid = store.import_meeting(big_meeting())
        ids = [e.id for item in store.load_meeting(mid).items for e in item.entries]
        ours = []
        for n in range(runs):
            eid = ids[n % len(ids)]
            t = time.perf_counter()
            store.update_entry(eid, text=f"asked whether the figures for round {n} were final.")
            ours.append(time.perf_counter() - t)
    conn = sqlite3.connect(folder / "floor.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, text TEXT)")
    conn.executemany("INSERT INTO entries(text) VALUES (?)", [("x",)] * 1000)
    floor = []
    for n in range(runs):
        t = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("UPDATE entries SET text = ? WHERE id = ?", (f"asked whether round {n} was final.", n % 1000 + 1))
        conn.execute("COMMIT")
        floor.append(time.perf_counter() - t)
    conn.close()
    return {"ours_median_ms": statistics.median(ours) * 1000, "ours_p99_ms": percentile(ours, 99) * 1000,
            "floor_median_ms": statistics.median(floor) * 1000, "floor_p99_ms": percentile(floor, 99) * 1000}


def archive(cache: Path, meetings: int = 2400) -> tuple[Path, dict[str, float]]:
    """The ten-year archive, built once and cached; its size against the raw text it holds.

    The cache is rebuilt when the schema or the data generator changes, so the size is always
    that of the store the current code writes.
    """
    path = archive_path(cache, meetings)
    info = path.with_suffix(".info")
    key = _archive_key(meetings)
    cached = info.read_text().split() if path.exists() and info.exists() else []
    if len(cached) != 4 or cached[3] != key:
        for stale in cache.glob(path.name + "*"):
            stale.unlink()
        t = time.perf_counter()
        with Store(path) as store:
            entries, text_bytes = build_archive(store, meetings=meetings)
            store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cached = [str(entries), str(text_bytes), f"{time.perf_counter() - t:.1f}", key]
        info.write_text(" ".join(cached))
    entries, text_bytes, seconds = int(cached[0]), int(cached[1]), float(cached[2])
    size = path.stat().st_size
    return path, {"entries": entries, "store_mb": size / 1e6, "raw_text_mb": text_bytes / 1e6,
                  "build_s": seconds}


def _archive_key(meetings: int) -> str:
    """A digest of what decides the archive's contents: the schema and store code, the generator, the size."""
    digest = hashlib.sha256(str(meetings).encode())
    for module in (schema, store_module, data):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


def search(path: Path, queries: int = 100, seed: int = 7) -> dict[str, float]:
    """Full-text search over the archive as a clerk types: p50 and p99 of 100 queries."""
    rng = random.Random(seed)
    words = sorted({w for topic in TOPICS for w in topic.split() if len(w) > 3})
    asks = []
    for n in range(queries):
        if n % 3 == 0:
            asks.append(rng.choice(words)[: rng.randint(3, 6)])  # part of a word, typed so far
        elif n % 3 == 1:
            asks.append(" ".join(rng.sample(words, 2)))
        else:
            asks.append(rng.choice(TOPICS))
    times, found = [], 0
    with Store(path, check=False) as store:
        store.search("warm up the page cache")
        for words_typed in asks:
            t = time.perf_counter()
            hits = store.search(words_typed)
            times.append(time.perf_counter() - t)
            found += bool(hits)
    return {"p50_ms": percentile(times, 50) * 1000, "p99_ms": percentile(times, 99) * 1000,
            "queries_with_hits": found}


def planning_reads(path: Path, runs: int = 20) -> dict[str, float]:
    """Planning's reads in the archive, through the core: an action's carried copies (marking it done),
    the minute-number base of a new meeting, and the committee's previous meeting. Worst of each, in ms."""
    from clerkdesk import planning

    with Store(path, check=False) as store:
        committee, date = store.db.conn.execute(
            "SELECT c.name, max(m.date) FROM meetings m JOIN committees c ON c.id = m.committee_id "
            "GROUP BY c.id ORDER BY count(*) DESC LIMIT 1").fetchone()
        action = store.db.conn.execute("SELECT max(id) FROM entries WHERE kind = 'action'").fetchone()[0]
        out = {"meetings": store.db.conn.execute("SELECT count(*) FROM meetings").fetchone()[0]}
        for name, read in (("action_done_ms", lambda: store.action_family(action)),
                           ("minute_base_ms", lambda: planning.minute_number_base(store, committee, date)),
                           ("previous_meeting_ms", lambda: store.latest_meeting_before(committee, date))):
            read()
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                read()
                times.append(time.perf_counter() - t)
            out[name] = max(times) * 1000
    return out


def store_open(path: Path) -> dict[str, float]:
    """Opening the archive store, with and without the integrity check."""
    out = {}
    for check in (True, False):
        t = time.perf_counter()
        Store(path, check=check).close()
        out["open_checked_ms" if check else "open_unchecked_ms"] = (time.perf_counter() - t) * 1000
    return out


def scratch() -> Path:
    """A temporary folder for one benchmark run."""
    return Path(tempfile.mkdtemp(prefix="clerkdesk-bench-", dir=os.environ.get("TMPDIR")))


AGENDA_LINE = "The committee is asked to note the report of the Head of Community Safety on the ward budget, line {n}."


def agenda_lines(megabytes: float, items: int = 40) -> list[str]:
    """A typed agenda of about ``megabytes``, its lines shared among ``items`` items."""
    lines = ["Community Safety Scrutiny Committee", "Thursday 17 September 2026 at 6.30 pm"]
    total = int(megabytes * 1024 * 1024) // (len(AGENDA_LINE) + 3)
    per_item = max(1, total // items)
    for n in range(total):
        if n % per_item == 0 and n // per_item < items:
            lines.append(f"{n // per_item + 1}. Item number {n // per_item + 1} (Pages {n} - {n + 9})")
        lines.append(AGENDA_LINE.format(n=n))
    return lines


def _agenda_docx(lines: list[str]) -> bytes:
    """The lines as the paragraphs of a Word document, its XML written straight (python-docx is slow at this size)."""
    import io
    import zipfile
    from xml.sax.saxutils import escape

    from docx import Document

    blank = io.BytesIO()
    Document().save(blank)
    source = zipfile.ZipFile(io.BytesIO(blank.getvalue()))
    body = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
            'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in lines)
            + "</w:body></w:document>").encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in source.infolist():
            dst.writestr(info.filename, body if info.filename == "word/document.xml" else source.read(info))
    return out.getvalue()


def agenda_import(megabytes: float = 5.0) -> dict[str, float]:
    """Reading a text agenda and a Word agenda of ``megabytes`` of text each, against decoding and parsing them bare."""
    import io
    import zipfile

    from lxml import etree

    from clerkdesk.agenda_import import read_agenda_bytes

    lines = agenda_lines(megabytes)
    text = "\n".join(lines).encode("utf-8")
    docx = _agenda_docx(lines)
    out: dict[str, float] = {"text_mb": len(text) / 1048576, "docx_xml_mb": len("".join(lines)) / 1048576}
    t = time.perf_counter()
    read_agenda_bytes(text, "agenda.txt")
    out["text_s"] = time.perf_counter() - t
    t = time.perf_counter()
    text.decode("utf-8").splitlines()
    out["text_floor_s"] = time.perf_counter() - t
    t = time.perf_counter()
    read_agenda_bytes(docx, "agenda.docx")
    out["docx_s"] = time.perf_counter() - t
    t = time.perf_counter()
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    ["".join(p.itertext()) for p in root.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")]
    out["docx_floor_s"] = time.perf_counter() - t
    return out
