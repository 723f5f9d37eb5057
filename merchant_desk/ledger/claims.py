"""What a claim is taken on. Everything that moves money of one payment (a refund, a cancel) claims the
payment itself, so two tills can never send such requests for one payment at once, whatever their
idempotency keys; any other request claims its own outbox entry."""

from __future__ import annotations

import re
from typing import Any

_PAYMENT_PATH = re.compile(r"^/v1/payment_intents/(?P<id>[^/]+)/(cancel|capture)$")


def payment_key(payment_intent: str) -> str:
    return f"payment_intent:{payment_intent}"


def entry_key(idempotency_key: str) -> str:
    return f"outbox:{idempotency_key}"


def claim_key_for(kind: str, path: str, body: Any, idempotency_key: str) -> str:
    """The claim an outbox entry needs before it is sent."""
    if kind == "refund" and isinstance(body, dict) and isinstance(body.get("payment_intent"), str):
        return payment_key(body["payment_intent"])
    match = _PAYMENT_PATH.match(path)
    if match:
        return payment_key(match.group("id"))
    return entry_key(idempotency_key)


def claim_key_of(entry: Any) -> str:
    return claim_key_for(entry.kind, entry.path, entry.body, entry.idempotency_key)
