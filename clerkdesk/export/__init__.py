"""Exporting a meeting: one core call for every format, used by the command line and the window.

The output is written to a temporary file beside the target and moved into place, so a
failed export never leaves half a document where the clerk expects the minutes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from clerkdesk.errors import BadInput, ExportFailed
from clerkdesk.files import write_whole
from clerkdesk.house_style import DEFAULT, HouseStyle
from clerkdesk.meeting_file import write_meeting_file
from clerkdesk.minutes import build_minutes
from clerkdesk.model import Meeting
from .options import ExportOptions
from .text import minutes_text


@dataclass
class ExportResult:
    """What an export wrote, and anything the clerk should be told (a style fallen back from…)."""

    path: Path | None
    data: bytes
    warnings: list[str] = field(default_factory=list)


# A writer turns a meeting into the bytes of one format; it may add warnings for the clerk.
Writer = Callable[[Meeting, ExportOptions], bytes]


def _text(meeting: Meeting, options: ExportOptions) -> bytes:
    return minutes_text(build_minutes(meeting, options.confidential, options.house_style)).encode("utf-8")


def _json(meeting: Meeting, options: ExportOptions) -> bytes:
    return write_meeting_file(meeting).encode("utf-8")


def _docx(meeting: Meeting, options: ExportOptions) -> bytes:
    from .word import write_docx  # imported here so that clerkdesk --help stays fast

    return write_docx(meeting, options)


def _html(meeting: Meeting, options: ExportOptions) -> bytes:
    from .html import write_html

    return write_html(meeting, options)


def _pdf(meeting: Meeting, options: ExportOptions) -> bytes:
    from .pdf import write_pdf

    return write_pdf(meeting, options)


WRITERS: dict[str, Writer] = {"text": _text, "json": _json, "docx": _docx, "html": _html, "pdf": _pdf}


def formats() -> list[str]:
    """The export formats this installation can write."""
    return list(WRITERS)


def render(meeting: Meeting, fmt: str, confidential: bool = False,
           template: str | Path | None = None, house_style: HouseStyle | None = None) -> ExportResult:
    """The meeting in one format, as bytes, without writing a file."""
    writer = WRITERS.get(fmt)
    if writer is None:
        raise BadInput(f"ClerkDesk cannot export to “{fmt}”; it can write {', '.join(WRITERS)}.")
    options = ExportOptions(confidential=confidential, template=Path(template) if template else None,
                            house_style=house_style or DEFAULT)
    data = writer(meeting, options)
    return ExportResult(path=None, data=data, warnings=options.warnings)


def export_meeting(meeting: Meeting, fmt: str, out: str | Path, confidential: bool = False,
                   template: str | Path | None = None, house_style: HouseStyle | None = None) -> ExportResult:
    """Write the meeting to ``out`` in ``fmt``; nothing is left at ``out`` if it fails."""
    out = Path(out)
    check_writable(out)
    result = render(meeting, fmt, confidential, template, house_style)
    write_atomically(out, result.data)
    result.path = out
    return result


def check_writable(out: Path) -> None:
    """Raise BadInput, before any work is done, if ``out`` cannot be written."""
    if out.is_dir():
        raise BadInput(f"{out} is a folder; give the name of the file to write.")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise BadInput(f"The folder {folder} does not exist.")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise BadInput(f"ClerkDesk is not allowed to write {out}.")


def write_atomically(path: Path, data: bytes) -> None:
    """Write data to a temporary file beside path, flush it to disk, then move it into place."""
    try:
        write_whole(path, data)
    except PermissionError:
        raise ExportFailed(f"{path} could not be written: is it open in another program?") from None
    except OSError as e:
        raise ExportFailed(f"{path} could not be written ({e.strerror}).") from None
