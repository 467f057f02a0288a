"""Turning what a clerk types into a safe full-text query, and cutting snippets around hits.

A search is words that must all appear, "quoted phrases", OR between alternatives, and a
leading ``-`` to leave out passages with a word. Each word or phrase reaches FTS quoted, so
``O'Neill``, ``5(a)`` or a stray bracket can never be an FTS syntax error; accents are folded the same way the index folds them (unicode61,
remove_diacritics 2), so "Ni Bhriain" finds "Ní Bhriain".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without accents: how the index compares words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass
class Query:
    """What the clerk asked for: any one of ``groups`` (each a list of phrases that must all appear),
    and none of ``excluded``. A phrase is one word or several in quotes, in that order."""

    groups: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    last_is_bare: bool = False  # the last thing typed is an unquoted word, so it may be half-typed

    @property
    def wanted(self) -> list[str]:
        """Every phrase asked for, in any group."""
        return [p for g in self.groups for p in g]


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_MINUTE_NUMBER = re.compile(r"^(?=.*\d)[\w.()]+(?:/[\w.()]+)+$")


def _searchable(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def parse_query(words: str) -> Query:
    """Read the clerk's search: "quoted phrases", OR between alternatives (AND is what words do
    anyway), and a leading ``-`` on a word or phrase to leave out passages that have it."""
    query = Query(groups=[[]])
    last_bare = False
    for m in _TOKEN.finditer(words):
        minus, phrase, bare = m.group(1), m.group(2), m.group(3)
        if bare is not None and bare in ("OR", "|"):
            if query.groups[-1]:
                query.groups.append([])
            continue
        if bare is not None and bare == "AND":
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            minus, bare = "-", bare[1:]
        text = phrase if phrase is not None else bare
        if not _searchable(text):
            continue
        (query.excluded if minus else query.groups[-1]).append(" ".join(text.split()))
        last_bare = bare is not None and not minus
    query.groups = [g for g in query.groups if g]
    query.last_is_bare = last_bare and bool(query.groups)
    return query


def terms(words: str) -> list[str]:
    """The phrases asked for in what the clerk typed (OR, exclusions and punctuation left out)."""
    return parse_query(words).wanted


def minute_searches(words: str) -> list[tuple[str, list[str], list[str]]]:
    """For each minute number asked for: the number, the other phrases asked for with it, and the
    phrases to leave out."""
    query = parse_query(words)
    return [(phrase, [p for p in group if p != phrase], query.excluded)
            for group in query.groups for phrase in group if _MINUTE_NUMBER.match(phrase)]


def has_phrase(text: str, phrase: str) -> bool:
    """Whether ``phrase``'s words stand together in ``text``, compared as the index compares them."""
    wanted = [fold(w) for w in _WORD.findall(phrase)]
    words = [fold(w) for w in _WORD.findall(text)]
    return bool(wanted) and any(words[i:i + len(wanted)] == wanted for i in range(len(words) - len(wanted) + 1))


def _quoted(phrase: str) -> str:
    return '"' + phrase.replace('"', '""') + '"'


def fts_query(words: str, prefix: bool) -> str | None:
    """An FTS5 query for the clerk's search (see ``parse_query``), or None when it asks for nothing.

    Every phrase is quoted, so ``O'Neill``, ``5(a)`` or a stray bracket is never FTS syntax; with
    ``prefix`` a last unquoted word also matches longer words (search as you type).
    """
    query = parse_query(words)
    if not query.groups:
        return None  # nothing to find: leaving words out needs something to leave them out of
    groups = []
    for n, group in enumerate(query.groups):
        parts = [_quoted(p) for p in group]
        if prefix and query.last_is_bare and n == len(query.groups) - 1:
            parts[-1] += "*"
        groups.append(" ".join(parts))
    text = groups[0] if len(groups) == 1 else " OR ".join(f"({g})" for g in groups)
    if query.excluded:
        text = f"({text})" + "".join(f" NOT {_quoted(p)}" for p in query.excluded)
    return text


def snippet(text: str, words: str, prefix: bool, width: int = 12) -> str:
    """About ``width`` words of text around the first match, matched words in [brackets]."""
    query = parse_query(words)
    wanted = [fold(t) for w in query.wanted for t in _WORD.findall(w)]
    if not wanted:
        return text[:80]
    last = wanted[-1]
    prefix = prefix and query.last_is_bare
    tokens = list(_WORD.finditer(text))

    def hit(token: str) -> bool:
        folded = fold(token)
        return folded in wanted or (prefix and folded.startswith(last))

    marks = [hit(t.group()) for t in tokens]
    first = next((i for i, m in enumerate(marks) if m), 0)
    start = max(0, first - width // 3)
    end = min(len(tokens), start + width)
    if not tokens:
        return text[:80]
    out, pos = [], tokens[start].start()
    for i in range(start, end):
        t = tokens[i]
        out.append(text[pos:t.start()])
        out.append(f"[{t.group()}]" if marks[i] else t.group())
        pos = t.end()
    if end < len(tokens):
        out.append(text[pos:tokens[end].start()].rstrip() + "…")
    else:
        out.append(text[pos:])
    return ("…" if start > 0 else "") + "".join(out).strip()
