"""The archive's password from the OS keyring: saved there (never in the settings) and used to connect.

The keyring backend is an in-memory one installed through keyring's own API for the test (the
machine running the tests has no desktop keyring)."""

from __future__ import annotations

from urllib.parse import urlsplit

import keyring
import pytest
from keyring.backend import KeyringBackend

from clerkdesk.archive.client import Archive
from clerkdesk.archive.connect import password_from_keyring, save_password, shown
from clerkdesk.archive.errors import ArchiveRefused


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


def test_the_password_kept_in_the_keyring_connects(memory_keyring: MemoryKeyring, archive_url: str) -> None:
    parts = urlsplit(archive_url)
    bare = archive_url.replace(f":{parts.password}@", "@")
    with pytest.raises(ArchiveRefused):
        Archive(bare)  # no password anywhere: refused in one sentence
    assert save_password(bare, parts.password)
    assert password_from_keyring(bare) == parts.password
    with Archive(bare) as archive:
        assert archive.list() == []
    assert list(memory_keyring.kept) == [("ClerkDesk team archive", f"{parts.username}@127.0.0.1:{parts.port}"
                                          f"{parts.path}")]


def test_a_url_with_a_password_is_never_shown_with_it() -> None:
    assert shown("postgresql://jsmith:s3cret@db/clerkdesk") == "postgresql://jsmith:***@db/clerkdesk"
