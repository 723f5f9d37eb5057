"""Refunds (§0, §4): only from a succeeded intent, defaulting to the refundable remainder; each one
succeeds at once and fires ``charge.refund.updated``."""

from __future__ import annotations

from typing import Any

from merchant_desk.wallets import refund_rule

from . import params as p
from .errors import ApiError, invalid, missing, not_found
from .ids import new_id
from .listing import list_page, text_param
from .state import SandboxState, public

REASONS = ("duplicate", "fraudulent", "requested_by_customer", "resolved_dispute")


def refunded_total(state: SandboxState, intent_id: str) -> int:
    return state.store.refund_totals(intent_id)[0]


def _check_wallet_rule(intent: dict[str, Any], amount: int, refunds_so_far: int) -> None:
    """The paying wallet's published refund rules (merchant_desk.wallets); unknown wallets allow anything."""
    sandbox = intent.get("_sandbox") or {}
    rule = refund_rule(sandbox.get("wallet")) or refund_rule(sandbox.get("method_type"))
    if rule is None:
        return
    if not rule.refunds:
        raise ApiError(
            400, f"{rule.wallet} payments cannot be refunded.", code="refund_not_supported", param="payment_intent"
        )
    if not rule.partial and amount < intent["amount_received"]:
        raise ApiError(
            400, f"{rule.wallet} allows only full refunds; refund {intent['amount_received']}.",
            code="partial_refund_not_supported", param="amount",
        )
    if not rule.multiple_partial and refunds_so_far > 0:
        raise ApiError(
            400,
            f"{rule.wallet} allows one refund per payment, and this payment has been refunded already.",
            code="multiple_refunds_not_supported",
            param="payment_intent",
        )


def create(state: SandboxState, params: dict[str, Any], req: dict[str, Any] | None) -> dict[str, Any]:
    intent_id = p.string(params.get("payment_intent"), "payment_intent")
    if not intent_id:
        raise missing("payment_intent")
    intent = state.store.get("payment_intent", intent_id)
    if intent is None:
        raise not_found("payment_intent", intent_id, param="payment_intent")
    reason = params.get("reason") or None
    if reason is not None and reason not in REASONS:
        raise invalid("reason", f"Invalid reason: must be one of {', '.join(REASONS)}.", "parameter_invalid_enum")
    if intent["status"] != "succeeded":
        raise ApiError(
            400,
            f"This PaymentIntent is {intent['status']}; only a succeeded payment can be refunded.",
            code="payment_intent_unexpected_state",
            param="payment_intent",
        )
    refunded, refunds_so_far = state.store.refund_totals(intent_id)
    remainder = intent["amount_received"] - refunded
    raw_amount = params.get("amount")
    if raw_amount is None or raw_amount == "":
        if remainder <= 0:
            raise ApiError(
                400, "This payment has already been refunded in full.", code="charge_already_refunded",
                param="payment_intent",
            )
        amount = remainder
    else:
        amount = p.amount(raw_amount, "amount")
        assert amount is not None
        if amount > remainder:
            raise ApiError(
                400,
                f"Refund amount ({amount}) is greater than the refundable remainder ({remainder}).",
                code="amount_too_large",
                param="amount",
            )
    _check_wallet_rule(intent, amount, refunds_so_far)
    refund = {
        "id": new_id("re"),
        "object": "refund",
        "amount": amount,
        "created": state.store.now_ms(),
        "currency": intent["currency"],
        "metadata": p.metadata(params.get("metadata")),  # null when none is given, as WooshPay's example
        "reason": reason,
        "status": "succeeded",
        "description": p.string(params.get("description"), "description"),
        "payment_intent": intent_id,
        "failure_reason": None,
    }
    state.store.put("refund", refund, ref=intent_id)
    state.bus.emit("charge.refund.updated", refund, req)
    return refund


def retrieve(state: SandboxState, refund_id: str) -> dict[str, Any]:
    refund = state.store.get("refund", refund_id)
    if refund is None:
        raise not_found("refund", refund_id)
    return public(refund)


def list_refunds(state: SandboxState, query: dict[str, Any]) -> dict[str, Any]:
    return list_page(state.store, "refund", query, "/v1/refunds", ref=text_param(query, "payment_intent"))
