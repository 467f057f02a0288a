"""Telling a full disk and a read-only folder apart from a damaged store.

SQLite says "disk I/O error" both when the disk is full and when the file is damaged; a clerk
told "damaged" restores a backup onto a disk with no room for it. So a failure to open or write
the store is reported by what the disk says: read-only, full, or (only then) the error itself.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from clerkdesk.errors import StoreError, StoreFull, StoreReadOnly

FULL_BELOW = 1 << 20  # bytes free under which a failed write is the disk being full


def disk_problem(path: Path, error: BaseException, what: str) -> StoreError:
    """The error to report when SQLite or the OS could not open or write the store: full, read-only, or other.

    ``what`` is what failed, as a clause: "the meeting store at … could not be opened".
    """
    text = getattr(error, "strerror", None) or str(error)
    folder = path.parent
    try:
        stats = os.statvfs(folder if folder.exists() else folder.parent)
        free = stats.f_bavail * stats.f_frsize
        read_only = bool(stats.f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        free, read_only = FULL_BELOW, False
    if read_only or not os.access(folder, os.W_OK):
        return read_only_folder(folder)
    if path.exists() and not os.access(path, os.W_OK):
        return StoreReadOnly(f"The meeting store at {path} is read-only, so ClerkDesk can show the meetings "
                             "but not change them; nothing was changed.")
    if "full" in text or getattr(error, "errno", None) == errno.ENOSPC or free < FULL_BELOW:
        return StoreFull(f"The disk holding {folder} is full, so {what}; nothing was changed. "
                         "Free some space and try again.")
    return StoreError(f"{what[0].upper()}{what[1:]} ({text}).")


def read_only_folder(folder: Path) -> StoreReadOnly:
    """The refusal for a data folder that cannot be written."""
    return StoreReadOnly(f"The folder {folder} is read-only, so ClerkDesk can show the meetings but not "
                         "change them; nothing was changed.")
