"""PaymentIntents (§0, §3): create, retrieve, update, confirm, cancel, capture, and the customer's side (pay
or decline at the cashier page). Payment methods are in :mod:`.payment_methods`, search (§3.9) in
:mod:`.payment_intent_search`; lists are :mod:`.listing`'s.

State machine (``→`` marks an event):
  create ─ no payment method ─────────────────────────────── requires_payment_method
         ─ method, no confirm ──────────────────────────────── requires_confirmation
         ─ confirm, wallet (alipayplus, gcash, ...) ────────── requires_action  → .requires_action
         ─ confirm, card ──────────────────────────────────── succeeded / requires_capture (manual)
  cashier pay     requires_action|requires_payment_method|requires_confirmation
                  → succeeded (→ .succeeded) or requires_capture (manual; → .amount_capturable_updated)
  cashier decline → requires_payment_method with last_payment_error (→ .payment_failed)
  capture   requires_capture → succeeded;   cancel   any non-final state → canceled
"""

from __future__ import annotations

from typing import Any

from . import params as p
from . import payment_methods as methods
from .encoded import Encoded, to_json
from .errors import ApiError, invalid, not_found, unexpected_state
from .ids import new_id, random_chars
from .state import SandboxState, public

FINAL = ("succeeded", "canceled")
CANCELABLE = ("requires_payment_method", "requires_capture", "requires_confirmation", "requires_action")
PAYABLE = ("requires_action", "requires_payment_method", "requires_confirmation")
UPDATABLE = (
    "description", "merchant_order_id", "merchant_user_id", "return_url", "receipt_email",
    "statement_descriptor", "statement_descriptor_suffix", "customer",
)
def _load(state: SandboxState, intent_id: str) -> dict[str, Any]:
    intent = state.store.get("payment_intent", intent_id)
    if intent is None:
        raise not_found("payment_intent", intent_id)
    return intent


def _shown(intent: dict[str, Any]) -> Encoded:
    """The intent as the API shows it (no ``_sandbox``), encoded once for the store, its events and the answer."""
    sandbox = intent.pop("_sandbox", None)
    try:
        return Encoded(intent, to_json(intent))
    finally:
        if sandbox is not None:
            intent["_sandbox"] = sandbox


def _save(state: SandboxState, intent: dict[str, Any]) -> Encoded:
    """Store the intent; returns what the API shows of it now."""
    shown = _shown(intent)
    sandbox = intent.get("_sandbox")
    # The stored row is the shown JSON with the private bookkeeping appended as its last key.
    text = shown.text if sandbox is None else f'{shown.text[:-1]},"_sandbox":{to_json(sandbox)}}}'
    state.store.put("payment_intent", intent, text=text)
    return shown


def _emit(state: SandboxState, event_type: str, shown: Encoded, req: dict[str, Any] | None) -> None:
    state.bus.emit(event_type, shown, req, obj_text=shown.text)


def retrieve(state: SandboxState, intent_id: str) -> dict[str, Any]:
    return public(_load(state, intent_id))


def create(state: SandboxState, params: dict[str, Any], req: dict[str, Any] | None) -> dict[str, Any]:
    amount = p.amount(params.get("amount"), "amount")
    currency = p.currency(params.get("currency"))
    capture_method = params.get("capture_method") or "automatic"
    if capture_method not in ("automatic", "manual"):
        raise invalid("capture_method", "capture_method must be automatic or manual.", "parameter_invalid_enum")
    types = p.string_list(params.get("payment_method_types"), "payment_method_types")
    method_data = p.mapping(params.get("payment_method_data"), "payment_method_data")
    method_type = methods.requested_type(method_data)
    if types is None:
        types = list(methods.DEFAULT_METHOD_TYPES)
    methods.check_types(types)
    if method_type and method_type not in types:
        types.append(method_type)
    methods.check_currency(currency, method_type or ("alipayplus" if types == ["alipayplus"] else None))
    confirm = p.boolean(params.get("confirm"), "confirm")
    intent_id = new_id("pi")
    intent: dict[str, Any] = {
        "id": intent_id,
        "object": "payment_intent",
        "amount": amount,
        "amount_capturable": 0,
        "amount_received": 0,
        "canceled_at": None,
        "cancellation_reason": None,
        "capture_method": capture_method,
        "client_secret": f"{intent_id}_secret_{random_chars(24)}",
        "confirmation_method": "automatic",
        "created": state.store.now_ms(),
        "currency": currency,
        "customer": p.string(params.get("customer"), "customer"),
        "description": p.string(params.get("description"), "description"),
        "last_payment_error": None,
        "latest_charge": None,
        "livemode": False,
        "merchant_order_id": p.string(params.get("merchant_order_id"), "merchant_order_id"),
        "merchant_user_id": p.string(params.get("merchant_user_id"), "merchant_user_id"),
        "metadata": p.metadata(params.get("metadata")) or {},
        "next_action": None,
        "payment_method": None,
        "payment_method_details": None,
        "payment_method_options": p.mapping(params.get("payment_method_options"), "payment_method_options") or {},
        "payment_method_types": types,
        "receipt_email": p.string(params.get("receipt_email"), "receipt_email"),
        "return_url": p.string(params.get("return_url"), "return_url"),
        "shipping": p.mapping(params.get("shipping"), "shipping"),
        "statement_descriptor": p.string(params.get("statement_descriptor"), "statement_descriptor"),
        "statement_descriptor_suffix": p.string(params.get("statement_descriptor_suffix"), "statement_descriptor_suffix"),
        "status": "requires_payment_method",
        "_sandbox": {"method_type": None, "card_number": None, "checkout_session": None},
    }
    if method_type:
        methods.attach_method(intent, method_type, method_data)
        intent["status"] = "requires_confirmation"
    shown = _shown(intent) if confirm else _save(state, intent)
    _emit(state, "payment_intent.created", shown, req)
    if confirm:
        shown = _confirm(state, intent, req)  # saves the confirmed intent (or raises, and the request stores nothing)
    return shown


def create_for_session(
    state: SandboxState, session_id: str, amount: int, currency: str, types: list[str], options: dict[str, Any],
    metadata: dict[str, Any], req: dict[str, Any] | None,
) -> dict[str, Any]:
    """The PaymentIntent a Checkout Session creates with itself (§6.2); paid through the session page."""
    intent = create(
        state,
        {
            "amount": amount, "currency": currency, "payment_method_types": types,
            "payment_method_options": options, "metadata": metadata,
        },
        req,
    )
    stored = _load(state, intent["id"])
    stored["_sandbox"]["checkout_session"] = session_id
    return _save(state, stored)


def _confirm(state: SandboxState, intent: dict[str, Any], req: dict[str, Any] | None) -> Encoded:
    method_type = intent["_sandbox"]["method_type"]
    if method_type is None:
        if "alipayplus" not in intent["payment_method_types"]:
            raise ApiError(
                400,
                "You cannot confirm this PaymentIntent because it has no payment method; send payment_method_data.",
                code="payment_intent_unexpected_state",
                param="payment_method_data",
            )
        # The sandbox's own focus: with no method named, Alipay+ is what the customer is offered.
        methods.check_currency(intent["currency"], "alipayplus")
        methods.attach_method(intent, "alipayplus", None)
        method_type = "alipayplus"
    intent["last_payment_error"] = None
    if method_type == "card":
        options = intent["payment_method_options"].get("card") or {}
        if options.get("request_three_d_secure") != "any":
            if intent["_sandbox"]["card_number"] == methods.DECLINE_CARD:
                return _fail(state, intent, "card", "Your card was declined.", req, code="card_declined")
            return _succeed(state, intent, "card", req)
    intent["status"] = "requires_action"
    intent["next_action"] = methods.redirect(state, intent["id"], method_type)
    shown = _save(state, intent)
    _emit(state, "payment_intent.requires_action", shown, req)
    return shown


def _succeed(state: SandboxState, intent: dict[str, Any], wallet: str, req: dict[str, Any] | None) -> Encoded:
    intent["next_action"] = None
    intent["last_payment_error"] = None
    intent["latest_charge"] = new_id("ch")
    intent["_sandbox"]["wallet"] = wallet
    # Where the chosen wallet shows (a sandbox convention; WooshPay does not document it): reports group by it,
    # and a client can explain the wallet's refund rules (merchant_desk.wallets) before it refunds.
    intent["payment_method_details"] = {"type": intent["_sandbox"]["method_type"] or "alipayplus",
                                        intent["_sandbox"]["method_type"] or "alipayplus": {"wallet": wallet}}
    if intent["capture_method"] == "manual":
        intent["status"] = "requires_capture"
        intent["amount_capturable"] = intent["amount"]
        shown = _save(state, intent)
        _emit(state, "payment_intent.amount_capturable_updated", shown, req)
    else:
        intent["status"] = "succeeded"
        intent["amount_received"] = intent["amount"]
        shown = _save(state, intent)
        _emit(state, "payment_intent.succeeded", shown, req)
    return shown


def _fail(
    state: SandboxState, intent: dict[str, Any], wallet: str, message: str, req: dict[str, Any] | None,
    code: str = "payment_method_customer_decline",
) -> Encoded:
    intent["status"] = "requires_payment_method"
    intent["next_action"] = None
    intent["last_payment_error"] = {
        "type": "card_error",
        "code": code,
        "message": message,
        "payment_method_type": intent["_sandbox"]["method_type"],
        "wallet": wallet,
    }
    shown = _save(state, intent)
    _emit(state, "payment_intent.payment_failed", shown, req)
    return shown


def pay(state: SandboxState, intent_id: str, wallet: str, req: dict[str, Any] | None = None) -> dict[str, Any]:
    intent = _load(state, intent_id)
    if intent["status"] not in PAYABLE:
        raise unexpected_state(f"This PaymentIntent is {intent['status']} and cannot be paid.")
    if intent["_sandbox"]["method_type"] is None:
        methods.attach_method(intent, "alipayplus", None)
    return _succeed(state, intent, wallet, req)


def decline(state: SandboxState, intent_id: str, wallet: str, req: dict[str, Any] | None = None) -> dict[str, Any]:
    intent = _load(state, intent_id)
    if intent["status"] not in PAYABLE:
        raise unexpected_state(f"This PaymentIntent is {intent['status']} and cannot be paid.")
    return _fail(state, intent, wallet, f"The customer declined the payment in {wallet}.", req)


def confirm(state: SandboxState, intent_id: str, params: dict[str, Any], req: dict[str, Any] | None) -> dict[str, Any]:
    intent = _load(state, intent_id)
    if intent["status"] not in ("requires_payment_method", "requires_confirmation"):
        raise unexpected_state(
            f"You cannot confirm this PaymentIntent because it has a status of {intent['status']}."
        )
    method_data = p.mapping(params.get("payment_method_data"), "payment_method_data")
    method_type = methods.requested_type(method_data)
    options = p.mapping(params.get("payment_method_options"), "payment_method_options")
    if options is not None:
        intent["payment_method_options"] = options
    if params.get("return_url") is not None:
        intent["return_url"] = p.string(params.get("return_url"), "return_url")
    if method_type:
        methods.check_currency(intent["currency"], method_type)
        if method_type not in intent["payment_method_types"]:
            intent["payment_method_types"].append(method_type)
        methods.attach_method(intent, method_type, method_data)
    elif params.get("payment_method"):
        pm = p.string(params.get("payment_method"), "payment_method")
        if pm != intent["payment_method"]:
            raise not_found("payment_method", str(pm), param="payment_method")
    return _confirm(state, intent, req)


def cancel(state: SandboxState, intent_id: str, params: dict[str, Any], req: dict[str, Any] | None) -> dict[str, Any]:
    intent = _load(state, intent_id)
    reason = p.string(params.get("cancellation_reason"), "cancellation_reason", required=True)
    if intent["_sandbox"].get("checkout_session"):
        raise unexpected_state(
            "This PaymentIntent belongs to a Checkout Session and cannot be canceled; expire the session instead."
        )
    if intent["status"] not in CANCELABLE:
        raise unexpected_state(f"You cannot cancel this PaymentIntent because it has a status of {intent['status']}.")
    return _cancel(state, intent, reason, req)


def _cancel(state: SandboxState, intent: dict[str, Any], reason: str | None, req: dict[str, Any] | None) -> Encoded:
    intent["status"] = "canceled"
    intent["cancellation_reason"] = reason
    intent["canceled_at"] = state.store.now_ms()
    intent["next_action"] = None
    intent["amount_capturable"] = 0
    shown = _save(state, intent)
    _emit(state, "payment_intent.canceled", shown, req)
    return shown


def cancel_for_session(state: SandboxState, intent_id: str, req: dict[str, Any] | None) -> None:
    intent = _load(state, intent_id)
    if intent["status"] in CANCELABLE:
        # Stripe names this reason when a session expires (likely as Stripe).
        _cancel(state, intent, "abandoned", req)


def capture(state: SandboxState, intent_id: str, params: dict[str, Any], req: dict[str, Any] | None) -> dict[str, Any]:
    intent = _load(state, intent_id)
    if intent["status"] != "requires_capture":
        raise unexpected_state(f"You cannot capture this PaymentIntent because it has a status of {intent['status']}.")
    to_capture = p.amount(params.get("amount_to_capture"), "amount_to_capture", required=False) or intent["amount"]
    if to_capture > intent["amount_capturable"]:
        raise ApiError(
            400,
            f"amount_to_capture ({to_capture}) is greater than the capturable amount ({intent['amount_capturable']}).",
            code="amount_too_large",
            param="amount_to_capture",
        )
    intent["status"] = "succeeded"
    intent["amount_received"] = to_capture
    intent["amount_capturable"] = 0  # a partial capture releases the rest (§3.6)
    shown = _save(state, intent)
    _emit(state, "payment_intent.succeeded", shown, req)
    return shown


def update(state: SandboxState, intent_id: str, params: dict[str, Any]) -> dict[str, Any]:
    intent = _load(state, intent_id)
    if intent["status"] in FINAL:
        raise unexpected_state(f"You cannot update this PaymentIntent because it has a status of {intent['status']}.")
    if "amount" in params or "currency" in params:
        # The amount of an authorised payment is what was authorised, and a session's intent carries the
        # session's total (likely as Stripe: neither can change).
        if intent["status"] == "requires_capture":
            raise unexpected_state("You cannot change the amount of an authorised PaymentIntent; capture less instead.")
        if intent["_sandbox"].get("checkout_session"):
            raise unexpected_state("This PaymentIntent belongs to a Checkout Session; its amount follows the session.")
    if "amount" in params:
        intent["amount"] = p.amount(params["amount"], "amount")
    if "currency" in params:
        intent["currency"] = p.currency(params["currency"])
        methods.check_currency(intent["currency"], intent["_sandbox"]["method_type"])
    for name in UPDATABLE:
        if name in params:
            intent[name] = p.string(params[name], name) or None
    if "metadata" in params:
        intent["metadata"] = p.metadata(params["metadata"], base=intent["metadata"]) or {}
    if "payment_method_types" in params:
        types = p.string_list(params["payment_method_types"], "payment_method_types", required=True)
        assert types is not None
        methods.check_types(types)
        intent["payment_method_types"] = types
    if "payment_method_options" in params:
        intent["payment_method_options"] = p.mapping(params["payment_method_options"], "payment_method_options") or {}
    if "shipping" in params:
        intent["shipping"] = p.mapping(params["shipping"], "shipping")
    if "capture_method" in params:
        if params["capture_method"] not in ("automatic", "manual"):
            raise invalid("capture_method", "capture_method must be automatic or manual.", "parameter_invalid_enum")
        intent["capture_method"] = params["capture_method"]
    return _save(state, intent)
