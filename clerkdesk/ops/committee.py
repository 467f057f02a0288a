"""Operations on a committee's own settings, which every meeting of it shares: the chamber screen's
speaking-time limit and whether its Part 2 titles may be shown to the public, and the quorum."""

from __future__ import annotations

from clerkdesk.chamber import check_limit
from clerkdesk.errors import BadInput, NoSuchMeeting
from clerkdesk.quorum import parse_rule
from clerkdesk.store import Store
from .record import Change, Recorder


def set_committee_settings(store: Store, committee: str, speaking_limit: int | None,
                           exempt_titles_public: bool) -> Change:
    """Set a committee's speaking-time limit (seconds; None for none) and whether the chamber screen may
    show its Part 2 items' titles. Settings, not the record: allowed whatever the minutes' status; the
    inverse puts the old settings back. The result is the committee as it now stands."""
    name = committee.strip()
    if store.committee(name) is None:
        raise NoSuchMeeting(f"There is no committee “{committee}” in this data folder.")
    if not isinstance(exempt_titles_public, bool):
        raise BadInput("Whether Part 2 titles are public must be yes or no.")
    limit = check_limit(speaking_limit)
    rec = Recorder(store, None)
    with store.batch():
        rec.update_committee(name, limit, exempt_titles_public)
        return rec.change("chamber screen settings", result=store.committee(name))


def set_quorum(store: Store, committee: str, rule: str | None = None, remote_counts: bool | None = None,
               meeting_id: int | None = None) -> Change:
    """Set a committee's quorum: ``rule`` as a clerk types it ("3", "1/4 at least 3", "default"; None keeps it),
    and whether remote attendance counts (None keeps it). With ``meeting_id`` the change record carries that
    meeting's committee as it now is, so the window showing it recomputes its quorum; undone like any change.
    """
    current = store.committee(committee)
    if current is None:
        raise BadInput(f"There is no committee “{committee.strip()}” in this data folder.")
    number, fraction, minimum = current.quorum_number, current.quorum_fraction, current.quorum_minimum
    if rule is not None:
        parsed = parse_rule(rule)
        number = parsed.number if parsed else None
        fraction = parsed.fraction if parsed else ""
        minimum = parsed.minimum if parsed else 0
    remote = current.remote_counts if remote_counts is None else bool(remote_counts)
    rec = Recorder(store, meeting_id)
    with store.batch():
        rec.set_quorum(current.name, number, fraction, minimum, remote)
        return rec.change("quorum", result=current.name)
