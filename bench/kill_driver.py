"""The window, typed into like a clerk types, for the kill test (``bench/kill.py``).

    python -m bench.kill_driver type DATA_DIR SETTINGS SEED MEETING
    python -m bench.kill_driver report DATA_DIR SETTINGS

``type`` opens the real window (offscreen) on the data folder, opens MEETING (as File › Open
would; the window first shows the newest), moves to an agenda item and
types at a human pace through Qt key events into the entry line, pressing Enter every so
often and sometimes moving to the next item, until it is killed. Before each step it prints
one line, flushed, so the parent knows what was typed and when:

    ready MEETING ITEM      the window shows the meeting at ITEM; typing starts
    c "x"                   the character x (as JSON) is about to be typed
    enter                   Enter is about to be pressed (the entry is added)
    item ITEM               Ctrl+PgDown moved to ITEM

``report`` opens the window as a clerk restarting would, prints one JSON line — the meeting,
its current item and what the entry line holds — and closes.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

WORDS = ("the", "Chair", "noted", "that", "Councillor", "O’Neill", "asked", "whether", "fly-tipping", "had",
         "risen", "by", "12%", "since", "March", "and", "officers", "would", "report", "back", "on", "£40,000",
         "for", "Síofra’s", "ward", "café", "licence", "budget", "was", "agreed", "residents", "in", "Pryce-Jones",
         "Street", "complained", "about", "parking")


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _when_loaded(window, then: Callable[[], None], meeting_id: int | None = None) -> None:
    """Run ``then`` once the window shows its meeting (that one, if given) and every job queued so far has answered."""
    def poll() -> None:
        shown = window.controller.meeting_id
        if shown is None or meeting_id is not None and shown != meeting_id:
            QTimer.singleShot(10, poll)
        else:  # jobs run in order: this one answers after the open and anything queued with it
            window.session.job(lambda store: None, lambda _result: then())
    poll()


def _rapid_steps(rng: random.Random) -> Iterator[tuple[str, str, float]]:
    """Short entries committed one after another, an Enter every 60–100 ms (a paste, or a clerk jotting points)."""
    while True:
        text = rng.choice(WORDS)[:rng.randint(3, 6)].capitalize()
        keys = rng.uniform(50, 90) / (len(text) + 1)
        for ch in text:
            yield "c", ch, keys
        yield "enter", "", keys


def _steps(rng: random.Random, items_after: int) -> Iterator[tuple[str, str, float]]:
    """What the clerk does next, and the pause after it in milliseconds: a character, Enter, the next item, a wait."""
    while True:
        words = [rng.choice(WORDS) for _ in range(rng.randint(2, 8))]
        text = " ".join(words)
        text = text[0].upper() + text[1:]
        for ch in text:
            pause = rng.uniform(60, 180)
            if ch == " " and rng.random() < 0.15:
                pause += rng.uniform(200, 900)  # finding the next word
            yield "c", ch, pause
        yield "enter", "", rng.uniform(150, 400)
        if items_after and rng.random() < 0.25:
            items_after -= 1
            yield "item", "", rng.uniform(400, 1200)
        else:
            yield "wait", "", rng.uniform(200, 1200)


def _type_char(editor, ch: str) -> None:
    """A key press and release carrying the character, as a keyboard would send it."""
    key = ord(ch.upper()) if ch.isascii() and ch.isalnum() else (Qt.Key.Key_Space if ch == " " else 0)
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(editor, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def type_until_killed(data_dir: Path, settings_path: Path, seed: int, meeting_id: int, rapid: bool = False) -> None:
    """Open the window on the meeting and type into it until the process is killed."""
    from clerkdesk.ui.app import make_window
    from clerkdesk.ui.settings import Settings

    rng = random.Random(seed)
    window = make_window(data_dir, Settings(settings_path))
    window.show()
    window.activateWindow()
    editor = window.entry.editor

    def next_item() -> int:
        QTest.keyClick(editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        return window.controller.current_item_id

    def start() -> None:
        editor.setFocus()
        items = [i.id for i in window.controller.meeting.items]
        for _ in range(rng.randrange(len(items) - 1)):
            _say(f"item {next_item()}")
        left = len(items) - 1 - items.index(window.controller.current_item_id)
        steps = _rapid_steps(rng) if rapid else _steps(rng, left)
        _say(f"ready {window.controller.meeting_id} {window.controller.current_item_id}")

        def step() -> None:
            what, ch, pause = next(steps)
            if what == "c":
                _say("c " + json.dumps(ch, ensure_ascii=False))
                _type_char(editor, ch)
            elif what == "enter":
                _say("enter")
                QTest.keyClick(editor, Qt.Key.Key_Return)
            elif what == "item":
                _say(f"item {next_item()}")
            QTimer.singleShot(round(pause), step)
        step()

    def open_meeting() -> None:
        window.controller.open_meeting(meeting_id)
        _when_loaded(window, start, meeting_id)
    _when_loaded(window, open_meeting)


def report(data_dir: Path, settings_path: Path) -> None:
    """Open the window as a restart would, print what it shows, and close it."""
    from clerkdesk.ui.app import make_window
    from clerkdesk.ui.settings import Settings

    window = make_window(data_dir, Settings(settings_path))
    window.show()

    def done() -> None:
        c = window.controller
        item = c.current_item()
        _say(json.dumps({"meeting": c.meeting_id, "item": c.current_item_id, "entry_line": window.entry.editor.toPlainText(),
                         "notes": [e.text for e in item.entries] if item else []}, ensure_ascii=False))
        window.close()
        QApplication.quit()
    _when_loaded(window, done)


def main(argv: list[str]) -> int:
    """The driver's command line (see the module's docstring)."""
    app = QApplication(argv[:1])
    if argv[1] == "type":
        type_until_killed(Path(argv[2]), Path(argv[3]), int(argv[4]), int(argv[5]), rapid="rapid" in argv[6:])
    else:
        report(Path(argv[2]), Path(argv[3]))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
