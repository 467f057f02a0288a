"""The planning verbs (import-agenda, new-meeting, actions), run for real in subprocesses."""

from __future__ import annotations

from pathlib import Path

import pytest

from clerkdesk.sample import SAMPLE
from clerkdesk.store import Store, default_store_path
from tests.core.test_agenda_import import TITLES, make_pdf
from tests.core.test_cli import clerkdesk, fingerprint, write
from tests.council_material import TABLE_AGENDA

COMMITTEE = SAMPLE["committee"]["name"]


@pytest.fixture
def imported(data_dir: Path, tmp_path: Path) -> str:
    """The sample meeting (with an action) imported through the command line; its id."""
    result = clerkdesk(data_dir, "import", str(write(tmp_path, "sample.json", SAMPLE)))
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def _meeting(data_dir: Path, mid: str):
    with Store(default_store_path(data_dir)) as store:
        return store.load_meeting(int(mid))


def test_import_agenda_makes_a_new_meeting_and_prints_its_id(data_dir: Path, council: Path) -> None:
    result = clerkdesk(data_dir, "import-agenda", str(council / TABLE_AGENDA))
    assert result.returncode == 0, result.stderr
    mid = result.stdout.strip().splitlines()[-1]
    assert mid.isdigit()
    m = _meeting(data_dir, mid)  # committee, date and time as the agenda's heading gives them
    assert (m.committee.name, m.date, m.start) == ("Community Safety Scrutiny Committee", "2026-09-17", "18:30")
    assert [i.title for i in m.items] == TITLES
    assert [i.exempt for i in m.items] == [False] * 7 + [True, True]


def test_import_agenda_into_a_meeting(data_dir: Path, tmp_path: Path) -> None:
    new = clerkdesk(data_dir, "new-meeting", "--committee", "Licensing Committee", "--date", "2026-11-12",
                    "--time", "10:00", "--venue", "Council Chamber")
    assert new.returncode == 0, new.stderr
    mid = new.stdout.strip()
    assert mid.isdigit()
    pdf = tmp_path / "agenda.pdf"
    pdf.write_bytes(make_pdf([["1. Apologies for Absence", "2. Taxi Licensing Policy (Pages 5 - 20)"]]))
    result = clerkdesk(data_dir, "import-agenda", str(pdf), "--meeting", mid)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == mid
    m = _meeting(data_dir, mid)
    assert [i.title for i in m.items] == ["Apologies for Absence", "Declarations of Interest", "Taxi Licensing Policy"]
    assert (m.start, m.venue) == ("10:00", "Council Chamber")


def test_new_meeting_carries_actions_and_actions_lists_them(data_dir: Path, imported: str) -> None:
    listed = clerkdesk(data_dir, "actions", "--committee", COMMITTEE)
    assert listed.returncode == 0, listed.stderr
    assert "to report the results of the evening crew trial" in listed.stdout
    assert "Thursday, 15 October 2026" in listed.stdout
    new = clerkdesk(data_dir, "new-meeting", "--committee", COMMITTEE, "--date", "2026-11-19", "--title",
                    "Special meeting")
    assert new.returncode == 0, new.stderr
    m = _meeting(data_dir, new.stdout.strip())
    assert m.title == "Special meeting"
    assert "Action log" in [i.title for i in m.items]
    assert clerkdesk(data_dir, "actions").stdout == listed.stdout  # the carried copy is the same action
    none = clerkdesk(data_dir, "actions", "--committee", "Planning Committee")
    assert none.returncode == 0 and none.stdout == "" and "No open actions" in none.stderr


@pytest.mark.parametrize("args, says", [
    (["new-meeting", "--committee", COMMITTEE, "--date", "17/11/2026"], "not a date"),
    (["new-meeting", "--committee", COMMITTEE, "--date", "2026-11-19", "--time", "7pm"], "not a time"),
    (["new-meeting", "--date", "2026-11-19"], "--committee"),
    (["new-meeting", "--committee", "  ", "--date", "2026-11-19"], "committee"),
    (["import-agenda", "{agenda}", "--meeting", "999"], "no meeting 999"),
    (["import-agenda", "{agenda}", "--date", "next Tuesday"], "not a date"),
    (["import-agenda", "{letter}", "--committee", COMMITTEE, "--date", "2026-11-19"], "No numbered agenda items"),
    (["import-agenda", "{undated}"], "--date"),
    (["import-agenda", "{doc}", "--committee", COMMITTEE, "--date", "2026-11-19"], "save it as .docx"),
    (["import-agenda", "{scan}", "--committee", COMMITTEE, "--date", "2026-11-19"], "may be a scan"),
    (["import-agenda", "{empty}", "--committee", COMMITTEE, "--date", "2026-11-19"], "empty"),
    (["import-agenda", "/nonexistent/agenda.docx"], "no file"),
    (["import-agenda", "{agenda}", "--meeting", "{id}"], "approved"),
])
def test_bad_input_exits_2_with_one_line_and_changes_nothing(data_dir: Path, tmp_path: Path, imported: str,
                                                             args: list[str], says: str) -> None:
    files = {"agenda": write(tmp_path, "agenda.txt", "1. Apologies\n2. Budget\n"),
             "letter": write(tmp_path, "letter.txt", "Dear clerk, the papers are attached.\n"),
             "undated": write(tmp_path, "undated.txt", "Planning Committee\n1. Apologies\n"),
             "empty": write(tmp_path, "empty.txt", ""),
             "id": imported}
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    (tmp_path / "scan.pdf").write_bytes(make_pdf([[]]))
    files.update(doc=tmp_path / "old.doc", scan=tmp_path / "scan.pdf")
    # The sample meeting is approved, so adding items to it needs a deliberate unlock first.
    with Store(default_store_path(data_dir)) as store:
        store.update_meeting(int(imported), status="approved")
    before = fingerprint(data_dir)
    result = clerkdesk(data_dir, *[a.format(**files) if "{" in a else a for a in args])
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and says in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert fingerprint(data_dir) == before


def test_help_lists_the_planning_verbs(data_dir: Path) -> None:
    help_text = clerkdesk(data_dir, "--help").stdout
    for verb in ("import-agenda", "new-meeting", "actions"):
        assert verb in help_text
