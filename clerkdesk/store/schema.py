"""The store's schema and its migrations, from the first release on.

``PRAGMA user_version`` holds the schema version and ``PRAGMA application_id`` marks the file
as a ClerkDesk store. Each migration runs in one transaction; the search triggers are
(re)created after every migration, since rebuilding a table drops its triggers.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable

APPLICATION_ID = 0x436C6B44  # "ClkD"

# Search index rows are keyed by rowid = source id * 4 + source, so a trigger can replace
# exactly the row for one entry, item, person or meeting without a scan, and a hit names its
# source. Update triggers fire only for the columns indexed, so reordering entries or moving
# to another item costs the index nothing.
_ENTRY, _ITEM, _PERSON, _MEETING = 0, 1, 2, 3
SOURCE_TABLES = ("entries", "items", "people", "meetings")

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
    # Contentless: the index holds no second copy of the text (it would double the store);
    # snippets are cut from the source rows instead.
    """CREATE VIRTUAL TABLE search_index USING fts5(
        body, content = '', tokenize = 'unicode61 remove_diacritics 2'
    )""",
]

# What each source puts in the index, written for "new" rows; the "old" form is the same
# with old. — a contentless index must be told exactly what it was given to forget it.
ENTRY_BODY = "coalesce(new.text, '') || ' ' || coalesce(json_extract(new.data, '$.motion'), '')"
ITEM_BODY = "new.number || ' ' || new.title || ' ' || new.description"
PERSON_BODY = "new.name || ' ' || new.role || ' ' || new.referred_to_as"
MEETING_BODY = ("new.title || ' ' || new.venue || ' ' || "
                "(SELECT name FROM committees WHERE id = new.committee_id)")
SOURCES = {"entries": (_ENTRY, ENTRY_BODY, "text, data"),
           "items": (_ITEM, ITEM_BODY, "number, title, description"),
           "people": (_PERSON, PERSON_BODY, "name, role, referred_to_as"),
           "meetings": (_MEETING, MEETING_BODY, "title, venue, committee_id")}


def search_trigger_sql() -> list[str]:
    """SQL that (re)creates the triggers keeping search_index in step with every change."""
    sql = []
    for table, (source, body, columns) in SOURCES.items():
        old_body = body.replace("new.", "old.")
        insert = f"INSERT INTO search_index(rowid, body) VALUES (new.id * 4 + {source}, {body});"
        forget = (f"INSERT INTO search_index(search_index, rowid, body) "
                  f"VALUES ('delete', old.id * 4 + {source}, {old_body});")
        for event in ("insert", "update", "delete"):
            sql.append(f"DROP TRIGGER IF EXISTS {table}_search_{event}")
        sql.append(f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {insert} END")
        sql.append(f"CREATE TRIGGER {table}_search_update AFTER UPDATE OF {columns} ON {table} "
                   f"BEGIN {forget} {insert} END")
        sql.append(f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {forget} END")
    # A renamed committee re-indexes its meetings: forget them under the old name, add them under the new.
    sql.append("DROP TRIGGER IF EXISTS committees_search_update")
    sql.append(f"""CREATE TRIGGER committees_search_update AFTER UPDATE OF name ON committees BEGIN
        INSERT INTO search_index(search_index, rowid, body)
            SELECT 'delete', id * 4 + {_MEETING}, title || ' ' || venue || ' ' || old.name
            FROM meetings WHERE committee_id = new.id;
        INSERT INTO search_index(rowid, body)
            SELECT id * 4 + {_MEETING}, title || ' ' || venue || ' ' || new.name
            FROM meetings WHERE committee_id = new.id;
        END""")
    return sql


def _migrate_to_1(conn: sqlite3.Connection) -> None:
    for statement in _V1:
        conn.execute(statement)


# Version 2: the app state that version 1 kept in JSON ``extra`` bags gets real columns and
# tables, and the session state (the draft, the live clock) is no longer mixed with the record.
_V2 = [
    "ALTER TABLE meetings ADD COLUMN uid TEXT",
    "ALTER TABLE meetings ADD COLUMN live_started TEXT",
    "ALTER TABLE meetings ADD COLUMN approved_at TEXT",
    "ALTER TABLE meetings ADD COLUMN previous_meeting_id INTEGER",
    "ALTER TABLE meetings ADD COLUMN draft_kind TEXT",
    "ALTER TABLE meetings ADD COLUMN draft_text TEXT",
    "ALTER TABLE meetings ADD COLUMN draft_respond INTEGER NOT NULL DEFAULT 0",
    """CREATE TABLE unlocks (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX unlocks_by_meeting ON unlocks(meeting_id, id)",
    "ALTER TABLE items ADD COLUMN role TEXT NOT NULL DEFAULT ''",
    """CREATE TABLE withdrawals (
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        person_key TEXT NOT NULL,
        PRIMARY KEY (item_id, person_key)
    ) WITHOUT ROWID""",
    "ALTER TABLE entries ADD COLUMN done_on TEXT",
    "ALTER TABLE entries ADD COLUMN left_room TEXT",
    "ALTER TABLE entries ADD COLUMN returned TEXT",
    "ALTER TABLE entries ADD COLUMN joins_previous INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE entries ADD COLUMN level INTEGER NOT NULL DEFAULT 1 CHECK (level IN (1, 2))",
    "ALTER TABLE entries ADD COLUMN carried_entry INTEGER",
    "ALTER TABLE entries ADD COLUMN carried_meeting INTEGER",
    "ALTER TABLE entries ADD COLUMN carried_date TEXT",
    "ALTER TABLE entries ADD COLUMN carried_item TEXT",
    "ALTER TABLE entries ADD COLUMN carried_minute TEXT",
    "ALTER TABLE entries ADD COLUMN carried_title TEXT",
    # Planning reads these without loading whole archives.
    "CREATE INDEX meetings_by_committee ON meetings(committee_id, date)",
    "CREATE INDEX entries_actions ON entries(item_id) WHERE kind = 'action'",
    "CREATE INDEX entries_by_origin ON entries(carried_entry) WHERE carried_entry IS NOT NULL",
    # Move version 1's JSON state into the columns.
    """UPDATE meetings SET
        live_started = json_extract(extra, '$.live_started'),
        approved_at = json_extract(extra, '$.approved'),
        previous_meeting_id = json_extract(extra, '$.previous_meeting'),
        draft_kind = json_extract(extra, '$.draft.kind'),
        draft_text = json_extract(extra, '$.draft.text'),
        draft_respond = coalesce(json_extract(extra, '$.draft.respond'), 0)
       WHERE extra != '{}'""",
    """INSERT INTO unlocks(meeting_id, at, reason)
       SELECT m.id, coalesce(json_extract(u.value, '$.at'), ''), coalesce(json_extract(u.value, '$.reason'), '')
       FROM meetings m, json_each(m.extra, '$.unlocked') u
       WHERE json_type(m.extra, '$.unlocked') = 'array' ORDER BY m.id, u.key""",
    """UPDATE meetings SET extra = json_remove(extra, '$.live_started', '$.approved', '$.previous_meeting',
        '$.draft', '$.unlocked') WHERE extra != '{}'""",
    "UPDATE meetings SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL",
    "CREATE UNIQUE INDEX meetings_by_uid ON meetings(uid)",
    """UPDATE items SET role = coalesce(json_extract(extra, '$.planning'), '') WHERE extra != '{}'""",
    """INSERT OR IGNORE INTO withdrawals(item_id, person_key)
       SELECT i.id, w.value FROM items i, json_each(i.extra, '$.withdrawn') w
       WHERE json_type(i.extra, '$.withdrawn') = 'array'""",
    "UPDATE items SET extra = json_remove(extra, '$.planning', '$.withdrawn') WHERE extra != '{}'",
    """UPDATE entries SET
        done_on = json_extract(data, '$.extra.done'),
        left_room = json_extract(data, '$.extra.left_room'),
        returned = json_extract(data, '$.extra.returned'),
        carried_entry = json_extract(data, '$.extra.carried_from.entry'),
        carried_meeting = json_extract(data, '$.extra.carried_from.meeting'),
        carried_date = json_extract(data, '$.extra.carried_from.date'),
        carried_item = json_extract(data, '$.extra.carried_from.item'),
        carried_minute = json_extract(data, '$.extra.carried_from.minute'),
        carried_title = json_extract(data, '$.extra.carried_from.title'),
        data = json_remove(data, '$.extra.done', '$.extra.left_room', '$.extra.returned', '$.extra.carried_from')
       WHERE json_type(data, '$.extra') = 'object'""",
    """UPDATE entries SET data = json_remove(data, '$.extra') WHERE json_extract(data, '$.extra') = '{}'""",
]


def _migrate_to_2(conn: sqlite3.Connection) -> None:
    for statement in _V2:
        conn.execute(statement)


def _add_chamber_settings(conn: sqlite3.Connection) -> None:
    """The committee's chamber-screen settings: a speaking-time limit in seconds (NULL: none), and
    whether a Part 2 item's title may be shown to the public (by default it is not)."""
    conn.execute("ALTER TABLE committees ADD COLUMN speaking_limit INTEGER "
                 "CHECK (speaking_limit IS NULL OR speaking_limit > 0)")
    conn.execute("ALTER TABLE committees ADD COLUMN exempt_titles_public INTEGER NOT NULL DEFAULT 0 "
                 "CHECK (exempt_titles_public IN (0, 1))")


# The words a clerk told the proofing to ignore in one meeting (not the minutes'
# record, so never in a meeting file; the council word list is a file in the data folder).
_V3 = [
    """CREATE TABLE ignored_words (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        word TEXT NOT NULL,
        PRIMARY KEY (meeting_id, word)
    ) WITHOUT ROWID""",
]


def _add_ignored_words(conn: sqlite3.Connection) -> None:
    for statement in _V3:
        conn.execute(statement)


# What this machine knows of the team archive. For each meeting published or pulled, the
# archive version it last saw and a digest of the record then (so a pull can tell local changes);
# the meetings waiting to publish while the archive is unreachable; and whether a committee's
# meetings publish themselves when marked final or approved.
_ARCHIVE = [
    """CREATE TABLE archive_copies (
        meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        digest TEXT NOT NULL,
        synced TEXT NOT NULL
    )""",
    """CREATE TABLE publish_queue (
        meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        queued TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT NOT NULL DEFAULT ''
    )""",
    "ALTER TABLE committees ADD COLUMN publish_when_final INTEGER NOT NULL DEFAULT 0",
]


def _add_team_archive(conn: sqlite3.Connection) -> None:
    for statement in _ARCHIVE:
        conn.execute(statement)


# When each entry was typed (to the second), so an entry is a bookmark in the meeting's
# recording; the recordings themselves (files beside the store, never in a meeting file or a
# backup); and each committee's recording policy. Entries typed before this have no time.
_RECORDINGS = [
    "ALTER TABLE entries ADD COLUMN typed_at TEXT",
    """CREATE TABLE recordings (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        file TEXT NOT NULL,
        started TEXT NOT NULL,
        duration_ms INTEGER,
        format TEXT NOT NULL,
        size INTEGER NOT NULL DEFAULT 0,
        source TEXT NOT NULL CHECK (source IN ('recorded', 'attached')),
        added TEXT NOT NULL
    )""",
    "CREATE INDEX recordings_by_meeting ON recordings(meeting_id, started)",
    "ALTER TABLE committees ADD COLUMN recording_keep_days INTEGER",
    "ALTER TABLE committees ADD COLUMN recording_pauses_exempt INTEGER NOT NULL DEFAULT 0",
]


def _add_recordings(conn: sqlite3.Connection) -> None:
    for statement in _RECORDINGS:
        conn.execute(statement)


def _add_quorum(conn: sqlite3.Connection) -> None:
    """The committee's quorum rule and whether remote attendance counts; members without a vote."""
    for statement in (
        "ALTER TABLE committees ADD COLUMN quorum_number INTEGER CHECK (quorum_number IS NULL OR quorum_number > 0)",
        "ALTER TABLE committees ADD COLUMN quorum_fraction TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE committees ADD COLUMN quorum_minimum INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE committees ADD COLUMN remote_counts INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE people ADD COLUMN voting INTEGER NOT NULL DEFAULT 1",
    ):
        conn.execute(statement)


# MIGRATIONS[n] takes a store at version n to version n + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migrate_to_1, _migrate_to_2, _add_chamber_settings,
                                                          _add_ignored_words, _add_team_archive, _add_recordings,
                                                          _add_quorum]
V1_STATEMENTS = _V1  # the first release's schema, for tests that build a version-1 store
SCHEMA_VERSION = len(MIGRATIONS)


Shape = dict[str, tuple[tuple[str, str, int, int], ...]]


def table_shapes(conn: sqlite3.Connection) -> Shape:
    """Each table's columns (name, type, not null, primary key), to compare with what ClerkDesk makes."""
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {name: tuple((c[1], c[2], c[3], c[5]) for c in conn.execute(f'PRAGMA table_info("{name}")'))
            for name in names}


@functools.cache
def expected_shapes() -> Shape:
    """The tables a store of this version has: the migrations run on an empty database in memory."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for migrate in MIGRATIONS:
            migrate(conn)
        return table_shapes(conn)
    finally:
        conn.close()
