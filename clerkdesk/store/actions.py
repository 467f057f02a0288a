"""Planning's reads across meetings: actions minuted anywhere, and the minute numbers a committee used."""

from __future__ import annotations

from typing import Any

from clerkdesk.model import Person
from .connection import Connection
from .rows import ENTRY_SELECT, ENTRY_WIDTH, entry_from_row


class PlanningReads(Connection):
    """Indexed queries that planning needs without loading whole archives."""

    def committee_actions(self, committee: str | None = None, entry_ids: list[int] | None = None) -> list[dict[str, Any]]:
        """Every action entry in meetings not in the bin (of one committee, or all; or just these), oldest first.

        Each row has ``entry`` (an Entry), ``meeting_id``, ``meeting_date``, ``committee``,
        ``item_id``, ``item_number``, ``item_title``, ``minute_number``, ``item_exempt`` and ``owner`` (the Person
        the action's owner key names at that meeting, or None when the owner is a plain name).
        """
        sql = (f"SELECT {ENTRY_SELECT}, m.id, m.date, c.name, i.number, i.title, i.minute_number, p.key, p.name, "
               "p.title, p.role, p.grp, p.referred_to_as, i.exempt "
               "FROM entries e JOIN items i ON i.id = e.item_id JOIN meetings m ON m.id = i.meeting_id "
               "JOIN committees c ON c.id = m.committee_id "
               "LEFT JOIN people p ON p.meeting_id = m.id AND p.key = json_extract(e.data, '$.owner') "
               "WHERE e.kind = 'action' AND m.deleted IS NULL")
        params: list[Any] = []
        if committee is not None:
            sql += " AND c.name = ?"
            params.append(committee.strip())
        if entry_ids is not None:
            sql += f" AND e.id IN ({', '.join('?' * len(entry_ids))})"
            params.extend(entry_ids)
        sql += " ORDER BY m.date, m.id, i.position, i.id, e.position, e.id"
        rows = []
        w = ENTRY_WIDTH
        for r in self.db.conn.execute(sql, params):
            owner = None if r[w + 6] is None else Person(key=r[w + 6], name=r[w + 7], title=r[w + 8], role=r[w + 9],
                                                         group=r[w + 10], referred_to_as=r[w + 11])
            rows.append({"entry": entry_from_row(r[:w]), "meeting_id": r[w], "meeting_date": r[w + 1],
                         "committee": r[w + 2], "item_id": r[1], "item_number": r[w + 3], "item_title": r[w + 4],
                         "minute_number": r[w + 5], "item_exempt": bool(r[w + 12]), "owner": owner})
        return rows

    def action_family(self, entry_id: int) -> list[int]:
        """The action an entry is (the original, or a copy carried forward) and every copy of it: their ids."""
        conn = self.db.conn
        row = conn.execute("SELECT coalesce(carried_entry, id) FROM entries WHERE id = ? AND kind = 'action'",
                           (entry_id,)).fetchone()
        if row is None:
            return []
        origin = row[0]
        copies = [r[0] for r in conn.execute("SELECT id FROM entries WHERE carried_entry = ?", (origin,))]
        exists = conn.execute("SELECT 1 FROM entries WHERE id = ?", (origin,)).fetchone()
        return ([origin] if exists else []) + copies

    def minute_numbers(self, committee: str, first_date: str, last_date: str) -> list[tuple[int, str, str]]:
        """(meeting id, meeting date, minute number) of the committee's items dated within the range, not binned."""
        return self.db.conn.execute(
            "SELECT m.id, m.date, i.minute_number FROM meetings m JOIN committees c ON c.id = m.committee_id "
            "JOIN items i ON i.meeting_id = m.id WHERE c.name = ? AND m.date BETWEEN ? AND ? "
            "AND m.deleted IS NULL AND i.minute_number != ''", (committee.strip(), first_date, last_date)).fetchall()

    def latest_meeting_before(self, committee: str, iso_date: str) -> int | None:
        """The id of the committee's newest meeting dated before iso_date, not binned, or None."""
        row = self.db.conn.execute(
            "SELECT m.id FROM meetings m JOIN committees c ON c.id = m.committee_id WHERE c.name = ? "
            "AND m.date < ? AND m.deleted IS NULL ORDER BY m.date DESC, m.id DESC LIMIT 1",
            (committee.strip(), iso_date)).fetchone()
        return row[0] if row else None
