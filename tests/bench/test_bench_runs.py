"""The benchmark runs end to end (tiny sizes) and prints its table; speed itself is not asserted here."""

from __future__ import annotations

import json
from pathlib import Path

from bench.__main__ import TINY, run, table


def test_every_row_is_measured_and_printed(qapp, tmp_path: Path) -> None:
    result = run(TINY, results=tmp_path)
    raw = result["raw"]
    figures = [raw["startup"]["ours_ms"], raw["startup"]["floor_ms"], raw["autosave"]["ours_median_ms"],
               raw["autosave"]["floor_median_ms"], raw["typing"]["max_stall_ms"], raw["export"]["ours_s"],
               raw["export"]["floor_s"], raw["open_meeting"]["ours_ms"], raw["search"]["p50_ms"],
               raw["archive"]["store_mb"], raw["archive"]["raw_text_mb"], raw["memory"]["ours_mb"],
               raw["memory"]["floor_mb"]]
    assert all(isinstance(x, float) and x > 0 for x in figures), figures
    assert raw["typing"]["chars"] == TINY.typing_chars and raw["typing"]["commits"] >= 1
    printed = table(result)
    lines = printed.splitlines()
    assert lines[0].startswith("| figure | ours |") and len(lines) == 2 + len(result["rows"])
    for words in ("start to window shown", "one autosave", "GUI stall", "Word", "open the big meeting",
                  "full-text search", "store size", "peak memory"):
        assert sum(words in line for line in lines) == 1, words
    json.dumps(result, ensure_ascii=False)  # what make bench writes to latest.json
