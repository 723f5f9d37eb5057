"""Which wallet paid a payment, and whether its published refund rule allows another refund.

The rule table is ``merchant_desk.wallets``. The paying wallet is read defensively from the intent as
received: the API's shape for it is not published, so several places are tried (a ``wallet`` field,
``payment_method_details``, an expanded ``latest_charge``, a single wallet method type).
"""

from __future__ import annotations

from typing import Any

from merchant_desk import wallets
from merchant_desk.services.refunds import RefundNotAllowed, RefundSummary, counts_as_refunded


class WalletRuleRefusal(RefundNotAllowed):
    """Refused before sending: the wallet allows no further refund of this payment."""

    def __init__(self, rule: wallets.RefundRule, refunds_so_far: int) -> None:
        super().__init__(
            "wallet_rule", f"{rule.wallet} allows one refund per payment, and this payment has already been refunded."
        )
        self.rule = rule
        self.refunds_so_far = refunds_so_far


def _wallet_in(details: Any) -> str | None:
    if not isinstance(details, dict):
        return None
    for key in ("wallet", "wallet_name", "customer_wallet"):
        value = details.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    method_type = details.get("type")
    if isinstance(method_type, str):
        nested = _wallet_in(details.get(method_type))
        if nested:
            return nested
        if wallets.refund_rule(method_type) is not None:
            return method_type
    return None


def paying_wallet(intent: Any) -> str | None:
    """The wallet (or wallet method type) that paid ``intent``, when the server says; else None."""
    raw = getattr(intent, "raw", None)
    if not isinstance(raw, dict):
        return None
    for candidate in (raw, raw.get("payment_method_details"), raw.get("payment_method")):
        found = _wallet_in(candidate)
        if found:
            return found
    charge = raw.get("latest_charge")
    if isinstance(charge, dict):
        found = _wallet_in(charge) or _wallet_in(charge.get("payment_method_details"))
        if found:
            return found
    types = raw.get("payment_method_types")
    if isinstance(types, list) and len(types) == 1 and isinstance(types[0], str):
        if wallets.refund_rule(types[0]) is not None:
            return types[0]
    return None


def wallet_rule(summary: RefundSummary) -> wallets.RefundRule | None:
    """The published refund rule of the wallet that paid, when both are known."""
    return wallets.refund_rule(paying_wallet(summary.intent)) if summary.intent is not None else None


def wallet_refusal(summary: RefundSummary) -> WalletRuleRefusal | None:
    """Why the paying wallet allows no further refund of this payment; None when it does or is unknown.

    After any refund, a further one is a second partial refund of the payment (even of the whole
    remainder), which a wallet without multiple partial refunds refuses.
    """
    rule = wallet_rule(summary)
    refunds_so_far = sum(1 for r in summary.refunds if counts_as_refunded(r)) + len(summary.pending_keys)
    wallet = paying_wallet(summary.intent)
    if rule is None or wallets.allows_another_partial(wallet, refunds_so_far):
        return None
    return WalletRuleRefusal(rule, refunds_so_far)
