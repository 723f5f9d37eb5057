"""Sending ledger outbox entries, and re-sending the ones a crash or a dropped connection left unresolved.

A mutating request is written to the ledger with its idempotency key before it leaves the machine. When
its answer never arrives we cannot know whether the server acted, so we never send a *new* request:
we send the same body with the same key again, and the server either replays its first answer or acts
for the first time. Either way the entry ends resolved and the object exists exactly once.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from merchant_desk.services.outcomes import NeedsDecision, SentNotRecorded
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


async def send_entry(client: Any, ledger: Any, entry: Any, *, account: str) -> dict:
    """Send one outbox entry with its own idempotency key; record the outcome in the ledger.

    Returns the response body. On failure the entry is marked failed (final for a definite refusal,
    retryable otherwise) and the error is raised again for the caller to show. An entry older than the
    server's idempotency window is looked up first (``late_retry``): it may be completed from what the
    server holds, or raise ``NeedsDecision`` without being sent. ``SentNotRecorded``: the server acted
    but the ledger could not record it; the entry stays pending for the next pass.
    """
    # Imported here: late_retry uses this module's audit naming.
    from merchant_desk.services.late_retry import before_resend

    key = entry_key(entry)
    found = await before_resend(client, ledger, entry, account=account)
    if found is not None:
        return found
    try:
        response = await client.request(entry.method, entry.path, json=entry.body, idempotency_key=key)
    except WooshPayError as exc:
        await asyncio.to_thread(ledger.fail, key, str(exc) or type(exc).__name__, final=not is_retryable(exc))
        raise
    object_id = response.get("id") if isinstance(response, dict) else None
    stored = without_secrets(response)
    try:
        # The audit row goes in with the state change, once per key: two resolvers of one entry (a retry
        # and the start-up reconcile) leave one row.
        await asyncio.to_thread(
            ledger.complete, key, object_id, stored,
            audit_action=audit_action(entry.kind),
            audit_details={"idempotency_key": key, "request": entry.body, "response": stored},
        )
    except Exception as exc:  # locked, read-only, disk full: the object exists all the same
        log.warning("outbox: %s was made on the server but could not be recorded: %s", key, exc)
        raise SentNotRecorded(key, entry.kind, response, exc) from exc
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
    # Old requests whose outcome could not be established: not sent, waiting for a person.
    needs_decision: list[str] = field(default_factory=list)

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
        except NetworkError as exc:
            report.errors[key] = str(exc)
            report.unresolved.extend(entry_key(e) for e in entries[index:])
            log.warning("outbox: network down, %d entries stay pending", len(entries) - index)
            break
        except WooshPayError as exc:
            report.errors[key] = str(exc)
            (report.unresolved if is_retryable(exc) else report.failed).append(key)
        except NeedsDecision:
            report.needs_decision.append(key)
        except SentNotRecorded as exc:
            report.errors[key] = str(exc)
            report.unresolved.append(key)
        else:
            report.resolved.append(key)
    if report.resolved or report.failed:
        log.info("outbox: %d resolved, %d failed, %d pending", len(report.resolved), len(report.failed),
                 len(report.unresolved))
    return report
