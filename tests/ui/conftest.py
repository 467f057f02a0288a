"""Fixtures for window tests: a data folder, settings of the test's own, and the window on them."""

from __future__ import annotations

from pathlib import Path

import pytest

from clerkdesk.store import Store, default_store_path


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    """A settings file of the test's own, so tests never touch the clerk's real settings."""
    return tmp_path / "settings.ini"


@pytest.fixture
def open_window(qtbot, data_dir: Path, settings_path: Path):
    """A function that opens the main window on the data folder and waits for the meeting to show."""
    from clerkdesk.ui.app import make_window
    from clerkdesk.ui.settings import Settings

    windows = []

    def open_() :
        window = make_window(data_dir, Settings(settings_path))
        qtbot.addWidget(window, before_close_func=lambda w: w.session.stop())
        window.show()
        qtbot.waitUntil(lambda: window.controller.meeting is not None, timeout=5000)
        windows.append(window)
        return window

    yield open_
    for w in windows:
        w.session.stop()


def read_store(data_dir: Path, meeting_id: int):
    """The meeting as a fresh Store on the same folder reads it (what a restart or the CLI sees)."""
    with Store(default_store_path(data_dir)) as s:
        return s.load_meeting(meeting_id)


@pytest.fixture
def big_font(qapp):
    """The application font at 20 pt, as a clerk with large system text has it (put back afterwards)."""
    from PySide6.QtGui import QFont

    before = QFont(qapp.font())
    font = QFont(before)
    font.setPointSizeF(20)
    qapp.setFont(font)
    yield
    qapp.setFont(before)


@pytest.fixture(scope="session", autouse=True)
def _dictionary_loaded_once():
    """The en-GB dictionary loaded once for the whole run, as a window does after it shows.

    Loading takes seconds of pure Python; done on a pool thread in every test's window it would
    compete with what that test times (agenda reading, saves). tests/ui/test_proofing.py
    loads it in the background from nothing as well.
    """
    from clerkdesk.proofing import Speller
    from clerkdesk.ui import proofing

    if not proofing._SPELLER:
        proofing._SPELLER[:] = [Speller()]
    yield
