"""The command line, run for real in subprocesses against a temporary data folder."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from clerkdesk import __version__
from clerkdesk.sample import SAMPLE
from clerkdesk.store import default_store_path


def clerkdesk(data_dir: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess."""
    full_env = {k: v for k, v in os.environ.items() if k != "CLERKDESK_DATA_DIR"}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "clerkdesk", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=full_env, timeout=120)


def fingerprint(data_dir: Path) -> list[str]:
    """Everything in the store, as SQL, to show a failed command changed nothing."""
    path = default_store_path(data_dir)
    if not path.exists():
        return []
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def write(tmp_path: Path, name: str, data: dict | str) -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def imported(data_dir: Path, tmp_path: Path) -> str:
    """The sample meeting imported through the command line; its id."""
    result = clerkdesk(data_dir, "import", str(write(tmp_path, "sample.json", SAMPLE)))
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_import_prints_the_id_alone_on_the_last_line(imported: str) -> None:
    assert imported.isdigit()


def test_import_then_export_json_gives_back_the_file(data_dir: Path, tmp_path: Path, imported: str) -> None:
    out = tmp_path / "out.json"
    result = clerkdesk(data_dir, "export", imported, "--format", "json", "--confidential", "--out", str(out))
    assert result.returncode == 0, result.stderr
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert len(exported["meeting"].pop("uid")) == 32  # the meeting was given its uid on import
    assert exported == SAMPLE


def test_export_text_prints_the_minutes(data_dir: Path, imported: str) -> None:
    result = clerkdesk(data_dir, "export", imported, "--format", "text")
    assert result.returncode == 0
    assert "In response to Councillor O’Neill, the Head of Environmental Services explained" in result.stdout
    assert "£4.2 million" not in result.stdout  # exempt, and this is the public version
    confidential = clerkdesk(data_dir, "export", imported, "--format", "text", "--confidential")
    assert "£4.2 million" in confidential.stdout


def test_list_and_search(data_dir: Path, tmp_path: Path, imported: str) -> None:
    other = json.loads(json.dumps(SAMPLE))
    other["meeting"]["date"] = "2026-11-19"
    other["items"] = [{"number": "1", "title": "Parking charges", "exempt": False, "documents": [], "entries": [
        {"kind": "note", "text": "Members discussed residents' parking permits."}]}]
    second = clerkdesk(data_dir, "import", str(write(tmp_path, "second.json", other))).stdout.split()[-1]
    listed = clerkdesk(data_dir, "list").stdout.splitlines()
    assert [line.split()[0] for line in listed] == [second, imported]  # newest first
    found = clerkdesk(data_dir, "search", "evening", "crew")
    assert found.returncode == 0
    assert found.stdout.split()[0] == imported and "Street Cleansing" in found.stdout
    assert "[evening] [crew]" in found.stdout
    assert clerkdesk(data_dir, "search", "permits").stdout.split()[0] == second


@pytest.mark.parametrize("name, content, says", [
    ("letter.json", "Dear clerk, the minutes are attached.", "not valid JSON"),
    ("cut.json", json.dumps(SAMPLE)[:700], "incomplete"),
    ("newer.json", json.dumps({**SAMPLE, "version": 2}), "newer ClerkDesk"),
    ("stranger.json", json.dumps({**SAMPLE, "items": [{"number": "1", "title": "T", "entries": [
        {"kind": "speech", "speaker": "nobody", "text": "spoke."}]}]}), "no person has that id"),
    ("empty.json", "", "empty"),
    ("level.json", json.dumps({**SAMPLE, "items": [{"number": "1", "title": "T", "entries": [
        {"kind": "point", "text": "a sub-point", "level": 3}]}]}), "“level” should be 1, or 2 for a sub-point"),
    ("joins.json", json.dumps({**SAMPLE, "items": [{"number": "1", "title": "T", "entries": [
        {"kind": "note", "text": "and more", "joins_previous": "yes"}]}]}), "“joins_previous” should be true or false"),
])
def test_bad_files_exit_2_with_one_line_and_change_nothing(data_dir: Path, tmp_path: Path, imported: str,
                                                           name: str, content: str, says: str) -> None:
    before = fingerprint(data_dir)
    result = clerkdesk(data_dir, "import", str(write(tmp_path, name, content)))
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and says in result.stderr
    assert "Traceback" not in result.stderr
    assert fingerprint(data_dir) == before


@pytest.mark.parametrize("args, says", [
    (["export", "999", "--format", "text"], "no meeting 999"),
    (["export", "first", "--format", "text"], "not a meeting id"),
    (["export", "{id}", "--format", "odt", "--out", "x.odt"], "cannot export"),
    (["export", "{id}", "--format", "json", "--out", "/nonexistent/folder/m.json"], "does not exist"),
    (["import", "/nonexistent/meeting.json"], "no file"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_commands_exit_2_with_one_line_and_change_nothing(data_dir: Path, imported: str, args: list[str],
                                                              says: str) -> None:
    before = fingerprint(data_dir)
    result = clerkdesk(data_dir, *[a.replace("{id}", imported) for a in args])
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and says in result.stderr, result.stderr
    assert fingerprint(data_dir) == before


def test_version_and_help(data_dir: Path) -> None:
    assert clerkdesk(data_dir, "--version").stdout.strip() == f"clerkdesk {__version__}"
    help_text = clerkdesk(data_dir, "--help").stdout
    for verb in ("import", "export", "list", "search", "sample", "--data-dir"):
        assert verb in help_text


def test_data_dir_from_the_environment(tmp_path: Path) -> None:
    folder = tmp_path / "from-env"
    env = {k: v for k, v in os.environ.items()}
    env["CLERKDESK_DATA_DIR"] = str(folder)
    result = subprocess.run([sys.executable, "-m", "clerkdesk", "sample"], capture_output=True, text=True, env=env,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert default_store_path(folder).exists()


def _free_x_display() -> str:
    """A DISPLAY naming an X server that is not there (no socket, nothing on its port)."""
    n = next(n for n in range(99, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    return f":{n}"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="only Linux can be without a display")
@pytest.mark.parametrize("display", [None, "stale", "stale-tcp"])
def test_no_display_says_so_in_one_line(data_dir: Path, display: str | None) -> None:
    """No DISPLAY, or one that does not answer (a stale SSH or tmux session): the same one line, no
    Qt abort (once exit 134 with a hint about xcb-cursor)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    if display == "stale":
        env["DISPLAY"] = _free_x_display()
    elif display == "stale-tcp":
        env["DISPLAY"] = "127.0.0.1" + _free_x_display() + ".0"
    result = subprocess.run([sys.executable, "-m", "clerkdesk.ui", "--data-dir", str(data_dir)], capture_output=True,
                            text=True, env=env, timeout=120)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1 and "no display" in result.stderr
    assert "clerkdesk --help" in result.stderr and "xcb" not in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X displays are checked on Linux only")
def test_a_display_that_answers_is_no_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from clerkdesk.display import display_problem

    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    number = int(_free_x_display()[1:])
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:  # an X server's abstract socket
        server.bind(f"\0/tmp/.X11-unix/X{number}")
        server.listen(1)
        monkeypatch.setenv("DISPLAY", f":{number}")
        assert display_problem() is None
    assert "does not answer" in display_problem()
    with socket.create_server(("127.0.0.1", 0)) as tcp:  # an X server over TCP (SSH forwarding)
        port = tcp.getsockname()[1]
        if port > 6000:
            monkeypatch.setenv("DISPLAY", f"127.0.0.1:{port - 6000}.0")
            assert display_problem() is None
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert display_problem() is None


def test_the_core_never_imports_qt() -> None:
    code = ("import sys, pkgutil, importlib, clerkdesk\n"
            "for m in pkgutil.iter_modules(clerkdesk.__path__):\n"
            "    if m.name not in ('ui', 'resources', '__main__'): importlib.import_module('clerkdesk.' + m.name)\n"
            "print(sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_one_item_is_counted_in_the_singular(data_dir: Path, tmp_path: Path) -> None:
    one = {**SAMPLE, "items": SAMPLE["items"][:1]}
    result = clerkdesk(data_dir, "import", str(write(tmp_path, "one.json", one)))
    assert result.returncode == 0, result.stderr
    assert "(1 item)." in result.stdout.splitlines()[0]
    assert " 1 item  " in clerkdesk(data_dir, "list").stdout
