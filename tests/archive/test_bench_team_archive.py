"""The team archive's benchmark runs end to end at tiny sizes (its figures are not asserted here)."""

from __future__ import annotations

from bench.team_archive import run, table


def test_every_team_archive_row_is_measured(admin_url: str) -> None:
    result = run(admin_url, meetings=40, clients=3, queries=6, runs=1, rounds=2)
    raw = result["raw"]
    assert raw["archive"]["meetings"] == 40 and raw["archive"]["passages"] > 40 * 100
    assert raw["load"]["errors"] == 0 and raw["load"]["lost"] == 0 and raw["load"]["publications"] == 12
    assert raw["search"]["queries"] == 6 and raw["search"]["p50_ms"] > 0
    lines = table(result).splitlines()
    assert len(lines) == 2 + 5 and "publish the four-hour meeting" in lines[2]
