"""Opening the store file: checks before SQLite writes anything, the schema's version, and transactions.

The store is one SQLite file in WAL mode with ``synchronous=FULL``, so a change is on disk
when its transaction ends. A file that is not ours (another program's database, an empty
file, a damaged one) is refused before anything is written to it. Opening for reading never
migrates: a store of an older version is upgraded only by a writer, with a backup first.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from clerkdesk.errors import BadInput, NoSuchMeeting, StoreDamaged, StoreError, StoreLocked, StoreNeedsUpgrade, StoreTooNew
from . import schema
from .backup import make_backup

STORE_NAME = "clerkdesk.sqlite3"
_SQLITE_HEADER = b"SQLite format 3\x00"


class Connection:
    """An open store file. Use as a context manager, or call ``close()``."""

    on_close: Callable[[], None] | None = None  # e.g. release the data folder's writer lock

    def __init__(self, path: str | Path, check: bool = True, migrate: bool = True):
        """Open (creating if new) the store at path; ``check`` runs SQLite's quick_check on it.

        Without ``migrate`` a store of an older version raises StoreNeedsUpgrade instead of being upgraded.
        """
        self.path = Path(path)
        _check_is_store_file(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            # Created owner-only before SQLite touches it: SQLite gives -wal and -shm the same mode.
            os.close(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600))
            # Autocommit at the driver level: every transaction is an explicit db.atomic(), and
            # Python's legacy implicit-transaction handling costs a tenth of a millisecond a save.
            conn = sqlite3.connect(self.path, timeout=5.0, check_same_thread=False, isolation_level=None)
        except (OSError, sqlite3.Error) as e:
            raise StoreError(f"The meeting store at {self.path} could not be opened ({e}).") from None
        self.db = sqlite_utils.Database(conn, execute_plugins=False)
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
            version = self._check_ours()
            self._configure()
            if check:
                self._check()
            self._migrate(version, migrate)
        except sqlite3.DatabaseError as e:
            conn.close()
            text = str(e)
            if "locked" in text or "busy" in text:
                raise StoreLocked("Another copy of ClerkDesk is using this data folder; try again in a moment.") from None
            if "full" in text or "disk I/O" in text or "readonly" in text:
                raise StoreError(f"The meeting store at {self.path} could not be opened ({text}).") from None
            raise StoreDamaged(f"The meeting store at {self.path} is damaged or is not a ClerkDesk store ({e}).") from None
        except StoreError:
            conn.close()
            raise

    def _check_ours(self) -> int:
        """The store's schema version; refuses another program's database before anything is written to it."""
        conn = self.db.conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise StoreDamaged(f"{self.path} is an SQLite database but not a ClerkDesk store; it was left alone.")
        if version and app_id != schema.APPLICATION_ID:
            raise StoreDamaged(f"{self.path} is an SQLite database but not a ClerkDesk store; it was left alone.")
        if version > schema.SCHEMA_VERSION:
            raise StoreTooNew(f"This data was saved by a newer version of ClerkDesk (store version {version}); "
                              f"this version reads up to {schema.SCHEMA_VERSION}. Update ClerkDesk to open it.")
        return version

    def _configure(self) -> None:
        conn = self.db.conn
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")

    def check(self) -> None:
        """SQLite's quick_check; raise StoreDamaged unless the file is whole."""
        try:
            result = self.db.conn.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as e:
            raise StoreDamaged(f"The meeting store at {self.path} is damaged ({e}).") from None
        if result != "ok":
            raise StoreDamaged(f"The meeting store at {self.path} is damaged ({result}).")

    def _check(self) -> None:
        result = self.db.conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise StoreDamaged(f"The meeting store at {self.path} is damaged ({result}).")

    def _migrate(self, version: int, allowed: bool) -> None:
        if version == schema.SCHEMA_VERSION:
            return
        if not allowed:
            raise StoreNeedsUpgrade(f"The meeting store at {self.path} is from an earlier version of ClerkDesk "
                                    "and must be upgraded by a command that writes (or the window) first.")
        conn = self.db.conn
        if version > 0:
            make_backup(conn, self.path.parent, "before-migration")
        while version < schema.SCHEMA_VERSION:
            with self.db.atomic():
                schema.MIGRATIONS[version](conn)
                for statement in schema.search_trigger_sql():
                    conn.execute(statement)
                version += 1
                conn.execute(f"PRAGMA user_version = {version}")
                conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")

    def close(self) -> None:
        """Close the store; everything was already saved by the call that changed it."""
        self.db.close()
        if self.on_close is not None:
            self.on_close()
            self.on_close = None

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short transaction; a failure leaves the store as it was."""
        try:
            with self.db.atomic():
                yield self.db.conn
        except sqlite3.IntegrityError as e:
            raise BadInput(f"That change does not fit the meeting ({e}).") from None
        except sqlite3.OperationalError as e:
            text = str(e)
            if "locked" in text or "busy" in text:
                raise StoreLocked("The meeting store is busy in another copy of ClerkDesk; nothing was changed.") from None
            if "full" in text or "disk" in text or "readonly" in text or "read-only" in text:
                raise StoreError(f"ClerkDesk could not save to {self.path.parent} ({text}).") from None
            raise

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Make the store calls inside one transaction: all of them are saved, or none."""
        with self._write():  # the calls' own transactions nest inside as savepoints
            yield

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: what another connection commits meanwhile is seen whole or not at all."""
        with self.db.atomic():
            yield self.db.conn

    def _one(self, sql: str, params: tuple[Any, ...], what: str) -> sqlite3.Row | tuple[Any, ...]:
        row = self.db.conn.execute(sql, params).fetchone()
        if row is None:
            raise NoSuchMeeting(f"There is no {what} in this data folder.")
        return row

    def backup(self, data_dir: str | Path, reason: str) -> Path:
        """A consistent copy of the store in the data folder's backups; returns its path."""
        return make_backup(self.db.conn, data_dir, reason)


def _check_is_store_file(path: Path) -> None:
    """Refuse, before SQLite touches it, a file that is plainly not a database."""
    try:
        with open(path, "rb") as f:
            header = f.read(16)
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise StoreError(f"{path} is a folder, not a meeting store.") from None
    except OSError as e:
        raise StoreError(f"The meeting store at {path} could not be read ({e.strerror}).") from None
    if header != _SQLITE_HEADER:
        # An empty file is a valid empty database to SQLite, but a store is never empty: it was cut short.
        what = "it is empty" if not header else "it is not a database any more"
        raise StoreDamaged(f"The meeting store at {path} is damaged: {what}.")


def default_store_path(data_dir: str | Path) -> Path:
    """Where the store lives inside a data folder."""
    return Path(data_dir) / STORE_NAME


def secure_folder(path: Path) -> None:
    """Make a data folder readable by its owner only (POSIX)."""
    if os.name == "posix":
        try:
            path.chmod(0o700)
        except OSError:
            pass
