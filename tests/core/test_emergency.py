"""The emergency file: text that could not be saved, on the disk until it is (clerkdesk/emergency.py)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from clerkdesk import emergency
from clerkdesk.emergency import UnsavedText


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own (the fallback place for the emergency file)."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def test_unsaved_text_is_appended_owner_only_and_read_back_per_meeting(data_dir, home):
    path = emergency.record(data_dir, [UnsavedText(1, "draft", "The Chair no")], "s1")
    assert path == data_dir / emergency.EMERGENCY_NAME
    emergency.record(data_dir, [UnsavedText(1, "entry", "The Chair noted the report."),
                                UnsavedText(2, "draft", "Apologies from")], "s1")
    emergency.record(data_dir, [UnsavedText(1, "draft", "Councillor O’Neill asked"),
                                UnsavedText(1, "draft", "   ")], "s1")  # blank text is not worth a line
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(path.read_text(encoding="utf-8").splitlines()) == 4
    # The draft typed before an entry became that entry; the one after it is still being typed.
    assert emergency.unsaved_text(data_dir) == {1: "The Chair noted the report.\nCouncillor O’Neill asked",
                                                2: "Apologies from"}


def test_a_line_cut_short_by_a_crash_is_skipped(data_dir, home):
    path = emergency.record(data_dir, [UnsavedText(1, "entry", "kept")], "s")
    with open(path, "ab") as f:
        f.write(b'{"time": "2026-09-17T19:00:00", "meeting": 1, "kind": "entry", "te')
    assert emergency.unsaved_text(data_dir) == {1: "kept"}


def test_forget_by_session_and_by_meeting(data_dir, home):
    emergency.record(data_dir, [UnsavedText(1, "entry", "from the last run")], "old")
    emergency.record(data_dir, [UnsavedText(1, "entry", "now"), UnsavedText(2, "entry", "other meeting")], "new")
    emergency.forget(data_dir, session="new")  # this run's saves went through
    assert emergency.unsaved_text(data_dir) == {1: "from the last run"}
    emergency.record(data_dir, [UnsavedText(2, "draft", "still waiting")], "new")
    emergency.forget(data_dir, meeting_id=1)
    assert emergency.unsaved_text(data_dir) == {2: "still waiting"}
    emergency.forget(data_dir)
    assert not emergency.emergency_path(data_dir).exists()


def test_replace_makes_one_draft_of_what_was_put_back(data_dir, home):
    emergency.record(data_dir, [UnsavedText(1, "entry", "one"), UnsavedText(1, "entry", "two"),
                                UnsavedText(3, "draft", "elsewhere")], "old")
    emergency.replace(data_dir, 1, "one\ntwo\nthree", "recovered")
    assert emergency.unsaved_text(data_dir) == {1: "one\ntwo\nthree", 3: "elsewhere"}
    emergency.record(data_dir, [UnsavedText(1, "entry", "one\ntwo\nthree and four")], "new")
    assert emergency.unsaved_text(data_dir)[1] == "one\ntwo\nthree and four"  # nothing twice


def test_a_folder_that_cannot_be_written_sends_it_to_the_home_folder(data_dir, home):
    # Something in the way of the file beside the store (a read-only folder does the same; tests run as root).
    (data_dir / emergency.EMERGENCY_NAME).mkdir()
    path = emergency.record(data_dir, [UnsavedText(1, "draft", "kept somewhere")], "s")
    assert path == emergency.fallback_path(data_dir) and path.parent == home
    assert emergency.unsaved_text(data_dir) == {1: "kept somewhere"}
    emergency.forget(data_dir)
    assert not path.exists()
