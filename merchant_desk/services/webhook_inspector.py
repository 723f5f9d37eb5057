"""A local webhook receiver for trying webhooks out: it listens on 127.0.0.1, checks each delivery's
``Wooshpay-Signature`` against the signing secrets it has been given, and hands every delivery —
verified or not, with the reason — to its listeners.

It is a plain ``asyncio.start_server`` on the running loop (in the app, the qasync loop), so listeners are
called on that loop's thread and may touch widgets directly. It speaks just enough HTTP/1.1 for a webhook
sender: one POST per connection, answered ``200`` and closed, whatever the signature says — telling the
sender "wrong signature" would only make it retry the same bytes.
"""

from __future__ import annotations

import asyncio
import json
import logging
import weakref
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

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
READ_TIMEOUT = 10.0

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
        except SignatureVerificationError as exc:
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
    ) -> None:
        self.host = host
        self.port = port
        self.path = path
        self.tolerance = tolerance
        self._secrets: dict[str, str] = {}
        self._listeners: list[Listener] = []
        self._received: deque[ReceivedWebhook] = deque(maxlen=history)
        self._server: asyncio.Server | None = None
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

    async def stop(self) -> None:
        server = self._server
        self.close()
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
        """Deliveries so far, oldest first (the most recent ``history`` of them)."""
        return list(self._received)

    # -- HTTP ----------------------------------------------------------------------------------------

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            try:
                method, target, headers, body = await asyncio.wait_for(_read_request(reader), READ_TIMEOUT)
            except _BadRequest as exc:
                await _respond(writer, exc.status, {"error": str(exc)})
                return
            except (TimeoutError, asyncio.IncompleteReadError, ConnectionError):
                return
            if method != "POST":
                await _respond(writer, 405, {"error": "Webhooks are POSTed."}, extra={"Allow": "POST"})
                return
            self._record(method, target, headers, body)
            await _respond(writer, 200, {"received": True})
        except ConnectionError:
            pass
        finally:
            writer.close()
            try:
                await writer.wait_closed()
            except (ConnectionError, OSError):
                pass

    def _record(self, method: str, target: str, headers: dict[str, str], body: bytes) -> ReceivedWebhook:
        verified, reason, label = check_signature(
            body, headers.get(SIGNATURE_HEADER), self._secrets, tolerance=self.tolerance
        )
        try:
            parsed = json.loads(body)
            event = parsed if isinstance(parsed, dict) else None
        except ValueError:
            event = None
        if event is None and verified:
            # A signed body that is not an event object is still worth flagging.
            reason = "The body is not a JSON object."
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
        self._received.append(received)
        for listener in list(self._listeners):
            try:
                listener(received)
            except Exception:  # one broken listener must not stop the others or the answer
                log.exception("webhook inspector listener failed")
        return received


async def _read_request(reader: asyncio.StreamReader) -> tuple[str, str, dict[str, str], bytes]:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.LimitOverrunError:
        raise _BadRequest(431, "Request headers too large.") from None
    if len(head) > MAX_HEADER_BYTES:
        raise _BadRequest(431, "Request headers too large.")
    lines = head.decode("latin-1").split("\r\n")
    try:
        method, target, _version = lines[0].split(" ", 2)
    except ValueError:
        raise _BadRequest(400, "Malformed request line.") from None
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if not line:
            continue
        name, sep, value = line.partition(":")
        if not sep:
            raise _BadRequest(400, "Malformed header line.")
        headers[name.strip().lower()] = value.strip()
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = await _read_chunked(reader)
    else:
        try:
            length = int(headers.get("content-length", "0"))
        except ValueError:
            raise _BadRequest(400, "Bad Content-Length.") from None
        if length < 0 or length > MAX_BODY_BYTES:
            raise _BadRequest(413, "Body too large.")
        body = await reader.readexactly(length) if length else b""
    return method.upper(), target, headers, body


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    body = bytearray()
    while True:
        size_line = await reader.readuntil(b"\r\n")
        try:
            size = int(size_line.split(b";", 1)[0].strip(), 16)
        except ValueError:
            raise _BadRequest(400, "Bad chunk size.") from None
        if size == 0:
            # Trailers, if any, end with an empty line.
            while (await reader.readuntil(b"\r\n")) != b"\r\n":
                pass
            return bytes(body)
        if len(body) + size > MAX_BODY_BYTES:
            raise _BadRequest(413, "Body too large.")
        body += await reader.readexactly(size)
        await reader.readexactly(2)


_REASONS = {200: "OK", 400: "Bad Request", 405: "Method Not Allowed", 413: "Payload Too Large",
            431: "Request Header Fields Too Large"}


async def _respond(writer: asyncio.StreamWriter, status: int, payload: dict[str, Any],
                   extra: dict[str, str] | None = None) -> None:
    body = json.dumps(payload).encode()
    head = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}", "Content-Type: application/json",
            f"Content-Length: {len(body)}", "Connection: close"]
    head += [f"{k}: {v}" for k, v in (extra or {}).items()]
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
    await writer.drain()


# One inspector per account context, shared by the pages built for it (webhooks and events), without
# the context having to know about it. Weak keys: a context that is gone takes its inspector along.
_BY_OWNER: weakref.WeakKeyDictionary[Any, WebhookInspector] = weakref.WeakKeyDictionary()


def inspector_for(owner: Any) -> WebhookInspector:
    inspector = _BY_OWNER.get(owner)
    if inspector is None:
        inspector = _BY_OWNER[owner] = WebhookInspector()
    return inspector
