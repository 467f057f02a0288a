"""The proofing's verbs of the command line: ``clerkdesk check ID [--fix-style]`` and ``clerkdesk words``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from clerkdesk import ops
from clerkdesk.store import Store

from .check import Proofer, check_meeting, counts, style_edits
from .spelling import Speller
from .words import add_words, read_word_list, word_list_path

VERBS = ("check", "words")

CHECK_HELP = """\
Prints one line per problem, e.g.
  item 4, entry 7: spelling: "recieved" → received
  item 5, entry 2: house style: "Cllr" → Councillor
Words of the meeting itself (names, titles, agenda, venue), the council word list (clerkdesk
words) and words ignored in the window are never flagged; the house style is read from
house-style.toml in the data folder over the one ClerkDesk ships.
Exit status: 0 nothing found, 1 problems found, 2 bad input."""


def add_verbs(verbs: argparse._SubParsersAction, meeting_id: Callable[[str], int]) -> None:
    """Add ``check`` and ``words`` to the command line's parser."""
    p = verbs.add_parser("check", help="check a meeting's spelling (en-GB) and house style",
                         description="Check the spelling and house style of a meeting's entries.", epilog=CHECK_HELP,
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("meeting", metavar="ID", type=meeting_id)
    p.add_argument("--fix-style", action="store_true",
                   help="make the house-style fixes (never spelling), entry by entry, with the same edit operation as "
                        "the window; then list what is left")
    p = verbs.add_parser("words", help="the council word list: words never flagged as misspelt",
                         description="Example: clerkdesk words add Ashcombe Wiśniewski. clerkdesk words list.")
    p.add_argument("action", choices=("add", "list"), metavar="add|list")
    p.add_argument("words", nargs="*", metavar="WORD")


def run(args: argparse.Namespace, folder: Path, open_store: Callable[..., Store]) -> int:
    """Run ``check`` or ``words``; returns the exit status."""
    if args.verb == "words":
        return _words(args, folder)
    speller = Speller()
    if args.fix_style:
        with open_store(args, write=True) as store:
            meeting = store.load_meeting(args.meeting)
            proofer = Proofer.for_meeting(meeting, speller, folder)
            edits = style_edits(meeting, proofer)
            for entry_id, fields in edits.items():
                ops.edit_entry(store, entry_id, **fields)
            meeting = store.load_meeting(args.meeting)
        if edits:
            print(f"Made the house-style fixes in {len(edits)} entr{'y' if len(edits) == 1 else 'ies'}.")
    else:
        with open_store(args) as store:
            meeting = store.load_meeting(args.meeting)
        proofer = Proofer.for_meeting(meeting, speller, folder)
    findings = check_meeting(meeting, proofer)
    for f in findings:
        print(f.describe())
    spelling, style = counts(findings)
    if not findings:
        print("No spelling or house-style problems.")
        return 0
    print(f"{spelling} spelling, {style} house style.")
    return 1


def _words(args: argparse.Namespace, folder: Path) -> int:
    if args.action == "list":
        if args.words:
            from clerkdesk.errors import BadInput
            raise BadInput("clerkdesk words list takes no words; to add them: clerkdesk words add WORD…")
        for w in read_word_list(folder):
            print(w)
        return 0
    if not args.words:
        from clerkdesk.errors import BadInput
        raise BadInput("Give the words to add, e.g. clerkdesk words add Ashcombe.")
    new = add_words(folder, args.words)
    print(f"Added {len(new)} word{'s' if len(new) != 1 else ''} to {word_list_path(folder)}." if new
          else "Those words are already in the council word list.")
    return 0
