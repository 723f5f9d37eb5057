"""Tolerant reading of the wire shapes in docs/wooshpay-api.md §0 (authoritative) and the quirks of §2.4."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from merchant_desk.wooshpay import (
    CheckoutSession,
    DeletedObject,
    Event,
    LineItem,
    ListPage,
    ModelError,
    PaymentIntent,
    Refund,
    WebhookEndpoint,
    parse_timestamp,
)

NORMAL_URL = (
    "https://open-sea.alipayplus.com/api/open/v1/ac/cashier/self/codevalue/checkout.htm"
    "?codeValue=281666040093Ab9RVP49jpe2t3Jz"
)

# §0: the create-PaymentIntent answer of the Alipay+ guide.
PI_CREATE_RESPONSE = {
    "id": "pi_1693466278934609920",
    "object": "payment_intent",
    "created": 1692588799000,
    "currency": "IDR",
    "amount": 200,
    "status": "requires_action",
    "livemode": False,
    "client_secret": "pi_1693466278934609920_secret_WKtUP8YmKmUKxcQPV0Zrmxym",
    "next_action": {"alipayplus_handle_redirect": {"normalUrl": NORMAL_URL}},
    "payment_method_types": ["alipay", "wechat_pay", "card", "alipayplus"],
    "confirmation_method": "automatic",
    "payment_method_options": {"alipayplus": {"terminal_type": "WEB"}},
    "return_url": "https://wooshpay.com",
    "payment_method": "pm_1693466278808780800",
    "capture_method": "automatic",
}

# §0: the refund answer.
REFUND_RESPONSE = {
    "id": "re_1787730829493927937",
    "object": "refund",
    "created": 1715650104000,
    "amount": 200,
    "currency": "IDR",
    "metadata": None,
    "reason": "requested_by_customer",
    "status": "succeeded",
    "description": None,
    "payment_intent": "pi_1787730829493927936",
    "failure_reason": None,
}

# §0: the webhook endpoint answer.
WEBHOOK_ENDPOINT_RESPONSE = {
    "id": "we_1600745739909070848",
    "object": "webhook_endpoint",
    "created": 1670482499000,
    "description": "Order notifications",
    "metadata": None,
    "status": "enabled",
    "url": "https://apitest.wooshpay.com/v1/receives",
    "livemode": False,
    "api_version": "1.0.1",
    "enabled_events": [
        "payment_intent.created",
        "payment_intent.payment_failed",
        "payment_intent.succeeded",
        "charge.refund.updated",
    ],
    "secret": "whsec_" + "k" * 32,
}

# §0 + §6.2: a checkout session with embedded line items whose price embeds its product.
CHECKOUT_SESSION_RESPONSE = {
    "id": "cs_1766032392423735296",
    "object": "checkout.session",
    "created": 1754650104000,
    "expires_at": 1754736504499,
    "currency": "GBP",
    "customer": "",
    "mode": "payment",
    "livemode": False,
    "live_mode": True,
    "shipping": None,
    "status": "open",
    "url": "https://checkouttest.wooshpay.com/pay/cs_test_1766032392423735296?key=pk_test_abc",
    "cancel_url": "www.baide.com",
    "success_url": "www.wooshpay.com",
    "client_reference_id": "",
    "customer_email": None,
    "line_items": {
        "object": "list",
        "data": [
            {
                "id": "li_1766032392453095424",
                "object": "item",
                "currency": "GBP",
                "description": "T-shirt",
                "price": {
                    "id": "price_1766032392478261248",
                    "object": "price",
                    "created": 1754650104000,
                    "livemode": False,
                    "active": True,
                    "currency": "GBP",
                    "metadata": {},
                    "nickname": None,
                    "product": {
                        "id": "prod_1766032392490844160",
                        "object": "product",
                        "created": 1754650104000,
                        "livemode": False,
                        "active": True,
                        "name": "T-shirt",
                        "description": "Comfortable cotton",
                        "updated": 1754650104000,
                        "images": [],
                    },
                    "type": "one_time",
                    "unit_amount": 1500,
                    "billing_scheme": "per_unit",
                    "lookup_key": None,
                },
                "quantity": 2,
                "amount_subtotal": 3000,
                "amount_total": 3000,
            }
        ],
        "url": None,
        "has_more": None,
    },
    "payment_intent": "pi_1766032392511815680",
    "payment_method_types": ["alipayplus"],
    "payment_status": "unpaid",
    "amount_subtotal": 3000,
    "amount_total": 3000,
    "billing_address_collection": "auto",
    "payment_link": None,
    "payment_method_options": {"alipayplus": {"terminal_type": "WEB"}},
    "client_secret": "cs_1766032392423735296_secret_x",
}


def utc(*args: int, ms: int = 0) -> datetime:
    return datetime(*args, microsecond=ms * 1000, tzinfo=UTC)


def test_payment_intent_create_response_of_the_guide():
    intent = PaymentIntent.from_dict(PI_CREATE_RESPONSE)
    assert intent.id == "pi_1693466278934609920"
    assert (intent.amount, intent.currency, intent.status) == (200, "IDR", "requires_action")
    assert intent.created == utc(2023, 8, 21, 3, 33, 19)
    assert intent.livemode is False
    assert intent.cashier_url == NORMAL_URL
    assert intent.payment_method_types == ["alipay", "wechat_pay", "card", "alipayplus"]
    assert intent.payment_method_options == {"alipayplus": {"terminal_type": "WEB"}}
    assert intent.client_secret.startswith(intent.id + "_secret_")
    assert (intent.return_url, intent.capture_method) == ("https://wooshpay.com", "automatic")
    assert intent.metadata == {} and intent.last_payment_error is None
    assert not intent.is_final
    # unknown fields survive in raw
    assert intent.raw["payment_method"] == "pm_1693466278808780800"
    assert intent.raw == PI_CREATE_RESPONSE


@pytest.mark.parametrize(
    ("next_action", "expected"),
    [
        ({"alipayplus_handle_redirect": {"normalUrl": NORMAL_URL}}, NORMAL_URL),
        ({"alipayplus_handle_redirect": {"url": "https://a.example/x"}}, "https://a.example/x"),
        ({"type": "redirect_to_url", "gcash_handle_redirect": {"url": "https://g.example/c"}}, "https://g.example/c"),
        ({"type": "redirect_to_url", "dana_handle_redirect": {"url": "https://d.example/c"}}, "https://d.example/c"),
        # normalUrl of alipayplus wins over another wallet's url, whatever the order
        ({"gcash_handle_redirect": {"url": "https://g.example"}, "alipayplus_handle_redirect": {"normalUrl": NORMAL_URL}}, NORMAL_URL),
        ({"type": "challenge_redirect", "challenge_redirect": {"url": "https://jstest.wooshpay.com/v1/3ds"}}, None),
        ({"alipayplus_handle_redirect": {"normalUrl": ""}}, None),
        ({"alipayplus_handle_redirect": "https://not-an-object"}, None),
        (json.dumps({"alipayplus_handle_redirect": {"normalUrl": NORMAL_URL}}), NORMAL_URL),
        ("", None),
        (None, None),
    ],
)
def test_cashier_url(next_action, expected):
    assert PaymentIntent.from_dict({"id": "pi_1", "next_action": next_action}).cashier_url == expected


@pytest.mark.parametrize(("status", "final"), [("succeeded", True), ("canceled", True), ("requires_action", False),
                                               ("requires_payment_method", False), ("processing", False), (None, False)])
def test_is_final(status, final):
    assert PaymentIntent.from_dict({"id": "pi_1", "status": status}).is_final is final


def test_refund_response_of_the_guide():
    refund = Refund.from_dict(REFUND_RESPONSE)
    assert (refund.id, refund.amount, refund.currency, refund.status) == ("re_1787730829493927937", 200, "IDR", "succeeded")
    assert refund.reason == "requested_by_customer"
    assert refund.payment_intent == "pi_1787730829493927936"
    assert refund.created == utc(2024, 5, 14, 1, 28, 24)
    assert refund.metadata == {} and refund.description is None and refund.failure_reason is None


def test_refund_amount_as_string_is_read():
    assert Refund.from_dict({"id": "re_1", "amount": "150"}).amount == 150


def test_webhook_endpoint_response_of_the_guide():
    endpoint = WebhookEndpoint.from_dict(WEBHOOK_ENDPOINT_RESPONSE)
    assert endpoint.id == "we_1600745739909070848"
    assert endpoint.url == "https://apitest.wooshpay.com/v1/receives"
    assert endpoint.enabled_events[-1] == "charge.refund.updated" and len(endpoint.enabled_events) == 4
    assert (endpoint.status, endpoint.api_version, endpoint.livemode) == ("enabled", "1.0.1", False)
    assert endpoint.created == utc(2022, 12, 8, 6, 54, 59)
    assert endpoint.secret == "whsec_" + "k" * 32
    assert endpoint.secret not in repr(endpoint)
    assert endpoint.metadata == {}


def test_checkout_session_with_embedded_line_items():
    session = CheckoutSession.from_dict(CHECKOUT_SESSION_RESPONSE)
    assert session.id == "cs_1766032392423735296"
    assert (session.status, session.payment_status, session.currency) == ("open", "unpaid", "GBP")
    assert (session.amount_subtotal, session.amount_total) == (3000, 3000)
    assert session.payment_intent == "pi_1766032392511815680"
    assert session.url.startswith("https://checkouttest.wooshpay.com/pay/cs_test_")
    assert session.created == utc(2025, 8, 8, 10, 48, 24)
    assert session.expires_at == utc(2025, 8, 9, 10, 48, 24, ms=499)
    assert session.client_reference_id is None  # "" stands for null (§2.4)
    assert (session.success_url, session.cancel_url) == ("www.wooshpay.com", "www.baide.com")
    [item] = session.line_items
    assert isinstance(item, LineItem)
    assert (item.id, item.description, item.quantity, item.currency) == ("li_1766032392453095424", "T-shirt", 2, "GBP")
    assert (item.amount_subtotal, item.amount_total) == (3000, 3000)
    assert (item.price.id, item.price.unit_amount, item.price.type, item.price.currency) == (
        "price_1766032392478261248", 1500, "one_time", "GBP")
    assert (item.price.product.id, item.price.product.name) == ("prod_1766032392490844160", "T-shirt")
    assert item.price.product.raw["images"] == []


def test_livemode_wins_over_the_live_mode_duplicate():
    # §2.4: a 2025 session carried livemode false and live_mode true.
    assert CheckoutSession.from_dict(CHECKOUT_SESSION_RESPONSE).livemode is False
    assert CheckoutSession.from_dict({"id": "cs_1", "live_mode": True}).livemode is True
    assert PaymentIntent.from_dict({"id": "pi_1", "livemode": None, "live_mode": False}).livemode is False


def test_line_items_as_bare_list_product_as_id_and_garbage_entries():
    session = CheckoutSession.from_dict(
        {"id": "cs_1", "line_items": [{"id": "li_1", "price": {"id": "price_1", "product": "prod_1"}}, "junk", 7]}
    )
    [item] = session.line_items
    assert item.price.product.id == "prod_1" and item.price.product.name is None
    assert CheckoutSession.from_dict({"id": "cs_1", "line_items": None}).line_items == []
    assert CheckoutSession.from_dict({"id": "cs_1", "payment_intent": {"id": "pi_9"}}).payment_intent == "pi_9"


def test_json_encoded_string_fields_of_the_direct_api_example():
    # §2.4: the non-3DS card example returns several fields as JSON-encoded strings.
    intent = PaymentIntent.from_dict(
        {
            "id": "pi_1583366366029676544",
            "status": "succeeded",
            "next_action": "",
            "payment_method_types": "[\"card\",\"alipay\",\"sepa\"]",
            "payment_method_options": "{\"card\":{\"request_three_d_secure\":\"auto\"}}",
            "metadata": "{\"order\":\"A-17\"}",
            "last_payment_error": "{\"code\":\"card_declined\",\"message\":\"Declined\"}",
            "cancel_at": "",
        }
    )
    assert intent.next_action is None and intent.cashier_url is None
    assert intent.payment_method_types == ["card", "alipay", "sepa"]
    assert intent.payment_method_options == {"card": {"request_three_d_secure": "auto"}}
    assert intent.metadata == {"order": "A-17"}
    assert intent.last_payment_error == {"code": "card_declined", "message": "Declined"}
    assert intent.raw["cancel_at"] == ""


def test_3ds_next_action_as_json_string():
    intent = PaymentIntent.from_dict({"id": "pi_1", "next_action": "{\"ddc_redirect\":{\"return_url\":\"https://x\"}}"})
    assert intent.next_action == {"ddc_redirect": {"return_url": "https://x"}}
    assert intent.cashier_url is None


def test_a_single_method_as_plain_string_is_a_list_of_one():
    assert PaymentIntent.from_dict({"id": "pi_1", "payment_method_types": "alipayplus"}).payment_method_types == ["alipayplus"]


def test_broken_json_strings_are_tolerated():
    intent = PaymentIntent.from_dict({"id": "pi_1", "next_action": "{broken", "payment_method_types": "[1, 2",
                                      "metadata": "plain text", "payment_method_options": "[]"})
    assert intent.next_action is None and intent.payment_method_types == []
    assert intent.metadata == {} and intent.payment_method_options == {}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1692588799000, utc(2023, 8, 21, 3, 33, 19)),  # 13 digits: ms
        (1692588799, utc(2023, 8, 21, 3, 33, 19)),  # 10 digits: s
        ("1692588799000", utc(2023, 8, 21, 3, 33, 19)),
        ("1692588799", utc(2023, 8, 21, 3, 33, 19)),
        (1754736504499, utc(2025, 8, 9, 10, 48, 24, ms=499)),
        (1692588799.0, utc(2023, 8, 21, 3, 33, 19)),
        (0, utc(1970, 1, 1)),
        ("", None),
        (None, None),
        (True, None),
        (-5, None),
        ("12a", None),
        ("2023-08-21T03:33:19Z", None),
        (10**19, None),
        (float("nan"), None),
        ([1692588799], None),
    ],
)
def test_parse_timestamp(value, expected):
    assert parse_timestamp(value) == expected


def test_timestamps_in_seconds_and_ms_agree_and_are_aware_utc():
    ms = PaymentIntent.from_dict({"id": "pi_1", "created": 1668688178000}).created
    s = Event.from_dict({"id": "evt_1", "created": 1668688178}).created
    assert ms == s and ms.tzinfo is UTC


def test_event_reads_its_data_object_and_request():
    event = Event.from_dict(
        {
            "id": "evt_1593219809108033536",
            "object": "event",
            "api_version": "1.0.1",
            "created": 1668688178000,
            "data": {"object": PI_CREATE_RESPONSE},
            "livemode": False,
            "request": {"id": None, "idempotency_key": "k-1"},
            "type": "payment_intent.requires_action",
            "pending_webhooks": 1,
        }
    )
    assert event.type == "payment_intent.requires_action"
    assert PaymentIntent.from_dict(event.data_object).cashier_url == NORMAL_URL
    assert event.request == {"id": None, "idempotency_key": "k-1"}
    assert Event.from_dict({"id": "evt_2", "request": "req_1"}).request == {"id": "req_1"}
    assert Event.from_dict({"id": "evt_3", "data": "nonsense"}).data_object == {}


def test_deleted_object():
    deleted = DeletedObject.from_dict({"id": "we_1", "object": "webhook_endpoint", "deleted": True})
    assert (deleted.id, deleted.object, deleted.deleted) == ("we_1", "webhook_endpoint", True)


def test_currency_is_uppercased_and_numeric_ids_become_text():
    refund = Refund.from_dict({"id": 1787730829493927937, "currency": "usd", "payment_intent": 5})
    assert (refund.id, refund.currency, refund.payment_intent) == ("1787730829493927937", "USD", "5")


def test_list_page_reads_items_and_flags():
    page = ListPage.from_dict({"object": "list", "url": "/v1/refunds", "has_more": True,
                               "data": [REFUND_RESPONSE, {"id": "re_2"}]}, Refund)
    assert [r.id for r in page.data] == ["re_1787730829493927937", "re_2"]
    assert page.has_more is True and page.url == "/v1/refunds"
    assert ListPage.from_dict({"object": "list", "data": [], "has_more": None}, Refund).has_more is False


@pytest.mark.parametrize(
    "data",
    [None, [], "pi_1", 5, {}, {"id": ""}, {"id": None}, {"id": True}, {"id": ["pi_1"]}],
)
@pytest.mark.parametrize("model", [PaymentIntent, Refund, WebhookEndpoint, CheckoutSession, Event, DeletedObject])
def test_unusable_objects_raise_model_error(model, data):
    with pytest.raises(ModelError):
        model.from_dict(data)


@pytest.mark.parametrize("data", [None, [], {"data": "x"}, {"data": {"id": 1}}, {"data": [{"no": "id"}]}, {"data": [5]}])
def test_unusable_lists_raise_model_error(data):
    with pytest.raises(ModelError):
        ListPage.from_dict(data, PaymentIntent)
