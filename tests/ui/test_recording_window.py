"""The meeting's recording in the window: attach, play from an entry, speed, skip, delete,
the offer to delete at approval, retention at start-up, and a machine with no microphone.

Audio is a tone written in the test with the standard library; no sound card is needed (Qt's
player keeps time without an output device)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QMessageBox

from clerkdesk import ops
from clerkdesk.model import Entry
from clerkdesk.store import Store, default_store_path
from clerkdesk.ui.panes.notes import ID_ROLE
from clerkdesk.ui.recorder import microphones
from tests.builders import make_meeting, tone_wav

SHOTS = Path("/tmp/clerkdesk-recording-shots")


def _add_typed(qtbot, window, text: str, typed_at: str) -> int:
    item = window.controller.current_item()
    with qtbot.waitSignal(window.controller.change_applied, timeout=5000) as done:
        window.session.call(ops.add_entry, item.id, Entry(kind="note", text=text, typed_at=typed_at))
    return done.args[0].result


def _attach(qtbot, window, path: Path, start: str) -> None:
    dialog = window.recording.ask_start_and_attach(str(path))
    dialog.start.setText(start)
    dialog.accept()
    qtbot.waitUntil(lambda: window.player.isVisible() and window.player.current_recording() is not None, timeout=5000)


def _select(window, entry_id: int) -> None:
    view = window.notes.view
    row = next(r for r in range(view.count()) if view.item(r).data(ID_ROLE) == entry_id)
    view.setCurrentRow(row)


def test_ctrl_space_plays_from_ten_seconds_before_the_entry(qtbot, open_window, tmp_path: Path) -> None:
    window = open_window()
    m = window.controller.meeting
    assert not window.player.isVisible()  # no recording: the notes keep the room
    first = _add_typed(qtbot, window, "The Chair welcomed everyone.", f"{m.date}T18:30:20")
    cctv = _add_typed(qtbot, window, "Councillor O’Neill asked about CCTV.", f"{m.date}T18:31:02")
    _attach(qtbot, window, tone_wav(tmp_path / "dictaphone.wav", 120), "18:30:00")
    _select(window, cctv)
    window.actions_by_name["play_entry"].trigger()
    player = window.player.player
    qtbot.waitUntil(lambda: player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
                    and player.position() >= 52_000, timeout=10000)
    assert player.position() < 60_000  # 62 s into the recording, less the 10 s lead-in
    qtbot.waitUntil(lambda: "CCTV" in window.player.heard.text(), timeout=5000)
    assert window.notes.selected_entry_id() == cctv  # highlighted as it plays
    window.player.set_speed(1.5)
    assert player.playbackRate() == 1.5
    before = player.position()
    window.player.skip(-10_000)
    qtbot.waitUntil(lambda: player.position() < before - 5_000, timeout=5000)
    window.player.toggle()
    qtbot.waitUntil(lambda: player.playbackState() == QMediaPlayer.PlaybackState.PausedState, timeout=5000)
    SHOTS.mkdir(exist_ok=True)
    window.player.grab().save(str(SHOTS / "player-bar.png"))
    window.grab().save(str(SHOTS / "window-with-player.png"))
    _select(window, first)
    window.actions_by_name["play_entry"].trigger()
    qtbot.waitUntil(lambda: player.playbackState() == QMediaPlayer.PlaybackState.PlayingState, timeout=5000)
    assert player.position() < 15_000  # 20 s in, less the lead-in


def test_an_entry_typed_outside_the_recording_says_so(qtbot, open_window, tmp_path: Path) -> None:
    window = open_window()
    m = window.controller.meeting
    late = _add_typed(qtbot, window, "Said after the dictaphone stopped.", f"{m.date}T21:00:00")
    window.actions_by_name["play_entry"].trigger()
    qtbot.waitUntil(lambda: "no recording" in window.statusBar().currentMessage(), timeout=5000)
    _attach(qtbot, window, tone_wav(tmp_path / "short.wav", 5), "18:30:00")
    _select(window, late)
    window.actions_by_name["play_entry"].trigger()
    qtbot.waitUntil(lambda: "No recording covers" in window.statusBar().currentMessage(), timeout=5000)


def test_delete_recording_removes_the_file_at_once(qtbot, open_window, data_dir: Path, tmp_path: Path) -> None:
    window = open_window()
    _attach(qtbot, window, tone_wav(tmp_path / "a.wav", 3), "18:30")
    files = list((data_dir / "recordings").iterdir())
    assert len(files) == 1 and "MB" in window.actions_by_name["delete_recording"].text()
    window.actions_by_name["delete_recording"].trigger()
    qtbot.waitUntil(lambda: not files[0].exists() and "Deleted the recording" in window.statusBar().currentMessage(),
                    timeout=5000)
    assert not window.player.isVisible()
    with Store(default_store_path(data_dir)) as s:
        assert s.recordings(window.controller.meeting.id) == []


def test_approving_the_minutes_offers_to_delete_the_recording(qtbot, open_window, data_dir: Path,
                                                              tmp_path: Path) -> None:
    window = open_window()
    _attach(qtbot, window, tone_wav(tmp_path / "a.wav", 3), "18:30")
    window.controller.set_status("approved")
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "deleteRecordingQuestion") is not None, timeout=5000)
    box = window.findChild(QMessageBox, "deleteRecordingQuestion")
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not any((data_dir / "recordings").iterdir()), timeout=5000)


def test_retention_is_applied_at_start_up_with_a_notice(qtbot, open_window, data_dir: Path, tmp_path: Path) -> None:
    with Store(default_store_path(data_dir)) as s:
        mid = s.import_meeting(make_meeting(items=1, entries=1, date="2026-01-15"))
        ops.attach_recording(s, mid, str(tone_wav(tmp_path / "a.wav", 2)), "18:30")
        ops.set_status(s, mid, "approved")
        s.set_approved_at(mid, "2026-02-01T10:00:00")
        ops.set_recording_policy(s, "Community Safety Scrutiny Committee", 30)
        kept = s.import_meeting(make_meeting(items=1, entries=1, committee="Licensing Committee"))
        ops.attach_recording(s, kept, str(tone_wav(tmp_path / "b.wav", 2)), "18:30")
    assert date.today() > date(2026, 3, 3)
    window = open_window()
    qtbot.waitUntil(lambda: "Deleted the recordings of 1 approved meeting" in window.statusBar().currentMessage(),
                    timeout=5000)
    with Store(default_store_path(data_dir)) as s:
        assert s.recordings(mid) == [] and len(s.recordings(kept)) == 1


def test_without_a_microphone_the_menu_says_so_and_attaching_still_works(qtbot, open_window, tmp_path: Path) -> None:
    if microphones():
        import pytest
        pytest.skip("this machine has an audio input")
    window = open_window()
    record = window.actions_by_name["record"]
    assert not record.isEnabled() and "no microphone" in record.text()
    record.trigger()  # the key does nothing harmful
    assert window.recording.recorder.state == "stopped"
    _attach(qtbot, window, tone_wav(tmp_path / "a.wav", 2), "18:30")


def test_the_lead_in_is_a_setting_kept_for_next_time(qtbot, open_window, tmp_path: Path, settings_path: Path) -> None:
    window = open_window()
    m = window.controller.meeting
    eid = _add_typed(qtbot, window, "Heard at a minute in.", f"{m.date}T18:31:00")
    _attach(qtbot, window, tone_wav(tmp_path / "a.wav", 90), "18:30:00")
    window.findChild(type(window.actions_by_name["record"]), "action_lead_30").trigger()
    _select(window, eid)
    window.actions_by_name["play_entry"].trigger()
    player = window.player.player
    qtbot.waitUntil(lambda: player.playbackState() == QMediaPlayer.PlaybackState.PlayingState, timeout=5000)
    assert 30_000 <= player.position() < 38_000
    from clerkdesk.ui.settings import Settings
    assert Settings(settings_path).play_lead_s == 30


def test_the_browser_shows_which_meetings_have_a_recording(qtbot, open_window, tmp_path: Path) -> None:
    from clerkdesk.ui.dialogs.browser import MeetingBrowser
    window = open_window()
    with qtbot.waitSignal(window.session.changed, timeout=5000):
        window.session.call(ops.import_meeting, make_meeting(items=1, entries=1))  # one without a recording
    _attach(qtbot, window, tone_wav(tmp_path / "a.wav", 30), "18:30")
    browser = MeetingBrowser(window.session, window)
    qtbot.addWidget(browser)
    browser.refresh()
    table = browser.table
    qtbot.waitUntil(lambda: table.columnCount() == 6 and table.rowCount() > 0, timeout=5000)
    column = [table.item(r, 5).text() for r in range(table.rowCount())]
    assert "0.5 MB" in column and "" in column


def test_attaching_offers_the_start_the_file_itself_gives(qtbot, open_window, tmp_path: Path) -> None:
    import os
    from datetime import datetime
    window = open_window()
    m = window.controller.meeting
    wav = tone_wav(tmp_path / "dictaphone.wav", 60)
    ended = datetime.fromisoformat(f"{m.date}T18:31:00").timestamp()  # a dictaphone stamps the file as it stops
    os.utime(wav, (ended, ended))
    dialog = window.recording.ask_start_and_attach(str(wav))
    assert dialog.start.text() == "18:30:00"
    dialog.reject()
