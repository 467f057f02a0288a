"""The team archive's errors, each one sentence for the clerk (the command line prints it and exits 2)."""

from __future__ import annotations

from clerkdesk.errors import ClerkDeskError


class ArchiveError(ClerkDeskError):
    """The team archive cannot do what was asked; nothing was changed."""


class ArchiveUnreachable(ArchiveError):
    """The archive's server cannot be reached (offline, stopped, wrong address): worth trying again later."""


class ArchiveRefused(ArchiveError):
    """The server refused the user (password, role) or the user may not do this."""


class ArchiveConflict(ArchiveError):
    """The archive's copy changed since this machine last pulled or published the meeting."""


class NotInArchive(ArchiveError):
    """No meeting in the archive has that uid."""
