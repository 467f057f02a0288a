"""Benchmarks of the proofing: start-up with spelling on and off, and the whole-meeting check."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from .core import scratch
from .data import big_meeting
from .window import _Children

_SPELLING_OFF = "[settings]\nspelling = false\n"


def startup(runs: int = 7, folder: Path | None = None) -> dict[str, object]:
    """Median ms from process start to the big meeting on screen, with spelling on and with it off.

    The same children as the start-up row (bench.window), alternating on one data folder whose
    house-style.toml switches spelling off for the "off" runs. With spelling on, the dictionary
    starts loading on a pool thread once the window shows; this says whether that delays it.
    """
    children = _Children(folder or scratch())
    style = children.data_dir / "house-style.toml"

    def one(spelling: bool) -> float:
        if spelling:
            style.unlink(missing_ok=True)
        else:
            style.write_text(_SPELLING_OFF, encoding="utf-8")
        return children.run("ours")["ms"]

    one(True), one(False)  # unmeasured: byte-compiling, a cold page cache
    on, off = [], []
    for _ in range(runs):
        on.append(one(True))
        off.append(one(False))
    return {"on_ms": statistics.median(on), "off_ms": statistics.median(off),
            "on_runs_ms": [round(x, 1) for x in on], "off_runs_ms": [round(x, 1) for x in off]}


def meeting_check() -> dict[str, float]:
    """Seconds to check the four-hour meeting (spelling with first suggestions, and house style) once
    the dictionary is loaded, beside the bare engine looking up every word of it once, uncached."""
    from spylls.hunspell import Dictionary

    from clerkdesk.proofing import Proofer, Speller, check_meeting
    from clerkdesk.proofing.check import entry_texts
    from clerkdesk.proofing.spelling import checkable_words

    t = time.perf_counter()
    speller = Speller()
    load_s = time.perf_counter() - t
    meeting = big_meeting()
    t = time.perf_counter()
    findings = check_meeting(meeting, Proofer.for_meeting(meeting, speller, None))
    ours = time.perf_counter() - t
    bare = speller._dictionary  # the same loaded spylls Dictionary, asked directly
    assert isinstance(bare, Dictionary)
    words = [m.group() for item in meeting.items for entry in item.entries
             for _f, text in entry_texts(entry) for m in checkable_words(text)]
    t = time.perf_counter()
    for w in words:
        bare.lookup(w)
    floor = time.perf_counter() - t
    return {"ours_s": ours, "floor_s": floor, "load_s": load_s, "words": float(len(words)),
            "problems": float(len(findings))}
