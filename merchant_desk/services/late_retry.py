"""Before an old outbox entry is sent again: find out whether the server already made what it asked for.

WooshPay, like Stripe, forgets an ``Idempotency-Key`` after about 24 hours. An entry older than that, sent
again with its key, is a *new* request to the server: a second refund. So every create request carries
its outbox key in ``metadata[md_request]`` (``tag_request``), and before an entry older than
``IDEMPOTENCY_WINDOW`` is sent again the app looks for the object it made:

- found: the entry is completed from it (ledger and audit), nothing is sent;
- certainly not made (the lookup answered and nothing of ours can be there): it is sent again;
- cannot tell (the lookup failed, or an untagged object could be ours): nothing is sent, the entry becomes
  ``needs_decision`` with the evidence a person needs (``services.decisions`` carries out their choice).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from merchant_desk.services.outcomes import NeedsDecision
from merchant_desk.wooshpay import ModelError, NetworkError, Refund, WooshPayError

log = logging.getLogger(__name__)

# The server keeps idempotency keys for 24 h; an hour less leaves room for clocks that disagree.
IDEMPOTENCY_WINDOW = timedelta(hours=23)
REQUEST_TAG = "md_request"  # metadata key carrying the outbox key of the request that made the object
NEEDS_DECISION_ACTION = "outbox.needs_decision"
FOUND_DETAIL = "found_by_lookup"

# Kinds whose object is listed or searched by REQUEST_TAG, and kinds that change one object's status
# (re-checked by reading that object: "<kind suffix>" -> the status it leaves behind).
_STATUS_AFTER = {"cancel": "canceled", "expire": "expired", "capture": "succeeded"}
_RELEASED_REFUND_STATUSES = ("failed", "canceled")


def utc_now() -> datetime:
    """The app's clock (one place, so that tests can move it the way the sandbox's clock moves)."""
    return datetime.now(UTC)


def tag_request(body: dict[str, Any], key: str) -> dict[str, Any]:
    """``body`` with ``metadata[md_request] = key``, other metadata kept; a new dict."""
    tagged = dict(body)
    metadata = dict(tagged.get("metadata") or {})
    metadata[REQUEST_TAG] = key
    tagged["metadata"] = metadata
    return tagged


def request_tag(body: Any) -> str | None:
    metadata = body.get("metadata") if isinstance(body, dict) else None
    tag = metadata.get(REQUEST_TAG) if isinstance(metadata, dict) else None
    return tag if isinstance(tag, str) and tag else None


def is_stale(entry: Any, now: datetime | None = None) -> bool:
    """True when the server may have forgotten the entry's idempotency key."""
    created: datetime = entry.created_at
    return (now or utc_now()) - created >= IDEMPOTENCY_WINDOW


@dataclass
class Lookup:
    """What the server holds of one old request: ``found`` the object it made; ``made`` False when it is
    certain that nothing was made, None when it cannot be told."""

    found: dict[str, Any] | None = None
    made: bool | None = None
    evidence: dict[str, Any] = field(default_factory=dict)


async def before_resend(client: Any, ledger: Any, entry: Any, *, account: str) -> dict[str, Any] | None:
    """Called by the outbox before it sends ``entry``.

    Returns None when the entry may be sent (recent enough, or certainly not made), or the object the
    request made (the entry is then completed from it). Raises ``NeedsDecision`` when nothing may be sent,
    and ``NetworkError`` when the lookup could not reach the server (the entry stays pending).
    """
    if getattr(entry, "state", "pending") == "needs_decision":
        raise NeedsDecision(entry)
    if not is_stale(entry):
        return None
    key = entry.idempotency_key
    try:
        lookup = await look_up(client, ledger, entry)
    except NetworkError:
        raise
    except WooshPayError as exc:
        log.warning("late retry %s: the lookup failed (%s); a person decides", key, type(exc).__name__)
        lookup = Lookup(evidence=await _base_evidence(ledger, entry, client, lookup_error=str(exc) or type(exc).__name__))
    if lookup.found is not None:
        from merchant_desk.services.outbox import audit_action, without_secrets

        stored = without_secrets(lookup.found)
        object_id = stored.get("id") if isinstance(stored, dict) else None
        await asyncio.to_thread(
            ledger.complete, key, object_id, stored,
            audit_action=audit_action(entry.kind),
            audit_details={"idempotency_key": key, "request": entry.body, "response": stored, FOUND_DETAIL: True},
        )
        log.info("late retry %s: the server had made %s; recorded, not sent again", key, object_id)
        return lookup.found
    if lookup.made is False:
        log.info("late retry %s: the server holds nothing of this request; sending it again", key)
        return None
    parked = await asyncio.to_thread(
        ledger.mark_needs_decision, key, lookup.evidence, audit_action=NEEDS_DECISION_ACTION
    )
    raise NeedsDecision(parked)


async def look_up(client: Any, ledger: Any, entry: Any) -> Lookup:
    """Ask the server what became of ``entry``'s request (client errors propagate)."""
    kind = entry.kind
    if kind == "refund":
        return await _look_up_refund(client, ledger, entry)
    verb = kind.rpartition(".")[2]
    if verb in _STATUS_AFTER and entry.path.endswith("/" + verb):
        return await _look_up_status(client, ledger, entry, _STATUS_AFTER[verb])
    tag = request_tag(entry.body)
    if tag is None:
        return Lookup(evidence=await _base_evidence(ledger, entry))
    if kind.startswith("payment_intent"):
        page = await client.payment_intents.search(f"metadata['{REQUEST_TAG}']:'{tag}'", limit=10)
        return _match(ledger, entry, [intent.raw for intent in page.data], tag)
    if kind.startswith("checkout_session"):
        return _match(ledger, entry, [s.raw async for s in client.checkout_sessions.list_all(limit=100)], tag)
    if kind.startswith("webhook_endpoint"):
        return _match(ledger, entry, [e.raw async for e in client.webhook_endpoints.list_all(limit=100)], tag)
    return Lookup(evidence=await _base_evidence(ledger, entry))


def _metadata(obj: dict[str, Any]) -> dict[str, Any]:
    metadata = obj.get("metadata")
    return metadata if isinstance(metadata, dict) else {}


def _match(ledger: Any, entry: Any, objects: list[dict[str, Any]], tag: str) -> Lookup:
    for obj in objects:
        if _metadata(obj).get(REQUEST_TAG) == tag:
            return Lookup(found=obj, made=True)
    # The list answered and holds nothing carrying our tag: the request was not made.
    return Lookup(made=False)


async def _look_up_status(client: Any, ledger: Any, entry: Any, status: str) -> Lookup:
    target = await client.request("GET", entry.path.rsplit("/", 1)[0])
    if isinstance(target, dict) and target.get("status") == status:
        return Lookup(found=target, made=True)
    # Still not in that state: the request did nothing (or was undone); sending it again is harmless.
    return Lookup(made=False)


async def _look_up_refund(client: Any, ledger: Any, entry: Any) -> Lookup:
    body = entry.body if isinstance(entry.body, dict) else {}
    intent_id = body.get("payment_intent")
    if not isinstance(intent_id, str) or not intent_id:
        return Lookup(evidence=await _base_evidence(ledger, entry))
    tag = request_tag(body)
    refunds: list[Refund] = []
    async for refund in client.refunds.list_all(payment_intent=intent_id, limit=100):
        refunds.append(refund)
    if tag is not None:
        for refund in refunds:
            if (refund.metadata or {}).get(REQUEST_TAG) == tag:
                return Lookup(found=refund.raw, made=True)
    counted = [r for r in refunds if (r.status or "") not in _RELEASED_REFUND_STATUSES]
    evidence = await _base_evidence(ledger, entry, client, refunded_now=sum(int(r.amount or 0) for r in counted))
    if counted and not evidence.get("currency"):
        evidence["currency"] = (counted[0].currency or "").upper() or None
    amount = body.get("amount")
    # A refund without our tag (made elsewhere, or by a server that drops metadata) of the same amount
    # could be this request's: that cannot be told apart, a person decides.
    lookalikes = [r for r in counted if request_tag({"metadata": r.metadata}) is None and r.amount == amount]
    if tag is not None and not lookalikes:
        return Lookup(made=False, evidence=evidence)
    evidence["lookalike_refunds"] = [r.id for r in lookalikes]
    return Lookup(evidence=evidence)


async def _base_evidence(ledger: Any, entry: Any, client: Any = None, **extra: Any) -> dict[str, Any]:
    """What a person deciding needs: the request, and for refunds what was refunded of the payment when it
    was written (as this app recorded it) and now (as the server reports, when it could be asked)."""
    body = entry.body if isinstance(entry.body, dict) else {}
    evidence: dict[str, Any] = {
        "kind": entry.kind,
        "amount": body.get("amount"),
        "currency": body.get("currency"),
        "payment_intent": body.get("payment_intent"),
        "requested_at": entry.created_at.isoformat(),
        "checked_at": utc_now().isoformat(),
    }
    if entry.kind == "refund":
        evidence["refunded_before"] = await asyncio.to_thread(_refunded_before, ledger, entry)
        evidence.setdefault("refunded_now", None)
        if not evidence["currency"]:
            evidence["currency"] = await asyncio.to_thread(_known_currency, ledger, entry)
        if not evidence["currency"] and client is not None and evidence["payment_intent"]:
            try:
                intent = await client.payment_intents.retrieve(evidence["payment_intent"])
            except WooshPayError:
                pass
            else:
                evidence["currency"] = (intent.currency or "").upper() or None
    evidence.update(extra)
    return evidence


def _refund_entries_of(ledger: Any, entry: Any) -> list[Any]:
    intent_id = entry.body.get("payment_intent") if isinstance(entry.body, dict) else None
    return [
        e for e in ledger.entries(entry.account, kind="refund")
        if isinstance(e.body, dict) and e.body.get("payment_intent") == intent_id
    ]


def _refunded_before(ledger: Any, entry: Any) -> int:
    total = 0
    for other in _refund_entries_of(ledger, entry):
        if other.state != "done" or other.created_at >= entry.created_at:
            continue
        try:
            refund = Refund.from_dict(other.response) if isinstance(other.response, dict) else None
        except ModelError:
            refund = None
        if refund is not None and (refund.status or "") not in _RELEASED_REFUND_STATUSES:
            total += int(refund.amount or 0)
    return total


def _known_currency(ledger: Any, entry: Any) -> str | None:
    for other in _refund_entries_of(ledger, entry):
        if isinstance(other.response, dict) and other.response.get("currency"):
            return str(other.response["currency"]).upper()
    return None
