"""Agenda import: the published agenda — Word, PDF or pasted text — as items to check.

``read_agenda`` turns a file into an ``AgendaPreview`` (proposed items with number, title,
description and exempt marker, plus what the heading says about the meeting) that the window
shows for correction; ``apply_agenda`` writes the corrected items, into a new meeting or an
existing one. Files are untrusted: the kind is told from the bytes, not the name; sizes are
capped; anything unreadable is refused with one ``BadAgenda`` sentence and nothing written.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from . import planning
from .agenda_text import MAX_DESCRIPTION, Hints, Line, parse_lines
from .errors import BadAgenda, BadInput
from .files import read_input
from .model import Item, Meeting
from .store import Store
from .text import clean_text

MAX_BYTES = 25 * 1024 * 1024  # a Word or PDF agenda; a whole agenda pack with reports is rarely over 20 MB
MAX_TEXT = 8 * 1024 * 1024  # typed or pasted text; reading is linear, so this only bounds memory
MAX_PDF_PAGES = 30  # the agenda is at the front of a pack; the reports behind it are not items
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # counted in one pass; a per-character loop is slow
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Word (.doc), and password-protected .docx


@dataclass
class AgendaPreview:
    """The items found in an agenda, for the clerk to correct before they are written."""

    items: list[Item]
    source: str = ""
    committee: str = ""  # what the agenda's heading says, for the clerk to confirm
    date: str | None = None
    start: str | None = None
    venue: str = ""
    warnings: list[str] = field(default_factory=list)


def read_agenda(path: str | Path) -> AgendaPreview:
    """Read an agenda file (.docx, .pdf or text) into a preview; raises BadAgenda if it is not one."""
    path = Path(path)
    data = read_input(path, MAX_BYTES, BadAgenda, "an agenda", "Import the agenda pages alone.")
    return read_agenda_bytes(data, path.name)


def read_agenda_bytes(data: bytes, name: str = "The agenda") -> AgendaPreview:
    """Read an agenda from its bytes; the kind is told from the content, whatever the name says."""
    if len(data) > MAX_BYTES:
        raise BadAgenda(f"{name} is too large to be an agenda; import the agenda pages alone.")
    if not data.strip():
        raise BadAgenda(f"{name} is empty.")
    if data.startswith(_OLE):
        raise BadAgenda(f"{name} is an old Word (.doc) document or a password-protected one; "
                        "open it in Word, save it as .docx without a password, and import that.")
    if data.startswith(b"PK\x03\x04"):
        from .agenda_docx import docx_lines  # imported here: lxml is not needed to open the window
        return _preview(docx_lines(data, name), name, "Word document")
    if b"%PDF-" in data[:1024]:
        return _preview(_pdf_lines(data, name), name, "PDF", stop_on_restart=True)
    if data.lstrip().startswith(b"{\\rtf"):
        raise BadAgenda(f"{name} is a Rich Text (.rtf) file; open it in Word, save it as .docx, and import that.")
    if len(data) > MAX_TEXT:
        raise BadAgenda(f"{name} is too large to be a typed agenda.")
    return parse_agenda_text(_decode(data, name), name)


def parse_agenda_text(text: str, name: str = "The text") -> AgendaPreview:
    """Read agenda items from typed or pasted text, one item per line ("5. Title", "5(a) Title")."""
    if len(text) > MAX_TEXT:
        raise BadAgenda(f"{name} is too large to be a typed agenda.")
    return _preview([Line(t) for t in text.splitlines()], name, "text")


def _preview(lines: list[Line], name: str, kind: str, stop_on_restart: bool = False) -> AgendaPreview:
    for line in lines:  # text from a PDF or Word carries control characters the minutes cannot hold
        line.text = clean_text(line.text)
    items, hints = parse_lines(lines, stop_on_restart)
    if not items:
        raise BadAgenda(f"No numbered agenda items were found in {name}; check it is the agenda, "
                        "or type or paste the items instead.")
    return _with_hints(AgendaPreview(items=items, source=name), hints)


def _with_hints(preview: AgendaPreview, hints: Hints) -> AgendaPreview:
    preview.committee, preview.date, preview.start, preview.venue = hints.committee, hints.date, hints.start, hints.venue
    if hints.cut:
        which = ", ".join(hints.cut[:5]) + (f" and {len(hints.cut) - 5} more" if len(hints.cut) > 5 else "")
        preview.warnings.append(f"The description of item{'s' if len(hints.cut) > 1 else ''} {which} was cut to "
                                f"{MAX_DESCRIPTION:,} characters; check it against the agenda.")
    return preview


def _decode(data: bytes, name: str) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise BadAgenda(f"{name} is not readable text.") from None
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")  # pasted from older Windows programs
    controls = len(_CONTROLS.findall(text))
    if "\x00" in text or text.count("\ufffd") > len(text) // 100 or controls > len(text) // 200:
        raise BadAgenda(f"{name} is not an agenda ClerkDesk can read: it is not a Word (.docx), PDF or text file.")
    return text


def _pdf_lines(data: bytes, name: str) -> list[Line]:
    from pypdf import PdfReader  # imported here: only PDF agendas need it

    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.CRITICAL)  # its warnings about odd files are not for the clerk
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise BadAgenda(f"{name} is a password-protected PDF; save a copy without the password and import that.")
            texts = [page.extract_text() or "" for page in reader.pages[:MAX_PDF_PAGES]]
    except BadAgenda:
        raise
    except Exception:  # noqa: BLE001 — pypdf raises many kinds on a damaged file; all mean the same to the clerk
        raise BadAgenda(f"{name} is a PDF that could not be read; it may be damaged.") from None
    finally:
        pypdf_log.setLevel(level)
    if not "".join(texts).strip():
        raise BadAgenda(f"{name}: this PDF has no text to read; it may be a scan. Type or paste the agenda instead.")
    return [Line(t) for text in texts for t in text.splitlines()]


# -- writing the agenda --------------------------------------------------------------------

_ROLES = [(planning.APOLOGIES, r"\bapologies\b"), (planning.DECLARATIONS, r"\b(?:declarations?|disclosures?)\b.*\binterests?\b"),
          (planning.MINUTES, r"^minutes\b"), (planning.ACTIONS, r"\b(?:action (?:log|tracker|sheet)|matters arising)\b")]


def _role(title: str) -> str | None:
    return next((role for role, pattern in _ROLES if re.search(pattern, title, re.IGNORECASE)), None)


def _key(title: str) -> str:
    return re.sub(r"[^\w]+", "", title.casefold())


def merge_agenda(existing: list[Item], agenda: list[Item]) -> list[Item]:
    """The meeting's items after the agenda is applied, in order.

    An agenda item that is an opening item the meeting already has (apologies, declarations,
    the previous minutes, the action log) or has the same title updates it, keeping its entries;
    the others are new. Items the agenda does not mention stay after the item they followed.
    """
    result: list[Item] = []
    used: set[int] = set()
    for a in agenda:
        role, key = _role(a.title), _key(a.title)
        j = next((j for j, e in enumerate(existing) if j not in used and
                  ((role and e.role == role) or _key(e.title) == key)), None)
        if j is None:
            result.append(Item(number=a.number, title=a.title, description=a.description, exempt=a.exempt,
                               minute_number=a.minute_number, documents=list(a.documents)))
            continue
        used.add(j)
        e = existing[j]
        e.number, e.title, e.exempt = a.number, a.title, a.exempt
        e.description = a.description or e.description
        result.append(e)
    numbers = {a.number for a in agenda}
    for j, e in enumerate(existing):
        if j in used:
            continue
        if e.number in numbers:
            e.number = ""  # not on the published agenda, and its old number is now another item's
        before = [k for k in range(j) if k in used]
        at = next(n for n, r in enumerate(result) if r is existing[before[-1]]) + 1 if before else 0
        if e.role == planning.EXEMPT_ACTIONS:
            at = len(result)  # Part 2 business is taken last
        result.insert(at, e)
        used.add(j)
    return result


def checked_items(items: list[Item]) -> list[Item]:
    """The items, refused when there are none or one has no title."""
    if not items:
        raise BadAgenda("There are no agenda items to import.")
    for item in items:
        if not item.title.strip():
            raise BadInput(f"Agenda item {item.number or '(unnumbered)'} needs a title.")
    return items


def agenda_meeting(store: Store, items: list[Item], committee: str | None, date: str | None, title: str = "",
                   start: str | None = None, venue: str = "") -> Meeting:
    """A new meeting made from an agenda, not yet written: planned from the committee's previous
    meeting as ``ops.new_meeting`` does, the agenda merged in, and minute numbers given."""
    items = checked_items(items)
    if not committee or not committee.strip():
        raise BadInput("Say which committee the agenda is for.")
    if not date:
        raise BadInput("Say the date of the meeting the agenda is for.")
    meeting = planning.plan_meeting(store, committee, title, date, start, venue)
    for item in meeting.items:
        item.minute_number = ""  # numbered again below, in the agenda's order
    meeting.items = merge_agenda(meeting.items, items)
    base = planning.minute_number_base(store, meeting.committee.name, date)
    planning.number_items(meeting.items, meeting.committee.minute_format, date, base)
    return meeting
