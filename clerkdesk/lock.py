"""One writer per data folder: a lock the window holds for its whole life.

The lock is an OS file lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on a small
file in the data folder, so it is released by the operating system when the process dies —
a crash or a killed process never leaves a stale lock behind. The holder's process id is
written into the file so a refusal can say who holds it.
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

from .errors import StoreLocked
from .store.disk import disk_problem, read_only_folder

LOCK_NAME = "clerkdesk.lock"

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class WriterLock:
    """The data folder's writer lock. ``acquire`` it, ``release`` it (or use ``with``)."""

    def __init__(self, data_dir: str | Path):
        self.path = Path(data_dir) / LOCK_NAME
        self._fd: int | None = None

    def acquire(self, wait: float = 0.0, who: str = "ClerkDesk") -> WriterLock:
        """Take the lock, waiting up to ``wait`` seconds; raise StoreLocked if another process holds it."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as e:
            if e.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise read_only_folder(self.path.parent) from None
            raise disk_problem(self.path, e, f"ClerkDesk could not lock {self.path.parent} for writing") from None
        deadline = time.monotonic() + wait
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                holder = self.holder()
                os.close(fd)
                raise StoreLocked("ClerkDesk is open on this data folder"
                                  + (f" ({holder})" if holder else "")
                                  + "; close it, or try again when it has finished.")
            time.sleep(0.05)  # polling a file lock: there is no signal to wait on across processes
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{who}, process {os.getpid()}".encode())
            os.fsync(fd)
        except OSError:
            pass  # a full disk: the lock holds all the same, only its note of who holds it is missing
        self._fd = fd
        return self

    def holder(self) -> str:
        """Who holds the lock, as the holder wrote it (may be stale if nobody does)."""
        try:
            return self.path.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            return ""

    def is_held_elsewhere(self) -> bool:
        """True when another process holds the lock now."""
        if not self.path.exists():
            return False
        try:
            fd = os.open(self.path, os.O_RDWR)
        except OSError:
            return False
        try:
            if _try_lock(fd):
                _unlock(fd)
                return False
            return True
        finally:
            os.close(fd)

    def release(self) -> None:
        """Let another process write."""
        if self._fd is not None:
            try:
                _unlock(self._fd)
            finally:
                os.close(self._fd)
                self._fd = None

    def __enter__(self) -> WriterLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
