"""The command line changes meetings through the same operations as the window, and their rules hold there too:
approved minutes are locked, people must be at the meeting, minute formats need {n}."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clerkdesk.meeting_file import write_meeting_file
from tests.builders import make_meeting
from tests.core.test_cli import clerkdesk, fingerprint


@pytest.fixture
def meeting(data_dir: Path, tmp_path: Path) -> str:
    path = tmp_path / "meeting.clerkdesk"
    path.write_text(write_meeting_file(make_meeting(committee="Community Safety Committee")), encoding="utf-8")
    result = clerkdesk(data_dir, "import", str(path))
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1]


def _refused(data_dir: Path, *args: str, says: str) -> None:
    before = fingerprint(data_dir)
    result = clerkdesk(data_dir, *args)
    assert result.returncode == 2, result
    assert len(result.stderr.splitlines()) == 1 and says in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and fingerprint(data_dir) == before


def test_an_entry_added_from_the_command_line_is_in_the_minutes(data_dir: Path, meeting: str) -> None:
    result = clerkdesk(data_dir, "add", meeting, "--item", "2", "--kind", "speech", "--speaker", "p1",
                       "asked", "about", "CCTV", "coverage.")
    assert result.returncode == 0, result.stderr
    text = clerkdesk(data_dir, "export", meeting, "--format", "text").stdout
    assert "asked about CCTV coverage." in text


def test_approved_minutes_are_locked_for_the_command_line_too(data_dir: Path, meeting: str, tmp_path: Path) -> None:
    assert clerkdesk(data_dir, "status", meeting, "approved").returncode == 0
    _refused(data_dir, "add", meeting, "--item", "2", "a late thought", says="approved")
    _refused(data_dir, "number", meeting, says="approved")
    agenda = tmp_path / "agenda.txt"
    agenda.write_text("1. Apologies\n2. Minutes\n9. Something new\n", encoding="utf-8")
    _refused(data_dir, "import-agenda", str(agenda), "--meeting", meeting, says="approved")
    _refused(data_dir, "status", meeting, "draft", says="approved")
    result = clerkdesk(data_dir, "unlock", meeting, "--reason", "a name was misspelt")
    assert result.returncode == 0, result.stderr
    assert clerkdesk(data_dir, "add", meeting, "--item", "2", "a late thought").returncode == 0
    exported = json.loads(clerkdesk(data_dir, "export", meeting, "--format", "json").stdout)
    assert exported["meeting"]["unlocked"][0]["reason"] == "a name was misspelt"


def test_an_entry_naming_someone_not_at_the_meeting_is_refused(data_dir: Path, meeting: str) -> None:
    _refused(data_dir, "add", meeting, "--item", "2", "--kind", "speech", "--speaker", "nobody", "spoke",
             says="nobody")
    _refused(data_dir, "add", meeting, "--item", "99", "spoke", says="no item numbered")


def test_a_minute_format_without_n_is_refused(data_dir: Path, meeting: str) -> None:
    _refused(data_dir, "minute-format", "Community Safety Committee", "CS/{yy}", says="{n}")
    _refused(data_dir, "minute-format", "No Such Committee", "{n}", says="no committee")
    assert clerkdesk(data_dir, "minute-format", "Community Safety Committee", "CS/{n}/{yy}").returncode == 0


def test_doctor_rebuilds_a_search_index_that_lost_its_rows(data_dir: Path, meeting: str) -> None:
    import sqlite3

    from clerkdesk.store import default_store_path

    conn = sqlite3.connect(default_store_path(data_dir))
    conn.execute("INSERT INTO search_index(search_index) VALUES ('delete-all')")
    conn.commit()
    conn.close()
    assert clerkdesk(data_dir, "search", "ward", "budget").stdout == ""
    result = clerkdesk(data_dir, "doctor", "--reindex")
    assert result.returncode == 0 and "Rebuilt the search index" in result.stdout
    assert meeting in clerkdesk(data_dir, "search", "ward", "budget").stdout


def test_the_same_meeting_file_imported_twice_is_refused_unless_a_copy(data_dir: Path, meeting: str,
                                                                       tmp_path: Path) -> None:
    out = tmp_path / "again.clerkdesk"
    assert clerkdesk(data_dir, "export", meeting, "--format", "json", "--out", str(out)).returncode == 0
    _refused(data_dir, "import", str(out), says="already here")
    result = clerkdesk(data_dir, "import", str(out), "--copy")
    assert result.returncode == 0 and result.stdout.splitlines()[-1] != meeting


def test_a_template_with_a_format_that_has_none_is_refused(data_dir: Path, meeting: str, tmp_path: Path) -> None:
    template = tmp_path / "council.dotx"
    template.write_bytes(b"not looked at")
    for fmt in ("text", "json", "html"):
        _refused(data_dir, "export", meeting, "--format", fmt, "--template", str(template), says="--template")


def test_a_mistyped_file_name_is_not_called_an_invalid_choice(data_dir: Path, tmp_path: Path) -> None:
    result = clerkdesk(data_dir, str(tmp_path / "minutes-oct.docx"))
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert "no file" in result.stderr and "clerkdesk import FILE" in result.stderr
    assert "invalid choice" not in result.stderr
