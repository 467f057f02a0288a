"""Exporting a meeting: one core call for every format, used by the command line and the window.

The output is written to a temporary file beside the target and moved into place, so a
failed export never leaves half a document where the clerk expects the minutes. The export
goes to what ``--out`` names (``files.write_whole``): a symlink's file, keeping its mode and
hard links; a device, pipe or folder is refused. A new public export is readable as the
clerk's umask says; a new confidential one is the owner's alone (0600).
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from clerkdesk.errors import BadInput, ExportFailed
from clerkdesk.files import NotARegularFile, kind_of, write_whole
from clerkdesk.house_style import DEFAULT, HouseStyle
from clerkdesk.meeting_file import write_meeting_file
from clerkdesk.minutes import PRIVATE_ITEM, build_minutes
from clerkdesk.model import Entry, Meeting
from clerkdesk.quorum import vote_warning

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
    if not options.confidential:
        meeting, withheld = public_meeting(meeting)
        if withheld:
            options.warnings.append(f"{withheld} exempt (Part 2) item{'s were' if withheld > 1 else ' was'} withheld "
                                    "from this meeting file; export with --confidential for the whole meeting.")
    return write_meeting_file(meeting).encode("utf-8")


def public_meeting(meeting: Meeting) -> tuple[Meeting, int]:
    """A copy of the meeting fit to publish, and how many items were withheld.

    Each exempt item keeps its number, title and minute number, as in the public minutes, and
    holds only the note that it was considered in private: its entries, description,
    documents and any other fields are withheld.
    """
    public = copy.deepcopy(meeting)
    withheld = 0
    for item in public.items:
        if item.exempt:
            withheld += 1
            item.entries = [Entry(kind="note", text=PRIVATE_ITEM)]
            item.description, item.documents, item.extra = "", [], {}
    return public, withheld


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
    inquorate = vote_warning(meeting) if fmt != "json" else None  # the minutes warn; a meeting file is the record
    if inquorate:
        options.warnings.append(inquorate)
    return ExportResult(path=None, data=data, warnings=options.warnings)


def export_meeting(meeting: Meeting, fmt: str, out: str | Path, confidential: bool = False,
                   template: str | Path | None = None, house_style: HouseStyle | None = None) -> ExportResult:
    """Write the meeting to ``out`` in ``fmt``; nothing is left at ``out`` if it fails."""
    out = Path(out)
    check_writable(out)
    result = render(meeting, fmt, confidential, template, house_style)
    write_atomically(out, result.data, private=confidential)
    result.path = out
    return result


def check_writable(out: Path) -> None:
    """Raise BadInput, before any work is done, if ``out`` cannot be written."""
    kind = kind_of(out)
    if kind == "a folder":
        raise BadInput(f"{out} is a folder; give the name of the file to write.")
    if kind is not None:
        raise BadInput(f"{out} is {kind}, not a file; give the name of the file to write.")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise BadInput(f"The folder {folder} does not exist.")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise BadInput(f"ClerkDesk is not allowed to write {out}.")


def write_atomically(path: Path, data: bytes, private: bool = False) -> None:
    """Write data to the file ``path`` names, whole or not at all; a new private file is owner-only."""
    try:
        write_whole(path, data, new_mode=0o600 if private else None)
    except NotARegularFile as e:
        raise ExportFailed(f"{path} is {e.kind}, not a file; nothing was written.") from None
    except PermissionError:
        raise ExportFailed(f"{path} could not be written: is it open in another program?") from None
    except OSError as e:
        raise ExportFailed(f"{path} could not be written ({e.strerror}).") from None
