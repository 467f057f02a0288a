"""``clerkdesk search``: phrases, OR, words left out, and minute numbers, through the real command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from clerkdesk.search_text import fts_query, parse_query
from tests.core.test_cli import clerkdesk, fingerprint, write


def meeting(date: str, items: list[tuple[str, str, str]]) -> dict:
    """A meeting file with these (minute number, title, note) items."""
    return {
        "format": "clerkdesk.meeting", "version": 1,
        "committee": {"name": "Environment and Communities Committee", "minute_format": "EC/{n}/{yy}"},
        "meeting": {"title": "Environment and Communities Committee", "date": date, "start": "18:30",
                    "venue": "Council Chamber", "status": "draft"},
        "people": [],
        "items": [{"number": str(n), "title": title, "minute_number": minute, "exempt": False, "documents": [],
                   "entries": [{"kind": "note", "text": note}]}
                  for n, (minute, title, note) in enumerate(items, 1)],
    }


@pytest.fixture
def ids(data_dir: Path, tmp_path: Path) -> dict[str, str]:
    """Three meetings: fly-tipping (with EC/25/26), fly posting, graffiti."""
    made = {}
    for name, date, items in (
            ("tipping", "2026-10-15", [("EC/25/26", "Fly-tipping Enforcement Policy",
                                        "Members asked about fines for fly-tipping in back lanes."),
                                       ("EC/26/26", "Budget Monitoring", "The budget was on track.")]),
            ("posting", "2026-11-19", [("EC/31/26", "Fly Posting", "Fly posters on the bridge were removed.")]),
            ("graffiti", "2026-12-10", [("EC/40/26", "Graffiti Removal", "Graffiti on the underpass was cleaned.")])):
        result = clerkdesk(data_dir, "import", str(write(tmp_path, f"{name}.json", meeting(date, items))))
        assert result.returncode == 0, result.stderr
        made[name] = result.stdout.split()[-1]
    return made


def found(data_dir: Path, *words: str) -> list[str]:
    """The meeting ids a search prints, in order."""
    result = clerkdesk(data_dir, "search", *words)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return [line.split()[0] for line in result.stdout.splitlines() if line[:6].strip().isdigit()]


def test_words_must_all_appear(data_dir: Path, ids: dict[str, str]) -> None:
    assert sorted(found(data_dir, "fly")) == sorted([ids["tipping"], ids["posting"]])
    assert found(data_dir, "fly", "bridge") == [ids["posting"]]


def test_a_quoted_phrase_keeps_its_words_together(data_dir: Path, ids: dict[str, str]) -> None:
    assert found(data_dir, '"back lanes"') == [ids["tipping"]]
    assert found(data_dir, '"lanes back"') == []
    assert found(data_dir, '"fly posters"') == [ids["posting"]]


def test_or_finds_either(data_dir: Path, ids: dict[str, str]) -> None:
    assert sorted(found(data_dir, "graffiti", "OR", "bridge")) == sorted([ids["graffiti"], ids["posting"]])
    assert sorted(found(data_dir, '"back lanes" OR underpass')) == sorted([ids["tipping"], ids["graffiti"]])


def test_a_leading_minus_leaves_a_word_out(data_dir: Path, ids: dict[str, str]) -> None:
    # Once parsed as an unknown option; now a word to leave out, with or without -- before it.
    assert found(data_dir, "fly", "-tipping") == [ids["posting"]]
    assert found(data_dir, "--", "fly", "-tipping") == [ids["posting"]]
    assert found(data_dir, "--", "-tipping", "fly") == [ids["posting"]]
    assert found(data_dir, "-tipping", "fly") == [ids["posting"]]
    assert found(data_dir, '"fly posters"', "-bridge") == []
    assert found(data_dir, "fly", "-tipping", "-posting", '-"fly posters"') == []
    # A hyphen inside a word is part of it, not an exclusion.
    assert found(data_dir, "fly-tipping", "fines") == [ids["tipping"]]


def test_only_words_to_leave_out_is_refused_in_one_line(data_dir: Path, ids: dict[str, str]) -> None:
    before = fingerprint(data_dir)
    for words in (["--", "-tipping"], ["-tipping"], [], ["OR"]):
        result = clerkdesk(data_dir, "search", *words)
        assert result.returncode == 2, words
        assert len(result.stderr.splitlines()) == 1 and "Say what to search for" in result.stderr
    assert fingerprint(data_dir) == before


def test_a_minute_number_finds_its_item(data_dir: Path, ids: dict[str, str]) -> None:
    result = clerkdesk(data_dir, "search", "EC/25/26")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == ids["tipping"]
    assert "item 1: Fly-tipping Enforcement Policy" in result.stdout
    assert found(data_dir, "ec/31/26") == [ids["posting"]]  # case does not matter
    assert found(data_dir, "EC/25/26", "fines") == [ids["tipping"]]  # other words: in that item
    assert found(data_dir, "EC/26/26", "fines") == []  # fines are minuted under EC/25/26, not EC/26/26
    assert sorted(found(data_dir, "EC/25/26", "OR", "EC/40/26")) == sorted([ids["tipping"], ids["graffiti"]])
    assert found(data_dir, "EC/99/26") == []


def test_help_shows_the_syntax(data_dir: Path) -> None:
    result = clerkdesk(data_dir, "search", "--help")
    assert result.returncode == 0
    for example in ('"fly tipping" OR graffiti', "fly -tipping", "-- -tipping", "EC/25/26"):
        assert example in result.stdout


@pytest.mark.parametrize("words, query", [
    ("fly tipping", '"fly" "tipping"'),
    ('"fly tipping" OR graffiti', '("fly tipping") OR ("graffiti")'),
    ("fly -tipping", '("fly") NOT "tipping"'),
    ("a OR b AND c -d", '(("a") OR ("b" "c")) NOT "d"'),
    ("O'Neill 5(a) \"", '"O\'Neill" "5(a)"'),
    ("-only", None),
    ("OR AND", None),
])
def test_the_fts_query_quotes_every_word(words: str, query: str | None) -> None:
    assert fts_query(words, prefix=False) == query


def test_search_as_you_type_extends_only_a_bare_last_word() -> None:
    assert fts_query("fly tip", prefix=True) == '"fly" "tip"*'
    assert fts_query('"fly tip"', prefix=True) == '"fly tip"'
    assert fts_query("fly -tip", prefix=True) == '("fly") NOT "tip"'
    assert parse_query("a OR OR b").groups == [["a"], ["b"]]

