"""``GET /v1/balance`` (docs/api-assumptions.md, A-BALANCE): ``{"object": "balance", "available": [{amount, currency}], "pending": [...]}``
with lowercase currencies, as WooshPay's (Stripe-copied) balance page shows it.

A sandbox convention, not WooshPay behaviour: what succeeded payments took in, less their refunds, is
``pending`` for two days after the payment and ``available`` after that. Nothing is ever paid out.
"""

from __future__ import annotations

from typing import Any

from .state import SandboxState

SETTLEMENT_MS = 2 * 24 * 3600 * 1000
_COUNTED_REFUNDS = ("succeeded", "pending")


def balance(state: SandboxState) -> dict[str, Any]:
    store = state.store
    now = store.now_ms()
    refunded: dict[str, int] = {}
    for refund in store.all("refund"):
        if refund.get("status") in _COUNTED_REFUNDS:
            key = refund.get("payment_intent") or ""
            refunded[key] = refunded.get(key, 0) + int(refund.get("amount") or 0)
    available: dict[str, int] = {}
    pending: dict[str, int] = {}
    for intent in store.all("payment_intent"):
        if intent.get("status") != "succeeded":
            continue
        net = int(intent.get("amount_received") or 0) - refunded.get(intent["id"], 0)
        bucket = pending if now - int(intent.get("created") or 0) < SETTLEMENT_MS else available
        code = str(intent["currency"]).lower()
        bucket[code] = bucket.get(code, 0) + net
    codes = sorted(set(available) | set(pending))
    return {
        "object": "balance",
        "livemode": False,
        "available": [{"amount": available.get(c, 0), "currency": c} for c in codes],
        "pending": [{"amount": pending.get(c, 0), "currency": c} for c in codes],
    }
