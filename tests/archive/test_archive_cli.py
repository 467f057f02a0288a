"""The team archive through the real command line, against a real PostgreSQL server."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from clerkdesk.archive import PRIVATE_NOTICE
from clerkdesk.archive.schema import READER
from tests.pg_fixtures import make_login
from tests.core.test_cli import clerkdesk, fingerprint, write
from clerkdesk.sample import SAMPLE


def cli(data_dir: Path, url: str, *args: str) -> "object":
    return clerkdesk(data_dir, "archive", *args, "--url", url)


def imported(data_dir: Path, tmp_path: Path, record: dict = SAMPLE) -> str:
    result = clerkdesk(data_dir, "import", str(write(tmp_path, f"m{data_dir.name}.json", record)))
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def exported(data_dir: Path, meeting_id: str) -> dict:
    result = clerkdesk(data_dir, "export", meeting_id, "--format", "json", "--confidential")  # the whole record
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def one_line_refusal(result: "object", *words: str) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


def test_setup_creates_the_archive_and_running_it_again_changes_nothing(admin_url: str, tmp_path: Path) -> None:
    first = cli(tmp_path, admin_url, "setup")
    assert first.returncode == 0, first.stderr
    assert "schema version 1 (created)" in first.stdout
    second = cli(tmp_path, admin_url, "setup")
    assert second.returncode == 0, second.stderr
    assert "already up to date" in second.stdout
    with psycopg.connect(admin_url) as conn:
        roles = {r[0] for r in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE 'clerkdesk_%'")}
        assert {"clerkdesk_clerk", "clerkdesk_reader"} <= roles
        assert conn.execute("SELECT version FROM clerkdesk.schema_version").fetchall() == [(1,)]
        index = conn.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'passages_words'").fetchone()[0]
        assert "gin" in index


def test_publish_list_search_pull_round_trip_gives_the_meeting_file(archive_url: str, tmp_path: Path) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir(), there.mkdir()
    mid = imported(here, tmp_path)
    published = cli(here, archive_url, "publish", mid)
    assert published.returncode == 0, published.stderr
    uid = published.stdout.strip().splitlines()[-1]
    assert uid == exported(here, mid)["meeting"]["uid"]

    listed = cli(there, archive_url, "list")
    assert listed.returncode == 0, listed.stderr
    assert uid in listed.stdout and "Environment and Communities Committee" in listed.stdout
    other = cli(there, archive_url, "list", "--committee", "Planning Committee")
    assert other.returncode == 0 and uid not in other.stdout

    found = cli(there, archive_url, "search", "fly-tipping", "enforcement")
    assert found.returncode == 0, found.stderr
    first = found.stdout.splitlines()[0]
    assert first.startswith(f"{uid}, Environment and Communities Committee, 2026-10-15, ")
    assert "item 5 Fly-tipping Enforcement Policy: " in first and "«" in first

    without = clerkdesk(there, "archive", "search", "--url", archive_url, "-enforcement", "fly-tipping")
    assert without.returncode == 0, without.stderr  # a word to leave out may come first, as in the local search
    snippets = [line.split(": ", 1)[1] for line in without.stdout.splitlines()]
    assert snippets and not any("enforcement" in snippet.lower() for snippet in snippets), without.stdout

    pulled = cli(there, archive_url, "pull", uid[:8])
    assert pulled.returncode == 0, pulled.stderr
    local = pulled.stdout.strip().splitlines()[-1]
    assert exported(there, local) == exported(here, mid)
    again = cli(there, archive_url, "pull", uid)  # nothing changed there: pulling again keeps the same meeting
    assert again.returncode == 0 and again.stdout.strip().splitlines()[-1] == local


def test_a_changed_archive_copy_is_never_overwritten_silently(archive_url: str, tmp_path: Path) -> None:
    alice, bob = tmp_path / "alice", tmp_path / "bob"
    alice.mkdir(), bob.mkdir()
    a_id = imported(alice, tmp_path)
    uid = cli(alice, archive_url, "publish", a_id).stdout.strip().splitlines()[-1]
    b_id = cli(bob, archive_url, "pull", uid).stdout.strip().splitlines()[-1]
    assert clerkdesk(bob, "add", b_id, "--item", "5", "--kind", "note", "Bob's", "note").returncode == 0
    assert "as version 2" in cli(bob, archive_url, "publish", b_id).stdout

    assert clerkdesk(alice, "add", a_id, "--item", "5", "--kind", "note", "Alice's", "note").returncode == 0
    before = fingerprint(alice)
    refused = cli(alice, archive_url, "publish", a_id)
    line = one_line_refusal(refused, "version 2", "published by clerk_clerk on", "--force")
    assert fingerprint(alice) == before, line

    forced = cli(alice, archive_url, "publish", a_id, "--force")
    assert forced.returncode == 0 and "as version 3" in forced.stdout
    with psycopg.connect(archive_url) as conn:
        kept = conn.execute("SELECT version, strpos(record::text, 'Bob''s note') > 0 FROM clerkdesk.history "
                            "WHERE uid = %s ORDER BY version", (uid,)).fetchall()
    assert kept == [(1, False), (2, True)]  # Bob's version is in the history, not lost

    # Bob's machine now has a stale copy with nothing new: pulling replaces it; with a change it is refused.
    assert clerkdesk(bob, "add", b_id, "--item", "5", "--kind", "note", "More", "from", "Bob").returncode == 0
    one_line_refusal(cli(bob, archive_url, "pull", uid), "has changes", "--force")
    assert cli(bob, archive_url, "pull", uid, "--force").returncode == 0
    assert exported(bob, b_id) == exported(alice, a_id)


def test_a_reader_sees_part_2_titles_and_the_private_notice_only(pg_cluster, archive_db: str, archive_url: str,
                                                                 tmp_path: Path) -> None:
    clerk_dir, reader_dir = tmp_path / "clerk", tmp_path / "reader"
    clerk_dir.mkdir(), reader_dir.mkdir()
    mid = imported(clerk_dir, tmp_path)
    uid = cli(clerk_dir, archive_url, "publish", mid).stdout.strip().splitlines()[-1]
    reader_url = make_login(pg_cluster, archive_db, "public", READER)

    # The clerk finds the Part 2 words; the reader finds the item by title only.
    assert "Waste Collection Contract" in cli(clerk_dir, archive_url, "search", "financial envelope").stdout
    hidden = cli(reader_dir, reader_url, "search", "financial envelope")
    assert hidden.returncode == 0 and hidden.stdout == ""
    assert "Waste Collection Contract" in cli(reader_dir, reader_url, "search", "waste", "contract").stdout

    pulled = cli(reader_dir, reader_url, "pull", uid)
    assert pulled.returncode == 0, pulled.stderr
    meeting = exported(reader_dir, pulled.stdout.strip().splitlines()[-1])
    part2 = next(i for i in meeting["items"] if i["exempt"])
    assert part2["title"] == "Waste Collection Contract: Extension"
    assert [e["text"] for e in part2["entries"]] == [PRIVATE_NOTICE]
    assert "envelope" not in json.dumps(meeting) and "4.2 million" not in json.dumps(meeting)

    with psycopg.connect(reader_url) as conn:  # and not by going round ClerkDesk either
        for table in ("private_items", "private_passages", "history"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SELECT * FROM clerkdesk.{table}")
            conn.rollback()
        assert "envelope" not in conn.execute("SELECT record::text FROM clerkdesk.meetings").fetchone()[0]
    one_line_refusal(cli(reader_dir, reader_url, "publish", pulled.stdout.strip().splitlines()[-1], "--force"),
                     "clerkdesk_clerk")


@pytest.mark.parametrize("url, words", [
    ("http://db.council.local/clerkdesk", ("postgresql://",)),
    ("postgresql://someone@127.0.0.1:notaport/x", ("port",)),
    ("postgresql://someone@127.0.0.1:1/x", ("cannot be reached",)),
])
def test_bad_archive_urls_are_one_line_and_exit_2(url: str, words: tuple[str, ...], tmp_path: Path) -> None:
    one_line_refusal(cli(tmp_path, url, "list"), *words)


def test_a_wrong_password_or_unknown_database_is_one_line(pg_cluster, archive_db: str, archive_url: str,
                                                          tmp_path: Path) -> None:
    wrong = pg_cluster.url(archive_db, user="clerk_clerk", password="not-the-password")
    line = one_line_refusal(cli(tmp_path, wrong, "list"), "refused the user “clerk_clerk”")
    assert "not-the-password" not in line
    one_line_refusal(cli(tmp_path, pg_cluster.url("no_such_db"), "list"), "no database “no_such_db”")
    one_line_refusal(clerkdesk(tmp_path, "archive", "list"), "--url", "CLERKDESK_ARCHIVE_URL")
    one_line_refusal(cli(tmp_path, pg_cluster.url(archive_db), "publish", "1"), "no meeting 1")


def test_an_archive_not_set_up_says_so(admin_url: str, tmp_path: Path) -> None:
    one_line_refusal(cli(tmp_path, admin_url, "list"), "not set up yet", "clerkdesk archive setup")


def test_a_new_meeting_plans_from_the_committees_last_meeting_in_the_archive(archive_url: str,
                                                                              tmp_path: Path) -> None:
    alice, bob = tmp_path / "alice", tmp_path / "bob"
    alice.mkdir(), bob.mkdir()
    mid = imported(alice, tmp_path)
    uid = cli(alice, archive_url, "publish", mid).stdout.strip().splitlines()[-1]
    committee = "Environment and Communities Committee"
    made = clerkdesk(bob, "new-meeting", "--committee", committee, "--date", "2026-12-10", "--from-archive",
                     "--url", archive_url)
    assert made.returncode == 0, made.stderr
    assert "Pulled the committee's last meeting" in made.stderr
    new = exported(bob, made.stdout.strip().splitlines()[-1])
    assert [i["title"] for i in new["items"]][:3] == ["Apologies for Absence", "Declarations of Interest",
                                                      "Minutes of the Previous Meeting"]
    assert "15 October 2026" in json.dumps(new)  # the minutes approved are the archived meeting's
    assert any("negotiation" in json.dumps(i) for i in new["items"])  # its open action (Part 2) carried
    listed = clerkdesk(bob, "list").stdout
    assert listed.count("Environment and Communities Committee") == 2, listed
    pulled = next(line.split()[0] for line in listed.splitlines() if "2026-10-15" in line)
    assert exported(bob, pulled)["meeting"]["uid"] == uid  # the archived meeting itself, under its uid
