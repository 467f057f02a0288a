"""Proofing a piece of text, or a whole meeting: spelling and house style together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from clerkdesk.model import Entry, Meeting

from .problems import Problem
from .spelling import Speller, spelling_problems
from .style import HouseStyle, fix_style, load_style, style_problems
from .words import fold, meeting_words, read_word_list

# The fields of an entry the clerk types as running text.
TEXT_FIELDS = ("text", "motion")


class Proofer:
    """Checks text for one meeting: its own words, the council word list, its committee's house style.

    ``speller`` may be None (the dictionary not loaded yet, or spelling off): then only the house
    style is checked.
    """

    def __init__(self, speller: Speller | None, style: HouseStyle, own_words: set[str] | None = None):
        self.speller, self.style = speller, style
        self.own_words: set[str] = set(own_words or ())

    @classmethod
    def for_meeting(cls, meeting: Meeting, speller: Speller | None, data_folder: Path | None) -> Proofer:
        """A proofer knowing the meeting's words, the council's word list and its committee's style."""
        own = meeting_words(meeting) | {fold(w) for w in meeting.ignored_words}
        if data_folder is not None:
            own |= {fold(w) for w in read_word_list(data_folder)}
        return cls(speller, load_style(data_folder, meeting.committee.name), own)

    def allow(self, word: str) -> None:
        """Never flag this word again (added to the word list, or ignored in this meeting)."""
        self.own_words.add(fold(word))

    def check(self, text: str) -> list[Problem]:
        """Every problem in ``text``, in order; a word the house style rewrites is not also a spelling problem."""
        found = style_problems(text, self.style)
        if self.speller is not None:
            styled = [(p.start, p.end) for p in found]
            found += [p for p in spelling_problems(text, self.speller, self.own_words)
                      if not any(s < p.end and p.start < e for s, e in styled)]
            found.sort(key=lambda p: p.start)
        return found

    def fixed(self, text: str) -> str:
        """``text`` with every house-style fix made (spelling is never changed unasked)."""
        return fix_style(text, self.style)


@dataclass(frozen=True)
class Finding:
    """A problem in one entry of a meeting, with where it is as the clerk would say it."""

    item_number: str
    item_id: int | None
    entry_number: int  # 1-based, as the notes show them
    entry_id: int | None
    field: str
    problem: Problem

    def describe(self) -> str:
        """One line: ``item 4, entry 7: spelling: "recieved" → received``."""
        p = self.problem
        what = "spelling" if p.kind == "spelling" else "house style"
        fix = f" → {p.fix}" if p.fix else " (no suggestion)"
        found = p.found.replace("\n", " ")
        return f"item {self.item_number}, entry {self.entry_number}: {what}: \"{found}\"{fix}"


def entry_texts(entry: Entry) -> list[tuple[str, str]]:
    """The running text of an entry, by field."""
    return [(f, getattr(entry, f)) for f in TEXT_FIELDS if getattr(entry, f, None)]


def check_meeting(meeting: Meeting, proofer: Proofer, suggest: bool = True) -> list[Finding]:
    """Every problem in the meeting's entries, in the order of the minutes.

    ``suggest``: also find each misspelt word's best correction (the slow part; each word once).
    """
    out = []
    for item in meeting.items:
        for n, entry in enumerate(item.entries, 1):
            for name, text in entry_texts(entry):
                for p in proofer.check(text):
                    if p.kind == "spelling" and suggest and proofer.speller is not None:
                        first = proofer.speller.first_suggestion(p.found)
                        p = Problem(p.kind, p.start, p.end, p.found, (first,) if first else (), p.rule, p.why)
                    out.append(Finding(item.number, item.id, n, entry.id, name, p))
    return out


def style_edits(meeting: Meeting, proofer: Proofer) -> dict[int, dict[str, str]]:
    """For each entry the house style would change: its id and the fields as they would read."""
    edits: dict[int, dict[str, str]] = {}
    for item in meeting.items:
        for entry in item.entries:
            for name, text in entry_texts(entry):
                fixed = proofer.fixed(text)
                if fixed != text and entry.id is not None:
                    edits.setdefault(entry.id, {})[name] = fixed
    return edits


def counts(findings: list[Finding]) -> tuple[int, int]:
    """How many spelling and how many house-style problems."""
    spelling = sum(1 for f in findings if f.problem.kind == "spelling")
    return spelling, len(findings) - spelling
