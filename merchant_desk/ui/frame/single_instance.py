"""One Merchant Desk per user and data folder: the first launch listens on a local socket, later launches hand
their request to it and exit.

Two windows on one ledger would each think they own the outbox, so a second launch must never open one. The
socket name is derived from the user and ``MERCHANT_DESK_HOME``: a portable or test home is an instance of
its own. The protocol is one JSON object per line: the launch sends ``{"kind": "activate"}`` or ``{"kind":
"charge", "charge": {...}}``; the instance answers ``{"ok": true}`` (or ``{"ok": false, "error": "..."}``)
(with the instance's process id) and, for a charge with ``wait``, later one more line with the outcome.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

MAX_MESSAGE = 64 * 1024  # a request is a few hundred bytes; anything longer is not one of ours


def _private_folder(environ: Mapping[str, str]) -> Path:
    """A folder only this user can enter: XDG_RUNTIME_DIR, else a 0700 folder of our own in the temp dir."""
    runtime = environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        return Path(runtime)
    folder = Path(tempfile.gettempdir()) / f"merchant-desk-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    info = folder.stat()
    if info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise OSError(f"{folder} is not private to this user")
    return folder


def instance_name(environ: Mapping[str, str] | None = None) -> str:
    """The server name for this user and data folder: on Unix the path of a socket in a private folder."""
    environ = os.environ if environ is None else environ
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    home = environ.get("MERCHANT_DESK_HOME", "")
    if home:
        home = str(Path(home).expanduser().resolve())
    name = "merchant-desk-" + hashlib.sha256(f"{user}\0{home}".encode()).hexdigest()[:16]
    if os.name != "posix":
        return name
    try:
        return str(_private_folder(environ) / name)
    except OSError as exc:
        # Qt's own place in the temp folder; the socket file's mode (umask) keeps other users out.
        log.warning("No private folder for the instance socket (%s); using %s", exc, name)
        return name


# ---- the launching side (blocking; runs before any Qt application exists) -----------------------------
class HandOverError(Exception):
    """The running instance refused the request or went away; ``str()`` is the one line to show."""


def connect(name: str, timeout_ms: int = 1000) -> QLocalSocket | None:
    """A socket connected to the running instance, or None when none is listening."""
    sock = QLocalSocket()
    sock.connectToServer(name)
    if sock.waitForConnected(timeout_ms):
        return sock
    sock.abort()
    return None


def _send_line(sock: QLocalSocket, message: Mapping[str, Any]) -> None:
    sock.write((json.dumps(message) + "\n").encode())
    while sock.bytesToWrite() > 0:
        if not sock.waitForBytesWritten(5000):
            raise HandOverError(f"the running Merchant Desk did not take the request ({sock.errorString()})")


def read_line(sock: QLocalSocket, timeout_ms: int) -> dict[str, Any]:
    """The next JSON line from the instance; ``timeout_ms`` < 0 waits as long as it takes."""
    # QIODevice buffers what arrived: readLine takes exactly one line and leaves the next one for later.
    while not sock.canReadLine():
        if sock.bytesAvailable() > MAX_MESSAGE:
            raise HandOverError("the running Merchant Desk sent an answer that is too long")
        if not sock.waitForReadyRead(timeout_ms):
            if sock.state() != QLocalSocket.LocalSocketState.ConnectedState:
                raise HandOverError("the running Merchant Desk closed the connection before answering")
            raise HandOverError("the running Merchant Desk did not answer")
    line = bytes(sock.readLine().data())
    try:
        message = json.loads(line)
    except ValueError:
        raise HandOverError("the running Merchant Desk sent an answer that cannot be read") from None
    if not isinstance(message, dict):
        raise HandOverError("the running Merchant Desk sent an answer that cannot be read")
    return message


def hand_over(sock: QLocalSocket, message: Mapping[str, Any], *, wait: bool) -> dict[str, Any] | None:
    """Send ``message`` to the instance behind ``sock``; with ``wait``, return the outcome it reports later."""
    try:
        _send_line(sock, message)
        answer = read_line(sock, 10_000)
        if not answer.get("ok"):
            raise HandOverError(str(answer.get("error") or "the running Merchant Desk refused the request"))
        return read_line(sock, -1) if wait else None
    finally:
        sock.disconnectFromServer()


# ---- the running instance ----------------------------------------------------------------------------
class ChargeReply:
    """Where the outcome of one handed-over charge goes: the launching program's open connection. The launcher
    may be gone by then (killed, or its caller gave up): the outcome is then dropped."""

    def __init__(self, sock: QLocalSocket) -> None:
        self._sock: QLocalSocket | None = sock
        sock.disconnected.connect(self._on_disconnected)

    def _on_disconnected(self) -> None:
        self._sock = None  # the server deletes the socket once it is disconnected

    @property
    def open(self) -> bool:
        return self._sock is not None

    def finish(self, outcome: Mapping[str, Any]) -> None:
        sock, self._sock = self._sock, None
        if sock is None:
            return
        try:
            sock.write((json.dumps(dict(outcome)) + "\n").encode())
            sock.flush()
            sock.disconnectFromServer()
        except RuntimeError:  # deleted under us: the launcher went away at this very moment
            log.info("The launcher that asked for order %r is gone", outcome.get("order"))


class SingleInstanceServer(QObject):
    """Listens for later launches. ``activateRequested()`` asks for the window to come to the front;
    ``chargeRequested(ChargeRequest, ChargeReply | None)`` carries a validated charge (a reply only when the
    launcher waits for the outcome)."""

    activateRequested = Signal()
    chargeRequested = Signal(object, object)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or instance_name()
        self._server = QLocalServer(self)
        # Only this user may connect: a charge request must not come from another account on the machine.
        # On Unix the socket's private folder sees to that; the access option is not used there because
        # with it Qt replaces a socket that is already listening instead of failing.
        if os.name != "posix":
            self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._buffers: dict[QLocalSocket, bytes] = {}
        self._serving = False

    def listen(self) -> bool:
        """Claim the name; False when another instance already holds it (this launch should hand over)."""
        if self._server.listen(self.name):
            return True
        probe = connect(self.name, 500)
        if probe is not None:
            probe.abort()
            return False
        # A socket file left behind by an instance that crashed: nobody answers on it.
        QLocalServer.removeServer(self.name)
        if self._server.listen(self.name):
            return True
        log.warning("Cannot listen on %s: %s; running without the single-instance guard",
                    self.name, self._server.errorString())
        return True

    def serve(self) -> None:
        """Start answering: connections made since ``listen`` wait in the queue until then, so none is lost
        while the receivers of the signals are not connected yet."""
        if not self._serving:
            self._serving = True
            self._server.newConnection.connect(self._on_new_connection)
            self._on_new_connection()

    def close(self) -> None:
        self._server.close()

    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._on_ready_read(s))
            sock.disconnected.connect(lambda s=sock: self._forget(s))

    def _forget(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()

    def _on_ready_read(self, sock: QLocalSocket) -> None:
        if sock not in self._buffers:
            sock.readAll()
            return
        buffer = self._buffers[sock] + bytes(sock.readAll().data())
        if b"\n" not in buffer:
            if len(buffer) > MAX_MESSAGE:
                self._answer(sock, {"ok": False, "error": "the request is too long"}, close=True)
            else:
                self._buffers[sock] = buffer
            return
        del self._buffers[sock]  # one request per connection
        self._dispatch(sock, buffer.split(b"\n", 1)[0])

    def _answer(self, sock: QLocalSocket, message: Mapping[str, Any], *, close: bool) -> None:
        self._buffers.pop(sock, None)
        sock.write((json.dumps(dict(message)) + "\n").encode())
        sock.flush()
        if close:
            sock.disconnectFromServer()

    def _dispatch(self, sock: QLocalSocket, line: bytes) -> None:
        try:
            message = json.loads(line)
        except ValueError:
            message = None
        kind = message.get("kind") if isinstance(message, dict) else None
        if kind == "activate":
            self._answer(sock, {"ok": True, "pid": os.getpid()}, close=True)
            self.activateRequested.emit()
            return
        if kind == "charge":
            from merchant_desk.charge_request import ChargeRequest, ChargeRequestError

            try:
                request = ChargeRequest.from_message(message.get("charge"))
            except ChargeRequestError as exc:
                self._answer(sock, {"ok": False, "error": str(exc)}, close=True)
                return
            self._answer(sock, {"ok": True, "pid": os.getpid()}, close=not request.wait)
            log.info("Charge request for order %r handed over by another launch", request.order_id)
            self.chargeRequested.emit(request, ChargeReply(sock) if request.wait else None)
            return
        self._answer(sock, {"ok": False, "error": "unknown request"}, close=True)
