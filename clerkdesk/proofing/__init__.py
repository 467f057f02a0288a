"""Proofing: en-GB spelling and the council's house style, for the window and the command line.

Qt-free, like the rest of the core: ``Proofer`` checks a piece of text for one meeting;
``check_meeting`` checks a whole meeting; the house style is read from TOML files
(``style.py``), the council word list from the data folder (``words.py``).
"""

from __future__ import annotations

from .check import Finding, Proofer, check_meeting, counts, style_edits
from .problems import Problem
from .spelling import Speller, spelling_problems
from .style import HouseStyle, SAFE_RULES, apply_fixes, fix_style, load_style, style_problems
from .words import add_words, meeting_words, read_word_list

__all__ = ["Finding", "HouseStyle", "Problem", "Proofer", "SAFE_RULES", "Speller", "add_words", "apply_fixes",
           "check_meeting", "counts", "fix_style", "load_style", "meeting_words", "read_word_list",
           "spelling_problems", "style_edits", "style_problems"]
