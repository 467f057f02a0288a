"""The ``clerkdesk`` program: the window, or — given a verb — the core's command line.

``clerkdesk`` opens the window on the data folder; ``clerkdesk FILE`` opens it on a meeting
file (handed to the window already open on that folder, if there is one). Any verb, ``--help``
or ``--version`` goes to ``clerkdesk.cli``, which never imports Qt.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

from clerkdesk import cli
from clerkdesk.display import display_problem
from clerkdesk.errors import ClerkDeskError
from clerkdesk.meeting_file import read_meeting_file
from clerkdesk.paths import data_dir


def main(argv: list[str] | None = None) -> int:
    """Open the window, or run a verb; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    request = cli.window_request(argv)
    if request is None:
        return cli.main(argv)
    folder, open_file = request
    try:
        return open_window(folder, open_file)
    except ClerkDeskError as e:
        print(f"clerkdesk: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def open_window(folder: str | None, open_file: Path | None) -> int:
    """Start the window on the data folder (and the meeting file), after the checks that need no Qt."""
    problem = display_problem()
    if problem:
        print(f"clerkdesk: {problem}, so the window cannot open; the command-line verbs work "
              "without one (clerkdesk --help lists them).", file=sys.stderr)
        return 2
    # A bad meeting file gets the usual one line and exit 2 before any window appears.
    if open_file is not None:
        read_meeting_file(open_file)
    try:
        from clerkdesk.ui.app import run_app
    except ImportError as e:
        print(f"clerkdesk: the window cannot start here ({e}); the command-line verbs still work "
              "(clerkdesk --help lists them).", file=sys.stderr)
        return 2
    # The window imports the file and shows it, or hands it to the window already open on this folder.
    return run_app(data_dir(folder), open_file=open_file)


def entry_point() -> NoReturn:
    """The console script."""
    sys.exit(main())
