"""Turning what a clerk types into a safe full-text query, and cutting snippets around hits.

The clerk's words are quoted, so ``O'Neill``, ``5(a)`` or a stray ``"`` can never be an FTS
syntax error; accents are folded the same way the index folds them (unicode61,
remove_diacritics 2), so "Ni Bhriain" finds "Ní Bhriain".
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without accents: how the index compares words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def terms(words: str) -> list[str]:
    """The searchable words in what the clerk typed (punctuation-only words are dropped)."""
    return [w for w in words.split() if any(ch.isalnum() for ch in w)]


def fts_query(words: str, prefix: bool) -> str | None:
    """An FTS5 query matching every word; with ``prefix`` the last also matches longer words."""
    found = terms(words)
    if not found:
        return None
    query = " ".join('"' + t.replace('"', '""') + '"' for t in found)
    return query + "*" if prefix else query


def snippet(text: str, words: str, prefix: bool, width: int = 12) -> str:
    """About ``width`` words of text around the first match, matched words in [brackets]."""
    wanted = [fold(t) for w in terms(words) for t in _WORD.findall(w)]
    if not wanted:
        return text[:80]
    last = wanted[-1]
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
