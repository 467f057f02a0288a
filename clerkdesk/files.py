"""Writing a file whole or not at all, for every file ClerkDesk writes outside the store.

The clerk names a path; ClerkDesk writes to what that path names. A symlink is followed to its
file, a hard link stays linked, an existing file keeps its mode, and anything that is not a
regular file (a device such as /dev/null, a named pipe, a folder) is refused before a byte is
written: replacing it with a file would destroy it.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from pathlib import Path

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
          (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"))


class NotARegularFile(OSError):
    """The path names something other than a regular file; ``kind`` says what ("a device")."""

    def __init__(self, path: Path, kind: str):
        super().__init__(f"{path} is {kind}, not a file")
        self.strerror = f"it is {kind}, not a file"
        self.filename = str(path)
        self.kind = kind


def kind_of(path: str | Path) -> str | None:
    """What ``path`` names (after following symlinks) when that is not a regular file, else None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return next((kind for test, kind in _KINDS if test(mode)), None)


def umask() -> int:
    """The process's umask, read without changing it where the system allows (a thread-safe read)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            m = re.search(r"^Umask:\s*([0-7]+)$", f.read(), re.MULTILINE)
        if m:
            return int(m.group(1), 8)
    except OSError:
        pass
    old = os.umask(0o077)
    os.umask(old)
    return old


def write_whole(path: Path, data: bytes, new_mode: int | None = 0o600, keep_mode: bool = True) -> None:
    """Write ``data`` to the file ``path`` names, whole or not at all.

    The data goes to a temporary file beside the target, is fsynced and moved into place, so a
    crash or a full disk leaves the old file or the new one, never half of one. A symlink is
    followed; an existing file keeps its mode (``keep_mode``); a new one gets ``new_mode`` (None:
    what the umask allows, as any program's new file). A file with other hard links is written in
    place, after its space is reserved, so the links still share it. Raises ``NotARegularFile``
    for a device, pipe, socket or folder, and any other OSError for the caller to put into words.
    """
    target = Path(os.path.realpath(path))
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    if st is not None:
        kind = next((kind for test, kind in _KINDS if test(st.st_mode)), None)
        if kind is not None:
            raise NotARegularFile(Path(path), kind)
    if st is not None and st.st_nlink > 1:
        _write_in_place(target, data)
        return
    if st is not None and keep_mode:
        mode = stat.S_IMODE(st.st_mode)
    else:
        mode = (0o666 & ~umask()) if new_mode is None else new_mode
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except PermissionError:
        if st is None:
            raise
        _write_in_place(target, data)  # a writable file in a folder we may not add to
        return
    try:
        with os.fdopen(fd, "wb") as f:
            if hasattr(os, "fchmod"):
                os.fchmod(f.fileno(), mode)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _write_in_place(target: Path, data: bytes) -> None:
    """Overwrite a regular file through its own inode; the space is reserved first, so a full disk changes nothing."""
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for something else since it was looked at
            raise OSError(errno.EINVAL, "it was replaced by something other than a file while being written")
        if data and hasattr(os, "posix_fallocate"):
            try:
                os.posix_fallocate(fd, 0, len(data))
            except OSError as e:
                if e.errno not in (errno.EOPNOTSUPP, errno.EINVAL):  # the file system cannot reserve: write anyway
                    raise
        view = memoryview(data)
        os.lseek(fd, 0, os.SEEK_SET)
        while view:
            view = view[os.write(fd, view):]
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    finally:
        os.close(fd)


class TooLarge(Exception):
    """A file read with ``read_regular`` holds more than the cap it was read with."""

    def __init__(self, path: str | Path, cap: int):
        super().__init__(f"{path} holds more than {cap} bytes")
        self.cap = cap


def read_input(path: str | Path, cap: int, error: type[Exception], what: str, too_large: str = "") -> bytes:
    """The bytes of a file the clerk gave (a meeting file, an agenda, a template), read with
    ``read_regular``; every way it cannot be read is ``error`` with one sentence for the clerk.

    ``what`` names the kind of file ("a meeting file"); ``too_large`` is what to add when it is
    over ``cap`` ("import the agenda pages alone.").
    """
    path = Path(path)
    try:
        return read_regular(path, cap)
    except TooLarge:
        raise error(f"{path.name} is over {cap // 1048576} MB, too large to be {what}. {too_large}".strip()) from None
    except NotARegularFile as e:
        raise error(f"{path} is {e.kind}, not a file; give {what} itself.") from None
    except FileNotFoundError:
        raise error(f"There is no file at {path}.") from None
    except IsADirectoryError:
        raise error(f"{path} is a folder, not {what}.") from None
    except PermissionError:
        raise error(f"ClerkDesk is not allowed to read {path}.") from None
    except OSError as e:
        raise error(f"{path.name} could not be read ({e.strerror}).") from None


def read_regular(path: str | Path, cap: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``cap`` of them, for input from outside.

    The file is opened without blocking (a named pipe with no writer would otherwise wait
    forever) and checked on the open descriptor, so a device, pipe, socket or folder raises
    ``NotARegularFile`` before anything is read. It is read until its end or past ``cap``
    (``TooLarge``), whatever its size says: /proc files claim 0 bytes, a file may grow as it is read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        kind = next((kind for test, kind in _KINDS if test(mode)), None)
        if kind is not None or not stat.S_ISREG(mode):
            raise NotARegularFile(Path(path), kind or "a special file")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, cap + 1 - total))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
            if total > cap:
                raise TooLarge(path, cap)
    finally:
        os.close(fd)
