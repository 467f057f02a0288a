"""en-GB spelling with the Hunspell dictionary that ships in resources/dictionaries.

The engine is spylls, Hunspell ported to pure Python: it reads the same .aff/.dic files, needs
no system library on any platform, and so works the same from a wheel, a checkout and the
installers. Loading takes a couple of seconds, so the window does it in the background;
answers are remembered, so a meeting's words are each looked up once.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Iterator
from importlib import resources

from .problems import Problem
from .words import WORD, fold

DICTIONARY = "en_GB"

# Whole tokens never checked: anything with a digit (minute numbers EC/25/26, 2025/26, 3rd),
# web addresses and e-mail addresses.
_SKIP_TOKEN = re.compile(r"\S*(?:\d|@|://|www\.)\S*", re.IGNORECASE)


class Speller:
    """A loaded dictionary: whether a word is spelt right, and suggestions for one that is not."""

    def __init__(self) -> None:
        from spylls.hunspell import Dictionary  # imported here: only loading needs it

        folder = resources.files("clerkdesk.resources").joinpath("dictionaries")
        with resources.as_file(folder) as path:
            self._dictionary = Dictionary.from_files(str(path / DICTIONARY))
        self._known: dict[str, bool] = {}
        self._suggestions: dict[str, tuple[str, ...]] = {}
        self._first: dict[str, str | None] = {}
        self._lock = threading.Lock()  # suggestions may be asked for from a worker and the GUI thread at once

    def known(self, word: str) -> bool:
        """Whether the dictionary has this word (as written, or capitalised as at a sentence's start)."""
        answer = self._known.get(word)
        if answer is None:
            answer = bool(self._dictionary.lookup(word.replace("’", "'")))
            self._known[word] = answer
        return answer

    def suggest(self, word: str, limit: int = 5) -> tuple[str, ...]:
        """Up to ``limit`` corrections, best first (may take a second for an unusual word)."""
        with self._lock:
            have = self._suggestions.get(word)
            if have is None or len(have) < limit:
                straight = word.replace("’", "'")
                have = tuple(s.replace("'", "’") if "’" in word else s
                             for s in itertools.islice(self._dictionary.suggest(straight), limit))
                self._suggestions[word] = have
            return have[:limit]

    def first_suggestion(self, word: str) -> str | None:
        """The best correction alone (usually found in milliseconds), or None."""
        have = self._suggestions.get(word)
        if have:
            return have[0]
        if word not in self._first:
            with self._lock:
                found = next(iter(self._dictionary.suggest(word.replace("’", "'"))), None)
            self._first[word] = found.replace("'", "’") if found and "’" in word else found
        return self._first[word]


def checkable_words(text: str) -> Iterator[re.Match[str]]:
    """The words of ``text`` that spelling looks at: not in tokens with digits, addresses, or in capitals."""
    skip = [(m.start(), m.end()) for m in _SKIP_TOKEN.finditer(text)]
    s = 0
    for m in WORD.finditer(text):
        while s < len(skip) and skip[s][1] <= m.start():
            s += 1
        if s < len(skip) and skip[s][0] <= m.start() < skip[s][1]:
            continue
        word = m.group()
        if len(word) < 2 or word.isupper():
            continue  # initials and abbreviations (OPCC, HMIC)
        yield m


def spelling_problems(text: str, speller: Speller, own_words: set[str] | frozenset[str] = frozenset()) -> list[Problem]:
    """The misspelt words of ``text``; ``own_words`` (folded) are never flagged."""
    out = []
    for m in checkable_words(text):
        word = m.group()
        if fold(word) in own_words or speller.known(word):
            continue
        if word[-2:] in ("'s", "’s") and (speller.known(word[:-2]) or fold(word[:-2]) in own_words):
            continue
        out.append(Problem("spelling", m.start(), m.end(), word, (), "spelling", "not in the en-GB dictionary"))
    return out
