"""Nothing typed is lost: the real window, typed into and SIGKILLed at random moments (docs/reliability.md).

Each trial runs the window in a subprocess (``bench/kill_driver.py``), types into its entry line
through Qt key events at a human pace and kills it with SIGKILL; the store is then checked
through the core and the window opened again here. ``python -m bench.kill`` runs a hundred.
"""

from __future__ import annotations

import pytest

from bench.kill import PROMISE_SECONDS, run_trial


@pytest.mark.parametrize("seed", [11, 12, 13, 14, 15])
def test_a_killed_window_loses_at_most_the_last_second(qtbot, tmp_path, data_dir, open_window, seed):
    trial = run_trial(tmp_path, seed, kill_within=(0.3, 4.5), reopen_window=False)
    assert trial.integrity == "ok"
    assert trial.consistent, trial.problems  # the store is the window's state at one moment, whole
    assert trial.typed_chars > 0
    assert trial.lost_seconds <= PROMISE_SECONDS, f"lost {trial.lost_chars} characters, {trial.lost_seconds:.2f} s"

    window = open_window()  # the clerk starts ClerkDesk again
    assert window.controller.meeting_id == trial.expected["meeting"]
    assert window.controller.current_item_id == trial.expected["item"]
    assert window.entry.editor.toPlainText() == trial.expected["entry_line"]
