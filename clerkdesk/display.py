"""Whether a window can open here: a display named and answering (Linux), checked before Qt starts.

Qt aborts the whole process (SIGABRT, with a hint about xcb-cursor) when DISPLAY names an X
server that is not there, as a stale DISPLAY in an SSH or tmux session does; so the X server is
asked first, with a plain socket, and the clerk gets one sentence instead.
"""

from __future__ import annotations

import os
import re
import socket
import sys

_X_DISPLAY = re.compile(r"^(?P<host>[^:]*):(?P<number>\d+)(?:\.\d+)?$")
TIMEOUT = 1.0  # seconds; a display that takes longer to answer would not draw a usable window


def _x_server_answers(display: str) -> bool:
    """Whether something listens where the X display ``display`` (":0", "localhost:10.0") lives."""
    m = _X_DISPLAY.match(display)
    if m is None:
        return os.path.exists(display)  # launchd-style path to a socket (XQuartz)
    host, number = m.group("host"), int(m.group("number"))
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        for address in ("\0" + path, path):  # abstract socket first (Linux), then the file
            try:
                with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                    s.settimeout(TIMEOUT)
                    s.connect(address)
                    return True
            except OSError:
                continue
        if host == "unix":
            return False
        host = "localhost"
    try:
        socket.create_connection((host, 6000 + number), timeout=TIMEOUT).close()
        return True
    except OSError:
        return False


def display_problem() -> str | None:
    """Why no window can open here, in words for the clerk, or None when one can (or we cannot tell)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("WAYLAND_DISPLAY"):
        return None
    display = os.environ.get("DISPLAY", "")
    if not display:
        return "there is no display here"
    if not _x_server_answers(display):
        return f"there is no display here (DISPLAY={display} does not answer)"
    return None
