"""Benchmarks of the window: start-up, typing, opening the big meeting, and memory.

Start-up and memory are measured in fresh processes (a warm process would hide the imports);
typing and opening are measured in this process on the real MainWindow, driven through Qt
events as a clerk would drive it. Every window runs on a data folder of its own holding the
sample meeting and the four-hour meeting (``bench.data.big_meeting``), with the big one as
the meeting that was open last.
"""

from __future__ import annotations

import gc
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication, here or in a child

from clerkdesk.sample import sample_meeting  # noqa: E402
from clerkdesk.store import Store, default_store_path  # noqa: E402

from .core import percentile, scratch  # noqa: E402
from .data import big_meeting, sentence  # noqa: E402

# -- the data folder -------------------------------------------------------------------------


def prepare(folder: Path, archive: Path | None = None) -> tuple[Path, int, int]:
    """A data folder with the sample meeting and the big one; returns (data folder, big id, sample id).

    With ``archive`` (a store), the data folder starts as a copy of it: years of meetings behind them.
    """
    data_dir = folder / "data"
    if archive is not None:
        data_dir.mkdir(parents=True)
        shutil.copyfile(archive, default_store_path(data_dir))
    with Store(default_store_path(data_dir)) as store:
        small = store.import_meeting(sample_meeting())
        big = store.import_meeting(big_meeting())
    return data_dir, big, small


# -- start-up and memory: fresh processes ------------------------------------------------------

_PEAK = r"""
def peak_kb():
    # VmHWM is this process's own high-water mark; ru_maxrss also counts the parent's RSS at fork.
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

# The real start-up path, `clerkdesk --data-dir DIR` (cli.main → run_app → make_window), with one
# wrapper round make_window that notes when the meeting is on screen. ``ready`` is taken once
# the window is visible, the controller holds the meeting and the panes have been filled from
# it (our slot runs after the main window's, so the panes are done), and the whole window has
# then been painted synchronously (repaint()).
_OURS = _PEAK + r"""
import json, resource, sys, time
from PySide6.QtCore import QTimer
from clerkdesk.ui import main as cli
from clerkdesk.ui import app as ui_app

_make = ui_app.make_window

def make_window(data_dir, settings=None):
    window = _make(data_dir, settings)
    done = []

    def finish():
        c = window.controller
        if done or not (window.isVisible() and c.meeting is not None and window.notes.view.count()):
            if not done:
                QTimer.singleShot(1, finish)
            return
        done.append(1)
        window.repaint()
        ready = time.monotonic()
        print(json.dumps({"ready": ready, "peak_kb": peak_kb(),
                          "meeting": c.meeting.id, "rows": window.notes.view.count()}), flush=True)
        window.close()

    window.controller.meeting_opened.connect(lambda _m: QTimer.singleShot(0, finish))
    return window

ui_app.make_window = make_window
sys.exit(cli.main(["--data-dir", sys.argv[1]]))
"""

# The floor: the least a Qt application that shows a text window can do.
_FLOOR = _PEAK + r"""
import json, resource, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit

app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QTextEdit())
window.resize(1366, 768)
window.show()

def finish():
    window.repaint()
    ready = time.monotonic()
    print(json.dumps({"ready": ready, "peak_kb": peak_kb()}), flush=True)
    window.close()

QTimer.singleShot(0, finish)
app.exec()
"""


class _Children:
    """Runs the start-up children on one prepared data folder with settings of their own."""

    def __init__(self, folder: Path | None = None, archive: Path | None = None):
        folder = folder or scratch()
        self.data_dir, self.big, _ = prepare(folder, archive)
        config = folder / "config"
        (config / "ClerkDesk").mkdir(parents=True)
        # QSettings' own file for ClerkDesk/ClerkDesk (XDG_CONFIG_HOME): the big meeting was open last.
        (config / "ClerkDesk" / "ClerkDesk.conf").write_text(f"[meeting]\nlast={self.big}\n")
        # Byte-compiled, as an installed ClerkDesk is: the unmeasured first run writes the .pyc files
        # (into the scratch folder, not the source tree), even where PYTHONDONTWRITEBYTECODE is set.
        self.env = {**os.environ, "XDG_CONFIG_HOME": str(config), "QT_QPA_PLATFORM": "offscreen",
                    "PYTHONPYCACHEPREFIX": str(folder / "pycache")}
        for name in ("CLERKDESK_DATA_DIR", "PYTHONDONTWRITEBYTECODE"):
            self.env.pop(name, None)

    def run(self, which: str) -> dict[str, float]:
        """One fresh process; its ms from just before the parent starts it to ready, and its peak RSS."""
        code = _OURS if which == "ours" else _FLOOR
        started = time.monotonic()  # CLOCK_MONOTONIC: one clock for every process on the machine
        proc = subprocess.run([sys.executable, "-c", code, str(self.data_dir)], env=self.env,
                              capture_output=True, text=True, timeout=120)
        lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
        if proc.returncode != 0 or not lines:
            raise RuntimeError(f"the {which} start-up child failed ({proc.returncode}): {proc.stderr[-2000:]}")
        out = json.loads(lines[-1])
        if which == "ours" and out["meeting"] != self.big:
            raise RuntimeError(f"the window opened meeting {out['meeting']}, not the big one ({self.big})")
        return {"ms": (out["ready"] - started) * 1000, "mb": out["peak_kb"] / 1024}


def startup(runs: int = 7, folder: Path | None = None, archive: Path | None = None) -> dict[str, object]:
    """Median ms from process start to the big meeting on screen, ours and the bare window's.

    Each run is a fresh ``python -c`` process. The parent reads ``time.monotonic()`` (the
    system-wide CLOCK_MONOTONIC) just before it starts the child; the child reads the same
    clock once its window is shown, filled and painted, and prints it. The difference is what
    a clerk waits: interpreter start, imports, the QApplication, the store opened (quick_check,
    writer lock), the meeting loaded on the session, the panes filled and painted. The floor
    child does the same for a bare QMainWindow with an empty QTextEdit. Ours and the floor
    alternate, after one unmeasured run of each (the daily backup, a cold page cache and the
    byte-compiling are paid there, not in the figures). With ``archive`` the store also holds
    the ten-year archive.
    """
    children = _Children(folder, archive)
    children.run("ours"), children.run("floor")
    ours, floor = [], []
    for _ in range(runs):
        ours.append(children.run("ours")["ms"])
        floor.append(children.run("floor")["ms"])
    return {"ours_ms": statistics.median(ours), "floor_ms": statistics.median(floor),
            "ours_runs_ms": [round(x, 1) for x in ours], "floor_runs_ms": [round(x, 1) for x in floor]}


def peak_memory(runs: int = 2, folder: Path | None = None) -> dict[str, float]:
    """Peak RSS in MB of a fresh window with the big meeting open and painted, and of the bare window.

    Read in the child as VmHWM from /proc/self/status (ru_maxrss elsewhere): on Linux ru_maxrss
    also keeps the high-water mark of the memory the child had before exec, i.e. of its parent,
    which is this benchmark with a window open.
    """
    children = _Children(folder)
    ours = [children.run("ours")["mb"] for _ in range(runs)]
    floor = [children.run("floor")["mb"] for _ in range(runs)]
    return {"ours_mb": max(ours), "floor_mb": max(floor)}


# -- in this process: the real window ----------------------------------------------------------


def _app():
    from PySide6.QtWidgets import QApplication
    return QApplication.instance() or QApplication([])


def _wait(app, done, timeout_s: float = 30.0, poll_ms: int = 2) -> None:
    """Run the event loop until done() (polled every ``poll_ms``) or fail."""
    from PySide6.QtCore import QEventLoop, QTimer
    loop, deadline = QEventLoop(), time.monotonic() + timeout_s
    poll = QTimer()
    poll.setInterval(poll_ms)
    poll.timeout.connect(lambda: (done() or time.monotonic() > deadline) and loop.quit())
    poll.start()
    if not done():
        loop.exec()
    poll.stop()
    if not done():
        raise TimeoutError("the window did not get there in time")


def _open_window(folder: Path, last: str = "big"):
    """The real MainWindow on a prepared folder, shown, with the big meeting displayed."""
    from clerkdesk.ui.app import make_window
    from clerkdesk.ui.settings import Settings
    app = _app()
    data_dir, big, small = prepare(folder)
    settings = Settings(folder / "settings.ini")
    settings.last_meeting = big if last == "big" else small
    window = make_window(data_dir, settings)
    window.show()
    want = big if last == "big" else small
    _wait(app, lambda: window.controller.meeting is not None and window.controller.meeting.id == want
          and window.notes.view.count() > 0)
    return app, window, big, small


def _close_window(app, window) -> None:
    window.close()  # stops the session once its queue is written
    window.deleteLater()
    app.processEvents()


def open_meeting(runs: int = 7, folder: Path | None = None) -> dict[str, object]:
    """Median ms from asking the controller for the big meeting to it being shown and painted.

    Between runs the window goes to the sample meeting, so every run really changes meeting.
    The clock stops in a slot on ``controller.meeting_opened`` connected after the main
    window's (so the panes have been filled), one turn of the event loop later (so the layouts
    Qt posts have run), after a synchronous repaint of the whole window.
    """
    from PySide6.QtCore import QTimer
    app, window, big, small = _open_window(folder or scratch(), last="small")
    c = window.controller
    times = []
    try:
        for _ in range(runs):
            for target in (small, big):
                stamp: dict[str, float] = {}

                def finish(stamp=stamp) -> None:
                    window.repaint()
                    stamp["t"] = time.perf_counter()

                def changed(meeting, target=target, stamp=stamp, finish=finish) -> None:
                    if meeting.id == target and "shown" not in stamp:
                        stamp["shown"] = True
                        QTimer.singleShot(0, finish)

                c.meeting_opened.connect(changed)
                t0 = time.perf_counter()
                c.open_meeting(target)
                _wait(app, lambda stamp=stamp: "t" in stamp)
                c.meeting_opened.disconnect(changed)
                if target == big:
                    times.append((stamp["t"] - t0) * 1000)
    finally:
        _close_window(app, window)
    return {"ours_ms": statistics.median(times), "max_ms": max(times), "runs_ms": [round(x, 1) for x in times]}


def typing_text(chars: int, seed: int = 8) -> str:
    """``chars`` characters of plausible minutes, typable on a UK keyboard (ASCII)."""
    rng, text = random.Random(seed), ""
    while len(text) < chars:
        text += sentence(rng).replace("’", "'").replace("£", "GBP ") + " "
    return text[:chars]


def typing_stall(chars: int = 2000, key_ms: int = 12, enter_every: int = 80, pause_ms: int = 450,
                 folder: Path | None = None, recording: bool = False) -> dict[str, object]:
    """The longest the GUI thread is busy while a clerk types ``chars`` characters, autosave on.

    The real window, the big meeting open, a speaker picked, keys sent to ``entryEditor`` with
    QTest (ShortcutOverride then press and release, as from a keyboard) one every ``key_ms``;
    Enter every ``enter_every`` characters commits the entry (the session writes it and its
    change record comes back: one row is added to the notes); halfway through each entry the clerk
    pauses ``pause_ms``, long enough for the draft timer to save the half-typed entry. A 1 ms
    heartbeat timer runs throughout: a stall is the gap between two beats less the 1 ms, i.e.
    how long the GUI thread could not answer. ``idle_*`` is the same heartbeat with nothing
    happening, before the typing: the noise of this machine at the time. ``recording``: the
    meeting is being recorded throughout (this process must see a microphone).
    """
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPlainTextEdit
    app, window, _big, _small = _open_window(folder or scratch())
    c = window.controller
    editor = window.findChild(QPlainTextEdit, "entryEditor")
    # Spelling on: the dictionary (loading on a pool thread once the window shows) is loaded first.
    _wait(app, lambda: window.proofing.ready, timeout_s=60, poll_ms=50)
    try:
        if recording:
            window.actions_by_name["record"].trigger()
            _wait(app, lambda: window.recording.recorder.elapsed_ms() > 500)
        c.set_speaker(c.meeting.people[3].key)
        window.activateWindow()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        beats: list[float] = []
        heart = QTimer()
        heart.setTimerType(Qt.TimerType.PreciseTimer)
        heart.setInterval(1)
        heart.timeout.connect(lambda: beats.append(time.perf_counter()))
        settle = time.perf_counter()
        _wait(app, lambda: time.perf_counter() - settle > 1.5, poll_ms=50)  # the opening's posted work is done
        heart.start()
        _wait(app, lambda: len(beats) > 2 and beats[-1] - beats[0] > 1.0, poll_ms=50)  # idle, for the floor
        idle = _stalls(beats)
        beats.clear()

        text, shown, drafts, keys = typing_text(chars), [], [], []
        c.change_applied.connect(lambda _m: shown.append(time.perf_counter()))
        window.entry.draft_changed.connect(lambda _d: drafts.append(time.perf_counter()))
        driver = QTimer()
        driver.setSingleShot(True)
        driver.setTimerType(Qt.TimerType.PreciseTimer)
        typed = [0]
        half = enter_every // 2

        def press() -> None:
            n = typed[0]
            t = time.perf_counter()
            QTest.keyClick(editor, text[n])
            if (n + 1) % enter_every == 0 or n + 1 == len(text):
                QTest.keyClick(editor, Qt.Key.Key_Return)
            keys.append(time.perf_counter() - t)
            typed[0] = n + 1
            if typed[0] < len(text):
                driver.start(pause_ms if (n + 1) % enter_every == half else key_ms)

        collections: list[float] = []  # Python's garbage collector stops the GUI thread too: note how long
        gc_started = [0.0]

        def on_gc(phase: str, _info: dict) -> None:
            if phase == "start":
                gc_started[0] = time.perf_counter()
            else:
                collections.append((time.perf_counter() - gc_started[0]) * 1000)

        gc.callbacks.append(on_gc)
        driver.timeout.connect(press)
        driver.start(key_ms)
        _wait(app, lambda: typed[0] >= len(text), timeout_s=60 + len(text) * 0.2, poll_ms=50)
        settle = time.perf_counter()
        _wait(app, lambda: time.perf_counter() - settle > 1.0, poll_ms=50)  # the last commit is written and shown
        heart.stop()
        gc.callbacks.remove(on_gc)
        gaps = _gaps(beats)
        # A stall is the reload's when a reload was shown within it or in the 200 ms before it ended
        # (Qt lays the lists out and paints them in events posted by the redraw).
        reload = [any(end - g / 1000 - 0.201 <= s <= end for s in shown) for g, end in gaps]
        on_reload = [g for (g, _), r in zip(gaps, reload, strict=True) if r]
        otherwise = [g for (g, _), r in zip(gaps, reload, strict=True) if not r]
        stalls = [g for g, _ in gaps]
        commits = typed[0] // enter_every + (1 if typed[0] % enter_every else 0)
    finally:
        _close_window(app, window)
    return {"max_stall_ms": max(stalls), "p99_stall_ms": percentile(stalls, 99),
            "stalls_over_8ms": sum(s > 8 for s in stalls), "max_stall_on_reload_ms": max(on_reload, default=0.0),
            "max_stall_otherwise_ms": max(otherwise, default=0.0),
            "max_key_ms": max(keys) * 1000, "chars": typed[0], "commits": commits, "reloads_shown": len(shown),
            "drafts_saved": len(drafts), "gc_max_ms": max(collections, default=0.0),
            "idle_max_stall_ms": max(idle), "idle_p99_stall_ms": percentile(idle, 99),
            "seconds": round(beats[-1] - beats[0], 1)}


def _gaps(beats: list[float]) -> list[tuple[float, float]]:
    """(stall ms, time the stall ended) for every pair of heartbeats."""
    return [(max(0.0, (b - a) * 1000 - 1.0), b) for a, b in zip(beats, beats[1:], strict=False)]


def _stalls(beats: list[float]) -> list[float]:
    return [g for g, _ in _gaps(beats)] or [0.0]


def commit_to_disk(seconds: float = 30.0, every_ms: int = 60, folder: Path | None = None) -> dict[str, object]:
    """Committed entry to written on disk: in the real window with the big meeting open, an entry is
    committed (text and Enter, as typed) every ``every_ms`` for ``seconds``; each is timed from the
    Enter to its change record coming back, which the session sends only once the transaction is
    committed with ``synchronous=FULL`` (fsynced). The floor: bare sqlite3, WAL and synchronous=FULL,
    one INSERT and COMMIT an entry on the same disk."""
    import sqlite3

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    folder = folder or scratch()
    app, window, _big, _small = _open_window(folder)
    editor, sent, landed = window.entry.editor, [], []
    window.controller.set_speaker(window.controller.meeting.people[3].key)
    window.session.changed.connect(lambda change: change.label.startswith("add") and landed.append(time.perf_counter()))
    window.entry.set_kind("note")
    driver = QTimer()
    driver.setTimerType(Qt.TimerType.PreciseTimer)
    driver.setInterval(every_ms)
    end = time.perf_counter() + seconds

    def commit() -> None:
        if time.perf_counter() > end:
            driver.stop()
            return
        editor.setPlainText(f"point {len(sent) + 1} noted")
        sent.append(time.perf_counter())
        QTest.keyClick(editor, Qt.Key.Key_Return)
    try:
        driver.timeout.connect(commit)
        driver.start()
        _wait(app, lambda: not driver.isActive() and len(landed) >= len(sent), timeout_s=seconds + 60, poll_ms=20)
    finally:
        _close_window(app, window)
    latencies = [(b - a) * 1000 for a, b in zip(sent, landed, strict=False)]
    conn = sqlite3.connect(folder / "floor.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, text TEXT)")
    floor = []
    for n in range(len(latencies)):
        t = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO entries(text) VALUES (?)", (f"point {n} noted",))
        conn.execute("COMMIT")
        floor.append((time.perf_counter() - t) * 1000)
    conn.close()
    return {"entries": len(latencies), "p50_ms": percentile(latencies, 50), "p99_ms": percentile(latencies, 99),
            "max_ms": max(latencies), "floor_p50_ms": percentile(floor, 50), "floor_p99_ms": percentile(floor, 99)}
