"""A local webhook receiver for trying webhooks out: it listens on 127.0.0.1, checks each delivery's
``Wooshpay-Signature`` against the signing secrets it has been given, and hands every delivery —
verified or not, with the reason — to its listeners.

It is a plain ``asyncio.start_server`` on the running loop (in the app, the qasync loop), so listeners are
called on that loop's thread and may touch widgets directly. HTTP/1.1 parsing is h11's (Content-Length and
chunked bodies, keep-alive, pipelined requests, malformed input); the inspector only drives it from the
asyncio streams. Every POST is answered ``200`` whatever the signature says — telling the sender "wrong
signature" would only make it retry the same bytes.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any

import h11

from merchant_desk.wooshpay.webhooks import (
    DEFAULT_TOLERANCE,
    SignatureVerificationError,
    verify,
)

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "wooshpay-signature"
MAX_BODY_BYTES = 1024 * 1024
MAX_HEADER_BYTES = 32 * 1024
HISTORY = 500
# The history is capped in bytes as well as entries: each delivery counts its body plus an estimate of
# its parsed JSON (a 1 MB body of "{}"s parses into a few hundred thousand dicts, ~60 MB).
HISTORY_BYTES = 64 * 1024 * 1024
# Bodies with more JSON containers than this are kept as bytes only (real events have a few hundred).
MAX_PARSED_CONTAINERS = 20_000
PARSED_BYTES_PER_CONTAINER = 160  # a small dict or list and its entry in its parent, roughly
READ_TIMEOUT = 10.0  # for one request to arrive, and for an idle keep-alive connection
READ_CHUNK = 64 * 1024

Listener = Callable[["ReceivedWebhook"], None]


@dataclass(frozen=True)
class ReceivedWebhook:
    """One delivery as it arrived. ``event`` is the parsed JSON body (None when it is not JSON)."""

    received_at: datetime
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    verified: bool
    reason: str | None  # why it is not verified; None when verified
    secret_label: str | None  # the label of the secret that matched
    event: dict[str, Any] | None = field(default=None)

    @property
    def signature(self) -> str | None:
        return self.headers.get(SIGNATURE_HEADER)

    @property
    def event_type(self) -> str | None:
        value = (self.event or {}).get("type")
        return value if isinstance(value, str) else None

    @property
    def event_id(self) -> str | None:
        value = (self.event or {}).get("id")
        return value if isinstance(value, str) else None

    @property
    def object_id(self) -> str | None:
        data = (self.event or {}).get("data")
        obj = data.get("object") if isinstance(data, dict) else None
        value = obj.get("id") if isinstance(obj, dict) else None
        return value if isinstance(value, str) else None

    def body_text(self) -> str:
        """The body for display: pretty JSON when it parses, else the bytes decoded leniently."""
        if self.event is not None:
            return json.dumps(self.event, indent=2, ensure_ascii=False, sort_keys=True)
        return self.body.decode("utf-8", errors="replace")


def check_signature(
    body: bytes,
    header: str | None,
    secrets: dict[str, str],
    *,
    tolerance: int = DEFAULT_TOLERANCE,
    now: int | None = None,
) -> tuple[bool, str | None, str | None]:
    """``(verified, reason, label)`` for ``body`` against every known ``label -> secret``."""
    if not header:
        return False, "No Wooshpay-Signature header.", None
    if not secrets:
        return False, "No signing secret is known to the inspector.", None
    reasons: list[str] = []
    for label, secret in secrets.items():
        try:
            verify(body, header, secret, tolerance=tolerance, now=now)
        except SignatureVerificationError as exc:  # a t= of thousands of digits included ("not a number")
            reasons.append(str(exc))
        else:
            return True, None, label
    # The same reason from every secret reads better once.
    unique = list(dict.fromkeys(reasons))
    return False, " ".join(unique), None


class _BadRequest(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class WebhookInspector:
    """Start with ``await start()``; ``url`` is where to point a webhook endpoint. ``close()`` stops it."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        path: str = "/webhooks",
        tolerance: int = DEFAULT_TOLERANCE,
        history: int = HISTORY,
        history_bytes: int = HISTORY_BYTES,
    ) -> None:
        self.host = host
        self.port = port
        self.path = path
        self.tolerance = tolerance
        self._secrets: dict[str, str] = {}
        self._listeners: list[Listener] = []
        self._received: deque[ReceivedWebhook] = deque(maxlen=history)
        self._weights: deque[int] = deque()  # what each entry of _received costs, same order
        self.history_bytes = history_bytes
        self._held_bytes = 0
        self._server: asyncio.Server | None = None
        # Open connections (keep-alive ones wait for their next request), closed with the server.
        self._connections: dict[asyncio.StreamWriter, asyncio.Task[Any] | None] = {}
        # Whatever the inspector registered for itself (e.g. an endpoint id), kept for its owner.
        self.endpoint_id: str | None = None

    # -- lifecycle -----------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._server is not None and self._server.is_serving()

    @property
    def url(self) -> str:
        if not self.running:
            raise RuntimeError("the webhook inspector is not running")
        return f"http://{self.host}:{self.port}{self.path}"

    async def start(self) -> str:
        if self.running:
            return self.url
        self._server = await asyncio.start_server(self._serve, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        log.info("webhook inspector listening on %s", self.url)
        return self.url

    def close(self) -> None:
        """Stop accepting deliveries. Synchronous so that a widget being destroyed can call it."""
        if self._server is not None:
            self._server.close()
            self._server = None
            log.info("webhook inspector stopped")
        for writer in list(self._connections):
            writer.close()  # its handler then reads end-of-stream and finishes

    async def stop(self) -> None:
        server = self._server
        handlers = [task for task in self._connections.values() if task is not None]
        self.close()
        if handlers:
            await asyncio.wait(handlers, timeout=READ_TIMEOUT)
        if server is not None:
            await server.wait_closed()

    # -- secrets and listeners -----------------------------------------------------------------------

    def add_secret(self, label: str, secret: str) -> None:
        """Verify deliveries with ``secret`` too; ``label`` (an endpoint id) says which one matched."""
        if secret:
            self._secrets[label] = secret

    def remove_secret(self, label: str) -> None:
        self._secrets.pop(label, None)

    def secret_labels(self) -> list[str]:
        return list(self._secrets)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` with every delivery from now on; returns the function that unsubscribes."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    @property
    def received(self) -> list[ReceivedWebhook]:
        """Deliveries so far, oldest first (the most recent ``history`` of them, within ``history_bytes``)."""
        return list(self._received)

    @property
    def held_bytes(self) -> int:
        """What the kept history costs, as counted against ``history_bytes``."""
        return self._held_bytes

    def _keep(self, received: ReceivedWebhook, weight: int) -> None:
        if len(self._received) == self._received.maxlen:
            self._held_bytes -= self._weights.popleft()  # the deque drops its oldest on append
        self._received.append(received)
        self._weights.append(weight)
        self._held_bytes += weight
        # The newest delivery always stays, even alone over the cap (its body is already capped).
        while self._held_bytes > self.history_bytes and len(self._received) > 1:
            self._received.popleft()
            self._held_bytes -= self._weights.popleft()

    # -- HTTP ----------------------------------------------------------------------------------------

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """One connection: requests one after another (keep-alive and pipelining), parsed by h11."""
        conn = h11.Connection(h11.SERVER, max_incomplete_event_size=MAX_HEADER_BYTES)
        self._connections[writer] = asyncio.current_task()
        try:
            while True:
                try:
                    request = await _read_request(conn, reader)
                except _BadRequest as exc:
                    await _respond(conn, writer, exc.status, {"error": str(exc)}, close=True)
                    return
                except h11.RemoteProtocolError as exc:
                    await _respond(conn, writer, exc.error_status_hint, {"error": str(exc)}, close=True)
                    return
                if request is None:  # the peer closed, or went quiet between requests
                    return
                method, target, headers, body = request
                if method != "POST":
                    await _respond(conn, writer, 405, {"error": "Webhooks are POSTed."}, extra={"Allow": "POST"})
                else:
                    self._record(method, target, headers, body)
                    await _respond(conn, writer, 200, {"received": True})
                if conn.our_state is not h11.DONE or conn.their_state is not h11.DONE:
                    return  # "Connection: close", HTTP/1.0, or an error: this connection is finished
                conn.start_next_cycle()
        except (ConnectionError, TimeoutError, h11.LocalProtocolError):
            pass
        finally:
            self._connections.pop(writer, None)
            writer.close()
            try:
                await writer.wait_closed()
            except (ConnectionError, OSError):
                pass

    def _record(self, method: str, target: str, headers: dict[str, str], body: bytes) -> ReceivedWebhook:
        verified, reason, label = check_signature(
            body, headers.get(SIGNATURE_HEADER), self._secrets, tolerance=self.tolerance
        )
        containers = body.count(b"{") + body.count(b"[")
        event = None
        if containers <= MAX_PARSED_CONTAINERS:
            try:
                parsed = json.loads(body)
                event = parsed if isinstance(parsed, dict) else None
            except (ValueError, RecursionError):
                event = None
        if event is None and verified:
            # A signed body that is not an event object is still worth flagging.
            reason = (
                "The body is not a JSON object."
                if containers <= MAX_PARSED_CONTAINERS
                else "The body holds too many JSON values to show as an event."
            )
        received = ReceivedWebhook(
            received_at=datetime.now(UTC),
            method=method,
            path=target,
            headers=headers,
            body=body,
            verified=verified,
            reason=reason,
            secret_label=label,
            event=event,
        )
        weight = len(body) + sum(len(k) + len(v) for k, v in headers.items())
        if event is not None:
            weight += len(body) + containers * PARSED_BYTES_PER_CONTAINER
        self._keep(received, weight)
        for listener in list(self._listeners):
            try:
                listener(received)
            except Exception:  # one broken listener must not stop the others or the answer
                log.exception("webhook inspector listener failed")
        return received


async def _next_event(conn: h11.Connection, reader: asyncio.StreamReader, deadline: float) -> Any:
    """h11's next event, reading from the stream as it needs; ``TimeoutError`` after ``deadline``."""
    loop = asyncio.get_running_loop()
    while True:
        event = conn.next_event()
        if event is not h11.NEED_DATA:
            return event
        data = await asyncio.wait_for(reader.read(READ_CHUNK), max(0.0, deadline - loop.time()))
        # b"" at end of stream tells h11 the peer closed; it answers ConnectionClosed or a protocol error.
        conn.receive_data(data)


async def _read_request(
    conn: h11.Connection, reader: asyncio.StreamReader
) -> tuple[str, str, dict[str, str], bytes] | None:
    """The next whole request on the connection, or None when the peer closed before starting one."""
    deadline = asyncio.get_running_loop().time() + READ_TIMEOUT
    try:
        event = await _next_event(conn, reader, deadline)
    except TimeoutError:
        if not conn.trailing_data[0]:
            return None  # an idle keep-alive connection (or one never used), not a half-sent request
        raise _BadRequest(408, "The request did not arrive in time.") from None
    if isinstance(event, h11.ConnectionClosed):
        return None
    if not isinstance(event, h11.Request):  # pragma: no cover - h11 yields a Request first on a server
        raise _BadRequest(400, "Expected a request.")
    # h11 caps the size of a head that arrives in pieces; one that arrives whole is measured here.
    if sum(len(name) + len(value) + 4 for name, value in event.headers) > MAX_HEADER_BYTES:
        raise _BadRequest(431, "Request headers too large.")
    # h11 lowercases header names; a repeated header keeps its last value.
    headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in event.headers}
    try:
        declared = int(headers.get("content-length", "0"))
    except ValueError:  # pragma: no cover - h11 refuses a bad Content-Length first
        declared = 0
    if declared > MAX_BODY_BYTES:
        raise _BadRequest(413, "Body too large.")
    body = bytearray()
    while True:
        try:
            part = await _next_event(conn, reader, deadline)
        except TimeoutError:
            raise _BadRequest(408, "The request body did not arrive in time.") from None
        if isinstance(part, h11.Data):
            body += part.data
            if len(body) > MAX_BODY_BYTES:  # a chunked body declares no length up front
                raise _BadRequest(413, "Body too large.")
        elif isinstance(part, h11.EndOfMessage):
            break
        elif isinstance(part, h11.ConnectionClosed):  # pragma: no cover - h11 raises for a cut-off body
            return None
    return event.method.decode("ascii").upper(), event.target.decode("latin-1"), headers, bytes(body)


async def _respond(
    conn: h11.Connection,
    writer: asyncio.StreamWriter,
    status: int,
    payload: dict[str, Any],
    *,
    extra: dict[str, str] | None = None,
    close: bool = False,
) -> None:
    body = json.dumps(payload).encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    headers += list((extra or {}).items())
    if close:
        headers.append(("Connection", "close"))
    try:
        data = conn.send(h11.Response(status_code=status, headers=headers, reason=HTTPStatus(status).phrase))
        data += conn.send(h11.Data(data=body)) + conn.send(h11.EndOfMessage())
    except h11.LocalProtocolError:
        return  # nothing can be said on this connection any more (e.g. a response is already out)
    writer.write(data)
    await writer.drain()
