"""Faults on demand for reliability tests: failing answers, slow answers, and POSTs that commit and then
drop the connection without answering (what a client sees when a network path dies mid-request).

Faults apply only to the API under ``/v1/``; the cashier pages and ``/_sandbox/`` never fail.
"""

from __future__ import annotations

import asyncio
import json
import random
import threading
from dataclasses import asdict, dataclass, field
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .ids import new_id

FAIL_STATUSES = (500, 502, 503, 504, 429)


@dataclass
class FaultSettings:
    fail_next: int = 0  # the next N API requests answer `fail_status`
    fail_rate: float = 0.0  # every API request fails with this probability
    fail_status: int = 503
    retry_after: int = 1  # seconds, on 429 answers
    delay_ms: int = 0  # every API answer waits this long first
    drop_next: int = 0  # the next N POSTs are performed, committed, and then the connection is closed
    drop_rate: float = 0.0  # every POST is committed-then-dropped with this probability
    seed: int | None = None  # makes the *_rate draws reproducible
    injected_failures: int = field(default=0)
    injected_drops: int = field(default=0)


@dataclass
class Decision:
    delay_ms: int = 0
    fail_status: int | None = None
    retry_after: int = 0
    drop: bool = False


class Faults:
    def __init__(self, **settings: Any) -> None:
        self._lock = threading.Lock()
        self._settings = FaultSettings()
        self._random = random.Random()
        # False while no fault is set: requests then pass without taking the lock. A request that reads it
        # just before a change behaves as if it had arrived just before it.
        self.active = False
        if settings:
            self.update(settings)

    def _note_active(self) -> None:
        s = self._settings
        self.active = bool(s.fail_next or s.fail_rate or s.delay_ms or s.drop_next or s.drop_rate)

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return asdict(self._settings)

    def update(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Merge ``changes`` into the current settings; ``ValueError`` names the first bad field."""
        with self._lock:
            current = asdict(self._settings)
            for name, value in changes.items():
                if name not in current or name.startswith("injected_"):
                    raise ValueError(f"Unknown fault setting: {name}.")
                current[name] = _checked(name, value)
            self._settings = FaultSettings(**current)
            if "seed" in changes:
                self._random = random.Random(self._settings.seed)
            self._note_active()
            return asdict(self._settings)

    def clear(self) -> dict[str, Any]:
        with self._lock:
            self._settings = FaultSettings()
            self._random = random.Random()
            self._note_active()
            return asdict(self._settings)

    def decide(self, method: str) -> Decision:
        with self._lock:
            s = self._settings
            decision = Decision(delay_ms=s.delay_ms)
            if s.fail_next > 0:
                s.fail_next -= 1
                decision.fail_status = s.fail_status
            elif s.fail_rate > 0 and self._random.random() < s.fail_rate:
                decision.fail_status = s.fail_status
            elif method == "POST":
                if s.drop_next > 0:
                    s.drop_next -= 1
                    decision.drop = True
                elif s.drop_rate > 0 and self._random.random() < s.drop_rate:
                    decision.drop = True
            if decision.fail_status is not None:
                s.injected_failures += 1
                decision.retry_after = s.retry_after
            if decision.drop:
                s.injected_drops += 1
            self._note_active()
            return decision


def _checked(name: str, value: Any) -> Any:
    if name == "seed":
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError("seed must be an integer or null.")
        return value
    if name in ("fail_rate", "drop_rate"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise ValueError(f"{name} must be a number from 0 to 1.")
        return float(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a non-negative integer.")
    if name == "fail_status" and value not in FAIL_STATUSES:
        raise ValueError(f"fail_status must be one of {', '.join(map(str, FAIL_STATUSES))}.")
    return value


class FaultMiddleware:
    """Outermost ASGI layer, so it sees uvicorn's own ``send`` and can reach the connection to drop it."""

    def __init__(self, app: ASGIApp, faults: Faults) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.faults.active or scope["type"] != "http" or not scope["path"].startswith("/v1/"):
            await self.app(scope, receive, send)
            return
        decision = self.faults.decide(scope["method"])
        if decision.delay_ms:
            await asyncio.sleep(decision.delay_ms / 1000)
        if decision.fail_status is not None:
            await _send_failure(send, decision)
            return
        if not decision.drop:
            await self.app(scope, receive, send)
            return

        async def swallow(message: Message) -> None:
            pass

        # The request runs to completion (and commits); only the answer is lost.
        await self.app(scope, receive, swallow)
        await _drop_connection(send)


async def _send_failure(send: Send, decision: Decision) -> None:
    status = decision.fail_status or 500
    if status == 429:
        kind, message = "rate_limit_error", "Too many requests (sandbox fault injection)."
    else:
        kind, message = "api_error", f"Injected server error {status} (sandbox fault injection)."
    body = json.dumps({"error": {"type": kind, "code": None, "message": message, "param": None}}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        # Every answer carries a Request-Id (docs/sandbox.md), an injected failure too.
        (b"request-id", new_id("req").encode()),
    ]
    if status == 429:
        headers.append((b"retry-after", str(decision.retry_after).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _drop_connection(send: Send) -> None:
    # uvicorn's `send` is a bound method of its per-request cycle, which holds the socket transport.
    # Closing it before any byte is written gives the client "server disconnected without a response".
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is not None:
        transport.close()
        # Let the protocol see connection_lost, so uvicorn does not try to answer on the dead socket.
        for _ in range(3):
            await asyncio.sleep(0)
        return
    # Fallback for other servers: promise a body and break off before sending it.
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"100")]})
    raise ConnectionAbortedError("sandbox fault injection: connection dropped after commit")
