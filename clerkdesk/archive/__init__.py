"""The optional team archive: meetings shared by a democratic-services team on PostgreSQL.

The local SQLite store stays the only thing needed to minute a meeting; this package publishes
meeting records to a shared archive, pulls them back, lists and searches it. It is the only code
that speaks SQL to PostgreSQL (``schema`` and ``client``), and imports psycopg only when an
archive is opened.

- ``connect``: the URL, the keyring, connecting; ``schema``: tables, migrations, roles
- ``record``: a meeting split into public record, Part 2 content and search passages
- ``client``: ``Archive`` (publish, fetch, list, search); ``sync``: with the local store
- ``cli``: the ``clerkdesk archive`` verbs
"""

from __future__ import annotations

from .connect import ENV_URL, archive_url, password_from_keyring, save_password, shown
from .errors import ArchiveConflict, ArchiveError, ArchiveRefused, ArchiveUnreachable, NotInArchive
from .record import PRIVATE_NOTICE

__all__ = ["ENV_URL", "PRIVATE_NOTICE", "ArchiveConflict", "ArchiveError", "ArchiveRefused", "ArchiveUnreachable",
           "NotInArchive", "archive_url", "password_from_keyring", "save_password", "shown"]
