"""One writer per data folder, with real window processes: a second window is refused and the first
comes forward; the command line reads while the window is open and its writing verbs wait, then say so."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from clerkdesk.sample import SAMPLE
from clerkdesk.ui.single_instance import ALREADY_OPEN
from tests.core.test_cli import clerkdesk, fingerprint, write
from tests.window_process import WindowProcess


@pytest.fixture
def first_window(data_dir: Path, tmp_path: Path):
    """A real window open on the data folder (the sample meeting showing)."""
    window = WindowProcess(data_dir, tmp_path / "home")
    window.wait_for("Showing meeting 1:")
    yield window
    window.stop()


def test_a_second_window_is_refused_and_the_first_brought_forward(data_dir, tmp_path, first_window):
    second = WindowProcess(data_dir, tmp_path / "home")
    assert second.proc.wait(60) == 0
    second.wait_for(ALREADY_OPEN)
    first_window.wait_for("brought the window forward")
    assert first_window.proc.poll() is None  # the first window carries on
    assert first_window.stop() == 0  # and closes cleanly when asked


def test_the_command_line_reads_while_the_window_is_open_and_writing_waits_then_fails(data_dir, tmp_path,
                                                                                     first_window):
    for verb in (["list"], ["search", "fly-tipping"], ["export", "1", "--format", "text"]):
        result = clerkdesk(data_dir, *verb)
        assert result.returncode == 0, (verb, result.stderr)
    assert SAMPLE["meeting"]["title"] in clerkdesk(data_dir, "list").stdout
    before = fingerprint(data_dir)
    started = time.monotonic()
    refused = clerkdesk(data_dir, "import", str(write(tmp_path, "m.json", SAMPLE)))
    waited = time.monotonic() - started
    assert refused.returncode == 2
    assert "ClerkDesk is open on this data folder (the ClerkDesk window, process" in refused.stderr
    assert len(refused.stderr.splitlines()) == 1
    assert waited >= 2.5  # it waited for the window to finish a save before giving up
    assert fingerprint(data_dir) == before


def test_a_killed_window_leaves_nothing_that_stops_the_next_one(data_dir, tmp_path, first_window):
    first_window.kill()  # its local socket and lock file are left behind
    again = WindowProcess(data_dir, tmp_path / "home")
    try:
        again.wait_for("Showing meeting 1:")
        assert again.proc.poll() is None
    finally:
        assert again.stop() == 0
