"""The archive's schema on PostgreSQL, its versioned migrations and its two group roles.

Everything lives in the ``clerkdesk`` schema of one database. ``clerkdesk.schema_version`` holds
the version; ``setup`` applies the migrations it lacks, each in its own transaction under an
advisory lock, so running it twice (or from two machines at once) is safe. Part 2 content is kept
in tables of its own that only ``clerkdesk_clerk`` may read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .errors import ArchiveError, ArchiveRefused

CLERK, READER = "clerkdesk_clerk", "clerkdesk_reader"
_LOCK = 0x436C6B44  # pg_advisory_xact_lock key while migrating ("ClkD")

_V1 = [
    # uid is compared byte-wise ("C") so a pull by the first characters of a uid uses the index.
    """CREATE TABLE clerkdesk.meetings (
        uid text COLLATE "C" PRIMARY KEY,
        committee text NOT NULL,
        title text NOT NULL,
        date date NOT NULL,
        status text NOT NULL,
        version integer NOT NULL,
        digest text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by text NOT NULL DEFAULT session_user,
        record jsonb NOT NULL
    )""",
    "CREATE INDEX meetings_by_committee ON clerkdesk.meetings (committee, date DESC)",
    "CREATE INDEX meetings_by_date ON clerkdesk.meetings (date DESC)",
    # The whole of each Part 2 item, by its position in the meeting; the public record holds its title.
    """CREATE TABLE clerkdesk.private_items (
        uid text COLLATE "C" NOT NULL REFERENCES clerkdesk.meetings(uid) ON DELETE CASCADE,
        position integer NOT NULL,
        item jsonb NOT NULL,
        PRIMARY KEY (uid, position)
    )""",
    # One passage per entry, item heading (entry -1) and meeting (position -1), searched with English
    # stemming; the meeting's date is here too, so many matches can be listed newest first.
    """CREATE TABLE clerkdesk.passages (
        uid text COLLATE "C" NOT NULL REFERENCES clerkdesk.meetings(uid) ON DELETE CASCADE,
        position integer NOT NULL,
        entry integer NOT NULL,
        date date NOT NULL,
        item_number text NOT NULL,
        item_title text NOT NULL,
        exempt boolean NOT NULL,
        body text NOT NULL,
        words tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED,
        PRIMARY KEY (uid, position, entry)
    )""",
    "CREATE INDEX passages_words ON clerkdesk.passages USING gin (words)",
    "CREATE INDEX passages_by_date ON clerkdesk.passages (date)",
    """CREATE TABLE clerkdesk.private_passages (
        uid text COLLATE "C" NOT NULL REFERENCES clerkdesk.meetings(uid) ON DELETE CASCADE,
        position integer NOT NULL,
        entry integer NOT NULL,
        date date NOT NULL,
        item_number text NOT NULL,
        item_title text NOT NULL,
        exempt boolean NOT NULL,
        body text NOT NULL,
        words tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED,
        PRIMARY KEY (uid, position, entry)
    )""",
    "CREATE INDEX private_passages_words ON clerkdesk.private_passages USING gin (words)",
    "CREATE INDEX private_passages_by_date ON clerkdesk.private_passages (date)",
    # Every version replaced (by a later publication, forced or not), whole: Part 2 included.
    """CREATE TABLE clerkdesk.history (
        uid text COLLATE "C" NOT NULL,
        version integer NOT NULL,
        published_at timestamptz NOT NULL,
        published_by text NOT NULL,
        record jsonb NOT NULL,
        private_items jsonb NOT NULL,
        replaced_at timestamptz NOT NULL DEFAULT now(),
        replaced_by text NOT NULL DEFAULT session_user,
        PRIMARY KEY (uid, version)
    )""",
]

# MIGRATIONS[n] takes the archive from version n to n + 1; append, never edit one that shipped.
MIGRATIONS: list[list[str]] = [_V1]
SCHEMA_VERSION = len(MIGRATIONS)

_ROLES = f"""DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{CLERK}') THEN CREATE ROLE {CLERK} NOLOGIN; END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{READER}') THEN CREATE ROLE {READER} NOLOGIN; END IF;
END $$"""

# Granted afresh on every setup, so a later migration's tables are covered too.
_GRANTS = [
    "REVOKE ALL ON SCHEMA clerkdesk FROM PUBLIC",
    f"GRANT USAGE ON SCHEMA clerkdesk TO {CLERK}, {READER}",
    f"GRANT SELECT ON clerkdesk.schema_version, clerkdesk.meetings, clerkdesk.passages TO {READER}",
    f"GRANT SELECT ON ALL TABLES IN SCHEMA clerkdesk TO {CLERK}",
    f"GRANT INSERT, UPDATE, DELETE ON clerkdesk.meetings, clerkdesk.private_items, clerkdesk.passages, "
    f"clerkdesk.private_passages TO {CLERK}",
    # History only grows: a clerk adds to it and can never rewrite it.
    f"GRANT INSERT ON clerkdesk.history TO {CLERK}",
]


@dataclass
class SetupResult:
    """What ``setup`` did: the version before (0: a new archive) and after."""

    before: int
    after: int


def installed_version(conn: Any) -> int:
    """The archive's schema version: 0 when it has not been set up."""
    row = conn.execute("SELECT to_regclass('clerkdesk.schema_version') IS NOT NULL").fetchone()
    if not row[0]:
        return 0
    return conn.execute("SELECT version FROM clerkdesk.schema_version").fetchone()[0]


def setup(conn: Any) -> SetupResult:
    """Create or migrate the archive's schema, then create the two roles and grant them their rights."""
    import psycopg

    try:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
            before = installed_version(conn)
            if before > SCHEMA_VERSION:
                raise ArchiveError(f"The team archive was set up by a newer ClerkDesk (schema version {before}); "
                                   f"this one knows up to {SCHEMA_VERSION}. Update ClerkDesk first.")
            if before == 0:
                conn.execute("CREATE SCHEMA IF NOT EXISTS clerkdesk")
                conn.execute("CREATE TABLE clerkdesk.schema_version (version integer NOT NULL)")
                conn.execute("INSERT INTO clerkdesk.schema_version VALUES (0)")
            _run(conn, [s for migration in MIGRATIONS[before:] for s in migration])
            conn.execute("UPDATE clerkdesk.schema_version SET version = %s", (SCHEMA_VERSION,))
            conn.execute(_ROLES)
            _run(conn, _GRANTS)
    except psycopg.errors.InsufficientPrivilege as e:
        raise ArchiveRefused("This user may not set up the team archive (it must own the database and be allowed "
                             f"to create roles): {str(e).strip().splitlines()[0]}.") from None
    return SetupResult(before, SCHEMA_VERSION)


def _run(conn: Any, statements: Sequence[str]) -> None:
    for statement in statements:
        conn.execute(statement)
