"""The council's house style: rules read from a TOML file, each finding what it flags and its fix.

The defaults ship as ``resources/house-style.toml``; a ``house-style.toml`` in the data folder
overrides them for the whole council, and its ``[committees."Name"]`` sections for one
committee. Every rule can be switched off. The rules' logic lives here; the file says which run,
with what settings, and which words are replaced by which.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from clerkdesk.errors import BadInput

from .problems import Problem

STYLE_FILE = "house-style.toml"
# Fixes that never change meaning, which the window may apply while the clerk types (a setting).
SAFE_RULES = ("words", "times", "double_spaces", "quotes")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
CHAIR_SETTINGS = ("Chair", "Chairman", "Chairwoman", "Chairperson")


@dataclass
class HouseStyle:
    """Which rules run, their settings, and the words replaced."""

    rules: dict[str, bool] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    replace: dict[str, str] = field(default_factory=dict)

    def on(self, rule: str) -> bool:
        """Whether a rule runs."""
        return bool(self.rules.get(rule, False))

    @property
    def spelling(self) -> bool:
        """Whether spelling is checked at all (the settings' ``spelling``; on unless switched off)."""
        return bool(self.settings.get("spelling", True))

    @property
    def fix_as_you_type(self) -> bool:
        """Whether the window applies the safe fixes while the clerk types."""
        return bool(self.settings.get("fix_as_you_type", False))


def _read_toml(text: str, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise BadInput(f"The house style file {where} cannot be read: {e}.") from None


def _merge(style: HouseStyle, layer: dict[str, Any], where: str) -> None:
    for name, value in (layer.get("rules") or {}).items():
        if not isinstance(value, bool):
            raise BadInput(f"In {where}, the rule “{name}” must be true or false.")
        style.rules[name] = value
    style.settings.update(layer.get("settings") or {})
    for found, use in (layer.get("replace") or {}).items():
        if not isinstance(use, str):
            raise BadInput(f"In {where}, the replacement for “{found}” must be text in quotes.")
        if use == "":
            style.replace.pop(found, None)
        else:
            style.replace[found] = use


def load_style(data_folder: Path | None = None, committee: str | None = None) -> HouseStyle:
    """The house style for a committee: the shipped defaults, the council's file, the committee's section."""
    style = HouseStyle()
    default = resources.files("clerkdesk.resources").joinpath(STYLE_FILE).read_text(encoding="utf-8")
    _merge(style, _read_toml(default, "shipped with ClerkDesk"), "the shipped house style")
    council: dict[str, Any] = {}
    if data_folder is not None and (path := Path(data_folder) / STYLE_FILE).is_file():
        council = _read_toml(path.read_text(encoding="utf-8"), str(path))
        _merge(style, council, str(path))
    if committee and committee in (council.get("committees") or {}):
        _merge(style, council["committees"][committee], f"{STYLE_FILE} (committee “{committee}”)")
    if style.settings.get("chair") not in CHAIR_SETTINGS:
        raise BadInput(f"The house style's chair setting must be one of {', '.join(CHAIR_SETTINGS)}.")
    if style.settings.get("noon") not in ("noon", "12.00 pm"):
        raise BadInput("The house style's noon setting must be “noon” or “12.00 pm”.")
    return style


# -- the rules -------------------------------------------------------------------------------------

Finder = Callable[[str, HouseStyle], Iterator[Problem]]


def _problem(rule: str, m: re.Match[str] | tuple[int, int, str], fix: str, why: str) -> Problem:
    start, end, found = (m.start(), m.end(), m.group()) if isinstance(m, re.Match) else m
    return Problem("style", start, end, found, (fix,), rule, why)


def _words(text: str, style: HouseStyle) -> Iterator[Problem]:
    if not style.replace:
        return
    keys = sorted(style.replace, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w])(?!(?<!\.)\.\w)")
    for m in pattern.finditer(text):
        use = style.replace[m.group()]
        yield _problem("words", m, use, f"house style says “{use}”")


_AMPM = r"(?:am|pm|a\.m\.|p\.m\.)"
_TIME12 = re.compile(rf"\b(1[0-2]|0?[1-9])(?:[.:]([0-5]\d))?\s?({_AMPM})(?!\w)", re.IGNORECASE)
_TIME24 = re.compile(r"(?<![\w:./])([01]?\d|2[0-3]):([0-5]\d)(?![\w:]|\.\d)")
_NOON = re.compile(rf"\b12(?:[.:]00)?\s?(?:noon|{_AMPM})(?!\w)|\b12 noon\b", re.IGNORECASE)


def _time(hour: int, minute: int) -> str:
    h12 = hour % 12 or 12
    return f"{h12}.{minute:02d} {'am' if hour < 12 else 'pm'}"


def _is_noon(found: str) -> bool:
    lowered = found.lower()
    return lowered.startswith("12") and ("noon" in lowered or "p" in lowered) and not re.search(r"[.:](?!00)\d\d", found)


def _times(text: str, style: HouseStyle) -> Iterator[Problem]:
    for m in _TIME12.finditer(text):
        if style.on("noon") and _is_noon(m.group()):
            continue  # the noon rule has it
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        pm = m.group(3).lower().startswith("p")
        fix = _time(hour % 12 + (12 if pm else 0), minute)
        if m.group() != fix:
            yield _problem("times", m, fix, "times read like “6.30 pm”")
    for m in _TIME24.finditer(text):
        hour, minute = int(m.group(1)), int(m.group(2))
        if hour == 12 and minute == 0 and style.on("noon"):
            use = style.settings.get("noon", "noon")
            yield _problem("noon", m, use, f"midday reads “{use}”")
            continue
        yield _problem("times", m, _time(hour, minute), "times read like “6.30 pm”")


def _noon(text: str, style: HouseStyle) -> Iterator[Problem]:
    use = style.settings.get("noon", "noon")
    for m in _NOON.finditer(text):
        if _is_noon(m.group()) and m.group() != use:
            yield _problem("noon", m, use, f"midday reads “{use}”")
    if use != "noon":
        for m in re.finditer(r"(?<![\w.])(?<!12 )noon\b", text):
            yield _problem("noon", m, use, f"midday reads “{use}”")


_ORDINAL_DATE = re.compile(r"\b([1-9]|[12]\d|3[01])(st|nd|rd|th)(\s+(?:of\s+)?)(" + "|".join(MONTHS) + r")\b")
_NUMERIC_DATE = re.compile(r"(?<![\w/.])(\d{1,2})/(\d{1,2})/(\d{4})(?![\w/])")


def _dates(text: str, style: HouseStyle) -> Iterator[Problem]:
    for m in _ORDINAL_DATE.finditer(text):
        fix = f"{m.group(1)} {m.group(4)}"
        yield _problem("dates", m, fix, "dates read like “15 October 2026”")
    for m in _NUMERIC_DATE.finditer(text):
        try:
            when = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            continue
        yield _problem("dates", m, f"{when.day} {MONTHS[when.month - 1]} {when.year}",
                       "dates read like “15 October 2026”")


_PER_CENT = re.compile(r"(\d[\d,.]*)\s?%")


def _per_cent(text: str, style: HouseStyle) -> Iterator[Problem]:
    if style.settings.get("per_cent", "per cent") == "%":
        return
    for m in _PER_CENT.finditer(text):
        yield _problem("per_cent", m, f"{m.group(1)} per cent", "house style says “per cent”")


_CHAIR = re.compile(r"\b(Chair(?:man|woman|person)?)(?!\w)")


def _chair(text: str, style: HouseStyle) -> Iterator[Problem]:
    use = style.settings.get("chair", "Chair")
    for m in _CHAIR.finditer(text):
        if m.group(1) != use:
            yield _problem("chair", m, use, f"this committee says “{use}”")


# Numerals stay after words that number things ("item 5", "paragraph 3") and before units.
_NUMBERED = re.compile(r"(?:item|items|minute|minutes|paragraph|paragraphs|para|section|sections|appendix|annex|"
                       r"recommendation|recommendations|option|options|page|pages|table|figure|clause|part|phase|"
                       r"stage|ward|no|number|version|level|question|schedule|chapter|tier|year|years|"
                       r"article|regulation|rule|band|grade|platform|route|room|floor|policy)\s*$", re.IGNORECASE)
_UNIT = re.compile(r"\s?(?:%|per\s+cent|am\b|pm\b|a\.m\.|p\.m\.|km|m\b|cm|mm|kg|g\b|mph|kph|ml|l\b|°|"
                   r"hectares?|ha\b|metres?|miles?|kilometres?)", re.IGNORECASE)
_MONTH_AFTER = re.compile(r"\s+(?:" + "|".join(MONTHS) + r")\b")
_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\s+$")
_SMALL = re.compile(r"(?<![\w.,/:£$€#(\-–])([1-9])(?![\w.,/:%)\-–]|\.\d|,\d)")


def _small_numbers(text: str, style: HouseStyle) -> Iterator[Problem]:
    for m in _SMALL.finditer(text):
        before, after = text[:m.start()], text[m.end():]
        if _NUMBERED.search(before) or _UNIT.match(after) or _MONTH_AFTER.match(after) or _MONTH_BEFORE.search(before) or re.match(r"\s*(?:to|-|–|and|or)\s*\d", after) \
                or re.search(r"\d\s*(?:to|-|–|and|or)\s*$", before):
            continue
        word = NUMBER_WORDS[int(m.group())]
        if not before.strip() or re.search(r"[.!?]\s+$", before):
            word = word.capitalize()
        yield _problem("small_numbers", m, word, "one to nine are written in words")


_DOUBLE = re.compile(r"(?<=\S) {2,}(?=\S)")


def _double_spaces(text: str, style: HouseStyle) -> Iterator[Problem]:
    for m in _DOUBLE.finditer(text):
        yield _problem("double_spaces", m, " ", "one space between words")


def _quotes(text: str, style: HouseStyle) -> Iterator[Problem]:
    for m in re.finditer(r"[\"']", text):
        i = m.start()
        prev = text[i - 1] if i else " "
        opening = prev.isspace() or prev in "([{“‘—–-/"
        if m.group() == '"':
            fix = "“" if opening else "”"
        else:
            fix = "‘" if opening and i + 1 < len(text) and text[i + 1].isalpha() else "’"
        yield _problem("quotes", m, fix, "typographic quotes")


RULES: dict[str, Finder] = {
    "words": _words, "noon": _noon, "times": _times, "dates": _dates, "per_cent": _per_cent, "chair": _chair,
    "small_numbers": _small_numbers, "double_spaces": _double_spaces, "quotes": _quotes,
}


def style_problems(text: str, style: HouseStyle) -> list[Problem]:
    """Everything in ``text`` the house style would change, in order, none overlapping."""
    found: list[Problem] = []
    for name, finder in RULES.items():
        if style.on(name):
            found.extend(finder(text, style))
    found.sort(key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[Problem] = []
    for p in found:
        if not kept or p.start >= kept[-1].end:
            kept.append(p)
    return kept


def apply_fixes(text: str, problems: list[Problem]) -> str:
    """``text`` with each problem's first suggestion put in its place (problems must not overlap)."""
    for p in sorted(problems, key=lambda p: p.start, reverse=True):
        if p.suggestions:
            text = text[:p.start] + p.suggestions[0] + text[p.end:]
    return text


def fix_style(text: str, style: HouseStyle, rules: tuple[str, ...] | None = None) -> str:
    """``text`` in house style (only ``rules``, when given); fixing again changes nothing more."""
    for _ in range(3):  # a fix may bring the next into view ("Cllr  Marsh": spaces, then the word)
        problems = [p for p in style_problems(text, style) if rules is None or p.rule in rules]
        if not problems:
            break
        text = apply_fixes(text, problems)
    return text
