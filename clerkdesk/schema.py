"""The store's schema and its migrations, from the first release on.

``PRAGMA user_version`` holds the schema version and ``PRAGMA application_id`` marks the file
as a ClerkDesk store. Each migration runs in one transaction; the search triggers are
(re)created after every migration, since rebuilding a table drops its triggers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

APPLICATION_ID = 0x436C6B44  # "ClkD"

# Search index rows are keyed by rowid = source id * 4 + source, so a trigger can replace
# exactly the row for one entry, item, person or meeting without a scan. Update triggers
# fire only for the columns indexed, so reordering or moving the current item costs nothing.
_ENTRY, _ITEM, _PERSON, _MEETING = 0, 1, 2, 3

_V1 = [
    """CREATE TABLE committees (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        minute_format TEXT NOT NULL DEFAULT '{n}',
        default_template TEXT
    )""",
    """CREATE TABLE meetings (
        id INTEGER PRIMARY KEY,
        committee_id INTEGER NOT NULL REFERENCES committees(id),
        title TEXT NOT NULL,
        date TEXT NOT NULL,
        start TEXT,
        "end" TEXT,
        venue TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final', 'approved')),
        current_item_id INTEGER,
        current_speaker TEXT,
        extra TEXT NOT NULL DEFAULT '{}',
        created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
        deleted TEXT
    )""",
    "CREATE INDEX meetings_by_date ON meetings(date)",
    """CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL DEFAULT '',
        grp TEXT NOT NULL CHECK (grp IN ('member', 'officer', 'guest')),
        attendance TEXT NOT NULL CHECK (attendance IN
            ('present', 'apologies', 'absent', 'substitute', 'in_attendance', 'remote')),
        substitute_for TEXT,
        arrived TEXT,
        "left" TEXT,
        referred_to_as TEXT NOT NULL DEFAULT '',
        extra TEXT NOT NULL DEFAULT '{}',
        UNIQUE (meeting_id, key)
    )""",
    """CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        number TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL,
        minute_number TEXT NOT NULL DEFAULT '',
        exempt INTEGER NOT NULL DEFAULT 0,
        started TEXT,
        ended TEXT,
        description TEXT NOT NULL DEFAULT '',
        documents TEXT NOT NULL DEFAULT '[]',
        extra TEXT NOT NULL DEFAULT '{}'
    )""",
    "CREATE INDEX items_by_meeting ON items(meeting_id, position)",
    """CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN
            ('note', 'speech', 'point', 'resolution', 'vote', 'action', 'declaration', 'event')),
        text TEXT NOT NULL DEFAULT '',
        speaker TEXT,
        at TEXT,
        data TEXT NOT NULL DEFAULT '{}'
    )""",
    "CREATE INDEX entries_by_item ON entries(item_id, position)",
    """CREATE VIRTUAL TABLE search_index USING fts5(
        body, meeting_id UNINDEXED, item_id UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 2'
    )""",
]

_TRIGGERS = {
    "entries": (
        _ENTRY,
        "coalesce(new.text, '') || ' ' || coalesce(json_extract(new.data, '$.motion'), '')",
        "(SELECT meeting_id FROM items WHERE id = new.item_id)", "new.item_id", "text, data, item_id",
    ),
    "items": (_ITEM, "new.number || ' ' || new.title || ' ' || new.description", "new.meeting_id", "new.id",
              "number, title, description, meeting_id"),
    "people": (_PERSON, "new.name || ' ' || new.role || ' ' || new.referred_to_as", "new.meeting_id", "NULL",
               "name, role, referred_to_as, meeting_id"),
    "meetings": (
        _MEETING,
        "new.title || ' ' || new.venue || ' ' || (SELECT name FROM committees WHERE id = new.committee_id)",
        "new.id", "NULL", "title, venue, committee_id",
    ),
}


def search_trigger_sql() -> list[str]:
    """SQL that (re)creates the triggers keeping search_index in step with every change."""
    sql = []
    for table, (source, body, meeting, item, columns) in _TRIGGERS.items():
        rowid = f"new.id * 4 + {source}"
        insert = (f"INSERT INTO search_index(rowid, body, meeting_id, item_id) "
                  f"VALUES ({rowid}, {body}, {meeting}, {item});")
        delete = f"DELETE FROM search_index WHERE rowid = old.id * 4 + {source};"
        for event in ("insert", "update", "delete"):
            sql.append(f"DROP TRIGGER IF EXISTS {table}_search_{event}")
        sql.append(f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {insert} END")
        sql.append(f"CREATE TRIGGER {table}_search_update AFTER UPDATE OF {columns} ON {table} BEGIN {delete} {insert} END")
        sql.append(f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {delete} END")
    # A renamed committee renames the index rows of all its meetings.
    sql.append("DROP TRIGGER IF EXISTS committees_search_update")
    sql.append("""CREATE TRIGGER committees_search_update AFTER UPDATE OF name ON committees BEGIN
        UPDATE meetings SET title = title WHERE committee_id = new.id; END""")
    return sql


def _migrate_to_1(conn: sqlite3.Connection) -> None:
    for statement in _V1:
        conn.execute(statement)


# MIGRATIONS[n] takes a store at version n to version n + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migrate_to_1]
SCHEMA_VERSION = len(MIGRATIONS)
