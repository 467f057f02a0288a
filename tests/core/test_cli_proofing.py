"""clerkdesk check and clerkdesk words, run as the real command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from clerkdesk import ops
from clerkdesk.meeting_file import write_meeting_file
from clerkdesk.model import Entry
from clerkdesk.store import Store
from clerkdesk.store.connection import default_store_path
from tests.builders import make_meeting
from tests.core.test_cli import clerkdesk, fingerprint


def _import(data_dir: Path, tmp_path: Path, texts: list[str]) -> str:
    meeting = make_meeting(items=3, entries=6, people=6, committee="Community Safety Committee")
    meeting.items[2].entries += [Entry(kind="note", text=t) for t in texts]
    path = tmp_path / "meeting.clerkdesk"
    path.write_text(write_meeting_file(meeting), encoding="utf-8")
    result = clerkdesk(data_dir, "import", str(path))
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1]


def test_check_prints_each_problem_and_exits_1(data_dir: Path, tmp_path: Path) -> None:
    mid = _import(data_dir, tmp_path, ["The report was recieved.", "Cllr Shah asked a question."])
    result = clerkdesk(data_dir, "check", mid)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == ['item 3, entry 3: spelling: "recieved" → received',
                                          'item 3, entry 4: house style: "Cllr" → Councillor',
                                          "1 spelling, 1 house style."]


def test_a_clean_meeting_exits_0(data_dir: Path, tmp_path: Path) -> None:
    mid = _import(data_dir, tmp_path, ["The report was noted."])
    result = clerkdesk(data_dir, "check", mid)
    assert (result.returncode, result.stdout) == (0, "No spelling or house-style problems.\n"), result.stderr


@pytest.mark.parametrize("args, says", [(("check", "99"), "no meeting 99"), (("check", "x"), "not a meeting id"),
                                        (("words", "add"), "Give the words"), (("words", "add", "two words"), "more than one")])
def test_bad_input_is_one_line_and_exit_2(data_dir: Path, tmp_path: Path, args: tuple[str, ...], says: str) -> None:
    _import(data_dir, tmp_path, [])
    before = fingerprint(data_dir)
    result = clerkdesk(data_dir, *args)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result
    assert says in result.stderr and fingerprint(data_dir) == before
    assert not (data_dir / "council-words.txt").exists()


def test_fix_style_edits_through_the_operations_and_leaves_spelling(data_dir: Path, tmp_path: Path) -> None:
    mid = _import(data_dir, tmp_path, ["Cllr Shah spoke at 6:30pm about the  recieved report."])
    result = clerkdesk(data_dir, "check", mid, "--fix-style")
    assert result.returncode == 1 and "Made the house-style fixes in 1 entry." in result.stdout, result
    assert result.stdout.splitlines()[-2:] == ['item 3, entry 3: spelling: "recieved" → received', "1 spelling, 0 house style."]
    with Store(default_store_path(data_dir)) as store:
        entry = store.load_meeting(int(mid)).items[2].entries[-1]
        assert entry.text == "Councillor Shah spoke at 6.30 pm about the recieved report."
        # The same edit the window makes, so it is undone like any other.
        undone = ops.run(store, ops.edit_entry(store, entry.id, text="x").inverse)
        assert undone.entries[0].entry.text == entry.text


def test_approved_minutes_are_not_fixed(data_dir: Path, tmp_path: Path) -> None:
    mid = _import(data_dir, tmp_path, ["Cllr Shah spoke."])
    assert clerkdesk(data_dir, "status", mid, "approved").returncode == 0
    before = fingerprint(data_dir)
    result = clerkdesk(data_dir, "check", mid, "--fix-style")
    assert result.returncode == 2 and "read-only" in result.stderr and fingerprint(data_dir) == before


def test_words_add_and_list_round_trip_and_check_then_passes(data_dir: Path, tmp_path: Path) -> None:
    mid = _import(data_dir, tmp_path, ["Zorbington Parish agreed."])
    assert clerkdesk(data_dir, "check", mid).returncode == 1
    result = clerkdesk(data_dir, "words", "add", "Zorbington", "Tŷ")
    assert result.returncode == 0 and "Added 2 words" in result.stdout
    assert clerkdesk(data_dir, "words", "list").stdout == "Zorbington\nTŷ\n"
    assert clerkdesk(data_dir, "check", mid).returncode == 0
