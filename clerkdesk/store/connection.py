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
from .disk import disk_problem

STORE_NAME = "clerkdesk.sqlite3"
_SQLITE_HEADER = b"SQLite format 3\x00"


class Connection:
    """An open store file. Use as a context manager, or call ``close()``."""

    on_close: Callable[[], None] | None = None  # e.g. release the data folder's writer lock

    def __init__(self, path: str | Path, check: bool = True, migrate: bool = True, read_only: bool = False):
        """Open (creating if new) the store at path; ``check`` runs SQLite's quick_check on it.

        Without ``migrate`` a store of an older version raises StoreNeedsUpgrade instead of being upgraded.
        With ``read_only`` nothing is created or written, not even SQLite's shared-memory file, so a
        store on a full disk or a read-only folder can still be read (the store must exist).
        """
        self.path = Path(path)
        self.read_only = read_only
        _check_is_store_file(self.path)
        try:
            if read_only:
                conn = _open_read_only(self.path)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                # Created owner-only before SQLite touches it: SQLite gives -wal and -shm the same mode.
                os.close(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600))
                # Autocommit at the driver level: every transaction is an explicit db.atomic(), and
                # Python's legacy implicit-transaction handling costs a tenth of a millisecond a save.
                conn = sqlite3.connect(self.path, timeout=5.0, check_same_thread=False, isolation_level=None)
        except (OSError, sqlite3.Error) as e:
            raise disk_problem(self.path, e, f"the meeting store at {self.path} could not be opened") from None
        self.db = sqlite_utils.Database(conn, execute_plugins=False)
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
            version = self._check_ours()
            if read_only and version != schema.SCHEMA_VERSION:
                raise StoreNeedsUpgrade(f"The meeting store at {self.path} must be upgraded before it can be read.")
            if not read_only:
                self._configure()
            if check:
                self._check()
            self._migrate(version, migrate)
        except sqlite3.DatabaseError as e:
            conn.close()
            text = str(e)
            if "locked" in text or "busy" in text:
                raise StoreLocked("Another copy of ClerkDesk is using this data folder; try again in a moment.") from None
            if "full" in text or "disk I/O" in text or "readonly" in text or "unable to open" in text:
                raise disk_problem(self.path, e, f"the meeting store at {self.path} could not be opened") from None
            raise StoreDamaged(f"The meeting store at {self.path} is damaged or is not a ClerkDesk store ({e}).") from None
        except UnicodeDecodeError:  # SQLite quoted a damaged table of contents back at us
            conn.close()
            raise StoreDamaged(f"The meeting store at {self.path} is damaged: its table of contents "
                               "(the schema) is not readable.") from None
        except StoreError:
            conn.close()
            raise
        self._identity = _identity(self.path)
        self._wal_seen = not read_only and Path(f"{self.path}-wal").exists()

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
        """SQLite's quick_check and the tables' shape; raise StoreDamaged unless the file is whole."""
        try:
            self._check()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as e:
            raise StoreDamaged(f"The meeting store at {self.path} is damaged ({e}).") from None

    def _check(self) -> None:
        result = self.db.conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise StoreDamaged(f"The meeting store at {self.path} is damaged ({result}).")
        version = self.db.conn.execute("PRAGMA user_version").fetchone()[0]
        if version == schema.SCHEMA_VERSION and schema.table_shapes(self.db.conn) != schema.expected_shapes():
            # A flipped byte in the schema's text can leave valid SQL that names other columns.
            raise StoreDamaged(f"The meeting store at {self.path} is damaged: its tables are not the shape "
                               "ClerkDesk made them.")

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

    def wal_lost(self) -> str | None:
        """Why the store's files are not as this connection opened them (None when they are).

        Someone deleting the ``-wal`` file, or moving or replacing the store, while it is open
        would lose every change since SQLite's last checkpoint once this connection closes.
        """
        if _identity(self.path) != self._identity:
            return f"The meeting store {self.path} was moved or replaced while ClerkDesk had it open."
        if self._wal_seen and not Path(f"{self.path}-wal").exists():
            return f"The store's log file {self.path.name}-wal was deleted while ClerkDesk had it open."
        return None

    def rescue_wal(self) -> None:
        """Copy what the deleted ``-wal`` file held (still open here) into the store itself."""
        self.db.conn.execute("PRAGMA wal_checkpoint(FULL)").fetchone()

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
                raise disk_problem(self.path, e, f"ClerkDesk could not save to the meeting store at {self.path}") from None
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


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that writes nothing, not even SQLite's shared-memory file (-shm).

    Exclusive locking keeps SQLite's WAL index in memory instead of the -shm file, which a full
    disk or a read-only folder cannot give it. On a full disk the file is still opened for
    writing (SQLite needs that to read a WAL it cannot index in shared memory), with
    ``query_only`` so nothing is written; a read-only file is opened read-only.
    """
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    uri = path.resolve().as_uri() + ("" if writable else "?mode=ro")
    conn = sqlite3.connect(uri, uri=True, timeout=5.0, check_same_thread=False, isolation_level=None)
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA user_version").fetchone()
    except sqlite3.Error:
        conn.close()
        if writable:
            raise
        # A folder nobody can write to: the file cannot change while it is read.
        conn = sqlite3.connect(path.resolve().as_uri() + "?immutable=1", uri=True, check_same_thread=False,
                               isolation_level=None)
    return conn


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
