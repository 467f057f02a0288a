"""Every change a clerk can make, as one named operation.

An operation takes the store and plain arguments, checks its own rules (approved minutes are
read-only, people named must be at the meeting, minute formats need {n}), runs in one
transaction, and returns a ``Change``: what changed, and its inverse. The window, the command
line and the tests all call these; ``run(store, change.inverse)`` undoes one, and running the
inverse's own inverse redoes it.
"""

from __future__ import annotations

from collections.abc import Callable

from clerkdesk.store import Store
from .archive import queue_publication, record_publication, set_publish_when_final, take_archive_copy
from .committee import set_committee_settings, set_quorum
from .agenda import add_item, delete_item, edit_item, move_item, number_minutes, set_exempt
from .entries import add_entry, delete_entry, edit_entry, join_entry, move_entry, set_level
from .meeting import close_meeting, go_to_item, save_draft, set_speaker, start_meeting, update_meeting
from .people import declare_interest, record_arrival, record_departure, set_attendance
from .planning import (apply_agenda, bin_meeting, duplicate_meeting, import_meeting, mark_action_done, new_meeting,
                       open_or_import, restore_meeting, set_minute_format, set_status, unlock)
from .proofing import ignore_word
from .recordings import (apply_retention, attach_recording, begin_recording, delete_recording, delete_recordings,
                         note_recording_length, recover_recordings, set_recording_policy)
from .record import Call, Change, EntryChange, ItemChange, apply_change, check_editable, revert

OPERATIONS: dict[str, Callable[..., Change]] = {f.__name__: f for f in (
    add_entry, edit_entry, delete_entry, move_entry, join_entry, set_level,
    add_item, edit_item, move_item, delete_item, set_exempt, number_minutes,
    set_attendance, record_arrival, record_departure, declare_interest,
    start_meeting, close_meeting, go_to_item, set_speaker, update_meeting, save_draft,
    import_meeting, open_or_import, new_meeting, apply_agenda, bin_meeting, restore_meeting, duplicate_meeting, mark_action_done, set_status, unlock, set_minute_format, set_committee_settings, set_quorum, ignore_word,
    revert, take_archive_copy, record_publication, queue_publication, set_publish_when_final,
    attach_recording, begin_recording, note_recording_length, recover_recordings, delete_recording, delete_recordings,
    set_recording_policy, apply_retention)}


def run(store: Store, call: Call) -> Change:
    """Run an operation kept as a Call (an undo or a redo)."""
    return OPERATIONS[call.op](store, **call.kwargs)


__all__ = ["Call", "Change", "EntryChange", "ItemChange", "OPERATIONS", "apply_change", "check_editable", "run",
           *OPERATIONS]
