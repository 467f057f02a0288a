"""The bundle's entry point (installer/clerkdesk_entry.py), in-process: what only a frozen ClerkDesk does."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ENTRY = Path(__file__).resolve().parents[2] / "installer" / "clerkdesk_entry.py"


@pytest.fixture(scope="module")
def entry():
    spec = importlib.util.spec_from_file_location("clerkdesk_entry", ENTRY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_started_programs_get_the_clerks_library_path_back(entry, monkeypatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/clerkdesk/_internal")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/usr/local/lib")
    monkeypatch.setenv("QT_PLUGIN_PATH", "/opt/clerkdesk/_internal/PySide6/Qt/plugins")
    entry.restore_child_environment()
    assert os.environ["LD_LIBRARY_PATH"] == "/usr/local/lib"
    assert "LD_LIBRARY_PATH_ORIG" not in os.environ and "QT_PLUGIN_PATH" not in os.environ


def test_started_programs_get_no_library_path_when_the_clerk_had_none(entry, monkeypatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/clerkdesk/_internal")
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG", raising=False)
    entry.restore_child_environment()
    assert "LD_LIBRARY_PATH" not in os.environ


def test_the_environment_is_left_alone_when_not_bundled(entry, monkeypatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", "/somewhere")
    entry.restore_child_environment()
    assert os.environ["LD_LIBRARY_PATH"] == "/somewhere"


def test_windowed_build_shows_the_complaint_in_a_message_box(entry, monkeypatch, qapp) -> None:
    """clerkdesk.exe has no stderr: a broken meeting file double-clicked gets a message box, not silence."""
    shown: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning", lambda _parent, _title, text: shown.append(text))
    monkeypatch.setattr(sys, "stderr", None)

    def refuse() -> int:
        print("clerkdesk: Minutes.clerkdesk is not a ClerkDesk meeting file.", file=sys.stderr)
        return 2

    assert entry.run_windowed(refuse) == 2
    assert shown == ["Minutes.clerkdesk is not a ClerkDesk meeting file."]
    shown.clear()
    assert entry.run_windowed(lambda: 0) == 0
    assert shown == []
