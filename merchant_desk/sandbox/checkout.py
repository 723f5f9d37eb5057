"""Checkout Sessions (§0, §6): one currency per session, one-time prices only when Alipay+ is offered,
a PaymentIntent created with the session, expiry 24 h after creation (checked lazily on every read)."""

from __future__ import annotations

from typing import Any

from . import params as p
from . import payment_intents
from .errors import ApiError, invalid, missing, not_found
from .ids import new_id
from .listing import list_page, text_param
from .state import ALIPAYPLUS_CURRENCIES, SandboxState, public

LIFETIME_MS = 24 * 3600 * 1000


def _offers_alipayplus(types: list[str] | None, options: dict[str, Any] | None) -> bool:
    return "alipayplus" in (types or []) or "alipayplus" in (options or {})


def _line_item(state: SandboxState, index: int, raw: Any, now: int) -> dict[str, Any]:
    param = f"line_items[{index}]"
    if not isinstance(raw, dict):
        raise invalid(param, f"{param} must be an object with price_data and quantity.")
    if raw.get("price"):
        raise ApiError(
            400, f"No such price: '{raw['price']}'; the sandbox takes price_data only.",
            code="resource_missing", param=f"{param}[price]",
        )
    data = p.mapping(raw.get("price_data"), f"{param}[price_data]")
    if data is None:
        raise missing(f"{param}[price_data]")
    quantity = p.amount(raw.get("quantity", 1), f"{param}[quantity]")
    assert quantity is not None
    currency = p.currency(data.get("currency"), f"{param}[price_data][currency]")
    unit_amount = p.amount(data.get("unit_amount"), f"{param}[price_data][unit_amount]")
    assert unit_amount is not None
    recurring = data.get("recurring")
    product_data = p.mapping(data.get("product_data"), f"{param}[price_data][product_data]") or {}
    name = product_data.get("name")
    if not name and not data.get("product"):
        raise missing(f"{param}[price_data][product_data][name]")
    product = {
        "id": data.get("product") or product_data.get("id") or new_id("prod"),
        "object": "product",
        "created": now,
        "active": product_data.get("active", True),
        "description": product_data.get("description"),
        "metadata": product_data.get("metadata") or {},
        "name": name or data.get("product"),
        "livemode": False,
        "url": product_data.get("url"),
        "updated": now,
        "images": product_data.get("images"),
    }
    price = {
        "id": new_id("price"),
        "object": "price",
        "created": now,
        "active": data.get("active", True),
        "currency": currency,
        "metadata": data.get("metadata") or {},
        "nickname": data.get("nickname"),
        "product": product,
        "type": "recurring" if recurring else "one_time",
        "recurring": recurring or None,
        "livemode": False,
        "unit_amount": unit_amount,
        "billing_scheme": "per_unit",
        "lookup_key": data.get("lookup_key"),
    }
    total = unit_amount * quantity
    return {
        "id": new_id("li"),
        "object": "item",
        "currency": currency,
        "description": product["name"],
        "price": price,
        "quantity": quantity,
        "amount_subtotal": total,
        "amount_total": total,
    }


def create(state: SandboxState, params: dict[str, Any], req: dict[str, Any] | None) -> dict[str, Any]:
    mode = params.get("mode") or "payment"
    if mode != "payment":
        raise invalid("mode", f"The sandbox supports mode 'payment' only (got {mode!r}).", "parameter_invalid_enum")
    raw_items = params.get("line_items")
    if not raw_items:
        raise missing("line_items")
    if not isinstance(raw_items, list):
        raise invalid("line_items", "line_items must be an array.")
    types = p.string_list(params.get("payment_method_types"), "payment_method_types")
    options = p.mapping(params.get("payment_method_options"), "payment_method_options")
    now = state.store.now_ms()
    items = [_line_item(state, i, raw, now) for i, raw in enumerate(raw_items)]
    currencies = {item["currency"] for item in items}
    if len(currencies) > 1:
        raise invalid(
            "line_items",
            f"All line items must use the same currency (got {', '.join(sorted(currencies))}); "
            "create one session per currency.",
            "currency_mismatch",
        )
    currency = items[0]["currency"]
    if _offers_alipayplus(types, options):
        for i, item in enumerate(items):
            if item["price"]["type"] != "one_time":
                raise invalid(
                    f"line_items[{i}][price_data][recurring]",
                    "Alipay+ checkout takes one-time prices only.",
                    "parameter_invalid",
                )
    total = sum(item["amount_total"] for item in items)
    session_id = new_id("cs")
    metadata = p.metadata(params.get("metadata")) or {}
    intent_types = types or (["alipayplus"] if currency in ALIPAYPLUS_CURRENCIES else ["card"])
    intent = payment_intents.create_for_session(
        state, session_id, total, currency, intent_types, options or {}, metadata, req
    )
    session = {
        "id": session_id,
        "object": "checkout.session",
        "amount_subtotal": total,
        "amount_total": total,
        "billing_address_collection": params.get("billing_address_collection") or "auto",
        "cancel_url": p.string(params.get("cancel_url"), "cancel_url"),
        "client_reference_id": p.string(params.get("client_reference_id"), "client_reference_id"),
        "client_secret": intent["client_secret"],
        "created": now,
        "currency": currency,
        "customer": p.string(params.get("customer"), "customer") or "",
        "customer_email": p.string(params.get("customer_email"), "customer_email"),
        "expires_at": now + LIFETIME_MS,
        "line_items": {"object": "list", "data": items, "url": None, "has_more": None},
        "livemode": False,
        "metadata": metadata,
        "mode": mode,
        "payment_intent": intent["id"],
        "payment_link": "",
        "payment_method_options": options,
        "payment_method_types": types,
        "payment_status": "unpaid",
        "phone_number_collection": None,
        "shipping": None,
        "shipping_address_collection": None,
        "status": "open",
        "success_url": p.string(params.get("success_url"), "success_url"),
        "url": state.checkout_url(session_id),
    }
    state.store.put("checkout_session", session, ref=intent["id"])
    return session


def _load(state: SandboxState, session_id: str) -> dict[str, Any]:
    session = state.store.get("checkout_session", session_id)
    if session is None:
        raise not_found("checkout.session", session_id)
    return _expire_if_due(state, session)


def _expire_if_due(state: SandboxState, session: dict[str, Any]) -> dict[str, Any]:
    if session["status"] == "open" and state.store.now_ms() >= session["expires_at"]:
        _expire(state, session, None)
    return session


def _expire(state: SandboxState, session: dict[str, Any], req: dict[str, Any] | None) -> None:
    session["status"] = "expired"
    session["url"] = None  # likely as Stripe: an expired session has no page to send customers to
    state.store.put("checkout_session", session, ref=session["payment_intent"])
    payment_intents.cancel_for_session(state, session["payment_intent"], req)
    state.bus.emit("checkout.session.expired", public(session), req)


def expire_due(state: SandboxState) -> None:
    for session_id in state.store.expired("checkout_session", state.store.now_ms()):
        session = state.store.get("checkout_session", session_id)
        if session is not None:
            _expire_if_due(state, session)


def retrieve(state: SandboxState, session_id: str) -> dict[str, Any]:
    return public(_load(state, session_id))


def expire(state: SandboxState, session_id: str, req: dict[str, Any] | None) -> dict[str, Any]:
    session = _load(state, session_id)
    if session["status"] != "open":
        raise ApiError(
            400, f"Only an open session can be expired; this one is {session['status']}.",
            code="session_unexpected_state",
        )
    _expire(state, session, req)
    return public(session)


def line_items(state: SandboxState, session_id: str, query: dict[str, Any]) -> dict[str, Any]:
    from .listing import limit_param

    session = _load(state, session_id)
    items = session["line_items"]["data"]
    ids = [i["id"] for i in items]
    start = 0
    if query.get("starting_after") in ids:
        start = ids.index(query["starting_after"]) + 1
    limit = limit_param(query)
    page = items[start : start + limit]
    return {
        "object": "list",
        "url": f"/v1/checkout/sessions/{session_id}/line_items",
        "has_more": start + limit < len(items),
        "data": page,
    }


def list_sessions(state: SandboxState, query: dict[str, Any]) -> dict[str, Any]:
    expire_due(state)
    return list_page(
        state.store, "checkout_session", query, "/v1/checkout/sessions/list", ref=text_param(query, "payment_intent")
    )


def pay(state: SandboxState, session_id: str, wallet: str, *, decline: bool = False) -> dict[str, Any]:
    session = _load(state, session_id)
    if session["status"] != "open":
        raise ApiError(400, f"This checkout session is {session['status']}.", code="session_unexpected_state")
    if decline:
        payment_intents.decline(state, session["payment_intent"], wallet)
        return public(session)
    payment_intents.pay(state, session["payment_intent"], wallet)
    session["status"] = "complete"
    session["payment_status"] = "paid"
    state.store.put("checkout_session", session, ref=session["payment_intent"])
    state.bus.emit("checkout.session.completed", public(session), None)
    return public(session)
