"""``clerkdesk FILE``: a double-clicked meeting file opens in the window (issue 9).

The window itself is replaced by a stand-in ``clerkdesk.ui.app`` module, so these tests run
without Qt and whether or not the real window exists yet.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

from clerkdesk import cli
from clerkdesk.datafolder import DataFolder
from clerkdesk.sample import SAMPLE


def _fake_window(monkeypatch: pytest.MonkeyPatch, takes_open_file: bool) -> list[dict]:
    """Install a stand-in clerkdesk.ui.app whose run_app records how it was called."""
    calls: list[dict] = []
    module = types.ModuleType("clerkdesk.ui.app")
    if takes_open_file:
        def run_app(data_dir: Path, open_file: Path | None = None) -> int:
            calls.append({"data_dir": data_dir, "open_file": open_file})
            return 0
    else:
        def run_app(data_dir: Path) -> int:  # type: ignore[misc]
            calls.append({"data_dir": data_dir})
            return 0
    module.run_app = run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "clerkdesk.ui.app", module)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    return calls


@pytest.fixture
def meeting_file(tmp_path: Path) -> Path:
    """The sample meeting as a .clerkdesk file."""
    path = tmp_path / "Community Safety.clerkdesk"
    path.write_text(json.dumps(SAMPLE), encoding="utf-8")
    return path


def test_file_is_handed_to_a_window_that_takes_it(monkeypatch, tmp_path, meeting_file):
    calls = _fake_window(monkeypatch, takes_open_file=True)
    assert cli.main([str(meeting_file), "--data-dir", str(tmp_path / "data")]) == 0
    assert calls == [{"data_dir": tmp_path / "data", "open_file": meeting_file}]


def test_file_is_imported_for_a_window_that_does_not_take_it(monkeypatch, tmp_path, meeting_file):
    calls = _fake_window(monkeypatch, takes_open_file=False)
    assert cli.main(["--data-dir", str(tmp_path / "data"), str(meeting_file)]) == 0
    assert calls == [{"data_dir": tmp_path / "data"}]
    with DataFolder(tmp_path / "data").open_for_reading() as store:
        assert [m.title for m in store.list_meetings()] == [SAMPLE["meeting"]["title"]]


@pytest.mark.parametrize("content", [None, "{\"format\": \"something else\"}", "not json"])
def test_bad_meeting_file_is_one_line_and_exit_2(monkeypatch, tmp_path, capsys, content):
    calls = _fake_window(monkeypatch, takes_open_file=True)
    path = tmp_path / "meeting.clerkdesk"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert cli.main([str(path), "--data-dir", str(tmp_path / "data")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("clerkdesk: ") and err.count("\n") == 1
    assert calls == [] and not (tmp_path / "data").exists()


def test_no_display_says_so_and_imports_nothing(monkeypatch, tmp_path, capsys, meeting_file):
    if not sys.platform.startswith("linux"):
        pytest.skip("only Linux can be without a display")
    calls = _fake_window(monkeypatch, takes_open_file=True)
    for var in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    assert cli.main([str(meeting_file), "--data-dir", str(tmp_path / "data")]) == 2
    assert "no display" in capsys.readouterr().err
    assert calls == [] and not (tmp_path / "data").exists()


def test_verbs_still_win_over_files_of_the_same_name(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "list").write_text("a file called list", encoding="utf-8")
    assert cli.main(["--data-dir", str(tmp_path / "data"), "list"]) == 0
    assert cli.main([f"--data-dir={tmp_path / 'data'}", "list"]) == 0
