"""Rolling backups of the store, and putting one back.

A backup is a consistent copy made with SQLite's backup API (safe while the window is
writing), written to a temporary file, flushed, and moved into place, so a backup folder
never holds half a backup. Backups are made when a meeting is closed in the window, when the
window closes, once a day, before every migration and before a restore; the newest ten are
kept, plus the newest of each of the last thirty days. Restoring never destroys the store it
replaces: that is moved aside, and only once the backup's copy beside it is whole and checked.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import schema
from clerkdesk.errors import StoreDamaged, StoreError, StoreFull, StoreReadOnly, StoreTooNew
from .disk import disk_problem

BACKUP_FOLDER = "backups"
KEEP_RECENT = 10
KEEP_DAYS = 30
_NAME = re.compile(r"^clerkdesk-(\d{8}-\d{6})(?:-(\d+))?-([a-z-]+)\.sqlite3$")


@dataclass
class Backup:
    """One backup file: where it is, when it was made and why."""

    path: Path
    when: datetime
    reason: str


def backup_folder(data_dir: str | Path) -> Path:
    """The folder backups of this data folder go in."""
    return Path(data_dir) / BACKUP_FOLDER


def make_backup(conn: sqlite3.Connection, data_dir: str | Path, reason: str) -> Path:
    """Copy the open store into a new backup file (owner-only), prune old ones; returns its path."""
    folder = backup_folder(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as e:
        raise disk_problem(folder / "backup", e, f"ClerkDesk could not write a backup to {folder}") from None
    _owner_only(folder, 0o700)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"clerkdesk-{stamp}-{reason}.sqlite3"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"clerkdesk-{stamp}-{n}-{reason}.sqlite3"
    try:
        fd, tmp = tempfile.mkstemp(prefix=".backup-", suffix=".part", dir=folder)
    except OSError as e:
        raise disk_problem(folder / "backup", e, f"ClerkDesk could not write a backup to {folder}") from None
    os.close(fd)
    try:
        dest = sqlite3.connect(tmp)
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dest.close()
        _owner_only(Path(tmp), 0o600)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as e:
        _discard(Path(tmp))
        problem = disk_problem(folder / "backup", e, f"ClerkDesk could not write a backup to {folder}")
        if type(problem) is StoreError:
            problem = StoreError(f"ClerkDesk could not write a backup to {folder} ({e}).")
        raise problem from None
    prune(data_dir)
    return target


def list_backups(data_dir: str | Path) -> list[Backup]:
    """Every backup in the data folder, newest first."""
    found = []
    folder = backup_folder(data_dir)
    if not folder.is_dir():
        return []
    for path in folder.iterdir():
        m = _NAME.match(path.name)
        if m:
            found.append(Backup(path, datetime.strptime(m.group(1), "%Y%m%d-%H%M%S"), m.group(3)))
    return sorted(found, key=lambda b: (b.when, b.path.name), reverse=True)


def prune(data_dir: str | Path, keep_recent: int = KEEP_RECENT, keep_days: int = KEEP_DAYS) -> None:
    """Delete old backups, keeping the newest ``keep_recent`` and the newest of each of ``keep_days`` days."""
    backups = list_backups(data_dir)
    keep = {b.path for b in backups[:keep_recent]}
    days: set[str] = set()
    for b in backups:
        day = b.when.strftime("%Y%m%d")
        if day not in days and len(days) < keep_days:
            days.add(day)
            keep.add(b.path)
    for b in backups:
        if b.path not in keep:
            _discard(b.path)


def has_backup_today(data_dir: str | Path) -> bool:
    """True when a backup was already made today."""
    today = datetime.now().date()
    return any(b.when.date() == today for b in list_backups(data_dir))


def check_store_file(path: str | Path) -> None:
    """Raise StoreDamaged or StoreTooNew unless ``path`` is a whole, readable ClerkDesk store."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            if f.read(16) != b"SQLite format 3\x00":
                raise StoreDamaged(f"{path.name} is not a ClerkDesk store.")
    except OSError as e:
        raise StoreDamaged(f"{path} could not be read ({e.strerror}).") from None
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != schema.APPLICATION_ID:
            raise StoreDamaged(f"{path.name} is not a ClerkDesk store.")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > schema.SCHEMA_VERSION:
            raise StoreTooNew(f"{path.name} was saved by a newer version of ClerkDesk; update ClerkDesk to use it.")
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise StoreDamaged(f"{path.name} is damaged ({result}).")
    except sqlite3.DatabaseError as e:
        raise StoreDamaged(f"{path.name} is damaged ({e}).") from None
    finally:
        conn.close()


def newest_good_backup(data_dir: str | Path) -> Backup | None:
    """The newest backup that passes ``check_store_file``, or None."""
    for b in list_backups(data_dir):
        try:
            check_store_file(b.path)
            return b
        except StoreError:
            continue
    return None


def restore(store_path: str | Path, backup_file: str | Path) -> Path | None:
    """Put a backup in place of the store; the store it replaces is moved aside, never deleted.

    The backup is first copied whole beside the store, flushed to disk and checked; only then is
    the old store moved aside and the copy moved in. On any failure before that (a full disk, a
    damaged backup) nothing was moved and the store is as it was. Returns where the replaced
    store was moved (None when there was none). The caller must hold the data folder's writer lock.
    """
    store_path, backup_file = Path(store_path), Path(backup_file)
    check_store_file(backup_file)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".restore-", suffix=".part", dir=store_path.parent)
    except OSError as e:
        raise _not_restored(store_path, e) from None
    os.close(fd)
    try:
        src = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
        dest = sqlite3.connect(tmp)
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file until it is in place
        finally:
            src.close()
            dest.close()
        _owner_only(Path(tmp), 0o600)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        check_store_file(tmp)
    except (OSError, sqlite3.Error, StoreError) as e:
        _discard(Path(tmp))
        raise _not_restored(store_path, e) from None
    aside = None
    if store_path.exists():
        aside = store_path.with_name(f"{store_path.name}.replaced-{datetime.now():%Y%m%d-%H%M%S}")
        moved: list[tuple[Path, Path]] = []
        try:
            for suffix in ("", "-wal", "-shm"):  # the WAL travels with its database
                source = Path(f"{store_path}{suffix}")
                if source.exists():
                    os.replace(source, f"{aside}{suffix}")  # a rename: needs no space
                    moved.append((source, Path(f"{aside}{suffix}")))
        except OSError as e:
            for source, target in reversed(moved):
                os.replace(target, source)
            _discard(Path(tmp))
            raise _not_restored(store_path, e) from None
    os.replace(tmp, store_path)
    _sync_folder(store_path.parent)
    return aside


def _not_restored(store_path: Path, error: BaseException) -> StoreError:
    problem = disk_problem(store_path, error, "the backup could not be restored")
    if isinstance(problem, StoreFull):
        return StoreFull(f"The backup was not restored: the disk holding {store_path.parent} is full. The store "
                         "was left exactly as it was; free some space and try again.")
    if isinstance(problem, StoreReadOnly):
        return StoreReadOnly(f"The backup was not restored: {store_path.parent} is read-only. The store was "
                             "left exactly as it was.")
    return StoreError(f"The backup was not restored ({error}); the store was left exactly as it was.")


def _sync_folder(folder: Path) -> None:
    """Make the renames in a folder durable (POSIX)."""
    if os.name == "posix":
        try:
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError:
            pass


def _owner_only(path: Path, mode: int) -> None:
    if os.name == "posix":
        try:
            path.chmod(mode)
        except OSError:
            pass


def _discard(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
