"""clerkdesk quorum ID and clerkdesk quorum-rule, run for real in subprocesses."""

from __future__ import annotations

import json
from pathlib import Path

from clerkdesk.meeting_file import meeting_to_dict
from tests.core.test_cli import clerkdesk
from tests.core.test_quorum import evening


def _imported(data_dir: Path, tmp_path: Path) -> str:
    path = tmp_path / "evening.clerkdesk"
    path.write_text(json.dumps(meeting_to_dict(evening())), encoding="utf-8")
    result = clerkdesk(data_dir, "import", str(path))
    assert result.returncode == 0, result.stderr
    return result.stdout.split()[-1]


def test_the_timeline_is_one_line_per_change(data_dir: Path, tmp_path: Path):
    mid = _imported(data_dir, tmp_path)
    result = clerkdesk(data_dir, "quorum", mid)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Planning Committee, Thursday, 17 September 2026: quorum 3; remote attendance does not count.",
        "18:30  2 of 5 members counted  quorum 3  inquorate  start: the meeting starts",
        "18:50  3 of 5 members counted  quorum 3  quorate    item 2: Cat Catson arrived",
        "20:15  2 of 5 members counted  quorum 3  inquorate  item 2: Bob Bobson left",
        "20:25  3 of 5 members counted  quorum 3  quorate    item 2: Eve Eveson arrived",
        "21:00  the meeting closed quorate",
    ]


def test_a_bad_meeting_id_is_exit_2_with_one_line(data_dir: Path, tmp_path: Path):
    _imported(data_dir, tmp_path)
    for bad in ("999", "abc"):
        result = clerkdesk(data_dir, "quorum", bad)
        assert result.returncode == 2 and result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_the_committee_rule_is_set_from_the_command_line_and_the_timeline_follows(data_dir: Path, tmp_path: Path):
    mid = _imported(data_dir, tmp_path)
    result = clerkdesk(data_dir, "quorum-rule", "Planning Committee", "2", "--remote", "yes")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Planning Committee: quorum 2; remote attendance counts."
    lines = clerkdesk(data_dir, "quorum", mid).stdout.splitlines()
    assert "inquorate" not in "\n".join(lines[1:])
    for args, words in ((("Planning Committee", "lots"), "not a fraction"), (("Nobody", "3"), "no committee"),
                        (("Planning Committee",), "Give the rule")):
        bad = clerkdesk(data_dir, "quorum-rule", *args)
        assert bad.returncode == 2 and words in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    assert clerkdesk(data_dir, "quorum", mid).stdout.splitlines()[0].endswith("quorum 2; remote attendance counts.")


def test_an_export_with_a_vote_taken_inquorate_warns_once_on_stderr(data_dir: Path, tmp_path: Path):
    mid = _imported(data_dir, tmp_path)
    result = clerkdesk(data_dir, "export", mid, "--format", "text")
    assert result.returncode == 0
    assert "The meeting became inquorate at 8.15 pm." in result.stdout
    assert result.stderr.count("inquorate") == 1 and "1 vote was recorded while the meeting was inquorate" in result.stderr
