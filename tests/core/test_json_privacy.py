"""Part 2 stays private on the command line: the public JSON export withholds it, search says which hits are Part 2."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from clerkdesk.minutes import PRIVATE_ITEM
from clerkdesk.sample import SAMPLE
from tests.core.test_cli import clerkdesk, imported  # noqa: F401 - the fixture

SECRET = "£4.2 million"  # said in the sample's exempt item


def _exempt_items(data: dict) -> list[dict]:
    return [i for i in data["items"] if i.get("exempt")]


def test_the_public_json_export_withholds_exempt_items(data_dir: Path, imported: str, tmp_path: Path) -> None:  # noqa: F811
    assert SECRET in json.dumps(SAMPLE, ensure_ascii=False) and _exempt_items(SAMPLE)
    printed = clerkdesk(data_dir, "export", imported, "--format", "json")
    assert printed.returncode == 0, printed.stderr
    out = tmp_path / "public.json"
    written = clerkdesk(data_dir, "export", imported, "--format", "json", "--out", str(out))
    assert written.returncode == 0, written.stderr
    for text in (printed.stdout, out.read_text(encoding="utf-8")):
        assert SECRET not in text
        data = json.loads(text)
        exempt = _exempt_items(data)
        assert [(i["number"], i["title"]) for i in exempt] == [(i["number"], i["title"]) for i in _exempt_items(SAMPLE)]
        for item in exempt:  # number and title stay, as in every public version; what was said does not
            assert item["entries"] == [{"kind": "note", "text": PRIVATE_ITEM}]
            assert item["documents"] == [] and "description" not in item
    assert "withheld" in printed.stderr and len(printed.stderr.strip().splitlines()) == 1


def test_the_confidential_json_export_is_the_whole_meeting_and_owner_only(data_dir: Path, imported: str,  # noqa: F811
                                                                          tmp_path: Path) -> None:
    out = tmp_path / "whole.json"
    result = clerkdesk(data_dir, "export", imported, "--format", "json", "--confidential", "--out", str(out))
    assert result.returncode == 0, result.stderr
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert len(exported["meeting"].pop("uid")) == 32  # given on import
    assert exported == SAMPLE
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_the_help_says_what_a_public_json_export_leaves_out(data_dir: Path) -> None:
    result = clerkdesk(data_dir, "export", "--help")
    assert "withheld" in " ".join(result.stdout.split())


@pytest.mark.parametrize("words, part2", [("4.2 million", True), ("streets surveyed", False)])
def test_search_marks_part_2_hits(words: str, part2: bool, data_dir: Path, imported: str) -> None:  # noqa: F811
    result = clerkdesk(data_dir, "search", words)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), f"the sample mentions {words}"
    assert ("Part 2" in result.stdout) is part2, result.stdout
