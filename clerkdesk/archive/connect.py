"""Finding and opening the team archive: the URL (``--url``, ``CLERKDESK_ARCHIVE_URL`` or the window's
settings), its password from the OS keyring, and psycopg's failures turned into one sentence.

psycopg (the ``archive`` extra) is imported only here and only when an archive is opened, so
ClerkDesk without it still minutes meetings.
"""

from __future__ import annotations

import os
import re
from typing import Any
from urllib.parse import unquote, urlsplit

from clerkdesk.errors import BadInput
from .errors import ArchiveError, ArchiveRefused, ArchiveUnreachable

ENV_URL = "CLERKDESK_ARCHIVE_URL"
KEYRING_SERVICE = "ClerkDesk team archive"
CONNECT_TIMEOUT = 5  # seconds: an unreachable archive is reported, and a publication queued, quickly


def archive_url(given: str | None) -> str:
    """The archive URL to use: the one given, else $CLERKDESK_ARCHIVE_URL; BadInput when there is neither."""
    url = (given or os.environ.get(ENV_URL, "")).strip()
    if not url:
        raise BadInput(f"Say which team archive to use: --url postgresql://USER@HOST/DATABASE, or set {ENV_URL}.")
    check_url(url)
    return url


def check_url(url: str) -> None:
    """Raise BadInput unless ``url`` is a postgresql:// URL psycopg can use."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        raise BadInput(f"“{shown(url)}” is not a team archive address; it starts postgresql://, "
                       "e.g. postgresql://jsmith@db.council.local/clerkdesk.")
    try:
        parts.port  # noqa: B018 - a bad port raises here
    except ValueError:
        raise BadInput(f"“{shown(url)}” has a port that is not a number.") from None
    try:
        from psycopg.conninfo import conninfo_to_dict
    except ImportError:
        return
    try:
        conninfo_to_dict(url)
    except Exception as e:  # psycopg.ProgrammingError: libpq's parser refused it
        raise BadInput(f"“{shown(url)}” is not a usable team archive address ({_first_line(e)}).") from None


def shown(url: str) -> str:
    """The URL with any password replaced by ***, for messages and the window."""
    return re.sub(r"(//[^/:@]*:)[^@/]*@", r"\1***@", url)


def where(url: str) -> str:
    """HOST/DATABASE (or the socket folder), for sentences."""
    parts = urlsplit(url)
    host = parts.hostname or dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p).get("host", "localhost")
    return f"{unquote(host)}/{parts.path.lstrip('/') or '(default database)'}"


def keyring_key(url: str) -> str:
    """The keyring entry's name for the URL's user on its server."""
    parts = urlsplit(url)
    return f"{unquote(parts.username or '')}@{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path}"


def password_from_keyring(url: str) -> str | None:
    """The password kept in the OS keyring for this URL's user, or None (no keyring, or none kept)."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, keyring_key(url))
    except Exception:  # no keyring package or backend: the URL, .pgpass or PGPASSWORD may still do
        return None


def save_password(url: str, password: str) -> bool:
    """Keep the password in the OS keyring (never in plain settings); False when there is no keyring."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, keyring_key(url), password)
        return True
    except Exception:
        return False


def connect(url: str) -> Any:
    """An open psycopg connection (autocommit; work goes in ``conn.transaction()`` blocks)."""
    try:
        import psycopg
    except ImportError:
        raise ArchiveError("The team archive needs the psycopg package: pip install 'clerkdesk[archive]'.") from None
    check_url(url)
    extra: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT, "application_name": "ClerkDesk"}
    if urlsplit(url).password is None and "password=" not in url:
        password = password_from_keyring(url)
        if password:
            extra["password"] = password
    try:
        return psycopg.connect(url, autocommit=True, **extra)
    except psycopg.OperationalError as e:
        raise connection_error(url, e) from None


def connection_error(url: str, e: Exception) -> ArchiveError:
    """psycopg's complaint about connecting, as one sentence for the clerk."""
    text = str(e)
    user = unquote(urlsplit(url).username or "") or os.environ.get("PGUSER", "")
    if "password authentication failed" in text or "no password supplied" in text or "role" in text and \
            "does not exist" in text:
        return ArchiveRefused(f"The team archive at {where(url)} refused the user “{user}”: the password is wrong, "
                              "or council IT has not given that user access.")
    if "database" in text and "does not exist" in text:
        return ArchiveRefused(f"The team archive server has no database “{urlsplit(url).path.lstrip('/')}”; "
                              "council IT creates it (see docs/team-archive.md).")
    if "no pg_hba.conf entry" in text:
        return ArchiveRefused(f"The team archive at {where(url)} does not accept connections from this computer "
                              "for that user (pg_hba.conf); ask council IT.")
    return ArchiveUnreachable(f"The team archive at {where(url)} cannot be reached ({_reason(text)}).")


def _first_line(e: Exception) -> str:
    return str(e).strip().splitlines()[0].rstrip(".") if str(e).strip() else type(e).__name__


def _reason(text: str) -> str:
    """libpq's own reason ("Connection refused", "timeout expired"), without its advice to DBAs."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    said = next((line for line in lines if "failed: " in line), lines[0] if lines else "no answer")
    return said.split("failed: ")[-1].strip().rstrip(".") or "no answer"
