"""Body-size limits on every route: a request body larger than its route allows is refused with 413 as
soon as that is known (from ``Content-Length`` before reading, or while a chunked body streams in), so an
oversized body is never held in memory.

The middleware reads the body itself, up to the limit, and hands the app the bytes it read; the app
never sees a request it would have to abandon half-read. The bytes are also left in the scope under
:data:`BODY`, so an endpoint can take them without reading them through ``receive`` a second time.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import ApiError
from .ids import new_id

API_BODY_BYTES = 1024 * 1024  # /v1/: far above any real request (metadata alone stays under 30 KB)
PAGE_BODY_BYTES = 16 * 1024  # the cashier and checkout page forms: two short fields
SANDBOX_BODY_BYTES = 64 * 1024  # /_sandbox/: small JSON settings
BODY = "merchant_desk.body"  # the scope key of the body read here


def body_limit(path: str) -> int:
    if path.startswith("/v1/"):
        return API_BODY_BYTES
    if path.startswith("/_sandbox/"):
        return SANDBOX_BODY_BYTES
    return PAGE_BODY_BYTES


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = body_limit(scope["path"])
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _refuse(send, limit)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client went away; nothing to answer
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _refuse(send, limit)
                return
            if not message.get("more_body", False):
                body = b"".join((*chunks, chunk)) if chunks else chunk  # mostly one message: no copy
                break
            chunks.append(chunk)
        scope[BODY] = body
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: wait for the disconnect, as a server would

        await self.app(scope, replay, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # h11 refuses a malformed length before the app sees the request
    return None


async def _refuse(send: Send, limit: int) -> None:
    error = ApiError(413, f"The request body is larger than this route accepts ({limit:,} bytes).",
                     code="request_too_large")
    body = json.dumps(error.body()).encode()
    await send({
        "type": "http.response.start",
        "status": 413,
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"request-id", new_id("req").encode()),
            # The rest of the body is not read, so the connection cannot carry another request.
            (b"connection", b"close"),
        ],
    })
    await send({"type": "http.response.body", "body": body})
