"""Full-text search over everything minuted, and repairing its index.

The index (``search_index``, contentless FTS5) is kept in step by triggers (schema.py); it holds
no second copy of the text, so snippets are cut from the rows. ``rebuild_search`` fills it
afresh from the tables, for a store whose index was damaged.
"""

from __future__ import annotations

from clerkdesk.model import SearchHit
from clerkdesk.search_text import fts_query, snippet
from . import schema
from .connection import Connection

RANK_AT_MOST = 4000  # matches ranked by relevance; more than that are listed newest first


class SearchIndex(Connection):
    """Search, and the index behind it."""

    def search(self, words: str, limit: int = 50, prefix: bool = True,
               rank_at_most: int = RANK_AT_MOST) -> list[SearchHit]:
        """Meetings where all the words appear, most relevant first, with the best item and a snippet.

        Past ``rank_at_most`` matching passages, the newest meetings come first instead.
        With ``prefix`` the last word also matches the start of longer words, for search as you type.
        """
        query = fts_query(words, prefix)
        if query is None:
            return []
        conn = self.db.conn
        # Ranking costs time per match: tens of thousands of matches (a word still being typed,
        # over years of meetings) take 60 ms to rank and tell the clerk little, so past
        # RANK_AT_MOST matches the newest come first (rowids grow with time) instead.
        matches = len(conn.execute("SELECT rowid FROM search_index WHERE search_index MATCH ? LIMIT ?",
                                   (query, rank_at_most + 1)).fetchall())
        order = "rank" if matches <= rank_at_most else "rowid DESC"
        rows = conn.execute(f"SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY {order}", (query,))
        hits: list[SearchHit] = []
        seen: set[int] = set()
        for (rowid,) in rows:  # read lazily: stop as soon as there are ``limit`` meetings
            source, source_id = schema.SOURCE_TABLES[rowid % 4], rowid // 4
            found = self._search_source(source, source_id)
            if found is None or found[0] in seen:
                continue
            meeting_id, item_id, text = found
            m = conn.execute("SELECT c.name, m.title, m.date FROM meetings m JOIN committees c "
                             "ON c.id = m.committee_id WHERE m.id = ? AND m.deleted IS NULL", (meeting_id,)).fetchone()
            if m is None:
                continue
            seen.add(meeting_id)
            item = conn.execute("SELECT number, title FROM items WHERE id = ?", (item_id,)).fetchone() \
                if item_id is not None else None
            hits.append(SearchHit(meeting_id, m[0], m[1], m[2], item_id, item[0] if item else None,
                                  item[1] if item else None, snippet(text, words, prefix)))
            if len(hits) >= limit:
                break
        return hits

    def _search_source(self, source: str, source_id: int) -> tuple[int, int | None, str] | None:
        """The meeting, item and text behind one search-index row."""
        conn = self.db.conn
        if source == "entries":
            row = conn.execute("SELECT i.meeting_id, e.item_id, e.text || ' ' || "
                               "coalesce(json_extract(e.data, '$.motion'), '') FROM entries e "
                               "JOIN items i ON i.id = e.item_id WHERE e.id = ?", (source_id,)).fetchone()
        elif source == "items":
            row = conn.execute("SELECT meeting_id, id, number || ' ' || title || ' ' || description "
                               "FROM items WHERE id = ?", (source_id,)).fetchone()
        elif source == "people":
            row = conn.execute("SELECT meeting_id, NULL, name || ' ' || role FROM people WHERE id = ?",
                               (source_id,)).fetchone()
        else:
            row = conn.execute("SELECT m.id, NULL, m.title || ' ' || m.venue || ' ' || c.name FROM meetings m "
                               "JOIN committees c ON c.id = m.committee_id WHERE m.id = ?", (source_id,)).fetchone()
        return None if row is None else (row[0], row[1], row[2])

    def rebuild_search(self) -> int:
        """Fill the search index afresh from the tables; returns how many rows it holds."""
        conn = self.db.conn
        with self._write():
            conn.execute("INSERT INTO search_index(search_index) VALUES ('delete-all')")
            for table, (source, body, _columns) in schema.SOURCES.items():
                conn.execute(f"INSERT INTO search_index(rowid, body) SELECT new.id * 4 + {source}, {body} "
                             f"FROM {table} AS new")
            return sum(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in schema.SOURCES)
