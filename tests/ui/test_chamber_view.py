"""The chamber screen in the window: it follows the main window within 100 ms, shows only the notice
during Part 2, shows a vote's result and clears it, colours the speaker's time on both screens, never
takes the keyboard, and goes on the screen chosen (another screen than the clerk's by default)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFontInfo
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from clerkdesk.chamber import PART2_NOTICE, ChamberState, NextItem, Speaking, VoteResult
from clerkdesk.model import Entry
from clerkdesk.store import Store, default_store_path
from clerkdesk.ui.chamber_view import ChamberSettingsDialog, ChamberView
from clerkdesk.ui.look import resource_text
from tests.builders import make_meeting
from tests.ui.conftest import read_store

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
FOLLOWS_MS = 100
SECRET_TITLE = "Acquisition of 14 Mill Lane"
ROOT = Path(__file__).resolve().parents[2]


def _meeting(data_dir: Path) -> int:
    """A meeting about to run: nothing stamped yet; item 3 is exempt (Part 2) with secret words in it."""
    m = make_meeting(items=5, entries=50, exempt=(2,))
    m.start = m.end = None
    for item in m.items:
        item.started = item.ended = None
    m.items[2].title = SECRET_TITLE
    with Store(default_store_path(data_dir)) as s:
        return s.import_meeting(m)


def _settled(qtbot, window) -> None:
    done = []
    window.session.job(lambda s: None, lambda _r: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=3000)


@pytest.fixture
def live(qtbot, data_dir, open_window):
    """The window on a started meeting, with the chamber screen up."""
    _meeting(data_dir)
    window = open_window()
    window.controller.start_meeting()
    qtbot.waitUntil(lambda: bool(window.controller.meeting.live_started), timeout=3000)
    window.findChild(QAction, "actionChamberScreen").trigger()
    view = window.chamber.view
    qtbot.waitUntil(lambda: view.isVisible() and "Agenda item 1" in view.shown_text(), timeout=FOLLOWS_MS)
    return window


def test_the_chamber_screen_shows_the_item_and_follows_the_main_window_within_100_ms(qtbot, live):
    window, c = live, live.controller
    view = window.findChild(ChamberView, "chamberView")
    assert view is window.chamber.view and window.findChild(QAction, "actionChamberScreen").isChecked()
    assert "Community Safety Scrutiny Committee" in view.shown_text()
    assert "Thursday, 17 September 2026" in view.shown_text() and "Item 1" in view.shown_text()
    c.step_item(1)
    qtbot.waitUntil(lambda: "Agenda item 2" in view.shown_text() and "Item 2" in view.shown_text(), timeout=FOLLOWS_MS)
    c.set_speaker("p1")
    qtbot.waitUntil(lambda: view.speaker.text() == "Councillor O’Neill" and view.timer.text() == "0:00",
                    timeout=FOLLOWS_MS)
    qtbot.waitUntil(lambda: view.timer.text() == "0:01", timeout=1500)  # the time counts on
    speakers = window.speakers
    for name, shown in (("Mensah", "The Head of Community Safety"), ("Shah", "Councillor Shah")):
        speakers.filter.setText(name)
        speakers.queue_selected()
        qtbot.waitUntil(lambda s=shown: s in view.queue.text(), timeout=FOLLOWS_MS)
    speakers.filter.clear()
    assert view.queue.text() == "1. The Head of Community Safety\n2. Councillor Shah"
    speakers.take_next()
    qtbot.waitUntil(lambda: view.speaker.text() == "The Head of Community Safety"
                    and view.queue.text() == "1. Councillor Shah", timeout=FOLLOWS_MS)


def test_during_part_2_only_the_notice_shows(qtbot, live):
    window, c = live, live.controller
    view = window.chamber.view
    c.set_speaker("p1")
    window.speakers.filter.setText("Shah")
    window.speakers.queue_selected()
    c.go_to_item(c.meeting.items[2].id)
    qtbot.waitUntil(lambda: PART2_NOTICE in view.shown_text(), timeout=FOLLOWS_MS)
    shown = view.shown_text()
    assert shown.splitlines() == ["Community Safety Scrutiny Committee", "Thursday, 17 September 2026", PART2_NOTICE]
    assert "Mill Lane" not in shown and "secret" not in shown and "O’Neill" not in shown
    # Even what is hidden holds nothing of the item: the labels were emptied, not only hidden.
    everything = "\n".join(label.text() for label in view.findChildren(QLabel))
    assert "Mill Lane" not in everything and "secret" not in everything
    view.grab()  # drawn without fault
    c.step_item(1)
    qtbot.waitUntil(lambda: "Agenda item 4" in view.shown_text() and PART2_NOTICE not in view.shown_text(),
                    timeout=FOLLOWS_MS)


def test_a_recorded_vote_shows_its_result_and_clears_after_30_seconds(qtbot, live):
    window, c = live, live.controller
    view, chamber = window.chamber.view, window.chamber
    now = [1000.0]
    chamber.clock = lambda: now[0]
    c.add_entry(Entry(kind="vote", motion="that the fees rise", votes_for=6, votes_against=2, votes_abstain=1,
                      outcome="carried"))
    qtbot.waitUntil(lambda: view.vote.isVisible(), timeout=3000)
    assert view.vote_outcome.text() == "Vote CARRIED"
    assert re.fullmatch(r"For 6 · Against 2 · Abstentions 1 · \d+\.\d\d [ap]m", " ".join(view.vote_figures.text().split()))
    now[0] += 29
    chamber.refresh()
    assert view.vote.isVisible()
    now[0] += 1
    qtbot.waitUntil(lambda: not view.vote.isVisible(), timeout=500)  # the next tick clears it
    c.undo_stack.undo()  # a vote undone while shown goes too
    now[0] -= 30
    c.undo_stack.redo()
    qtbot.waitUntil(lambda: view.vote.isVisible(), timeout=3000)
    c.undo_stack.undo()
    qtbot.waitUntil(lambda: not view.vote.isVisible(), timeout=3000)


def test_the_speaking_limit_turns_the_time_amber_then_red_on_both_screens(qtbot, live, data_dir):
    window, c = live, live.controller
    view, pane = window.chamber.view, window.speakers.current
    c.set_speaker("p1")
    qtbot.waitUntil(lambda: view.timer.property("level") == "normal", timeout=FOLLOWS_MS)
    assert pane.property("timer") == "normal" and "left" not in pane.text()
    window.chamber.save_committee_settings(31, False)
    qtbot.waitUntil(lambda: view.timer.property("level") == "amber" and pane.property("timer") == "amber",
                    timeout=3000)
    assert re.search(r"— 3\d s left$", pane.text()) and re.fullmatch(r"3\d s left", view.time_left.text())
    window.chamber.save_committee_settings(1, False)
    qtbot.waitUntil(lambda: view.timer.property("level") == "red" and pane.property("timer") == "red", timeout=3000)
    assert pane.text().endswith("— time is up") and view.time_left.text() == "time is up"
    assert read_store(data_dir, c.meeting_id).committee.speaking_limit == 1
    window.chamber.save_committee_settings(None, False)
    qtbot.waitUntil(lambda: view.timer.property("level") == "normal" and pane.property("timer") == "normal",
                    timeout=3000)


def test_the_chamber_screen_never_takes_the_keyboard_and_esc_does_not_close_it(qtbot, data_dir, open_window):
    _meeting(data_dir)
    window = open_window()
    window.activateWindow()
    window.entry.editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.entry.editor, timeout=3000)
    qtbot.keyClick(window.entry.editor, Qt.Key.Key_D, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.chamber.view is not None, timeout=FOLLOWS_MS)
    view = window.chamber.view
    qtbot.waitUntil(lambda: view.isVisible(), timeout=FOLLOWS_MS)
    assert view.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert view.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert view.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert all(w.focusPolicy() == Qt.FocusPolicy.NoFocus for w in view.findChildren(QLabel))
    assert QApplication.focusWidget() is window.entry.editor and not view.isActiveWindow()
    assert QApplication.activeWindow() is window
    qtbot.keyClicks(window.entry.editor, "still typing")
    assert window.entry.editor.toPlainText() == "still typing"
    qtbot.keyClick(window.entry.editor, Qt.Key.Key_Escape)
    assert view.isVisible()
    qtbot.keyClick(window.entry.editor, Qt.Key.Key_D, CTRL | SHIFT)
    assert not view.isVisible() and not window.findChild(QAction, "actionChamberScreen").isChecked()
    qtbot.keyClick(window.entry.editor, Qt.Key.Key_D, CTRL | SHIFT)
    assert view.isVisible() and window.findChild(QAction, "actionChamberScreen").isChecked()
    view.close()  # from its own frame, as an ordinary window on the clerk's screen
    assert not window.findChild(QAction, "actionChamberScreen").isChecked() and not window.chamber.showing


def test_the_settings_dialog_keeps_the_limit_and_titles_with_the_committee(qtbot, live, data_dir, settings_path):
    window = live
    window.chamber.open_settings()
    dialog = window.findChild(ChamberSettingsDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    dialog.speaking_limit.setText("3:99")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and "not a speaking time" in dialog.problem.text()
    dialog.speaking_limit.setText("3:00")
    dialog.titles_public.setChecked(True)
    dialog.screens.setCurrentIndex(1)  # this computer's only screen: the chamber screen becomes a window on it
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    _settled(qtbot, window)
    committee = read_store(data_dir, window.controller.meeting_id).committee
    assert (committee.speaking_limit, committee.exempt_titles_public) == (180, True)
    assert window.speakers.speaking_limit == 180 and window.settings.chamber_screen == QApplication.screens()[0].name()
    c, view = window.controller, window.chamber.view
    c.go_to_item(c.meeting.items[2].id)
    qtbot.waitUntil(lambda: SECRET_TITLE in view.shown_text() and PART2_NOTICE in view.shown_text(),
                    timeout=FOLLOWS_MS)
    assert "secret" not in view.shown_text()


# -- the view alone ---------------------------------------------------------------------------

FULL = ChamberState("Environment and Communities Committee", "Thursday, 15 October 2026", "6",
                    "Allotment Rents 2027/28 and the Review of Charges for Community Growing Spaces",
                    speaking=Speaking("Councillor Pryce-Jones", 157, 180),
                    queue=("The Chair", "Councillor O’Neill", "Dr Mensah", "Councillor Ní Bhriain"), more_waiting=2,
                    vote=VoteResult(6, 2, 1, "CARRIED", "7.42 pm"), next_item=NextItem("7", "", exempt=True))


@pytest.mark.parametrize(("width", "height", "smallest"), [(1920, 1080, 28), (1280, 720, 18)])
def test_every_text_is_large_enough_to_read_from_the_back_of_the_room(qtbot, width, height, smallest, tmp_path):
    view = ChamberView()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show_state(FULL)
    view.show()
    qtbot.waitExposed(view)
    view.layout().activate()
    shown = [(label.objectName(), QFontInfo(label.font()).pointSizeF()) for label in view.findChildren(QLabel)
             if label.isVisibleTo(view) and label.text()]
    assert len(shown) >= 10
    assert all(size >= smallest - 0.5 for _name, size in shown), shown
    assert "an exempt (Part 2) item" in view.next.text()
    # Nothing is cut off: every label is as tall as its text needs.
    for label in view.findChildren(QLabel):
        if label.isVisibleTo(view) and label.text():
            assert label.height() >= label.heightForWidth(label.width()) - 2 or not label.wordWrap(), label.objectName()
            assert label.height() >= label.fontMetrics().height(), label.objectName()
    assert not view.grab().isNull()


def test_moved_to_a_smaller_screen_the_text_shrinks_with_it(qtbot):
    view = ChamberView()
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show_state(FULL)
    view.show()
    qtbot.waitExposed(view)
    big = view.title.font().pointSizeF()
    view.resize(1280, 720)
    qtbot.waitUntil(lambda: view.height() == 720)  # the text sized for 1080 does not hold the window there
    assert view.title.font().pointSizeF() < big * 0.7 and view.committee.font().pointSizeF() < 25


def _pairs(sheet: str) -> list[tuple[str, str, str]]:
    """(rule, text colour, ground) for every rule; a label's own colour is checked on the page and on the
    vote's bands, the only bands that hold other labels."""
    ground, bands, pairs = None, [], []
    rules = re.findall(r"([^{}/]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", sheet, flags=re.DOTALL))
    for selectors, body in rules:
        fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", body)
        bg = re.search(r"background:\s*(#[0-9a-fA-F]{6})", body)
        if selectors.strip() == "#chamberView":
            ground = bg[1]
        elif fg and bg:
            pairs.append((selectors.strip(), fg[1], bg[1]))
            if selectors.strip().startswith("#chamberVote"):
                bands.append(bg[1])
        elif fg:
            pairs.append((selectors.strip(), fg[1], "GROUND"))
    out = []
    for what, fg, bg in pairs:
        out += [(what, fg, g) for g in ([ground, *bands] if bg == "GROUND" and "QLabel" in what
                                         else [ground] if bg == "GROUND" else [bg])]
    return out


def test_every_colour_pair_of_the_chamber_screen_has_strong_contrast():
    from tests.ui.test_look import contrast

    pairs = _pairs(resource_text("chamber.qss"))
    assert len(pairs) > 10
    low = [f"{what}: {fg} on {bg} is {contrast(fg, bg):.2f}:1" for what, fg, bg in pairs if contrast(fg, bg) < 4.5]
    assert not low, "\n".join(low)
    assert not re.search(r"font-size|font:\s*\d", resource_text("chamber.qss"))


# -- screens ------------------------------------------------------------------------------------

SCREENS_SCRIPT = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    from clerkdesk.ui.app import make_window
    from clerkdesk.ui.settings import Settings

    app = QApplication(sys.argv[:1])
    data, settings = Path(sys.argv[1]), Settings(Path(sys.argv[2]))
    window = make_window(data, settings)
    window.show()
    out = {}
    def look(name):
        view = window.chamber.view
        out[name] = {"screen": view.screen().name(), "full": view.isFullScreen(), "geometry": view.geometry().getRect(),
                     "frameless": bool(view.windowFlags() & Qt.WindowType.FramelessWindowHint),
                     "visible": view.isVisible(), "clerk": window.screen().name()}
    def run():
        window.chamber.show(); app.processEvents(); look("default")
        settings.chamber_screen = window.screen().name()
        window.chamber.show(); app.processEvents(); look("own")
        settings.chamber_screen = "Projector"
        window.chamber.show(); app.processEvents(); look("chosen")
        settings.chamber_screen = "Unplugged"
        window.chamber.show(); app.processEvents(); look("unplugged")
        window.session.stop()
        print(json.dumps(out)); app.quit()
    window.controller.meeting_opened.connect(lambda _m: run())
    app.exec()
""")


def test_the_chamber_screen_goes_on_another_screen_than_the_clerks_by_default(data_dir, tmp_path):
    _meeting(data_dir)
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "Laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96},
        {"name": "Projector", "x": 1366, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    env.pop("CLERKDESK_DATA_DIR", None)
    result = subprocess.run([sys.executable, "-c", SCREENS_SCRIPT, str(data_dir), str(tmp_path / "settings.ini")],
                            capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["default"]["clerk"] == "Laptop"
    assert seen["default"] == {**seen["default"], "screen": "Projector", "full": True, "frameless": True,
                               "geometry": [1366, 0, 1920, 1080], "visible": True}
    own = seen["own"]
    assert own["screen"] == "Laptop" and not own["full"] and not own["frameless"] and own["visible"]
    assert own["geometry"][2] <= 1366 and own["geometry"][3] <= 768
    assert seen["chosen"]["screen"] == "Projector" and seen["chosen"]["full"]
    assert seen["unplugged"]["screen"] == "Projector"  # a screen no longer there: the default again


def test_the_councils_colours_come_from_its_template(qtbot, data_dir, open_window, tmp_path):
    from PySide6.QtGui import QColor

    from tests.core.test_chamber import council_template

    _meeting(data_dir)
    window = open_window()
    window.settings.set_template_for("Community Safety Scrutiny Committee", str(council_template(tmp_path, "5B1A3A")))
    window.chamber.show()
    view = window.chamber.view
    qtbot.waitUntil(lambda: view.isVisible() and bool(view.shown_text()), timeout=FOLLOWS_MS)
    image = view.grab().toImage()
    assert image.pixelColor(3, 3) == QColor("#5b1a3a")
    assert image.pixelColor(view.next.geometry().center()) != QColor("#10233d")
    window.settings.set_template_for("Community Safety Scrutiny Committee", "")  # the house template
    window.chamber.show()
    assert view.grab().toImage().pixelColor(3, 3) == QColor("#10233d")
