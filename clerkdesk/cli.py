"""The ``clerkdesk`` command: the window, or the same core without one (PRODUCT section 6).

Bad input gets one line on stderr and exit status 2, and changes nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from .errors import BadInput, ClerkDeskError
from .export import export_meeting, formats, render
from .meeting_file import read_meeting_file
from .paths import ENV_VAR, data_dir
from .sample import sample_meeting
from .backup import make_backup, restore
from .datafolder import DataFolder
from .store import Store
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
  clerkdesk backup                       back up the store now
  clerkdesk restore FILE                 put a backup back (the current store is kept aside)

The data folder is --data-dir, else ${ENV_VAR}, else your user data folder. While the
window is open, list, search, export and backup still work; the other commands wait a
few seconds for it, then say so.
Exit status: 0 done, 2 bad input (nothing was changed), 1 an unexpected fault."""


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

    verbs.add_parser("list", help="list meetings, newest first")

    p = verbs.add_parser("search", help="find meetings by words minuted in them")
    p.add_argument("words", nargs="+", metavar="WORDS")

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

    verbs.add_parser("sample", help="add the sample meeting and print its id")

    verbs.add_parser("backup", help="back up the store now and print the backup's path")
    p = verbs.add_parser("restore", help="put a backup in place of the store (the current one is kept aside)")
    p.add_argument("file", metavar="FILE")
    _add_planning_verbs(verbs)
    return parser


def _meeting_id(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"“{text}” is not a meeting id; clerkdesk list shows them")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser()
    at = _meeting_file_argument(parser, argv)
    args = parser.parse_args(argv if at is None else argv[:at] + argv[at + 1:])
    args.open_file = None if at is None else Path(argv[at])
    try:
        _check_text_options(args)
        if args.verb is None:
            return _open_window(args)
        return _run(args)
    except ClerkDeskError as e:
        print(f"clerkdesk: {one_line(str(e))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


# Options that become text in the store; file paths are left alone (any bytes may name a file).
_TEXT_OPTIONS = ("committee", "title", "venue", "words", "date", "time")


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


def _run(args: argparse.Namespace) -> int:
    if args.verb in PLANNING_VERBS:
        return _run_planning(args)
    if args.verb == "import":
        meeting = read_meeting_file(args.file)  # validated whole before the store is touched
        with _open_store(args, write=True) as store:
            mid = store.import_meeting(meeting)
        print(f"Imported {meeting.title}, {format_date(meeting.date)} ({len(meeting.items)} items).")
        print(mid)
    elif args.verb == "sample":
        with _open_store(args, write=True) as store:
            print(store.import_meeting(sample_meeting()))
    elif args.verb == "backup":
        with _open_store(args) as store:
            print(make_backup(store.db.conn, data_dir(args.data_dir), "manual"))
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
            print(f"{m.id:>5}  {m.date}  {m.status:<8}  {m.items:>3} items  {m.title}")
        if not rows:
            print("No meetings yet: clerkdesk import FILE, or clerkdesk sample.", file=sys.stderr)
    elif args.verb == "search":
        with _open_store(args) as store:
            hits = store.search(" ".join(args.words), prefix=False)
        for h in hits:
            where = f"item {h.item_number}: {h.item_title}" if h.item_id is not None else h.committee
            if h.exempt:
                where += " [Part 2, exempt: not for publication]"
            print(f"{h.meeting_id:>5}  {h.date}  {h.title} — {where}\n       {h.snippet}")
        if not hits:
            print("No meeting mentions that.", file=sys.stderr)
    elif args.verb == "export":
        return _export(args)
    return 0


def _export(args: argparse.Namespace) -> int:
    if args.fmt not in formats():
        raise BadInput(f"ClerkDesk cannot export to “{args.fmt}”; it can write {', '.join(formats())}.")
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


def _open_window(args: argparse.Namespace) -> int:
    if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")):
        print("clerkdesk: there is no display here, so the window cannot open; the command-line verbs work "
              "without one (clerkdesk --help lists them).", file=sys.stderr)
        return 2
    # A bad meeting file gets the usual one line and exit 2 before any window appears.
    if args.open_file is not None:
        read_meeting_file(args.open_file)
    try:
        from clerkdesk.ui.app import run_app
    except ImportError as e:
        print(f"clerkdesk: the window cannot start here ({e}); the command-line verbs still work "
              "(clerkdesk --help lists them).", file=sys.stderr)
        return 2
    # The window imports the file and shows it, or hands it to the window already open on this folder.
    return run_app(data_dir(args.data_dir), open_file=args.open_file)


MEETING_FILE_SUFFIXES = (".clerkdesk", ".json")


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


def entry_point() -> NoReturn:
    """The console script."""
    sys.exit(main())



# -- planning (issue 6): agenda import, new meetings, actions across meetings -------------------

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

    p = verbs.add_parser("actions", help="list open actions across meetings")
    p.add_argument("--committee", metavar="NAME", help="only this committee's")


def _run_planning(args: argparse.Namespace) -> int:
    from . import planning
    from .agenda_import import apply_agenda, read_agenda
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
        with _open_store(args, write=True) as store:
            print(planning.new_meeting(store, args.committee, args.title, args.date, args.time, args.venue))
        return 0
    preview = read_agenda(args.file)
    for warning in preview.warnings:
        print(f"clerkdesk: warning: {one_line(warning)}", file=sys.stderr)
    if args.meeting is not None:
        with _open_store(args, write=True) as store:
            mid = apply_agenda(store, preview.items, meeting_id=args.meeting)
        print(f"Added {len(preview.items)} agenda items from {Path(args.file).name}.")
    else:
        committee = (args.committee or preview.committee).strip()
        date = args.date or preview.date
        if not committee:
            raise BadInput("The agenda does not say which committee it is for; give it with --committee NAME.")
        if not date:
            raise BadInput("The agenda does not give the meeting's date; give it with --date YYYY-MM-DD.")
        with _open_store(args, write=True) as store:
            mid = apply_agenda(store, preview.items, committee=committee, date=date, start=args.time or preview.start,
                               venue=preview.venue)
        print(f"Imported {len(preview.items)} agenda items from {Path(args.file).name}: {committee}, "
              f"{format_date(date)}.")
    print(mid)
    return 0


if __name__ == "__main__":
    entry_point()
