"""``clerkdesk FILE``: a double-clicked meeting file opens in the window, run for real.

The window runs offscreen in a subprocess; what it did is read from the store through the core
and from the lines it logs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from clerkdesk import cli
from clerkdesk.datafolder import DataFolder
from clerkdesk.sample import SAMPLE
from tests.core.test_cli import fingerprint
from tests.window_process import WindowProcess, window_env

TITLE = SAMPLE["meeting"]["title"]


@pytest.fixture
def meeting_file(tmp_path: Path) -> Path:
    """The sample meeting as a .clerkdesk file."""
    path = tmp_path / "Community Safety.clerkdesk"
    path.write_text(json.dumps(SAMPLE), encoding="utf-8")
    return path


def _titles(data_dir: Path) -> list[str]:
    with DataFolder(data_dir).open_for_reading() as store:
        return [m.title for m in store.list_meetings()]


def test_the_file_is_imported_and_the_window_opens_on_it(tmp_path, meeting_file):
    data = tmp_path / "data"
    window = WindowProcess(data, tmp_path / "home", str(meeting_file))
    try:
        window.wait_for(f"Showing meeting 1: {TITLE}")
        assert _titles(data) == [TITLE]  # the file only: no sample meeting first
    finally:
        assert window.stop() == 0


def test_a_file_given_while_the_window_is_open_goes_to_that_window(tmp_path, meeting_file):
    data = tmp_path / "data"
    window = WindowProcess(data, tmp_path / "home")
    try:
        window.wait_for("Showing meeting 1:")  # the sample, on first run
        second = subprocess.run([sys.executable, "-m", "clerkdesk.ui", "--data-dir", str(data), str(meeting_file)],
                                env=window_env(tmp_path / "home"), capture_output=True, text=True, timeout=60)
        assert second.returncode == 0
        assert "already open on this data folder; it has been brought forward" in second.stderr
        window.wait_for(f"Showing meeting 2: {TITLE}")
        assert sorted(_titles(data)) == sorted([TITLE, TITLE])
    finally:
        assert window.stop() == 0


@pytest.mark.parametrize("content", [None, "{\"format\": \"something else\"}", "not json"])
def test_a_bad_file_is_one_line_exit_2_and_changes_nothing(tmp_path, content):
    data = tmp_path / "data"
    path = tmp_path / "meeting.clerkdesk"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "clerkdesk.ui", "--data-dir", str(data), str(path)],
                            env=window_env(tmp_path / "home"), capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("clerkdesk: ") and result.stderr.count("\n") == 1
    assert not data.exists()


def test_a_bad_file_leaves_an_existing_store_as_it_was(tmp_path, meeting_file):
    data = tmp_path / "data"
    assert subprocess.run([sys.executable, "-m", "clerkdesk.ui", "--data-dir", str(data), "import", str(meeting_file)],
                          env=window_env(tmp_path / "home"), capture_output=True, timeout=60).returncode == 0
    before = fingerprint(data)
    bad = tmp_path / "broken.clerkdesk"
    bad.write_bytes(meeting_file.read_bytes()[:200])
    result = subprocess.run([sys.executable, "-m", "clerkdesk.ui", "--data-dir", str(data), str(bad)],
                            env=window_env(tmp_path / "home"), capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert fingerprint(data) == before


def test_no_display_says_so_and_imports_nothing(tmp_path, meeting_file):
    if not sys.platform.startswith("linux"):
        pytest.skip("only Linux can be without a display")
    env = window_env(tmp_path / "home")
    for var in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(var, None)
    result = subprocess.run([sys.executable, "-m", "clerkdesk.ui", "--data-dir", str(tmp_path / "data"),
                             str(meeting_file)], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "no display" in result.stderr
    assert not (tmp_path / "data").exists()


def test_verbs_still_win_over_files_of_the_same_name(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "list").write_text("a file called list", encoding="utf-8")
    assert cli.main(["--data-dir", str(tmp_path / "data"), "list"]) == 0
    assert cli.main([f"--data-dir={tmp_path / 'data'}", "list"]) == 0
