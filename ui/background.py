"""Work that must not hold up the window — export, reading an agenda — on a thread of its own.

Store changes go through the session (one at a time, in order); this is for the slow jobs
that only read what they are given and write a file, so saving and typing never wait for them.
The answer comes back on the GUI thread: ``on_done(result)``, or ``on_failed(sentence)`` with
the one sentence for the clerk.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from clerkdesk.errors import ClerkDeskError


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals):
        super().__init__()
        self.setAutoDelete(True)
        self._fn, self._signals = fn, signals

    def run(self) -> None:  # a pool thread
        try:
            result = self._fn()
        except ClerkDeskError as e:
            self._signals.failed.emit(str(e))
        except OSError as e:
            self._signals.failed.emit(f"The file could not be written or read ({e.strerror or e}).")
        except Exception as e:  # noqa: BLE001 - the clerk gets a sentence, not a traceback
            self._signals.failed.emit(f"That did not work ({type(e).__name__}: {e}). Nothing was changed.")
        else:
            self._signals.done.emit(result)


_running: set[_Signals] = set()  # keeps each job's signals alive until its answer is delivered


def run_in_background(fn: Callable[[], Any], on_done: Callable[[Any], None],
                      on_failed: Callable[[str], None]) -> None:
    """Run ``fn`` on a pool thread; its result or failure comes back on the GUI thread."""
    signals = _Signals()
    _running.add(signals)

    def finish_done(result: object) -> None:
        _running.discard(signals)
        on_done(result)

    def finish_failed(message: str) -> None:
        _running.discard(signals)
        on_failed(message)

    signals.done.connect(finish_done)
    signals.failed.connect(finish_failed)
    QThreadPool.globalInstance().start(_Job(fn, signals))
