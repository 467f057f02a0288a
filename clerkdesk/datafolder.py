"""A data folder: the store, its backups and its writer lock, opened the safe way.

The window and the command line's writing verbs open the store through ``open_for_writing``
(one writer per folder, a daily backup); reading verbs use ``open_for_reading``, which works
while the window is open. A damaged store is reported with the newest good backup, so the
clerk can be offered it; nothing is overwritten without asking.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import StoreDamaged, StoreError, StoreFull, StoreLocked, StoreNeedsUpgrade, StoreReadOnly
from .lock import WriterLock
from .store import Store, default_store_path, has_backup_today, newest_good_backup


class DataFolder:
    """The clerk's data folder; created owner-only (0700) if new."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.store_path = default_store_path(self.path)
        self.lock = WriterLock(self.path)

    def _prepare(self) -> None:
        try:
            self.path.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as e:
            raise StoreError(f"ClerkDesk cannot create its data folder {self.path} ({e.strerror}).") from None
        if os.name == "posix":
            try:
                self.path.chmod(0o700)
            except OSError:
                pass

    def open_for_writing(self, wait: float = 0.0, who: str = "ClerkDesk", daily_backup: bool = True,
                         check: bool = True) -> Store:
        """Take the writer lock (waiting up to ``wait`` s) and open the store; make today's backup if due.

        The lock is held until ``release()``; raise StoreLocked if another copy holds it. Without
        ``check`` the integrity check is left to the caller (``Store.check``), before it writes.
        """
        self._prepare()
        self.lock.acquire(wait=wait, who=who)
        try:
            store = self._open(check=check)
            if daily_backup and not has_backup_today(self.path):
                store.backup(self.path, "daily")
            return store
        except BaseException:
            self.lock.release()
            raise

    def open_for_reading(self) -> Store:
        """Open the store to read (list, search, export); works while the window holds the lock.

        Reading never writes: a store from an earlier version (or none yet) is upgraded (or made)
        only when no other copy holds the folder, under its lock, with a backup first.
        """
        self._prepare()
        try:
            return self._open(migrate=False)
        except (StoreFull, StoreReadOnly):
            if not self.store_path.exists():
                raise
            # A full disk or a read-only folder: read without writing SQLite's shared-memory file.
            return self._open(migrate=False, read_only=True)
        except StoreNeedsUpgrade:
            try:
                self.open_for_writing(daily_backup=False).close()
            except StoreLocked:
                raise StoreLocked("The meeting store is being upgraded by another copy of ClerkDesk; "
                                  "try again in a moment.") from None
            finally:
                self.release()
            return self._open(migrate=False)

    def _open(self, migrate: bool = True, check: bool = True, read_only: bool = False) -> Store:
        try:
            return Store(self.store_path, check=check, migrate=migrate, read_only=read_only)
        except StoreDamaged as e:
            raise self.damaged(e) from None

    def damaged(self, error: StoreDamaged) -> StoreDamaged:
        """The damage reported with the newest good backup to go back to (``.backup``), if there is one."""
        good = newest_good_backup(self.path)
        if good is None:
            return StoreDamaged(f"{error} There is no good backup to go back to; the file was left as it is.")
        damaged = StoreDamaged(f"{error} The newest good backup is from {good.when:%d %B %Y at %H:%M}; "
                               f"restore it with: clerkdesk restore {good.path}")
        damaged.backup = good  # so the window can offer it
        return damaged

    def release(self) -> None:
        """Give up the writer lock."""
        self.lock.release()
