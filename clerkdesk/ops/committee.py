"""Operations on a committee's own settings: the chamber screen's speaking-time limit, and whether
its Part 2 titles may be shown to the public."""

from __future__ import annotations

from clerkdesk.chamber import check_limit
from clerkdesk.errors import BadInput, NoSuchMeeting
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
