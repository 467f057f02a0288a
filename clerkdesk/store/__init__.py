"""The meeting store: one SQLite file, and the only package that speaks SQL.

Every change a clerk makes is one small named call here and one short transaction (the core's
operations in ``clerkdesk.ops`` combine them with ``batch()``), so what the window shows is on
disk within the second (WAL, ``synchronous=FULL``). A Store is not thread-safe: the window
uses it from one worker thread at a time.

- ``connection``: opening, checks, migrations, transactions; ``schema``: tables and migrations
- ``meetings``, ``people``, ``agenda``, ``entries``: the rows of each
- ``search``: full-text search and rebuilding its index; ``actions``: planning's reads
- ``backup``: rolling backups and restoring one
- ``archive``: what this machine knows of the team archive (versions seen, the queue to publish)
- ``recordings``: the meeting's recordings (files beside the store) and each committee's recording policy
"""

from __future__ import annotations

from .actions import PlanningReads
from .agenda import AgendaRows
from .archive import ArchiveCopy, ArchiveRows, QueuedPublication
from .backup import Backup, check_store_file, has_backup_today, list_backups, newest_good_backup, restore
from .connection import STORE_NAME, default_store_path, secure_folder
from .entries import EntryRows
from .meetings import MeetingRows, new_uid
from .people import PeopleRows
from .recordings import RECORDINGS_FOLDER, Recording, RecordingPolicy, RecordingRows
from .search import RANK_AT_MOST, SearchIndex


class Store(MeetingRows, PeopleRows, AgendaRows, EntryRows, SearchIndex, PlanningReads, ArchiveRows, RecordingRows):
    """An open meeting store. Use as a context manager, or call ``close()``."""

    def __enter__(self) -> Store:
        return self


__all__ = ["ArchiveCopy", "Backup", "QueuedPublication", "RANK_AT_MOST", "RECORDINGS_FOLDER", "Recording", "RecordingPolicy",
           "STORE_NAME", "Store", "check_store_file", "default_store_path",
           "has_backup_today", "list_backups", "new_uid", "newest_good_backup", "restore", "secure_folder"]
