"""The command line's ``recording`` verbs: attach a recording made elsewhere, list, delete, and set
a committee's recording policy. The same operations the window's Meeting menu uses."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from . import ops
from .bookmarks import bookmark
from .errors import BadInput
from .store import Store

RECORDING_EPILOG = """\
Examples:
  clerkdesk recording attach 3 dictaphone.mp3 --start 18:29:40
  clerkdesk recording list 3             its recordings, and where each entry is in them
  clerkdesk recording delete 3           delete meeting 3's recordings now
  clerkdesk recording policy "Community Safety Committee" --keep-days 30

Recordings stay in the data folder: never in meeting files, exports or backups."""


def add_recording_verbs(verbs: argparse._SubParsersAction, meeting_id: Callable[[str], int]) -> None:
    """Add ``clerkdesk recording …`` to the command line."""
    p = verbs.add_parser("recording", help="attach, list or delete a meeting's recordings",
                         epilog=RECORDING_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    what = p.add_subparsers(dest="recording_verb", metavar="ACTION", parser_class=type(p))
    what.required = True
    a = what.add_parser("attach", help="attach an audio file (WAV, MP3, M4A, OGG, AAC) to a meeting")
    a.add_argument("meeting", metavar="ID", type=meeting_id)
    a.add_argument("file", metavar="FILE")
    a.add_argument("--start", metavar="HH:MM[:SS]", required=True,
                   help="the clock time of the recording's first second, so the entries line up")
    a = what.add_parser("list", help="a meeting's recordings, and where each entry is in them")
    a.add_argument("meeting", metavar="ID", type=meeting_id)
    a = what.add_parser("delete", help="delete a meeting's recordings now")
    a.add_argument("meeting", metavar="ID", type=meeting_id)
    a = what.add_parser("policy", help="how long a committee keeps recordings after its minutes are approved")
    a.add_argument("committee", metavar="COMMITTEE")
    a.add_argument("--keep-days", metavar="N", type=int, help="delete recordings N days after approval "
                   "(left out: keep until deleted by hand)")
    a.add_argument("--pause-exempt", action="store_true", help="pause recording while an exempt (Part 2) item is current")


def _clock(ms: int) -> str:
    s = ms // 1000
    return f"{s // 3600}:{s // 60 % 60:02}:{s % 60:02}"


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def run_recording(args: argparse.Namespace, open_store: Callable[..., Store]) -> int:
    """Run one ``recording`` verb; returns the exit status."""
    verb = args.recording_verb
    if verb == "list":
        with open_store(args) as store:
            meeting = store.load_meeting(args.meeting)
            recordings = store.recordings(args.meeting)
        if not recordings:
            print(f"Meeting {args.meeting} has no recording.")
            return 0
        for r in recordings:
            length = _clock(r.duration_ms) if r.duration_ms is not None else "length not known yet"
            print(f"recording {r.id}  {r.started}  {length}  {r.format}  {_megabytes(r.size)}  {r.source}")
        for item in meeting.items:
            for e in item.entries:
                b = bookmark(recordings, e.typed_at, lead_s=0)
                if b is not None:
                    print(f"  entry {e.id} (item {item.number}) at {_clock(b.position_ms)} of recording {b.recording_id}")
        return 0
    with open_store(args, write=True) as store:
        if verb == "attach":
            rid = ops.attach_recording(store, args.meeting, args.file, args.start).result
            r = store.recording(rid)
            print(f"Attached {args.file} to meeting {args.meeting} as recording {rid} ({_megabytes(r.size)}).")
        elif verb == "delete":
            if not store.recordings(args.meeting):
                store.load_meeting(args.meeting)  # says so when there is no such meeting
                raise BadInput(f"Meeting {args.meeting} has no recording to delete.")
            freed = ops.delete_recordings(store, args.meeting).result
            print(f"Deleted meeting {args.meeting}'s recordings ({_megabytes(freed)}).")
        elif verb == "policy":
            ops.set_recording_policy(store, args.committee.strip(), args.keep_days, args.pause_exempt)
            keep = f"for {args.keep_days} days after approval" if args.keep_days is not None else "until deleted"
            print(f"{args.committee.strip()} keeps recordings {keep}"
                  + ("; recording pauses for exempt items." if args.pause_exempt else "."))
    return 0
