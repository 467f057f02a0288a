"""The command line: the same core operations the window uses, without a window.

``clerkdesk VERB …`` runs here; ``clerkdesk`` alone, or ``clerkdesk FILE``, opens the window,
which ``clerkdesk.ui.main`` (the console entry point) starts — this module never imports Qt.
Bad input gets one line on stderr and exit status 2, and changes nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import NoReturn

from . import ops
from .errors import BadInput, ClerkDeskError
from .export import export_meeting, formats, render
from .meeting_file import read_meeting_file
from .paths import ENV_VAR, data_dir
from .proofing import commands as proofing_commands
from .sample import sample_meeting
from .cli_recording import add_recording_verbs, run_recording
from .datafolder import DataFolder
from .search_text import fts_query
from .store import Store, restore
from .text import clean_text, has_lone_surrogate
from .wording import format_date

EPILOG = f"""\
With no command, clerkdesk opens the window; clerkdesk FILE opens a meeting file in it.

Examples:
  clerkdesk import meeting.json          import a meeting file; prints the new meeting's id
  clerkdesk list                         every meeting, newest first
  clerkdesk search "repeat callers"      meetings where those words were minuted
  clerkdesk export 3 --format text       the minutes of meeting 3 as text
  clerkdesk export 3 --format json --confidential --out meeting.json
                                         the whole meeting file (without --confidential,
                                         exempt items are withheld, as in the minutes)
  clerkdesk quorum 3                      when meeting 3 was quorate, and when not
  clerkdesk status 3 approved            mark the minutes approved (then they are read-only)
  clerkdesk unlock 3 --reason "…"        unlock approved minutes, with the reason recorded
  clerkdesk backup                       back up the store now
  clerkdesk restore FILE                 put a backup back (the current store is kept aside)
  clerkdesk doctor --reindex             rebuild the search index from the meetings
  clerkdesk check 3                      spelling (en-GB) and house style; --fix-style fixes the style
  clerkdesk words add Ashcombe           a word never flagged as misspelt, in every meeting
  clerkdesk archive publish 3            send meeting 3 to the team archive (clerkdesk archive --help)
  clerkdesk recording attach 3 FILE --start 18:30   the meeting's recording, so entries are bookmarks

The data folder is --data-dir, else ${ENV_VAR}, else your user data folder. While the
window is open, list, search, export and backup still work; the other commands wait a
few seconds for it, then say so.
Exit status: 0 done, 2 bad input (nothing was changed), 1 an unexpected fault."""


SEARCH_EPILOG = """\
Examples:
  clerkdesk search repeat callers        passages with both words
  clerkdesk search "fly tipping" OR graffiti
  clerkdesk search fly -tipping          fly, but not where tipping is also said
  clerkdesk search -- -tipping fly       -- first when the first word starts with -
  clerkdesk search EC/25/26              the item with that minute number"""


class _Version(argparse.Action):
    """--version, looking the version up only when asked (importlib.metadata is slow to import)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs: object):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> NoReturn:
        from . import __version__
        print(f"clerkdesk {__version__}")
        parser.exit(0)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose complaints are one line, as the clerk's other errors are."""

    def error(self, message: str) -> NoReturn:
        named = re.search(r"invalid choice: '([^']*)'", message)
        if named and re.search(r"[./\\]", named.group(1)):
            # A file name where a command was expected: the clerk meant a file, mistyped or not there.
            name = named.group(1)
            self.exit(2, f"clerkdesk: there is no file “{name}” here, and it is not a command; clerkdesk FILE opens "
                         "a meeting file, clerkdesk import FILE imports one, clerkdesk --help lists the commands\n")
        self.exit(2, f"clerkdesk: {message} (see clerkdesk --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser (also the source of ``--help``)."""
    parser = _Parser(prog="clerkdesk", description="Take committee minutes live and export them to Word.",
                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action=_Version)
    parser.add_argument("--data-dir", metavar="DIR", help="use this data folder")
    verbs = parser.add_subparsers(dest="verb", metavar="COMMAND", parser_class=_Parser)

    p = verbs.add_parser("import", help="import a meeting file and print the new meeting's id")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--copy", action="store_true",
                   help="import it as a new meeting even when that meeting is already in the data folder")

    verbs.add_parser("list", help="list meetings, newest first")

    p = verbs.add_parser("search", help="find meetings by words minuted in them", epilog=SEARCH_EPILOG,
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    # REMAINDER: a word to leave out (-tipping) is a search word, not an option.
    p.add_argument("words", nargs=argparse.REMAINDER, metavar="WORDS",
                   help="words that must all appear; \"a phrase\"; OR; -word to leave out; a minute number")

    p = verbs.add_parser("export", help="export a meeting's minutes")
    p.add_argument("meeting", metavar="ID", type=_meeting_id)
    p.add_argument("--format", dest="fmt", default="text", metavar="FORMAT",
                   help=f"one of: {', '.join(formats())} (default text)")
    p.add_argument("--out", metavar="PATH", help="file to write (text and json print to the terminal without it); "
                   "a symlink is followed, a device, pipe or folder refused")
    p.add_argument("--template", metavar="T", help="a council .docx or .dotx template (Word export)")
    p.add_argument("--confidential", action="store_true",
                   help="include exempt (Part 2) items; the export is marked confidential and a new file is "
                        "readable by you alone. Without it every format, json too, has exempt items withheld "
                        "(number and title only): use --confidential for a complete meeting file")

    p = verbs.add_parser("quorum", help="print a meeting's quorum timeline: one line per change in the count",
                         description="Each line: the time, the members counted, the quorum, quorate or "
                                     "inquorate, and where it happened. The rule is the committee's "
                                     "(clerkdesk quorum-rule sets it).")
    p.add_argument("meeting", metavar="ID", type=_meeting_id)

    verbs.add_parser("sample", help="add the sample meeting and print its id")

    verbs.add_parser("backup", help="back up the store now and print the backup's path")
    p = verbs.add_parser("restore", help="put a backup in place of the store (the current one is kept aside)")
    p.add_argument("file", metavar="FILE")
    _add_planning_verbs(verbs)
    _add_editing_verbs(verbs)
    proofing_commands.add_verbs(verbs, _meeting_id)
    _add_archive_verbs(verbs)
    add_recording_verbs(verbs, _meeting_id)
    return parser


def _meeting_id(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"“{text}” is not a meeting id; clerkdesk list shows them")
    return int(text)


def window_request(argv: list[str]) -> tuple[str | None, Path | None] | None:
    """For ``clerkdesk [--data-dir DIR] [FILE]`` (the window): the data folder asked for and the file to
    open; None when ``argv`` asks for a verb, help or the version (the command line)."""
    parser = build_parser()
    at = _meeting_file_argument(parser, argv)
    rest = argv if at is None else argv[:at] + argv[at + 1:]
    if any(a in ("-h", "--help", "--version") for a in rest):
        return None
    try:
        args, extra = parser.parse_known_args(rest)
    except SystemExit:
        return None
    if args.verb is not None or extra:
        return None
    return args.data_dir, None if at is None else Path(argv[at])


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser()
    at = _meeting_file_argument(parser, argv)
    args = parser.parse_args(_search_words_first(argv) if at is None else argv[:at] + argv[at + 1:])
    try:
        _check_text_options(args)
        if args.verb is None:
            print("clerkdesk: give a command (clerkdesk --help lists them); the window opens with the "
                  "clerkdesk program itself.", file=sys.stderr)
            return 2
        return _run(args)
    except ClerkDeskError as e:
        print(f"clerkdesk: {one_line(str(e))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


# Options that become text in the store; file paths are left alone (any bytes may name a file).
_TEXT_OPTIONS = ("committee", "title", "venue", "words", "date", "time", "rule")


def _check_text_options(args: argparse.Namespace) -> None:
    """Refuse text that is not valid UTF-8 (Python hands such bytes over as lone surrogates)."""
    for name in _TEXT_OPTIONS:
        value = getattr(args, name, None)
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and has_lone_surrogate(text):
                raise BadInput(f"The {name} given is not valid text (it is not UTF-8); type it again.")


def one_line(message: str) -> str:
    """A message for stderr as one line: a value quoted from a file may hold line breaks or terminal controls."""
    return " ".join(clean_text(message).split())


WRITE_WAIT = 3.0  # seconds a writing verb waits for the window to finish a save


def _open_store(args: argparse.Namespace, write: bool = False) -> Store:
    """The store, for reading, or for writing under the data folder's writer lock."""
    folder = DataFolder(data_dir(args.data_dir))
    if not write:
        return folder.open_for_reading()
    store = folder.open_for_writing(wait=WRITE_WAIT, who="the clerkdesk command")
    store.on_close = folder.release
    return store


def _items(n: int) -> str:
    return f"{n} item{'s' if n != 1 else ''}"


def _run(args: argparse.Namespace) -> int:
    if args.verb in proofing_commands.VERBS:
        return proofing_commands.run(args, data_dir(args.data_dir), _open_store)
    if args.verb == "archive":
        from .archive.cli import run_archive
        return run_archive(args, _open_store)
    if args.verb in PLANNING_VERBS:
        return _run_planning(args)
    if args.verb in EDITING_VERBS:
        return _run_editing(args)
    if args.verb == "recording":
        return run_recording(args, _open_store)
    if args.verb == "import":
        meeting = read_meeting_file(args.file)  # validated whole before the store is touched
        with _open_store(args, write=True) as store:
            known = store.committee(meeting.committee.name)
            mid = ops.import_meeting(store, meeting, copy=args.copy).result
        if known is not None and known.minute_format != meeting.committee.minute_format:
            print(f"clerkdesk: note: {known.name} numbers its minutes as {known.minute_format} here; the file's "
                  f"{meeting.committee.minute_format} was not applied (clerkdesk minute-format changes it).",
                  file=sys.stderr)
        print(f"Imported {meeting.title}, {format_date(meeting.date)} ({_items(len(meeting.items))}).")
        print(mid)
    elif args.verb == "sample":
        with _open_store(args, write=True) as store:
            print(ops.import_meeting(store, sample_meeting()).result)
    elif args.verb == "backup":
        with _open_store(args) as store:
            print(store.backup(data_dir(args.data_dir), "manual"))
    elif args.verb == "restore":
        folder = DataFolder(data_dir(args.data_dir))
        folder.lock.acquire(wait=WRITE_WAIT, who="the clerkdesk command")
        try:
            aside = restore(folder.store_path, args.file)
        finally:
            folder.release()
        print(f"Restored {args.file}." + (f" The store it replaced is kept at {aside}." if aside else ""))
    elif args.verb == "list":
        with _open_store(args) as store:
            rows = store.list_meetings()
        for m in rows:
            print(f"{m.id:>5}  {m.date}  {m.status:<8}  {_items(m.items):>9}  {m.title}")
        if not rows:
            print("No meetings yet: clerkdesk import FILE, or clerkdesk sample.", file=sys.stderr)
    elif args.verb == "search":
        words = " ".join(args.words[1:] if args.words[:1] == ["--"] else args.words)
        if fts_query(words, prefix=False) is None:
            raise BadInput("Say what to search for, e.g. clerkdesk search fly -tipping.")
        with _open_store(args) as store:
            hits = store.search(words, prefix=False)
        for h in hits:
            where = f"item {h.item_number}: {h.item_title}" if h.item_id is not None else h.committee
            if h.exempt:
                where += " [Part 2, exempt: not for publication]"
            print(f"{h.meeting_id:>5}  {h.date}  {h.title} — {where}\n       {h.snippet}")
        if not hits:
            print("No meeting mentions that.", file=sys.stderr)
    elif args.verb == "export":
        return _export(args)
    elif args.verb == "quorum":
        return _quorum(args)
    return 0


def _quorum(args: argparse.Namespace) -> int:
    from .quorum import rule_of, timeline_lines

    with _open_store(args) as store:
        meeting = store.load_meeting(args.meeting)
    remote = "remote attendance counts" if meeting.committee.remote_counts else "remote attendance does not count"
    print(f"{meeting.committee.name}, {format_date(meeting.date)}: quorum "
          f"{rule_of(meeting.committee).describe()}; {remote}.")
    lines = timeline_lines(meeting)
    for line in lines:
        print(line)
    if not lines:
        print("The meeting has no times recorded yet (it has not started).", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    if args.fmt not in formats():
        raise BadInput(f"ClerkDesk cannot export to “{args.fmt}”; it can write {', '.join(formats())}.")
    if args.template and args.fmt not in ("docx", "pdf"):
        raise BadInput(f"--template is for Word and PDF exports; a {args.fmt} export has no template.")
    if args.template and not os.path.lexists(args.template):
        raise BadInput(f"There is no template at {args.template}.")
    with _open_store(args) as store:
        meeting = store.load_meeting(args.meeting)
    if args.out is None or args.out == "-":
        if args.fmt not in ("text", "json"):
            raise BadInput(f"A {args.fmt} export needs --out PATH.")
        result = render(meeting, args.fmt, args.confidential, args.template)
        sys.stdout.write(result.data.decode("utf-8"))
    else:
        result = export_meeting(meeting, args.fmt, args.out, args.confidential, args.template)
        print(result.path)
    for warning in result.warnings:
        print(f"clerkdesk: warning: {one_line(warning)}", file=sys.stderr)
    return 0


MEETING_FILE_SUFFIXES = (".clerkdesk", ".json")


def _search_words_first(argv: list[str]) -> list[str]:
    """``argv`` with ``--`` put after ``search`` when its first word starts with - (-tipping), so the
    parser takes it as a word to leave out rather than an unknown option."""
    i = 0
    while i < len(argv) and argv[i].startswith("--data-dir"):
        i += 1 if "=" in argv[i] else 2
    if i + 1 < len(argv) and argv[i] == "search" and argv[i + 1].startswith("-") and argv[i + 1] not in (
            "-h", "--help", "--"):
        return argv[:i + 1] + ["--"] + argv[i + 1:]
    # clerkdesk archive search [--url URL] -tipping fly: the same, after the archive's own option.
    if argv[i:i + 2] == ["archive", "search"]:
        j = i + 2
        while j < len(argv) and (argv[j] == "--url" or argv[j].startswith("--url=")):
            j += 1 if "=" in argv[j] else 2
        if j < len(argv) and argv[j].startswith("-") and argv[j] not in ("-h", "--help", "--"):
            return argv[:j] + ["--"] + argv[j:]
    return argv


def _meeting_file_argument(parser: argparse.ArgumentParser, argv: list[str]) -> int | None:
    """Where in ``argv`` the FILE of ``clerkdesk [--data-dir DIR] FILE`` stands, or None for a verb or option."""
    i = 0
    while i < len(argv) and argv[i].startswith("--data-dir"):
        i += 1 if "=" in argv[i] else 2
    if i >= len(argv) or argv[i].startswith("-"):
        return None
    verbs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if argv[i] in verbs.choices:
        return None
    path = Path(argv[i])
    # A missing .clerkdesk file is still meant as a file: read_meeting_file then says it is not there;
    # a pipe or device is meant as one too, and is refused as not a file.
    named = os.path.lexists(path) and not path.is_dir()
    return i if named or path.suffix.lower() in MEETING_FILE_SUFFIXES else None


# -- the team archive (clerkdesk/archive/cli.py) ------------------------------------------------


def _add_archive_verbs(verbs: argparse._SubParsersAction) -> None:
    from .archive.cli import add_archive_verbs
    add_archive_verbs(verbs, _meeting_id)


# -- planning: agenda import, new meetings, actions across meetings -------------------------------

PLANNING_VERBS = ("import-agenda", "new-meeting", "actions")


def _add_planning_verbs(verbs: argparse._SubParsersAction) -> None:
    p = verbs.add_parser("import-agenda", help="import a published agenda (.docx, .pdf or text); prints the meeting's id")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--meeting", metavar="ID", type=_meeting_id, help="add the items to this meeting (default: a new one)")
    p.add_argument("--committee", metavar="NAME", help="the committee (default: as the agenda's heading says)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the meeting's date (default: as the agenda says)")
    p.add_argument("--time", metavar="HH:MM", help="the start time (default: as the agenda says)")

    p = verbs.add_parser("new-meeting", help="a new meeting, starting from the committee's last one; prints its id")
    p.add_argument("--committee", metavar="NAME", required=True)
    p.add_argument("--date", metavar="YYYY-MM-DD", required=True)
    p.add_argument("--title", metavar="T", default="", help="default: the committee's name")
    p.add_argument("--time", metavar="HH:MM", help="the start time")
    p.add_argument("--venue", metavar="V", default="")
    p.add_argument("--from-archive", action="store_true",
                   help="also look for the committee's last meeting in the team archive (pulled first when newer)")
    p.add_argument("--url", metavar="URL", help="the team archive for --from-archive (default $CLERKDESK_ARCHIVE_URL)")

    p = verbs.add_parser("actions", help="list open actions across meetings")
    p.add_argument("--committee", metavar="NAME", help="only this committee's")


def _run_planning(args: argparse.Namespace) -> int:
    from . import planning
    from .agenda_import import read_agenda
    from .model import check_date, check_time

    if args.verb == "actions":
        with _open_store(args) as store:
            actions = planning.open_actions(store, args.committee)
        for a in actions:
            who = f"{a.owner} to " if a.owner else ""
            due = f" by {format_date(a.due)}" if a.due else ""
            minute = f", minute {a.minute_number}" if a.minute_number else ""
            print(f"{a.entry_id:>5}  {who}{a.text}{due}\n       {a.committee}, {format_date(a.meeting_date)}, "
                  f"item {a.item_number} {a.item_title}{minute}")
        if not actions:
            print("No open actions.", file=sys.stderr)
        return 0
    # Everything the clerk typed is checked before the store is opened for writing.
    check_date(args.date, "meeting date")
    check_time(args.time, "start time")
    if args.verb == "new-meeting":
        if not args.date:
            raise BadInput("Give the meeting's date with --date YYYY-MM-DD.")
        if not args.committee.strip():
            raise BadInput("Give the committee's name with --committee NAME.")
        if args.from_archive:
            from .archive import archive_url
            from .archive.client import Archive
            from .archive.sync import pull_last_meeting
            with Archive(archive_url(args.url)) as archive, _open_store(args, write=True) as store:
                pulled = pull_last_meeting(store, args.committee, args.date, archive)
                if pulled is not None:
                    print(f"Pulled the committee's last meeting from the team archive (meeting {pulled}).",
                          file=sys.stderr)
                print(ops.new_meeting(store, args.committee, args.title, args.date, args.time, args.venue).result)
            return 0
        with _open_store(args, write=True) as store:
            print(ops.new_meeting(store, args.committee, args.title, args.date, args.time, args.venue).result)
        return 0
    preview = read_agenda(args.file)
    for warning in preview.warnings:
        print(f"clerkdesk: warning: {one_line(warning)}", file=sys.stderr)
    if args.meeting is not None:
        with _open_store(args, write=True) as store:
            change = ops.apply_agenda(store, preview.items, meeting_id=args.meeting)
        added = sum(1 for c in change.items if c.how == "added")
        updated = sum(1 for c in change.items if c.how != "added")
        mid = change.result
        print(f"Added {_items(added).replace('item', 'agenda item')} from {Path(args.file).name}"
              + (f"; {_items(updated)} already there updated." if updated else "."))
    else:
        committee = (args.committee or preview.committee).strip()
        date = args.date or preview.date
        if not committee:
            raise BadInput("The agenda does not say which committee it is for; give it with --committee NAME.")
        if not date:
            raise BadInput("The agenda does not give the meeting's date; give it with --date YYYY-MM-DD.")
        with _open_store(args, write=True) as store:
            mid = ops.apply_agenda(store, preview.items, committee=committee, date=date,
                                   start=args.time or preview.start, venue=preview.venue).result
        print(f"Imported {_items(len(preview.items)).replace('item', 'agenda item')} from {Path(args.file).name}: "
              f"{committee}, {format_date(date)}.")
    print(mid)
    return 0


# -- changing a meeting: the same operations as the window ---------------------------------------

EDITING_VERBS = ("add", "status", "unlock", "done", "number", "minute-format", "chamber-settings", "quorum-rule",
                 "doctor")
KINDS = ("speech", "note", "point", "resolution", "action", "event")


def _add_editing_verbs(verbs: argparse._SubParsersAction) -> None:
    p = verbs.add_parser("add", help="add an entry under an item of a meeting; prints the entry's id",
                         description="Add an entry under an item, as typed in the window. Example: "
                                     "clerkdesk add 3 --item 5 --kind speech --speaker oneill asked about CCTV.")
    p.add_argument("meeting", metavar="ID", type=_meeting_id)
    p.add_argument("--item", metavar="NUMBER", required=True, help="the item's number as the agenda has it, e.g. 5 or 4(a)")
    p.add_argument("--kind", default="note", choices=KINDS, help="the kind of entry (default note)")
    p.add_argument("--speaker", metavar="PERSON", help="the id of the person speaking (or owning an action)")
    p.add_argument("text", nargs="+", metavar="TEXT")

    p = verbs.add_parser("status", help="mark a meeting's minutes draft, final or approved",
                         description="Example: clerkdesk status 3 approved (approved minutes are read-only).")
    p.add_argument("meeting", metavar="ID", type=_meeting_id)
    p.add_argument("status", metavar="STATUS", help="draft, final or approved")

    p = verbs.add_parser("unlock", help="unlock approved minutes, recording when and why",
                         description='Example: clerkdesk unlock 3 --reason "a name was misspelt".')
    p.add_argument("meeting", metavar="ID", type=_meeting_id)
    p.add_argument("--reason", default="", help="why they must change (kept with the meeting)")

    p = verbs.add_parser("done", help="mark an action done (its id is in clerkdesk actions)",
                         description="Example: clerkdesk done 412 --on 2026-10-02.")
    p.add_argument("entry", metavar="ACTION", type=_meeting_id)
    p.add_argument("--on", metavar="YYYY-MM-DD", help="the day it was done (default today)")
    p.add_argument("--undo", action="store_true", help="mark it not done again")

    p = verbs.add_parser("number", help="give minute numbers to a meeting's items that have none")
    p.add_argument("meeting", metavar="ID", type=_meeting_id)

    p = verbs.add_parser("minute-format", help="set how a committee numbers its minutes",
                         description="Example: clerkdesk minute-format \"Community Safety Committee\" \"CS/{n}/{yy}\". "
                                     "{n} is the number, {yy} or {yyyy} the year.")
    p.add_argument("committee", metavar="COMMITTEE")
    p.add_argument("format", metavar="FORMAT")

    p = verbs.add_parser("chamber-settings", help="show or set a committee's chamber-screen settings",
                         description="Example: clerkdesk chamber-settings \"Planning Committee\" --speaking-limit 3:00 "
                                     "--part2-titles hidden. Without options: show them.")
    p.add_argument("committee", metavar="COMMITTEE")
    p.add_argument("--speaking-limit", metavar="M:SS", help="speaking time before the timer turns red "
                   "(amber 30 s before): 3:00, or seconds (180), or none")
    p.add_argument("--part2-titles", choices=("hidden", "shown"),
                   help="whether the chamber screen shows a Part 2 item's title (hidden unless you say so)")

    p = verbs.add_parser("quorum-rule", help="set how many members make a committee's quorum",
                         description="Examples: clerkdesk quorum-rule \"Planning Committee\" 3; "
                                     "clerkdesk quorum-rule \"Planning Committee\" \"1/4 at least 3\"; "
                                     "\"default\" is one quarter of the voting members, at least 3. "
                                     "--remote yes counts members attending remotely.")
    p.add_argument("committee", metavar="COMMITTEE")
    p.add_argument("rule", metavar="RULE", nargs="?", help="a number, or a fraction with “at least N”, or default")
    p.add_argument("--remote", choices=("yes", "no"), help="whether remote attendance counts towards the quorum")

    p = verbs.add_parser("doctor", help="check the store, or repair its search index",
                         description="Without options: check the store. --reindex: rebuild the search index "
                                     "from the meetings (when search misses what is there).")
    p.add_argument("--reindex", action="store_true", help="rebuild the search index")


def _run_editing(args: argparse.Namespace) -> int:
    if args.verb == "doctor":
        if not args.reindex:
            with _open_store(args) as store:
                n = len(store.list_meetings())
            print(f"The store is whole: {n} meeting{'s' if n != 1 else ''}.")
            return 0
        with _open_store(args, write=True) as store:
            rows = store.rebuild_search()
        print(f"Rebuilt the search index ({rows} rows).")
        return 0
    if args.verb == "minute-format":
        with _open_store(args, write=True) as store:
            ops.set_minute_format(store, args.committee, args.format)
        print(f"{args.committee.strip()} numbers its minutes as {args.format}.")
        return 0
    if args.verb == "chamber-settings":
        return _chamber_settings(args)
    if args.verb == "quorum-rule":
        if args.rule is None and args.remote is None:
            raise BadInput("Give the rule (e.g. 3, or \"1/4 at least 3\") or --remote yes/no.")
        from .quorum import rule_of
        with _open_store(args, write=True) as store:
            name = ops.set_quorum(store, args.committee, args.rule,
                                  None if args.remote is None else args.remote == "yes").result
            committee = store.committee(name)
        remote = "counts" if committee.remote_counts else "does not count"
        print(f"{name}: quorum {rule_of(committee).describe()}; remote attendance {remote}.")
        return 0
    if args.verb == "done":
        with _open_store(args, write=True) as store:
            ops.mark_action_done(store, args.entry, done=not args.undo, on=args.on)
        print("Marked not done." if args.undo else "Marked done.")
        return 0
    with _open_store(args, write=True) as store:
        if args.verb == "add":
            meeting = store.load_meeting(args.meeting)
            item = next((i for i in meeting.items if i.number == args.item.strip()), None)
            if item is None:
                raise BadInput(f"Meeting {args.meeting} has no item numbered “{args.item}”.")
            from .live import typed_entry
            entry = typed_entry(args.kind, " ".join(args.text), args.speaker, item)
            print(ops.add_entry(store, item.id, entry).result)
        elif args.verb == "status":
            ops.set_status(store, args.meeting, args.status.strip().lower())
            print(f"Meeting {args.meeting} is {args.status.strip().lower()}.")
        elif args.verb == "unlock":
            ops.unlock(store, args.meeting, args.reason)
            print(f"Meeting {args.meeting} is unlocked (final); the unlock is recorded.")
        elif args.verb == "number":
            count = ops.number_minutes(store, args.meeting).result
            print(f"Numbered {_items(count)}.")
    return 0


def _chamber_settings(args: argparse.Namespace) -> int:
    from .chamber import format_limit, parse_limit

    change = args.speaking_limit is not None or args.part2_titles is not None
    limit = parse_limit(args.speaking_limit) if args.speaking_limit is not None else None
    with _open_store(args, write=change) as store:
        committee = store.committee(args.committee)
        if committee is None:
            raise BadInput(f"There is no committee “{args.committee.strip()}” in this data folder.")
        if change:
            committee = ops.set_committee_settings(
                store, committee.name, limit if args.speaking_limit is not None else committee.speaking_limit,
                args.part2_titles == "shown" if args.part2_titles is not None else committee.exempt_titles_public
            ).result
    titles = "shown" if committee.exempt_titles_public else "hidden"
    print(f"{committee.name}: speaking limit {format_limit(committee.speaking_limit)}; Part 2 titles {titles} "
          "on the chamber screen.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
