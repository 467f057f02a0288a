"""The team archive client: publish, fetch, list and search meetings in the shared PostgreSQL archive.

The only code in ClerkDesk that speaks SQL to PostgreSQL (with ``schema``). Each call is one
transaction; a publication takes the meeting's row lock, so two clerks publishing the same meeting
at once get one new version and one clear refusal, never a lost one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from clerkdesk.model import Meeting
from clerkdesk.wording import format_date
from . import schema
from .connect import connect, connection_error, where
from .errors import ArchiveConflict, ArchiveError, ArchiveRefused, NotInArchive
from .record import PRIVATE_NOTICE, digest_of, join, split

SEARCH_LIMIT = 50


@dataclass
class Publication:
    """A meeting's version in the archive, and who published it when."""

    uid: str
    version: int
    published_by: str
    published_at: datetime
    unchanged: bool = False  # the archive already held exactly this record: no new version was made


@dataclass
class ArchivedMeeting:
    """A line in the archive's list of meetings."""

    uid: str
    committee: str
    title: str
    date: str
    status: str
    version: int
    published_by: str
    published_at: datetime


@dataclass
class ArchiveHit:
    """One archived item (or meeting) whose words matched a search, with a snippet."""

    uid: str
    committee: str
    title: str
    date: str
    item_number: str
    item_title: str
    snippet: str


@dataclass
class Fetched:
    """A meeting fetched from the archive, Part 2 included only for a clerk."""

    meeting: Meeting
    version: int
    published_by: str
    published_at: datetime


def when(at: datetime) -> str:
    """“2 December 2026 at 07.40” in this computer's time zone."""
    local = at.astimezone()
    return f"{format_date(local.date().isoformat())} at {local:%H.%M}"


class Archive:
    """An open connection to the team archive. Use as a context manager, or call ``close()``."""

    def __init__(self, url: str):
        self.url = url
        self.conn = connect(url)
        try:
            version = schema.installed_version(self.conn)
        except Exception as e:
            self.close()
            raise self._error(e) from None
        if version == 0:
            self.close()
            raise ArchiveError(f"The team archive at {where(url)} is not set up yet; council IT runs "
                               "clerkdesk archive setup --url … once (see docs/team-archive.md).")
        if version > schema.SCHEMA_VERSION:
            self.close()
            raise ArchiveError(f"The team archive was set up by a newer ClerkDesk (schema version {version}); "
                               "update ClerkDesk to use it.")

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def _error(self, e: Exception) -> ArchiveError:
        import psycopg

        if isinstance(e, psycopg.errors.InsufficientPrivilege):
            return ArchiveRefused("Your archive user may not do that; council IT adds clerks to "
                                  f"{schema.CLERK} (see docs/team-archive.md).")
        if isinstance(e, psycopg.OperationalError):
            return connection_error(self.url, e)
        if isinstance(e, ArchiveError):
            return e
        return ArchiveError(f"The team archive failed: {str(e).strip().splitlines()[0] if str(e).strip() else e!r}.")

    def _call(self, fn: Any, *args: Any) -> Any:
        import psycopg

        try:
            return fn(*args)
        except (psycopg.Error, ArchiveError) as e:
            if isinstance(e, ArchiveError):
                raise
            raise self._error(e) from None

    # -- who am I --------------------------------------------------------------------------

    def is_clerk(self) -> bool:
        """Whether this user may read Part 2 content (and publish)."""
        return self._call(lambda: self.conn.execute(
            "SELECT has_table_privilege('clerkdesk.private_items', 'SELECT')").fetchone()[0])

    # -- publishing -----------------------------------------------------------------------

    def publish(self, meeting: Meeting, known_version: int | None, force: bool = False) -> Publication:
        """Publish the meeting as its next version.

        Refused with ArchiveConflict when the archive's version is not ``known_version`` (the one this
        machine last pulled or published; None: never), unless ``force``. The version replaced is kept
        in the archive's history.
        """
        if not meeting.uid:
            raise ArchiveError("This meeting has no uid to publish it under.")
        return self._call(self._publish, meeting, known_version, force)

    def _publish(self, meeting: Meeting, known: int | None, force: bool) -> Publication:
        parts = split(meeting)
        whole = digest_of({**parts.public, "items": [parts.private_items.get(n, item) for n, item
                                                        in enumerate(parts.public["items"])]})
        from psycopg.types.json import Jsonb

        uid = meeting.uid
        with self.conn.transaction():
            cur = self.conn.cursor()
            row = cur.execute("SELECT version, digest, published_by, published_at FROM clerkdesk.meetings "
                              "WHERE uid = %s FOR UPDATE", (uid,)).fetchone()
            if row is None:
                inserted = cur.execute(
                    "INSERT INTO clerkdesk.meetings (uid, committee, title, date, status, version, digest, record) "
                    "VALUES (%s, %s, %s, %s, %s, 1, %s, %s) ON CONFLICT (uid) DO NOTHING "
                    "RETURNING version, published_by, published_at",
                    (uid, meeting.committee.name, meeting.title, meeting.date, meeting.status, whole,
                     Jsonb(parts.public))).fetchone()
                if inserted is None:  # another clerk published it a moment ago
                    row = cur.execute("SELECT version, digest, published_by, published_at FROM clerkdesk.meetings "
                                      "WHERE uid = %s FOR UPDATE", (uid,)).fetchone()
                else:
                    self._write_parts(cur, uid, meeting.date, parts)
                    return Publication(uid, *inserted)
            version, old_digest, by, at = row
            if version == known and old_digest == whole:
                return Publication(uid, version, by, at, unchanged=True)
            if version != known and not force:
                said = "a newer version of this meeting" if known is not None else \
                    "its own copy of this meeting, which this machine has never pulled"
                raise ArchiveConflict(f"The team archive has {said} (version {version}, published by {by} on "
                                      f"{when(at)}); pull it first, or publish --force to replace it "
                                      "(the archive keeps the old version).")
            cur.execute("INSERT INTO clerkdesk.history (uid, version, published_at, published_by, record, private_items) "
                        "SELECT m.uid, m.version, m.published_at, m.published_by, m.record, "
                        "coalesce((SELECT jsonb_object_agg(p.position, p.item) FROM clerkdesk.private_items p "
                        "WHERE p.uid = m.uid), '{}') FROM clerkdesk.meetings m WHERE m.uid = %s", (uid,))
            updated = cur.execute(
                "UPDATE clerkdesk.meetings SET committee = %s, title = %s, date = %s, status = %s, version = version + 1, "
                "digest = %s, record = %s, published_at = now(), published_by = session_user WHERE uid = %s "
                "RETURNING version, published_by, published_at",
                (meeting.committee.name, meeting.title, meeting.date, meeting.status, whole, Jsonb(parts.public),
                 uid)).fetchone()
            for table in ("private_items", "passages", "private_passages"):
                cur.execute(f"DELETE FROM clerkdesk.{table} WHERE uid = %s", (uid,))
            self._write_parts(cur, uid, meeting.date, parts)
            return Publication(uid, *updated)

    @staticmethod
    def _write_parts(cur: Any, uid: str, day: str, parts: Any) -> None:
        from psycopg.types.json import Jsonb

        if parts.private_items:
            cur.executemany("INSERT INTO clerkdesk.private_items (uid, position, item) VALUES (%s, %s, %s)",
                            [(uid, n, Jsonb(item)) for n, item in parts.private_items.items()])
        for table, passages in (("passages", parts.public_passages), ("private_passages", parts.private_passages)):
            if not passages:
                continue
            with cur.copy(f"COPY clerkdesk.{table} (uid, position, entry, date, item_number, item_title, exempt, "
                          "body) FROM STDIN") as copy:
                for p in passages:
                    copy.write_row((uid, p.position, p.entry, day, p.item_number, p.item_title, p.exempt, p.body))

    # -- reading --------------------------------------------------------------------------

    def resolve(self, uid: str) -> str:
        """The full uid of the archived meeting whose uid is or starts with ``uid`` (at least 6 characters)."""
        uid = uid.strip().lower()
        if len(uid) < 6:
            raise NotInArchive(f"“{uid}” is too short to name a meeting; give at least 6 characters of its uid "
                               "(clerkdesk archive list shows them).")
        rows = self._call(lambda: self.conn.execute(
            "SELECT uid FROM clerkdesk.meetings WHERE uid >= %s AND uid < %s || '~' ORDER BY uid LIMIT 2",
            (uid, uid)).fetchall())
        if not rows:
            raise NotInArchive(f"The team archive has no meeting with the uid “{uid}”.")
        if len(rows) > 1 and rows[0][0] != uid:
            raise NotInArchive(f"More than one archived meeting's uid starts “{uid}”; give more of it.")
        return rows[0][0]

    def fetch(self, uid: str) -> Fetched:
        """The archived meeting, whole for a clerk; for a reader, Part 2 items carry only the private notice."""
        uid = self.resolve(uid)

        def read() -> Fetched:
            with self.conn.transaction():
                row = self.conn.execute("SELECT record, version, published_by, published_at FROM clerkdesk.meetings "
                                        "WHERE uid = %s", (uid,)).fetchone()
                if row is None:
                    raise NotInArchive(f"The team archive has no meeting with the uid “{uid}”.")
                private: dict[int, Any] = {}
                if self.is_clerk():
                    private = dict(self.conn.execute("SELECT position, item FROM clerkdesk.private_items "
                                                     "WHERE uid = %s", (uid,)).fetchall())
            return Fetched(join(row[0], private), row[1], row[2], row[3])

        return self._call(read)

    def list(self, committee: str | None = None, limit: int = 500) -> list[ArchivedMeeting]:
        """Archived meetings, newest first, optionally of one committee."""
        sql = ("SELECT uid, committee, title, date::text, status, version, published_by, published_at "
               "FROM clerkdesk.meetings")
        params: tuple[Any, ...] = ()
        if committee:
            sql += " WHERE committee = %s"
            params = (committee.strip(),)
        rows = self._call(lambda: self.conn.execute(sql + " ORDER BY date DESC, uid LIMIT %s",
                                                    (*params, limit)).fetchall())
        return [ArchivedMeeting(*r) for r in rows]

    def last_meeting(self, committee: str, before: str) -> ArchivedMeeting | None:
        """The committee's latest archived meeting before the date, or None."""
        row = self._call(lambda: self.conn.execute(
            "SELECT uid, committee, title, date::text, status, version, published_by, published_at "
            "FROM clerkdesk.meetings WHERE committee = %s AND date < %s ORDER BY date DESC LIMIT 1",
            (committee.strip(), before)).fetchone())
        return None if row is None else ArchivedMeeting(*row)

    def search(self, words: str, limit: int = SEARCH_LIMIT) -> list[ArchiveHit]:
        """Items whose words match (English stemming; "a phrase", OR, -word), one line per item.

        Words said often are listed newest first, found among the most recent RECENT_PASSAGES passages
        by the date index; rarer ones (too few there) are looked up in the whole archive by the GIN index
        and ranked by relevance. A clerk's search reads Part 2 content too; a reader's finds Part 2 items
        by title only.
        """
        if not words.strip():
            raise ArchiveError("Say what to search for, e.g. clerkdesk archive search fly tipping.")

        def run() -> list[ArchiveHit]:
            with self.conn.transaction():
                clerk = self.is_clerk()
                query = self.conn.execute("SELECT websearch_to_tsquery('english', %s)::text", (words,)).fetchone()[0]
                if not query:
                    return []  # only words too common to index ("the", "and")
                recent = self._hits(_recent(clerk), "date DESC, position, entry", query, limit)
                if len(recent) >= limit:
                    return recent
                return self._hits(_everywhere(clerk), "ts_rank(words, %(q)s::tsquery) DESC, date DESC", query, limit)

        return self._call(run)

    def _hits(self, matches: str, order: str, query: str, limit: int) -> list[ArchiveHit]:
        rows = self.conn.execute(
            f"SELECT m.uid, a.committee, a.title, m.date::text, m.item_number, m.item_title, m.position, "
            f"ts_headline('english', m.body, %(q)s::tsquery, "
            f"'MaxWords=24, MinWords=10, MaxFragments=1, StartSel=«, StopSel=»') "
            f"FROM (SELECT * FROM ({matches}) p ORDER BY {order} LIMIT %(n)s) m "
            f"JOIN clerkdesk.meetings a ON a.uid = m.uid ORDER BY {order.replace('words', 'm.words')}",
            {"q": query, "n": limit * 4, "recent": RECENT_PASSAGES,
             "recent_private": RECENT_PASSAGES // 4}).fetchall()
        hits, seen = [], set()
        for r in rows:  # one line per item: its best passage
            if (r[0], r[6]) not in seen:
                seen.add((r[0], r[6]))
                hits.append(ArchiveHit(*r[:6], r[7]))
        return hits[:limit]


# A word found often enough among this many of the newest passages (some months of meetings) is
# listed newest first from them, read by the date index: ranking the tens of thousands of passages
# a common word has in years of minutes costs seconds and tells the clerk little.
RECENT_PASSAGES = 20000
_COLUMNS = "uid, position, entry, date, item_number, item_title, body, words"


def _recent(clerk: bool) -> str:
    """The newest passages matching the query (the %(q)s parameter)."""
    public = (f"SELECT * FROM (SELECT {_COLUMNS}, exempt FROM clerkdesk.passages ORDER BY date DESC "
              f"LIMIT %(recent)s) r WHERE words @@ %(q)s::tsquery")
    if not clerk:
        return f"SELECT {_COLUMNS} FROM ({public}) pub"
    private = (f"SELECT * FROM (SELECT {_COLUMNS} FROM clerkdesk.private_passages ORDER BY date DESC "
               f"LIMIT %(recent_private)s) r WHERE words @@ %(q)s::tsquery")
    return f"SELECT {_COLUMNS} FROM ({public}) pub WHERE NOT exempt UNION ALL {private}"


def _everywhere(clerk: bool) -> str:
    """Every passage matching the query: Part 2 content for a clerk, titles for others."""
    if not clerk:
        return f"SELECT {_COLUMNS} FROM clerkdesk.passages WHERE words @@ %(q)s::tsquery"
    return (f"SELECT {_COLUMNS} FROM clerkdesk.passages WHERE NOT exempt AND words @@ %(q)s::tsquery "
            f"UNION ALL SELECT {_COLUMNS} FROM clerkdesk.private_passages WHERE words @@ %(q)s::tsquery")


__all__ = ["Archive", "ArchiveHit", "ArchivedMeeting", "Fetched", "PRIVATE_NOTICE", "Publication", "when"]
