"""A throw-away PostgreSQL cluster for the archive's tests and benchmarks.

``initdb`` in a temporary folder, run as a user who is not root (PostgreSQL refuses root: as root
the server runs as ``nobody``), listening on 127.0.0.1 on a free port and on a socket in that
folder. Local socket connections are trusted; TCP connections need the password, so tests can
try a wrong one. The server binaries are found under /usr/lib/postgresql/*/bin or on PATH.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SUPERUSER = "clerkdesk_admin"
PASSWORD = "archive-test-password"


def server_bin() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres, or None when PostgreSQL is not installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A running throw-away cluster; ``url(db)`` connects as the superuser over TCP with its password."""

    def __init__(self, bin_dir: Path, shared_buffers: str = "128MB"):
        self.bin = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="clerkdesk-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.user = None if os.geteuid() != 0 else pwd.getpwnam("nobody")
        if self.user is not None:
            os.chown(self.folder, self.user.pw_uid, self.user.pw_gid)
        (self.folder / "pw").write_text(PASSWORD + "\n")
        if self.user is not None:
            os.chown(self.folder / "pw", self.user.pw_uid, self.user.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--pwfile", str(self.folder / "pw"),
                  "-E", "UTF8", "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256")
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(f"\nlisten_addresses = '127.0.0.1'\nport = {self.port}\n"
                       f"unix_socket_directories = '{self.folder}'\nfsync = off\n"
                       f"max_connections = 60\nshared_buffers = {shared_buffers}\n")
        self.start()

    def _run(self, program: str, *args: str) -> None:
        kwargs = {} if self.user is None else {"user": self.user.pw_uid, "group": self.user.pw_gid,
                                               "extra_groups": []}
        result = subprocess.run([str(self.bin / program), *args], capture_output=True, text=True, cwd=self.folder,
                                timeout=120, **kwargs)
        if result.returncode != 0:
            raise RuntimeError(f"{program} failed: {result.stderr or result.stdout}")

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-w", "-t", "60", "start")

    def stop(self) -> None:
        """Stop the server (fast shutdown), waiting until it is down."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str = PASSWORD) -> str:
        """A URL reaching the database over TCP as that user."""
        return f"postgresql://{user}:{password}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        """Run one statement as the superuser (autocommit: CREATE DATABASE and roles work)."""
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            conn.execute(statement)

    def close(self) -> None:
        """Stop the server and remove its folder."""
        try:
            self.stop()
        except (RuntimeError, subprocess.TimeoutExpired):
            pass
        shutil.rmtree(self.folder, ignore_errors=True)
