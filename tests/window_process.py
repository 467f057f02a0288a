"""The real ``clerkdesk`` window in a subprocess (offscreen), for tests that need a second process.

Each window gets the test's own home folder, so its settings and any emergency file stay in
the test's temporary folder; what it logs on stderr is read as it comes, so a test can wait
for a line with a deadline instead of sleeping.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

START_SECONDS = 60.0  # generous: two cores shared with other tests


def window_env(home: Path) -> dict[str, str]:
    """The environment of a window process: offscreen, with a home folder of its own."""
    env = {k: v for k, v in os.environ.items() if k != "CLERKDESK_DATA_DIR"}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
    return env


class WindowProcess:
    """``clerkdesk --data-dir DIR [ARGS]`` running in a subprocess; its stderr lines as they arrive."""

    def __init__(self, data_dir: Path, home: Path, *args: str):
        home.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen([sys.executable, "-m", "clerkdesk.ui", "--data-dir", str(data_dir), *args],
                                     env=window_env(home), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True, encoding="utf-8")
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def wait_for(self, text: str, timeout: float = START_SECONDS) -> str:
        """The first stderr line containing ``text``, waiting up to ``timeout`` seconds for it."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = next((line for line in self.lines if text in line), None)
                if found is not None:
                    return found
                left = deadline - time.monotonic()
                if left <= 0 or (self.proc.poll() is not None and not self._reader.is_alive()):
                    raise AssertionError(f"no line with {text!r}; the window said: {self.lines}")
                self._changed.wait(min(left, 0.5))

    def stop(self) -> int:
        """Close the window as a logout would (SIGTERM), or kill it if it does not go; its exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        code = self.proc.wait()
        self._reader.join(5)
        return code

    def kill(self) -> None:
        """SIGKILL: no clean-up at all."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self._reader.join(5)
