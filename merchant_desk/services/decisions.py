"""A person's decision on an old request whose outcome the app could not establish (``needs_decision``).

Three choices, each recorded in the ledger with its audit row in one transaction:
- ``mark_done``: the person knows the server did it (e.g. they see the refund in WooshPay's dashboard);
- ``send_as_new``: the person knows it was not done; it is sent again as a NEW request with a new key
  (the old key may be forgotten by the server, so reusing it would prove nothing);
- ``drop``: it should not happen any more; nothing is sent.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from merchant_desk.services.late_retry import REQUEST_TAG, tag_request
from merchant_desk.services.outbox import is_retryable, send_entry

MARKED_DONE_ACTION = "outbox.marked_done"
SENT_AGAIN_ACTION = "outbox.sent_again"
DROPPED_ACTION = "outbox.dropped"


def outcome_unknown(exc: BaseException) -> bool:
    """Whether a failed "send again" left its new request open (no answer: it is retried with the same key),
    rather than refused. The outbox's rule, so the dialog does not decide it."""
    return is_retryable(exc)


class NotAwaitingDecision(ValueError):
    """The entry was decided meanwhile (another window, a reconcile pass): nothing was changed."""


def _parked(ledger: Any, key: str) -> Any:
    entry = ledger.get(key)
    if entry is None or entry.state != "needs_decision":
        raise NotAwaitingDecision(f"request {key} is not waiting for a decision")
    return entry


async def awaiting(ledger: Any, account: str) -> list[Any]:
    """The account's entries waiting for a decision, oldest first."""
    return await asyncio.to_thread(ledger.awaiting_decision, account)


async def mark_done(ledger: Any, key: str) -> Any:
    entry = await asyncio.to_thread(_parked, ledger, key)
    return await asyncio.to_thread(
        ledger.complete, key, None, None,
        audit_action=MARKED_DONE_ACTION,
        audit_details={"idempotency_key": key, "request": entry.body, "evidence": entry.evidence},
    )


async def drop(ledger: Any, key: str) -> Any:
    entry = await asyncio.to_thread(_parked, ledger, key)
    return await asyncio.to_thread(
        ledger.fail, key, "dropped: a person decided it should not be sent", final=True,
        audit_action=DROPPED_ACTION,
        audit_details={"idempotency_key": key, "request": entry.body, "evidence": entry.evidence},
    )


async def send_as_new(client: Any, ledger: Any, key: str, *, account: str) -> dict[str, Any]:
    """Write the same request under a new key (its metadata tag too), close the old entry, send the new one.
    Returns the server's answer; the client's errors propagate as for any send."""
    entry = await asyncio.to_thread(_parked, ledger, key)
    new_key = str(uuid.uuid4())
    body = dict(entry.body) if isinstance(entry.body, dict) else entry.body
    if isinstance(body, dict) and (REQUEST_TAG in (body.get("metadata") or {}) or entry.kind == "refund"):
        body = tag_request(body, new_key)
    new_entry = await asyncio.to_thread(
        ledger.begin, entry.kind, entry.method, entry.path, body, account=account, idempotency_key=new_key
    )
    await asyncio.to_thread(
        ledger.fail, key, f"sent again as a new request ({new_key})", final=True,
        audit_action=SENT_AGAIN_ACTION,
        audit_details={"idempotency_key": key, "new_idempotency_key": new_key, "evidence": entry.evidence},
    )
    return await send_entry(client, ledger, new_entry, account=account)
