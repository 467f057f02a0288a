"""Reading agenda items out of lines of text, however the agenda reached us.

Word, PDF and pasted text are all turned into ``Line``s first; this module decides which
lines are items ("5.", "5(a)", "Item 6"), which are an item's description, which mark the
items after them exempt ("PART 2 – NOT FOR PUBLICATION"), and which are the agenda's heading
or footer and belong to no item. Page references such as "(Pages 9 - 44)" are dropped.

Reading is linear in the agenda's size: a description is gathered as a list of lines and
joined once, and capped (``MAX_DESCRIPTION``), as a title is (``MAX_TITLE``): an agenda pack
with a report pasted under one item must not become one item of megabytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as _date

from .model import Item


@dataclass
class Line:
    """One paragraph or line of an agenda, as the reader of its format found it."""

    text: str
    label: str | None = None  # an item number given outside the text: a table cell, Word's own numbering
    block_end: bool = False  # the end of a table row: lines after it are not that item's description


@dataclass
class Hints:
    """What the agenda's heading says about the meeting, for the clerk to confirm."""

    committee: str = ""
    date: str | None = None
    start: str | None = None
    venue: str = ""
    cut: list[str] = field(default_factory=list)  # items whose title or description was too long to keep whole


MAX_DESCRIPTION = 10_000  # characters; a real item's description is a paragraph or two
MAX_TITLE = 500

_SUB = r"(?:\.(?P<dec>\d{1,2})(?!\d)|\s?\((?P<par>[a-z]|[ivx]{1,4})\)|(?P<let>[a-z])(?![a-z]))"
_ITEM = re.compile(rf"^(?:item\s+)?(?P<num>\d{{1,3}})(?!\d){_SUB}?(?P<punct>[.):]?)(?=\s|$)\s*(?P<rest>.*)$",
                   re.IGNORECASE)
_LONE_SUB = re.compile(r"^\(?(?P<sub>[a-z]|[ivx]{1,4})\)\s*(?P<rest>.*)$")
_PAGES_HINT = re.compile(r"(?:page|p\.)", re.IGNORECASE)  # a cheap test before _PAGES, which is slow per line
_PAGES = re.compile(r"\s*[(\[]?\s*(?:pages?|pp?\.)\s*\d+(?:\s*[-–—]\s*\d+)?\s*[)\]]?\s*(?=$|[.;,])", re.IGNORECASE)
_ONLY_PAGES = re.compile(r"^[(\[]?\s*(?:(?:pages?|pp?\.)\s*)?\d+\s*(?:[-–—]\s*\d+|of\s+\d+)?\s*[)\]]?$|^-\s*\d+\s*-$",
                         re.IGNORECASE)
_PART2 = re.compile(r"^\W*(?:part\s*(?:2|ii|two|b)\b|exempt\s+(?:items?|business|information)\s*\W*$|"
                    r"(?:items?\s+)?not\s+for\s+publication|confidential\s+(?:items?|business)\b)", re.IGNORECASE)
_PART1 = re.compile(r"^\W*part\s*(?:1|i|one|a)\b(?!\s+of)", re.IGNORECASE)
_FOOTER = re.compile(r"^(?:contact|enquiries|published|date of publication|further information|distribution)\b",
                     re.IGNORECASE)
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_TIME = re.compile(r"\b(\d{1,2})(?:[.:](\d{2}))?\s*([ap])\.?m\b\.?|\b([01]\d|2[0-3]):([0-5]\d)\b", re.IGNORECASE)
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]


def clean(text: str) -> str:
    """One line of text with runs of spaces and tabs made single spaces."""
    return " ".join(text.split())


def drop_page_refs(text: str) -> str:
    """The title without "(Pages 9 - 44)", "(Page 3)" and the like."""
    if not _PAGES_HINT.search(text):
        return text.rstrip(" -–—:")
    return clean(_PAGES.sub("", text)).rstrip(" -–—:")


def _capped(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


@dataclass
class _State:
    items: list[Item] = field(default_factory=list)
    exempt: bool = False
    attached: bool = False  # whether a plain line now is the current item's description
    top: int = 0  # the last top-level item number
    subs: list[str] = field(default_factory=list)  # sub-item labels seen under it
    pending: str | None = None  # an item number whose title is on the next line
    done: bool = False
    stop_on_restart: bool = False
    description: list[str] = field(default_factory=list)  # the current item's description lines
    length: int = 0  # their characters, with the line breaks between them
    cut: list[str] = field(default_factory=list)  # numbers of items whose title or description was cut


def _finish(s: _State) -> None:
    """Give the current item the description gathered for it, capped."""
    if s.items and s.description:
        item = s.items[-1]
        text = "\n".join(s.description)
        if len(text) > MAX_DESCRIPTION:
            text = _capped(text, MAX_DESCRIPTION)
            s.cut.append(item.number)
        item.description = text
    s.description, s.length = [], 0


def parse_lines(lines: list[Line], stop_on_restart: bool = False) -> tuple[list[Item], Hints]:
    """The agenda items in these lines (number, title, description, exempt) and the heading's hints.

    With ``stop_on_restart``, numbering that starts again at 1 ends the agenda: in a PDF agenda
    pack the reports follow, with numbered paragraphs of their own. Items whose title or
    description was too long to keep whole are listed in ``Hints.cut``.
    """
    s = _State(stop_on_restart=stop_on_restart)
    heading: list[str] = []
    for line in lines:
        if s.done:
            break
        if line.block_end:
            s.attached = False
            continue
        text = clean(line.text)
        if not text:
            continue
        if line.label is None and s.pending is None:
            if _PART2.match(text) and len(text) <= 90 and not text.endswith("."):
                s.exempt, s.attached = True, False
                continue
            if _PART1.match(text) and len(text) <= 40:
                s.exempt, s.attached = False, False
                continue
        number, title = _number(s, line, text)
        if number is None:
            if s.pending is not None:  # the title of a number that stood alone
                number, title, s.pending = s.pending, text, None
            else:
                _plain(s, text, heading)
                continue
        title = drop_page_refs(title)
        if not title:
            s.pending = number
            continue
        s.pending = None
        _finish(s)
        if len(title) > MAX_TITLE:
            title = _capped(title, MAX_TITLE)
            s.cut.append(number)
        s.items.append(Item(number=number, title=title, exempt=s.exempt))
        s.attached = True
    _finish(s)
    hints = _hints(heading)
    hints.cut = list(dict.fromkeys(s.cut))
    return s.items, hints


def _plain(s: _State, text: str, heading: list[str]) -> None:
    if not s.items:
        heading.append(text)
    elif _FOOTER.match(text):
        s.attached = False
    elif s.attached and s.length <= MAX_DESCRIPTION and not _ONLY_PAGES.match(text):
        text = drop_page_refs(text) if _PAGES_HINT.search(text) and _PAGES.search(text) else text
        s.description.append(text)
        s.length += len(text) + 1


def _number(s: _State, line: Line, text: str) -> tuple[str | None, str]:
    """The item number this line starts (and the rest of it), or None when it starts none."""
    explicit = line.label is not None
    label = clean(line.label) if explicit else text
    m = _ITEM.match(label)
    if m and (not explicit or not m.group("rest")):
        n = int(m.group("num"))
        sub = m.group("dec") or m.group("par") or m.group("let")
        rest = text if explicit else m.group("rest")
        if sub is None:
            return _top(s, n, explicit or bool(m.group("punct")), rest)
        if n == s.top and s.items and _next_sub(s, sub, decimal=bool(m.group("dec")), explicit=explicit):
            return _sub(s, n, sub, bool(m.group("dec"))), rest
        if not s.items or n == s.top + 1:  # "5(a)" with no "5" before it: the agenda starts its own item 5
            s.top, s.subs = n, []
            return _sub(s, n, sub, bool(m.group("dec"))), rest
        return None, text
    m = _LONE_SUB.match(label)
    if m and s.items and s.top and (not explicit or not m.group("rest")) and \
            _next_sub(s, m.group("sub").lower(), decimal=False, explicit=explicit):
        return _sub(s, s.top, m.group("sub").lower(), False), text if explicit else m.group("rest")
    return None, text


def _top(s: _State, n: int, punctuated: bool, rest: str) -> tuple[str | None, str]:
    if rest and rest.split()[0].lower() in _MONTHS:
        return None, rest  # "17 September 2026", a date
    if not s.items and s.pending is None:
        ok = n == 1 or (punctuated and n <= 200)
    elif n == 1 and len(s.items) >= 2:
        s.done = s.stop_on_restart  # numbering starts again: a numbered list, or the reports after the agenda
        return None, rest
    else:
        ok = n == s.top + 1 or (punctuated and s.top < n <= s.top + 5)
    if not ok:
        return None, rest
    s.top, s.subs = n, []
    return str(n), rest


def _next_sub(s: _State, sub: str, decimal: bool, explicit: bool) -> bool:
    """Whether sub is the next sub-item label under the current item (a, b, c… or i, ii… or 1, 2…)."""
    if explicit:
        return True
    if decimal:
        expected = [str(len(s.subs) + 1)]
    else:
        expected = [chr(ord("a") + len(s.subs))] if len(s.subs) < 26 else []
        if len(s.subs) < len(_ROMAN):
            expected.append(_ROMAN[len(s.subs)])
    return sub.lower() in expected


def _sub(s: _State, n: int, sub: str, decimal: bool) -> str:
    s.subs.append(sub)
    return f"{n}.{int(sub)}" if decimal else f"{n}({sub.lower()})"


def _hints(heading: list[str]) -> Hints:
    hints = Hints()
    for text in heading:
        if hints.date is None and (m := _DATE.search(text)):
            try:
                hints.date = _date(int(m.group(3)), _MONTHS.index(m.group(2).lower()) + 1,
                                   int(m.group(1))).isoformat()
            except ValueError:
                pass
        if hints.start is None and (m := _TIME.search(text)):
            hints.start = _time(m)
        if not hints.venue and (m := re.search(r"\b(?:venue|place|location)\s*:\s*(.+)$", text, re.IGNORECASE)):
            hints.venue = m.group(1).strip()
        if not hints.committee and re.search(r"\b(?:committee|board|panel|council|cabinet)\b", text, re.IGNORECASE) \
                and not re.search(r"\bborough council|county council|city council|district council\b", text,
                                  re.IGNORECASE):
            name = re.split(r"\s[–—-]\s|,|\bdate\b|:", text, maxsplit=1, flags=re.IGNORECASE)[0].strip()
            if 3 <= len(name) <= 100:
                hints.committee = name.title() if name.isupper() else name
    return hints


def _time(m: re.Match[str]) -> str | None:
    if m.group(4):
        return f"{m.group(4)}:{m.group(5)}"
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if not 1 <= hour <= 12 or minute > 59:
        return None
    hour = hour % 12 + (12 if m.group(3).lower() == "p" else 0)
    return f"{hour:02d}:{minute:02d}"
