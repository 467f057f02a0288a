"""Where each entry is in the meeting's recording: the time it was typed, less a little lead-in.

Pure functions of the recordings' start times and lengths and the entries' typed times, shared by
the player bar (which entry is being heard) and the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from clerkdesk.model import Meeting
from clerkdesk.store.recordings import Recording

DEFAULT_LEAD_S = 10  # play from this many seconds before the entry was typed: the clerk types after hearing


@dataclass(frozen=True)
class Bookmark:
    """An entry's place: which recording, and how far into it (milliseconds)."""

    recording_id: int
    position_ms: int


def _time(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def bookmark(recordings: list[Recording], typed_at: str | None, lead_s: float = DEFAULT_LEAD_S) -> Bookmark | None:
    """Where to start playing for something typed at ``typed_at``: None when no recording covers it.

    A recording covers the times from its start to its end (its length, where known; a recording
    of unknown length covers everything after its start until the next one starts). The lead-in
    never reaches before the recording's start.
    """
    if not typed_at:
        return None
    at = _time(typed_at)
    covering = None
    for r in sorted(recordings, key=lambda r: r.started):
        start = _time(r.started)
        if start > at:
            break
        offset = (at - start).total_seconds() * 1000
        if r.duration_ms is None or offset <= r.duration_ms:
            covering = (r, offset)
    if covering is None:
        return None
    r, offset = covering
    return Bookmark(r.id, int(max(0.0, offset - lead_s * 1000)))


def entry_at(meeting: Meeting, recording: Recording, position_ms: int) -> int | None:
    """The id of the entry being heard at ``position_ms`` of a recording, or None after the last one.

    The clerk types an entry after hearing it, so what is heard now is minuted by the first entry
    typed at or after this moment.
    """
    at = _time(recording.started).timestamp() + position_ms / 1000
    best: tuple[float, int] | None = None
    for item in meeting.items:
        for e in item.entries:
            if e.typed_at and e.id is not None:
                t = _time(e.typed_at).timestamp()
                if t >= at and (best is None or t < best[0]):
                    best = (t, e.id)
    return best[1] if best else None
