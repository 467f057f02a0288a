"""Shared fixtures. Qt runs offscreen for every test, set before any QApplication exists."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# ../shared beside the clone; a git worktree elsewhere names it with CLERKDESK_SHARED.
SHARED = Path(os.environ.get("CLERKDESK_SHARED") or Path(__file__).resolve().parents[2] / "shared")


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.pop("CLERKDESK_DATA_DIR", None)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder of the test's own."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def store(data_dir: Path):
    """A real store in a temporary data folder."""
    from clerkdesk.store import Store, default_store_path

    with Store(default_store_path(data_dir)) as s:
        yield s


@pytest.fixture(scope="session")
def council(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of council templates and agendas built in code (tests/council_material.py)."""
    from tests.council_material import write_council_material

    return write_council_material(tmp_path_factory.mktemp("council"))


def shared_extras(folder: str) -> list[Path]:
    """More council files to try from a ../shared folder beside the clone, if one is there; else none.

    They only add cases: everything the tests need is built by ``council``.
    """
    where = SHARED / folder
    return sorted(p for p in where.iterdir() if p.is_file()) if where.is_dir() else []


# A real PostgreSQL for the team archive's tests (tests/archive, tests/ui/test_team_archive.py).
from tests.pg_fixtures import admin_url, archive_db, archive_url, pg_cluster  # noqa: E402, F401
