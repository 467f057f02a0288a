"""Fixtures for a real PostgreSQL (tests/conftest.py imports them): one throw-away cluster for the session, a new database
for each test. Skipped (naming PostgreSQL) only when the server is not installed; CI installs it
and sets CLERKDESK_REQUIRE_POSTGRES=1, so there a missing server fails instead."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest

from tests.pg_cluster import Cluster, server_bin

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """A running throw-away PostgreSQL cluster."""
    bin_dir = server_bin()
    if bin_dir is None:
        if os.environ.get("CLERKDESK_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL's server (initdb, pg_ctl) is not installed, and CI requires it.")
        pytest.skip("PostgreSQL's server is not installed (apt-get install postgresql); the archive tests need it.")
    cluster = Cluster(bin_dir)
    try:
        yield cluster
    finally:
        cluster.close()


@pytest.fixture
def archive_db(pg_cluster: Cluster) -> str:
    """The name of a new, empty database of the test's own."""
    name = f"archive_{os.getpid()}_{next(_numbers)}"
    pg_cluster.sql(f"CREATE DATABASE {name}")
    return name


@pytest.fixture
def admin_url(pg_cluster: Cluster, archive_db: str) -> str:
    """The URL of the test's database as the superuser (council IT)."""
    return pg_cluster.url(archive_db)


@pytest.fixture
def archive_url(pg_cluster: Cluster, archive_db: str, admin_url: str) -> str:
    """The test's database, set up, as a clerk (a login in clerkdesk_clerk)."""
    from clerkdesk.archive import schema
    from clerkdesk.archive.connect import connect

    conn = connect(admin_url)
    try:
        schema.setup(conn)
    finally:
        conn.close()
    return make_login(pg_cluster, archive_db, "clerk", schema.CLERK)


def make_login(cluster: Cluster, database: str, who: str, role: str) -> str:
    """A login role in a group role (made once per cluster); the URL for it on the database."""
    name = f"{who}_{role.split('_')[-1]}"
    try:
        cluster.sql(f"CREATE ROLE {name} LOGIN PASSWORD 'pw-{name}' IN ROLE {role}")
    except Exception as e:  # noqa: BLE001 - the role exists from an earlier test (roles are cluster-wide)
        if "already exists" not in str(e):
            raise
    cluster.sql(f"GRANT CONNECT ON DATABASE {database} TO {name}")
    return cluster.url(database, user=name, password=f"pw-{name}")
