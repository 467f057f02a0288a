"""The emergency file: text the window could not save, kept on the disk until it is saved.

When a save fails (a full disk, a read-only folder) the window keeps the change and retries
it; meanwhile the text in it is appended here, one JSON line per piece of text, flushed and
fsynced, readable by the clerk only — so even if ClerkDesk or the machine then stops, what the
clerk typed is on the disk. The file sits beside the store; if the data folder cannot be
written at all, it goes in the clerk's home folder instead. When the saves succeed again the
lines are deleted; if ClerkDesk stopped before that, the next start puts the text back in the
entry line.

Each line says when, which meeting, whether the text was an entry (added with Enter) or the
entry line being typed (a draft), and the text. Qt-free: the window's store worker calls it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .files import write_whole

EMERGENCY_NAME = "clerkdesk-unsaved.jsonl"
KINDS = ("entry", "draft")


@dataclass(frozen=True)
class UnsavedText:
    """Text a store job saves: an entry added with Enter, or the entry line being typed (a draft)."""

    meeting_id: int
    kind: str
    text: str


def emergency_path(data_dir: str | Path) -> Path:
    """The emergency file beside the store."""
    return Path(data_dir) / EMERGENCY_NAME


def fallback_path(data_dir: str | Path) -> Path:
    """Where the emergency file goes when the data folder cannot be written (the home folder)."""
    digest = hashlib.sha256(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()[:8]
    return Path.home() / f"clerkdesk-unsaved-{digest}.jsonl"


def record(data_dir: str | Path, texts: Iterable[UnsavedText], session: str = "") -> Path | None:
    """Append the texts to the emergency file, on the disk before returning; returns the file used.

    Returns None when neither beside the store nor in the home folder could be written (the
    text is then only in the window).
    """
    stamp = datetime.now().isoformat(timespec="seconds")
    lines = "".join(json.dumps({"time": stamp, "meeting": t.meeting_id, "kind": t.kind, "text": t.text,
                                "session": session}, ensure_ascii=False) + "\n"
                    for t in texts if t.text.strip())
    if not lines:
        return None
    for path in (emergency_path(data_dir), fallback_path(data_dir)):
        try:
            _append(path, lines.encode("utf-8"))
            return path
        except OSError:
            continue
    return None


def records(data_dir: str | Path) -> list[dict]:
    """Every line in the emergency files (beside the store, then the fallback), oldest first.

    A line cut short by a crash while it was written is skipped; so is anything that is not ours.
    """
    found = []
    for path in (fallback_path(data_dir), emergency_path(data_dir)):
        try:
            raw = path.read_bytes()
        except OSError:
            continue
        for line in raw.decode("utf-8", errors="replace").splitlines():
            try:
                r = json.loads(line)
            except ValueError:
                continue
            if (isinstance(r, dict) and isinstance(r.get("meeting"), int) and r.get("kind") in KINDS
                    and isinstance(r.get("text"), str)):
                found.append(r)
    return sorted(found, key=lambda r: str(r.get("time", "")))  # stable: same-second lines keep their order


def unsaved_text(data_dir: str | Path) -> dict[int, str]:
    """What was not saved, per meeting: the unsaved entries, one a line, then the text being typed after them."""
    entries: dict[int, list[str]] = {}
    drafts: dict[int, str | None] = {}
    for r in records(data_dir):
        mid = r["meeting"]
        if r["kind"] == "entry":
            entries.setdefault(mid, []).append(r["text"].strip())
            drafts[mid] = None  # a draft before an entry became that entry
        else:
            drafts[mid] = r["text"]
    result = {}
    for mid in set(entries) | set(drafts):
        parts = entries.get(mid, []) + ([drafts[mid]] if drafts.get(mid) else [])
        text = "\n".join(parts)
        if text.strip():
            result[mid] = text
    return result


def forget(data_dir: str | Path, *, session: str | None = None, meeting_id: int | None = None) -> None:
    """Delete the lines of one session, or of one meeting, or (neither given) all of them: they are saved now."""
    keep = [r for r in records(data_dir)
            if not ((session is None or r.get("session") == session)
                    and (meeting_id is None or r["meeting"] == meeting_id))]
    _rewrite(data_dir, keep)


def replace(data_dir: str | Path, meeting_id: int, text: str, session: str = "") -> None:
    """Make one draft line the whole of a meeting's unsaved text (it has been put back in the entry line)."""
    keep = [r for r in records(data_dir) if r["meeting"] != meeting_id]
    if text.strip():
        keep.append({"time": datetime.now().isoformat(timespec="seconds"), "meeting": meeting_id, "kind": "draft",
                     "text": text, "session": session})
    _rewrite(data_dir, keep)


def _rewrite(data_dir: str | Path, keep: list[dict]) -> None:
    """Write the lines kept as the emergency file beside the store (whole, or not at all), then drop the fallback."""
    primary, fallback = emergency_path(data_dir), fallback_path(data_dir)
    if not keep:
        for path in (primary, fallback):
            _discard(path)
        return
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in keep).encode("utf-8")
    for path in (primary, fallback):
        try:
            write_whole(path, data, new_mode=0o600, keep_mode=False)
        except OSError:
            continue
        if path == primary:
            _discard(fallback)
        return


def _append(path: Path, data: bytes) -> None:
    new = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    if new and os.name == "posix":  # the new file's name must survive a power cut too
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def _discard(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
