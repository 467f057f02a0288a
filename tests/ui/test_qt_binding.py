"""The Qt binding itself, where a bug in it would take the window down mid-meeting."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    bare = Signal()
    result = Signal(int, object)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="True and None are immortal from Python 3.12")
def test_emitting_signals_leaves_the_reference_counts_of_true_and_none_alone() -> None:
    # PySide6 6.12.0 dropped a reference to True on every emit(); on Python 3.11 the process
    # aborts ("bool_dealloc") after some thousands of saves. The session emits per job.
    emitter = _Emitter()
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for n in range(500):
        emitter.bare.emit()
        emitter.result.emit(n, None)
    # 1,000 emits: the bug would show as -1,000; a reference or two held elsewhere is not it.
    assert abs(sys.getrefcount(True) - true_before) < 10
    assert abs(sys.getrefcount(None) - none_before) < 10
