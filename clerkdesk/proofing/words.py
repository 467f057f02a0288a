"""Words never flagged: the meeting's own (names, titles, agenda, venue) and the council word list.

The council word list is a plain text file in the data folder, one word a line, shared by every
meeting; ``clerkdesk words add`` and the window's "Add to council word list" write it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from clerkdesk.errors import BadInput
from clerkdesk.files import write_whole
from clerkdesk.model import Meeting

WORD_LIST = "council-words.txt"

# A word: letters, with apostrophes inside (O’Neill, council's); hyphens split words (Pryce-Jones).
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def fold(word: str) -> str:
    """A word as the word lists keep it: lower case, typographic apostrophes straightened, no possessive ’s."""
    word = word.replace("’", "'").casefold()
    return word[:-2] if word.endswith("'s") else word


def words_of(text: str) -> Iterator[str]:
    """The folded words of some text."""
    for m in WORD.finditer(text or ""):
        yield fold(m.group())


def meeting_words(meeting: Meeting) -> set[str]:
    """Every word of the meeting's own names: people, titles, roles, committee, agenda, venue, documents."""
    texts = [meeting.committee.name, meeting.title, meeting.venue]
    for p in meeting.people:
        texts += [p.name, p.title, p.role, p.referred_to_as, p.substitute_for or ""]
    for item in meeting.items:
        texts += [item.title, item.description, *item.documents]
    words: set[str] = set()
    for text in texts:
        words.update(words_of(text))
    return words


def word_list_path(data_folder: Path) -> Path:
    """Where the council word list lives."""
    return Path(data_folder) / WORD_LIST


def read_word_list(data_folder: Path) -> list[str]:
    """The council word list as written (empty when there is none yet)."""
    path = word_list_path(data_folder)
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return [w.strip() for w in lines if w.strip() and not w.lstrip().startswith("#")]


def check_word(word: str) -> str:
    """A word fit for the word list, stripped; BadInput for an empty one or one with spaces."""
    word = (word or "").strip()
    if not word:
        raise BadInput("Give a word to add to the council word list.")
    if any(c.isspace() for c in word):
        raise BadInput(f"“{word}” is more than one word; add each word on its own.")
    return word


def add_words(data_folder: Path, words: list[str]) -> list[str]:
    """Add words to the council word list (each once); returns those that were new."""
    checked = [check_word(w) for w in words]
    have = read_word_list(data_folder)
    known = {fold(w) for w in have}
    new = []
    for w in checked:
        if fold(w) not in known:
            known.add(fold(w))
            new.append(w)
    if new:
        Path(data_folder).mkdir(parents=True, exist_ok=True)
        write_whole(word_list_path(data_folder), ("\n".join(have + new) + "\n").encode("utf-8"))
    return new
