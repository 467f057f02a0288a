"""The small set of errors the core raises, each with a message written for a clerk.

The command line prints ``str(error)`` and exits 2; the window shows it in a dialog.
A traceback reaching a clerk is a bug, so anything the clerk can cause is one of these.
"""

from __future__ import annotations


class ClerkDeskError(Exception):
    """Base of every error the clerk may see; ``str()`` is one sentence for them."""


class BadInput(ClerkDeskError):
    """A value the clerk gave cannot be used (an unknown kind, a malformed time...)."""


class BadMeetingFile(ClerkDeskError):
    """A meeting file is not one ClerkDesk can read; nothing was imported."""


class BadTemplate(ClerkDeskError):
    """A Word template cannot be used; nothing was exported."""


class NoSuchMeeting(ClerkDeskError):
    """The meeting (or item, entry, person) asked for is not in the store."""


class StoreError(ClerkDeskError):
    """The meeting store cannot be opened or written."""


class StoreTooNew(StoreError):
    """The store was written by a newer ClerkDesk; it is left untouched."""


class StoreDamaged(StoreError):
    """The store file is damaged or is not a ClerkDesk store."""


class StoreFull(StoreError):
    """The disk holding the store is full: nothing was written; reading still works."""


class StoreReadOnly(StoreError):
    """The data folder or the store cannot be written (read-only): reading still works."""


class StoreLocked(StoreError):
    """Another copy of ClerkDesk is writing to the same data folder."""


class ExportFailed(ClerkDeskError):
    """An export could not be written; no partial file was left behind."""


class BadAgenda(ClerkDeskError):
    """An agenda file cannot be read as an agenda; nothing was imported."""


class StoreNeedsUpgrade(StoreError):
    """The store is from an earlier version and was opened only to read, so it was not upgraded."""


class MinutesLocked(BadInput):
    """The minutes were approved as a correct record: they change only after a recorded unlock."""
