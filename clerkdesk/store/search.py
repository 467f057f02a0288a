"""Full-text search over everything minuted, and repairing its index.

The index (``search_index``, contentless FTS5) is kept in step by triggers (schema.py); it holds
no second copy of the text, so snippets are cut from the rows. ``rebuild_search`` fills it
afresh from the tables, for a store whose index was damaged.
"""

from __future__ import annotations

from clerkdesk.model import SearchHit
from clerkdesk.search_text import fts_query, has_phrase, minute_searches, snippet
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
        hits = self._minute_number_hits(words, limit)
        query = fts_query(words, prefix)
        if query is None or len(hits) >= limit:
            return hits
        conn = self.db.conn
        # Ranking costs time per match: tens of thousands of matches (a word still being typed,
        # over years of meetings) take 60 ms to rank and tell the clerk little, so past
        # RANK_AT_MOST matches the newest come first (rowids grow with time) instead.
        matches = len(conn.execute("SELECT rowid FROM search_index WHERE search_index MATCH ? LIMIT ?",
                                   (query, rank_at_most + 1)).fetchall())
        order = "rank" if matches <= rank_at_most else "rowid DESC"
        rows = conn.execute(f"SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY {order}", (query,))
        seen = {h.meeting_id for h in hits}
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
            item = conn.execute("SELECT number, title, exempt FROM items WHERE id = ?", (item_id,)).fetchone() \
                if item_id is not None else None
            hits.append(SearchHit(meeting_id, m[0], m[1], m[2], item_id, item[0] if item else None,
                                  item[1] if item else None, snippet(text, words, prefix),
                                  exempt=bool(item[2]) if item else False))
            if len(hits) >= limit:
                break
        return hits

    def _minute_number_hits(self, words: str, limit: int) -> list[SearchHit]:
        """Meetings with an item whose minute number the search names (``EC/25/26``), newest first.

        Minute numbers are not in the search index, so they are looked up in the items; other
        words searched with one must appear in that item's heading or entries, words left out
        must not (in the passage shown).
        """
        conn = self.db.conn
        hits: list[SearchHit] = []
        for number, rest, excluded in minute_searches(words):
            items = conn.execute(
                "SELECT i.id, i.meeting_id, i.number, i.title, c.name, m.title, m.date, i.exempt FROM items i "
                "JOIN meetings m ON m.id = i.meeting_id JOIN committees c ON c.id = m.committee_id "
                "WHERE m.deleted IS NULL AND lower(i.minute_number) = lower(?) ORDER BY m.date DESC, i.id",
                (number,)).fetchall()
            for item_id, meeting_id, item_number, item_title, committee, title, date, exempt in items:
                if meeting_id in {h.meeting_id for h in hits}:
                    continue
                text = self._minute_passage(item_id, rest, excluded)
                if text is None:
                    continue
                hits.append(SearchHit(meeting_id, committee, title, date, item_id, item_number, item_title,
                                      snippet(text, words, prefix=False) if rest else f"{number} {item_title}",
                                      exempt=bool(exempt)))
                if len(hits) >= limit:
                    return hits
        return hits

    def _minute_passage(self, item_id: int, rest: list[str], excluded: list[str]) -> str | None:
        """The item's first passage (its heading, then with ``rest`` its entries) with every phrase of
        ``rest`` and none of ``excluded``; None when no passage has."""
        conn = self.db.conn
        passages = [conn.execute("SELECT number || ' ' || title || ' ' || description FROM items WHERE id = ?",
                                 (item_id,)).fetchone()[0]]
        if rest:
            passages += [t for (t,) in conn.execute(
                "SELECT text || ' ' || coalesce(json_extract(data, '$.motion'), '') FROM entries WHERE item_id = ? "
                "ORDER BY position", (item_id,))]
        for text in passages:
            if all(has_phrase(text, p) for p in rest) and not any(has_phrase(text, p) for p in excluded):
                return text
        return None

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
