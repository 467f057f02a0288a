"""Text made safe for every file ClerkDesk writes: one rule for the characters XML forbids.

Word's XML (and so the Word and PDF exports) cannot hold C0 control characters other than tab
and newline, lone surrogates, or U+FFFE/U+FFFF; HTML also forbids the C1 controls. Pasted
text carries them (from PDFs, old terminals, Excel). The importer, every writer and the
window's paste use this one function, so no two of them disagree about what a character is.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL and the C1 controls (but NEL, a line break), lone
# surrogates, and the two non-characters XML 1.0 excludes.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("\r\n|[\r\v\f\u2028\u2029\x85]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Word's soft return (a vertical tab) pasted mid-sentence is a space; the clerk's own newlines stay.
_SOFT_RETURN = re.compile("[ \t]*\v[ \t]*")


def clean_text(text: str) -> str:
    """``text`` with every line break made "\\n", Word's soft returns made a space, and every
    character Word's XML forbids dropped."""
    if text.isprintable():  # no control, surrogate, non-character or line separator: the common case, fast
        return text
    return _FORBIDDEN.sub("", _LINE_BREAKS.sub("\n", _SOFT_RETURN.sub(" ", text)))


def has_lone_surrogate(text: str) -> bool:
    """Whether ``text`` holds half of a UTF-16 pair, which no file or database can store."""
    return _SURROGATE.search(text) is not None
