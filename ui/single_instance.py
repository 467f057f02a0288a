"""One window per data folder: a second start hands its request to the first window and exits.

The first window listens on a local socket (``QLocalServer``) named after its data folder; a
second ``clerkdesk`` on the same folder connects, asks the first window to come forward (and
to open the meeting file it was given, if any) and exits, saying so. The data folder's writer
lock (``clerkdesk.lock``) stays the real guard; this only makes the refusal friendly and puts
the clerk back in the window they already have.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ALREADY_OPEN = "ClerkDesk is already open on this data folder; it has been brought forward."
CONNECT_MS = 1000
REPLY_MS = 3000


def server_name(data_dir: str | Path) -> str:
    """The local socket's name for a data folder: the same for every start of this user on this folder."""
    who = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    digest = hashlib.sha256(f"{who}:{Path(data_dir).resolve()}".encode("utf-8")).hexdigest()[:20]
    return f"clerkdesk-{digest}"


def hand_over(data_dir: str | Path, open_file: Path | None = None) -> bool:
    """Ask a window already open on ``data_dir`` to come forward (and open ``open_file``); True if there is one."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(CONNECT_MS):
        return False  # nobody listening (or a socket left by a killed window)
    request = {"request": "raise", "file": str(Path(open_file).resolve()) if open_file else None}
    socket.write((json.dumps(request) + "\n").encode("utf-8"))
    socket.waitForBytesWritten(REPLY_MS)
    socket.waitForReadyRead(REPLY_MS)  # the answer; a busy window still has the request
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later starts on the same data folder and passes on what they ask."""

    raise_requested = Signal()
    file_handed = Signal(object)  # Path of a meeting file to open

    def __init__(self, data_dir: str | Path, parent: QObject | None = None):
        super().__init__(parent)
        self.name = server_name(data_dir)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)  # this user only
        self._server.newConnection.connect(self._on_server_new_connection)

    def listen(self) -> bool:
        """Start listening; a socket left behind by a killed window is cleared first. False if it cannot."""
        if self._server.listen(self.name):
            return True
        if self._server.serverError() == QLocalSocket.LocalSocketError.AddressInUseError:
            QLocalServer.removeServer(self.name)  # hand_over could not connect to it, so nobody is there
            return self._server.listen(self.name)
        return False

    def close(self) -> None:
        """Stop listening."""
        self._server.close()

    def _on_server_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._on_socket_ready_read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_socket_ready_read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        try:
            request = json.loads(bytes(socket.readLine()).decode("utf-8"))
        except ValueError:
            request = {}
        socket.write(b"ok\n")
        socket.flush()
        socket.disconnectFromServer()
        if not isinstance(request, dict) or request.get("request") != "raise":
            return
        self.raise_requested.emit()
        if isinstance(request.get("file"), str):
            self.file_handed.emit(Path(request["file"]))
