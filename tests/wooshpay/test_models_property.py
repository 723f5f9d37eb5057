"""Property: every model's from_dict, fed any JSON value, returns a model or raises ModelError; nothing else."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from merchant_desk.wooshpay import (
    CheckoutSession,
    DeletedObject,
    Event,
    LineItem,
    ListPage,
    ModelError,
    PaymentIntent,
    Price,
    Product,
    Refund,
    WebhookEndpoint,
)

MODELS = [PaymentIntent, Refund, WebhookEndpoint, DeletedObject, CheckoutSession, LineItem, Price, Product, Event]

FIELD_NAMES = sorted(
    {
        "id", "object", "amount", "currency", "status", "created", "livemode", "live_mode", "description",
        "metadata", "merchant_order_id", "client_secret", "next_action", "last_payment_error",
        "payment_method_types", "payment_method_options", "cancellation_reason", "amount_received",
        "return_url", "capture_method", "reason", "payment_intent", "failure_reason", "url", "enabled_events",
        "api_version", "secret", "deleted", "payment_status", "amount_subtotal", "amount_total",
        "success_url", "cancel_url", "expires_at", "client_reference_id", "line_items", "quantity", "price",
        "product", "unit_amount", "type", "name", "active", "data", "request", "has_more", "next_page",
        "alipayplus_handle_redirect", "normalUrl",
    }
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**25), max_value=10**25)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(["", "[", "{", "[]", "{}", "1692588799000", "1692588799", "true", "null", "[\"card\"]"])
)


def _encoded(values):
    # §2.4: JSON sent as a string inside JSON.
    return values.map(lambda v: json.dumps(v))


json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), children, max_size=6)
        | _encoded(children)
    ),
    max_leaves=30,
)

objects = st.dictionaries(st.sampled_from(FIELD_NAMES), json_values, max_size=12)
anything = json_values | objects | objects.map(lambda d: {**d, "id": "x_1"})


def _read(reader, value):
    try:
        result = reader(value)
    except ModelError:
        return None
    return result


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=anything)
def test_every_model_reads_any_json_or_raises_model_error(value):
    for model in MODELS:
        result = _read(model.from_dict, value)
        if result is not None:
            assert isinstance(result, model)
            assert isinstance(result.raw, dict)
    for model in (PaymentIntent, Refund, LineItem, Event):
        page = _read(lambda v, m=model: ListPage.from_dict(v, m), value)
        if page is not None:
            assert all(isinstance(item, model) for item in page.data)


@settings(max_examples=200, deadline=None)
@given(value=objects)
def test_derived_properties_never_raise(value):
    intent = _read(PaymentIntent.from_dict, {**value, "id": "pi_1"})
    assert intent is not None  # with an id, any object of JSON values is readable
    assert intent.cashier_url is None or isinstance(intent.cashier_url, str)
    assert isinstance(intent.is_final, bool)
    assert isinstance(intent.payment_method_types, list) and isinstance(intent.metadata, dict)
    session = _read(CheckoutSession.from_dict, {**value, "id": "cs_1"})
    assert session is not None and all(isinstance(i, LineItem) for i in session.line_items)


@settings(max_examples=100, deadline=None)
@given(value=json_values)
def test_round_trip_through_json_text_is_no_different(value):
    # What the client really sees is JSON text; anything json.loads gives back must be handled too.
    decoded = json.loads(json.dumps(value, allow_nan=True))
    for model in MODELS:
        _read(model.from_dict, decoded)
