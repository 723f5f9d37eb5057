"""Refunds (§0, §4): only from a succeeded intent, defaulting to the refundable remainder; each one
succeeds at once and fires ``charge.refund.updated``."""

from __future__ import annotations

from typing import Any

from . import params as p
from .errors import ApiError, invalid, missing, not_found
from .ids import new_id
from .listing import list_page, text_param
from .state import SandboxState, public

REASONS = ("duplicate", "fraudulent", "requested_by_customer", "resolved_dispute")


def refunded_total(state: SandboxState, intent_id: str) -> int:
    return state.store.refund_totals(intent_id)[0]


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
    remainder = intent["amount_received"] - refunded_total(state, intent_id)
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
    refund = {
        "id": new_id("re"),
        "object": "refund",
        "amount": amount,
        "created": state.store.now_ms(),
        "currency": intent["currency"],
        "metadata": p.metadata(params.get("metadata")),
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
