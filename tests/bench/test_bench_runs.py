"""The benchmark runs end to end (tiny sizes) and prints its table; speed itself is not asserted here."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import bench.__main__ as runner
from bench.__main__ import TINY, run, table


def _fake_kill_module():
    # The real kill run takes seconds a trial; its own tests are in tests/ui/test_crash_safety.py.
    return SimpleNamespace(kill_trials=lambda n, reopen_window=True: {
        "trials": n, "chars_lost_max": 3, "chars_lost_mean": 1.5, "seconds_lost_max": 0.4, "integrity_ok": n,
        "promise_kept": n})


def test_every_row_is_measured_and_printed(qapp, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(runner, "_kill_module", _fake_kill_module)
    result = run(replace(TINY, kill_trials=2), results=tmp_path)
    raw = result["raw"]
    figures = [raw["startup"]["ours_ms"], raw["startup"]["floor_ms"], raw["autosave"]["ours_median_ms"],
               raw["autosave"]["floor_median_ms"], raw["typing"]["max_stall_ms"], raw["export"]["ours_s"],
               raw["export"]["floor_s"], raw["open_meeting"]["ours_ms"], raw["search"]["p50_ms"],
               raw["archive"]["store_mb"], raw["archive"]["raw_text_mb"], raw["memory"]["ours_mb"],
               raw["memory"]["floor_mb"], raw["agenda"]["text_s"], raw["agenda"]["docx_s"],
               raw["startup_spelling"]["on_ms"], raw["startup_spelling"]["off_ms"],
               raw["meeting_check"]["ours_s"], raw["meeting_check"]["floor_s"],
               raw["commit_to_disk"]["p99_ms"]]
    assert all(isinstance(x, float) and x > 0 for x in figures), figures
    assert raw["typing"]["chars"] == TINY.typing_chars and raw["typing"]["commits"] >= 1
    printed = table(result)
    lines = printed.splitlines()
    assert lines[0].startswith("| figure | ours |") and len(lines) == 2 + len(result["rows"])
    for words in ("start to window shown, big meeting open |", "one autosave", "GUI stall", "Word",
                  "open the big meeting", "full-text search", "store size", "peak memory",
                  "killed (SIGKILL) while typing, 2 trials", "archive in the store", "MB agenda: typed text; .docx",
                  "big meeting open, spelling on |", "check the big meeting", "committed entry to fsynced",
                  "CPU while recording", "recording size an hour", "while recording: the longest stall"):
        assert sum(words in line for line in lines) == 1, words
    json.dumps(result, ensure_ascii=False)  # what make bench writes to latest.json


def test_the_runner_does_without_the_kill_test() -> None:
    assert runner._kill_module("bench.no_such_module") is None
    assert runner._kill_module() is not None  # bench/kill.py has landed
