"""The kill test: the window is SIGKILLed while a clerk types, and what survives is counted.

Each trial opens the real window (offscreen) in a subprocess (``bench/kill_driver.py``) on a
fresh data folder holding two meetings, opens the older one, types into it at a human pace and kills it with
SIGKILL at a random moment. Then the store is opened through the core and checked —
``PRAGMA integrity_check``; the entries, the draft and the current item are exactly the
window's state at one moment of the typing — and the window is opened again, as a clerk
restarting would, to see it reopen at that item with that text in the entry line.

What was lost is everything typed after that moment. ClerkDesk promises it is at most the
last second of typing.

    python -m bench.kill [--trials 100]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from clerkdesk.model import Committee, Item, Meeting, Person
from clerkdesk.store import Store, default_store_path

ROOT = Path(__file__).resolve().parents[1]
PROMISE_SECONDS = 1.0
START_TIMEOUT = 30.0  # seconds for the window to open on a busy machine


@dataclass
class Trial:
    """What one kill did."""

    seed: int
    typed_chars: int = 0
    typed_entries: int = 0  # Enter pressed
    item_moves: int = 0  # Ctrl+PgDown while typing
    lost_chars: int = 0
    lost_seconds: float = 0.0  # from the first thing typed that was lost to the kill
    integrity: str = ""
    consistent: bool = False  # the store is the window's state at one moment of the typing
    reopened: bool | None = None  # the window reopened at the item with the text (None: not checked)
    expected: dict = field(default_factory=dict)  # what the reopened window should show
    problems: list[str] = field(default_factory=list)

    @property
    def kept_promise(self) -> bool:
        """Integrity ok, a consistent store, at most the last second lost, and the window reopened there."""
        return (self.integrity == "ok" and self.consistent and self.lost_seconds <= PROMISE_SECONDS
                and self.reopened is not False)


def prepare(data_dir: Path) -> int:
    """A data folder holding two meetings of six items with nothing minuted yet; returns the older one's id.

    The window opens on the newer one, so reopening on the older one after the kill shows that
    the window remembered which meeting was open, not just that it found the newest.
    """
    def meeting(date: str) -> Meeting:
        people = [Person(key="p0", name="Amara Okafor", title="Councillor", role="Chair"),
                  Person(key="p1", name="Declan O’Neill", title="Councillor")]
        return Meeting(committee=Committee(name="Community Safety Scrutiny Committee"), title="Community Safety",
                       date=date, venue="Committee Room 2", people=people,
                       items=[Item(number=str(n), title=f"Item {n}") for n in range(1, 7)])
    with Store(default_store_path(data_dir)) as store:
        older = store.import_meeting(meeting("2026-09-17"))
        store.import_meeting(meeting("2026-10-15"))
        return older


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def _driver(*args: str) -> list[str]:
    return [sys.executable, "-m", "bench.kill_driver", *map(str, args)]


class _Lines(threading.Thread):
    """Reads the driver's lines as they come, with the time each arrived."""

    def __init__(self, stream):
        super().__init__(daemon=True)
        self.stream, self.lines, self.ready = stream, [], threading.Event()

    def run(self) -> None:
        for line in self.stream:
            self.lines.append((time.monotonic(), line.rstrip("\n")))
            if line.startswith("ready"):
                self.ready.set()
        self.ready.set()


def type_and_kill(folder: Path, seed: int, meeting_id: int,
                  kill_after: float, rapid: bool = False) -> tuple[list[tuple[float, str]], float]:
    """Run the typing window, SIGKILL it ``kill_after`` seconds into the typing; its lines and the kill time."""
    with open(folder / "driver.log", "wb") as log:
        proc = subprocess.Popen(_driver("type", folder / "data", folder / "settings.ini", seed, meeting_id,
                                        *(["rapid"] if rapid else [])), cwd=ROOT,
                                env=_env(), stdout=subprocess.PIPE, stderr=log, text=True, encoding="utf-8")
        lines = _Lines(proc.stdout)
        lines.start()
        try:
            if not lines.ready.wait(START_TIMEOUT) or proc.poll() is not None:
                raise RuntimeError(f"the typing window did not start (see {folder / 'driver.log'})")
            time.sleep(kill_after)  # the kill lands at a random moment: there is nothing to wait for
            killed_at = time.monotonic()
            proc.send_signal(signal.SIGKILL)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            lines.join(5)
    return lines.lines, killed_at


def _states(lines: list[tuple[float, str]], first_item: int) -> list[tuple[float, tuple]]:
    """The window's state after each thing done: (entries as (item, text), the entry line, the current item)."""
    entries: list[tuple[int, str]] = []
    line, item = "", first_item
    states = [(lines[0][0] if lines else 0.0, ((), "", first_item))]
    for when, text in lines:
        word, _, rest = text.partition(" ")
        if word == "item":
            item = int(rest)
        elif word == "c":
            line += json.loads(rest)
        elif word == "enter":
            if line.strip():
                entries.append((item, line.strip()))
            line = ""
        else:
            continue
        states.append((when, (tuple(entries), line, item)))
    return states


def check(folder: Path, meeting_id: int, lines: list[tuple[float, str]], killed_at: float, seed: int) -> Trial:
    """Open the killed window's store through the core and compare it with what was typed."""
    trial = Trial(seed)
    path = default_store_path(folder / "data")
    conn = sqlite3.connect(path)  # an ordinary open replays the write-ahead log, as the next start would
    try:
        trial.integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    with Store(path) as store:
        meeting = store.load_meeting(meeting_id)
    first_item = meeting.items[0].id
    saved = (tuple((i.id, e.text) for i in meeting.items for e in i.entries),
             meeting.draft.text if meeting.draft else "", meeting.current_item_id or first_item)
    states = _states(lines, first_item)
    typed = [when for when, text in lines if text.startswith("c ")]
    trial.typed_chars = len(typed)
    trial.typed_entries = sum(1 for _when, text in lines if text == "enter")
    ready = next((n for n, (_when, text) in enumerate(lines) if text.startswith("ready")), len(lines))
    trial.item_moves = sum(1 for _when, text in lines[ready:] if text.startswith("item"))
    at = next((n for n in range(len(states) - 1, -1, -1) if states[n][1] == saved), None)
    if at is None:
        trial.problems.append(f"the store holds no state the window was in: {saved!r}")
        trial.lost_chars, trial.lost_seconds = len(typed), float("inf")
        return trial
    trial.consistent = True
    kept_until = states[at][0]
    trial.lost_chars = sum(1 for when in typed if when > kept_until)
    first_lost = states[at + 1][0] if at + 1 < len(states) else killed_at
    trial.lost_seconds = max(0.0, killed_at - first_lost)
    trial.expected = {"meeting": meeting_id, "item": saved[2], "entry_line": saved[1]}
    return trial


def reopen(folder: Path) -> dict:
    """Open the window again on the killed one's data folder, as a restart; what it shows."""
    result = subprocess.run(_driver("report", folder / "data", folder / "settings.ini"), cwd=ROOT, env=_env(),
                            capture_output=True, text=True, encoding="utf-8", timeout=START_TIMEOUT + 30)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"the window did not reopen: {result.stderr.strip()[-500:]}")
    return json.loads(lines[-1])


def run_trial(folder: Path, seed: int, kill_within: tuple[float, float] = (0.5, 10.0),
              reopen_window: bool = True, rapid: bool = False) -> Trial:
    """One trial in ``folder`` (its data folder empty or not there yet): prepare, type, kill, check; the window reopened if asked."""
    (folder / "data").mkdir(parents=True, exist_ok=True)
    meeting_id = prepare(folder / "data")
    kill_after = random.Random(seed).uniform(*kill_within)
    lines, killed_at = type_and_kill(folder, seed, meeting_id, kill_after, rapid)
    trial = check(folder, meeting_id, lines, killed_at, seed)
    if reopen_window and trial.consistent:
        shown = reopen(folder)
        want = trial.expected
        trial.reopened = all(shown[k] == want[k] for k in want)
        if not trial.reopened:
            trial.problems.append(f"the window reopened showing {shown!r}, not {want!r}")
    return trial


def kill_trials(n: int = 100, seed: int = 7, reopen_window: bool = True, progress: bool = False,
                rapid: bool = False) -> dict:
    """Run ``n`` kill trials; the figures: trials, chars_lost_max, chars_lost_mean, integrity_ok and more.

    ``rapid``: short entries committed every 60–100 ms instead of a clerk's pace."""
    trials = []
    with tempfile.TemporaryDirectory(prefix="clerkdesk-kill-") as scratch:
        for k in range(n):
            trial = run_trial(Path(scratch) / f"trial-{k}", seed * 1000 + k, reopen_window=reopen_window, rapid=rapid)
            trials.append(trial)
            if progress:
                print(f"trial {k + 1}/{n}: typed {trial.typed_chars} chars, {trial.typed_entries} entries, "
                      f"lost {trial.lost_chars} chars "
                      f"({trial.lost_seconds:.2f} s), integrity {trial.integrity}"
                      + (f" — {'; '.join(trial.problems)}" if trial.problems else ""), file=sys.stderr)
    lost = [t.lost_chars for t in trials]
    return {
        "trials": n,
        "chars_lost_max": max(lost),
        "chars_lost_mean": round(statistics.fmean(lost), 2),
        "integrity_ok": sum(t.integrity == "ok" for t in trials),
        "consistent": sum(t.consistent for t in trials),
        "reopened_ok": sum(t.reopened is True for t in trials),
        "seconds_lost_max": round(max(t.lost_seconds for t in trials), 3),
        "promise_kept": sum(t.kept_promise for t in trials),
        "chars_typed_mean": round(statistics.fmean(t.typed_chars for t in trials), 1),
        "entries_typed": sum(t.typed_entries for t in trials),
        "trials_with_entries": sum(t.typed_entries > 0 for t in trials),
        "trials_with_item_moves": sum(t.item_moves > 0 for t in trials),
        "problems": [f"seed {t.seed}: {p}" for t in trials for p in t.problems],
    }


def main() -> int:
    """``python -m bench.kill``: run the trials and print the figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.kill", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=100, help="how many kills (default 100)")
    parser.add_argument("--seed", type=int, default=7, help="the seed the typing and the kill times come from")
    parser.add_argument("--no-reopen", action="store_true", help="check through the core only (faster)")
    parser.add_argument("--rapid", action="store_true", help="short entries committed every 60–100 ms")
    args = parser.parse_args()
    figures = kill_trials(args.trials, args.seed, not args.no_reopen, progress=True, rapid=args.rapid)
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    return 0 if figures["promise_kept"] == figures["trials"] else 1


if __name__ == "__main__":
    sys.exit(main())
