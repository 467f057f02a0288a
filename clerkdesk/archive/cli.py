"""``clerkdesk archive setup|publish|list|search|pull``: the team archive from the command line.

Every verb takes ``--url`` (else $CLERKDESK_ARCHIVE_URL). An unreachable archive, a refused user
or a version conflict is one line on stderr and exit 2, with nothing changed here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from .connect import ENV_URL, archive_url, where

ARCHIVE_EPILOG = f"""\
Examples:
  clerkdesk archive setup --url postgresql://owner@db.council.local/clerkdesk   (council IT, once)
  clerkdesk archive publish 3            send meeting 3; prints its uid
  clerkdesk archive list --committee "Community Safety Committee"
  clerkdesk archive search fly tipping   items minuted with those words, in every committee
  clerkdesk archive pull 5f2c9e          copy an archived meeting here; prints its local id

The archive is --url, else ${ENV_URL}. The password is read from the OS keyring (saved by the
window's settings), else from the URL, ~/.pgpass or PGPASSWORD. docs/team-archive.md says more."""


def add_archive_verbs(verbs: argparse._SubParsersAction, meeting_id: Callable[[str], int]) -> None:
    """Add ``archive`` and its sub-verbs to the command line's parser."""
    p = verbs.add_parser("archive", help="the team archive on PostgreSQL: setup, publish, list, search, pull",
                         description="Share meetings with the rest of the team through one archive on PostgreSQL.",
                         epilog=ARCHIVE_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    url = argparse.ArgumentParser(add_help=False)
    url.add_argument("--url", metavar="URL", help=f"postgresql://USER@HOST/DATABASE (default ${ENV_URL})")
    sub = p.add_subparsers(dest="archive_verb", metavar="ACTION", parser_class=type(p), required=True)
    sub.add_parser("setup", parents=[url], help="create or upgrade the archive's tables and roles (council IT)")
    q = sub.add_parser("publish", parents=[url], help="send a meeting to the archive; prints its uid")
    q.add_argument("meeting", metavar="ID", type=meeting_id)
    q.add_argument("--force", action="store_true",
                   help="replace the archive's version even if it changed since this machine last saw it "
                        "(the archive keeps the old one)")
    q = sub.add_parser("list", parents=[url], help="list archived meetings, newest first")
    q.add_argument("--committee", metavar="NAME", help="only this committee's")
    q = sub.add_parser("search", parents=[url], help="find archived items by words minuted in them")
    q.add_argument("words", nargs="+", metavar="WORDS",
                   help="words that must all appear; \"a phrase\"; OR; -word to leave out")
    q = sub.add_parser("pull", parents=[url], help="copy an archived meeting into this data folder; prints its id")
    q.add_argument("uid", metavar="UID", help="the meeting's uid, or its first characters")
    q.add_argument("--force", action="store_true", help="replace this machine's copy even if it has changes")


def run_archive(args: argparse.Namespace, open_store: Callable[..., Any]) -> int:
    """Run an ``archive`` sub-verb; ``open_store(args, write=...)`` opens the local store as the CLI does."""
    url = archive_url(args.url)
    verb = args.archive_verb
    if verb == "setup":
        from . import schema
        from .connect import connect

        conn = connect(url)
        try:
            done = schema.setup(conn)
        finally:
            conn.close()
        how = ("created" if done.before == 0 else "already up to date" if done.before == done.after
               else f"upgraded from version {done.before}")
        print(f"The team archive at {where(url)} is at schema version {done.after} ({how}); "
              f"the roles {schema.CLERK} and {schema.READER} are ready.")
        return 0

    from .client import Archive, when
    from .sync import publish_meeting, pull_meeting

    if verb == "publish":
        with open_store(args, write=True) as store:
            store.load_meeting(args.meeting)  # an unknown id is refused before the archive is touched
            with Archive(url) as archive:
                done = publish_meeting(store, args.meeting, archive, force=args.force)
        if done.unchanged:
            print(f"The archive already has this meeting as it is here (version {done.version}).")
        else:
            print(f"Published meeting {args.meeting} as version {done.version}.")
        print(done.uid)
    elif verb == "pull":
        with Archive(url) as archive, open_store(args, write=True) as store:
            mid, fetched = pull_meeting(store, args.uid, archive, force=args.force)
        m = fetched.meeting
        print(f"Pulled {m.title}, {m.date} (version {fetched.version}, published by {fetched.published_by} "
              f"on {when(fetched.published_at)}).")
        print(mid)
    elif verb == "list":
        with Archive(url) as archive:
            rows = archive.list(args.committee)
        for r in rows:
            print(f"{r.uid}  {r.date}  {r.status:<8}  v{r.version:<3} {r.committee} — {r.title}  "
                  f"({r.published_by}, {when(r.published_at)})")
        if not rows:
            print("The team archive has no meetings" + (f" of {args.committee}." if args.committee else " yet."),
                  file=sys.stderr)
    elif verb == "search":
        words = " ".join(args.words).strip()
        with Archive(url) as archive:
            hits = archive.search(words)
        for h in hits:
            item = f"item {h.item_number} {h.item_title}".replace("item  ", "item ") if h.item_title else h.title
            print(f"{h.uid}, {h.committee}, {h.date}, {item}: {' '.join(h.snippet.split())}")
        if not hits:
            print("No archived meeting mentions that.", file=sys.stderr)
    return 0
