"""Sending ledger outbox entries, and re-sending the ones a crash or a dropped connection left unresolved.

A mutating request is written to the ledger with its idempotency key before it leaves the machine. When
its answer never arrives we cannot know whether the server acted, so we never send a *new* request:
we send the same body with the same key again, and the server either replays its first answer or acts
for the first time. Either way the entry ends resolved and the object exists exactly once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from merchant_desk.ledger import ClaimRefused, claim_key_of
from merchant_desk.wooshpay import (
    APIError,
    IdempotencyError,
    NetworkError,
    RateLimitError,
    WooshPayError,
)

log = logging.getLogger(__name__)


def is_retryable(exc: BaseException) -> bool:
    """True when the server may or may not have acted, so the entry must stay pending for a re-send.

    5xx (and unreadable 2xx bodies, a subclass), 429 and 409 (the same key still in flight) say nothing
    final about the request; a network failure says nothing at all.
    """
    if isinstance(exc, IdempotencyError):
        # 409: the first request with this key is still being worked on. A 400 idempotency_error means
        # the key was used for different parameters: that will never succeed.
        return exc.http_status == 409
    return isinstance(exc, (NetworkError, APIError, RateLimitError))


_BARE_VERBS = ("cancel", "capture", "expire")


def _past(verb: str) -> str:
    return f"{verb}d" if verb.endswith("e") else f"{verb}ed"


def audit_action(kind: str) -> str:
    """The audit log's name for what an outbox entry did. Kinds are an object ("refund" → "refund.created"),
    "<object>.<verb>" ("payment_intent.cancel" → "payment_intent.canceled") or a bare verb ("expire")."""
    obj, dot, verb = kind.rpartition(".")
    if dot:
        return f"{obj}.{_past(verb)}"
    if kind in _BARE_VERBS:
        return f"outbox.{_past(kind)}"
    return f"{kind}.created"


def entry_key(entry: Any) -> str:
    return entry.idempotency_key


class InProgressElsewhere(Exception):
    """Another till (or another task of this one) holds the claim for this request's payment or entry,
    so nothing was sent. ``till`` names the holder ("" when it could not be told)."""

    def __init__(self, claim_key: str, till: str) -> None:
        super().__init__(f"{claim_key} is in progress at {till or 'another till'}")
        self.claim_key = claim_key
        self.till = till


class ResolvedElsewhere(WooshPayError):
    """The entry was refused for good while this till waited for it (by another till): not sent again."""


# Claims this flow (task and the tasks it starts) holds already: claiming one again inside is a no-op.
_claims_here: ContextVar[frozenset[str]] = ContextVar("outbox_claims_here", default=frozenset())


@asynccontextmanager
async def claimed(ledger: Any, key: str) -> AsyncIterator[None]:
    """Hold the ledger claim ``key`` for the block: no other till sends anything under it meanwhile.
    Raises ``InProgressElsewhere`` (before anything is sent) when someone else holds it."""
    if key in _claims_here.get():
        yield
        return
    work = asyncio.ensure_future(asyncio.to_thread(ledger.claim, key))
    try:
        await asyncio.shield(work)
    except ClaimRefused as refused:
        raise InProgressElsewhere(key, refused.till) from None
    except asyncio.CancelledError:
        # The claim may still be taken on the worker thread: give it back once it is.
        work.add_done_callback(lambda done: done.exception() is None and ledger.release(key))
        raise
    token = _claims_here.set(_claims_here.get() | {key})
    try:
        yield
    finally:
        _claims_here.reset(token)
        await asyncio.shield(asyncio.to_thread(ledger.release, key))


async def send_entry(client: Any, ledger: Any, entry: Any, *, account: str) -> dict:
    """Send one outbox entry with its own idempotency key; record the outcome in the ledger.

    Returns the response body. On failure the entry is marked failed (final for a definite refusal,
    retryable otherwise) and the error is raised again for the caller to show.

    The entry is claimed first (``claimed``): while another till sends it, or anything else for the same
    payment, ``InProgressElsewhere`` is raised and nothing is sent. Once claimed, the entry is read again:
    another till may have resolved it meanwhile, and then its answer is returned instead of a re-send.
    """
    async with claimed(ledger, claim_key_of(entry)):
        return await _send_claimed(client, ledger, entry, account=account)


async def _send_claimed(client: Any, ledger: Any, entry: Any, *, account: str) -> dict:
    key = entry_key(entry)
    current = await asyncio.to_thread(ledger.get, key)
    if current is not None and current.state == "done":
        return current.response
    if current is not None and current.state == "failed" and getattr(entry, "state", "pending") == "pending":
        raise ResolvedElsewhere(current.error or "refused")
    try:
        response = await client.request(entry.method, entry.path, json=entry.body, idempotency_key=key)
    except WooshPayError as exc:
        await asyncio.to_thread(ledger.fail, key, str(exc) or type(exc).__name__, final=not is_retryable(exc))
        raise
    object_id = response.get("id") if isinstance(response, dict) else None
    stored = without_secrets(response)
    await asyncio.to_thread(ledger.complete, key, object_id, stored)
    await asyncio.to_thread(
        ledger.audit,
        audit_action(entry.kind),
        object_id,
        {"idempotency_key": key, "request": entry.body, "response": stored},
        account=account,
    )
    return response


def without_secrets(response: Any) -> Any:
    """The answer as the ledger may keep it: a webhook endpoint's signing secret never goes to disk."""
    if isinstance(response, dict) and "secret" in response:
        return {k: v for k, v in response.items() if k != "secret"}
    return response


@dataclass
class ReconcileReport:
    """What one pass over the pending entries did. ``unresolved`` stays pending (network down, 5xx)."""

    resolved: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        return not self.unresolved


async def reconcile_pending(client: Any, ledger: Any, account: str) -> ReconcileReport:
    """Re-send every pending outbox entry of ``account`` with its original key, oldest first.

    Run at app start and from the "Retry" button. Stops early when the network is down: every later
    request would fail the same way and the entries simply stay pending for the next pass.
    """
    report = ReconcileReport()
    entries = await asyncio.to_thread(ledger.pending, account=account)
    for index, entry in enumerate(entries):
        key = entry_key(entry)
        try:
            await send_entry(client, ledger, entry, account=account)
        except InProgressElsewhere as exc:
            # Another till is sending it (or something else for its payment): it resolves it, not us.
            report.errors[key] = str(exc)
            report.unresolved.append(key)
        except NetworkError as exc:
            report.errors[key] = str(exc)
            report.unresolved.extend(entry_key(e) for e in entries[index:])
            log.warning("outbox: network down, %d entries stay pending", len(entries) - index)
            break
        except WooshPayError as exc:
            report.errors[key] = str(exc)
            (report.unresolved if is_retryable(exc) else report.failed).append(key)
        else:
            report.resolved.append(key)
    if report.resolved or report.failed:
        log.info("outbox: %d resolved, %d failed, %d pending", len(report.resolved), len(report.failed),
                 len(report.unresolved))
    return report
