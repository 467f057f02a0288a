"""A problem the proofing found in a piece of text: where, what, and what would put it right."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A misspelt word or a departure from house style, at ``start:end`` of the text checked."""

    kind: str  # "spelling" or "style"
    start: int
    end: int
    found: str
    suggestions: tuple[str, ...] = ()  # best first; spelling suggestions are filled in when asked for
    rule: str = ""  # the house-style rule, or "spelling"
    why: str = ""

    @property
    def fix(self) -> str | None:
        """The first suggestion, if there is one."""
        return self.suggestions[0] if self.suggestions else None
