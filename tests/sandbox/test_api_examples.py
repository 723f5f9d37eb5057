"""Every request example of docs/wooshpay-api.md §0, replayed against the sandbox, with the answer's shape."""

from __future__ import annotations

import re

import httpx

from .conftest import api_client

ID19 = r"\d{19}"


def _ms(value) -> bool:
    return isinstance(value, int) and len(str(value)) == 13


def test_create_payment_intent_example(api):
    response = api.post(
        "/v1/payment_intents",
        json={
            "amount": 200,
            "currency": "IDR",
            "confirm": True,
            "payment_method_options": {"alipayplus": {"terminal_type": "WEB"}},
            "payment_method_data": {"type": "alipayplus"},
            "return_url": "https://wooshpay.com",
        },
    )
    assert response.status_code == 200
    pi = response.json()
    assert re.fullmatch(rf"pi_{ID19}", pi["id"])
    assert pi["object"] == "payment_intent"
    assert _ms(pi["created"])
    assert (pi["currency"], pi["amount"], pi["status"], pi["livemode"]) == ("IDR", 200, "requires_action", False)
    assert re.fullmatch(rf"{pi['id']}_secret_[A-Za-z0-9]{{24}}", pi["client_secret"])
    redirect = pi["next_action"]["alipayplus_handle_redirect"]
    assert redirect["normalUrl"].endswith(f"/cashier/{pi['id']}")
    assert redirect["url"] == redirect["normalUrl"]
    assert "alipayplus" in pi["payment_method_types"]
    assert pi["confirmation_method"] == "automatic"
    assert pi["payment_method_options"] == {"alipayplus": {"terminal_type": "WEB"}}
    assert pi["return_url"] == "https://wooshpay.com"
    assert re.fullmatch(rf"pm_{ID19}", pi["payment_method"])
    assert pi["capture_method"] == "automatic"
    for field in ("amount_received", "canceled_at", "merchant_order_id", "metadata", "last_payment_error"):
        assert field in pi


def test_refund_example(api):
    from .conftest import paid_intent

    pi = paid_intent(api, amount=20, currency="HKD")
    response = api.post("/v1/refunds", json={"reason": "requested_by_customer", "payment_intent": pi["id"]})
    assert response.status_code == 200
    refund = response.json()
    assert re.fullmatch(rf"re_{ID19}", refund["id"])
    assert refund["object"] == "refund"
    assert _ms(refund["created"])
    assert refund["amount"] == 20
    assert refund["currency"] == "HKD"
    assert refund["metadata"] is None
    assert refund["reason"] == "requested_by_customer"
    assert refund["status"] == "succeeded"
    assert refund["description"] is None
    assert refund["payment_intent"] == pi["id"]
    assert refund["failure_reason"] is None


def test_webhook_endpoint_example(api):
    events = [
        "payment_intent.created",
        "payment_intent.payment_failed",
        "payment_intent.succeeded",
        "charge.refund.updated",
    ]
    response = api.post(
        "/v1/webhook_endpoints",
        json={
            "url": "https://apitest.wooshpay.com/v1/receives",
            "description": "I_am_description",
            "enabled_events": events,
            "api_version": "1.0.1",
        },
    )
    assert response.status_code == 200
    we = response.json()
    assert re.fullmatch(rf"we_{ID19}", we["id"])
    assert we["object"] == "webhook_endpoint"
    assert _ms(we["created"])
    assert we["description"] == "I_am_description"
    assert we["metadata"] is None
    assert we["status"] == "enabled"
    assert we["url"] == "https://apitest.wooshpay.com/v1/receives"
    assert we["livemode"] is False
    assert we["api_version"] == "1.0.1"
    assert we["enabled_events"] == events
    assert re.fullmatch(r"whsec_[A-Za-z0-9]{32}", we["secret"])
    # The secret comes with create only (§5).
    assert "secret" not in api.get(f"/v1/webhook_endpoints/{we['id']}").json()
    api.delete(f"/v1/webhook_endpoints/{we['id']}")


def test_checkout_session_example(api, sandbox):
    response = api.post(
        "/v1/checkout/sessions",
        json={
            "cancel_url": "www.baide.com",
            "mode": "payment",
            "success_url": "www.wooshpay.com",
            "payment_method_options": {"alipayplus": {"terminal_type": "WEB"}},
            "line_items": [
                {
                    "price_data": {
                        "currency": "GBP",
                        "product": None,
                        "unit_amount": 5,
                        "active": True,
                        "metadata": {"key1": "value1", "key2": "value2"},
                        "nickname": "fengli",
                        "product_data": {
                            "id": None,
                            "name": "taiwan fengli",
                            "active": True,
                            "description": "very tasty",
                            "metadata": {"key1": "value1", "key2": "value2"},
                            "url": "www.baidu.com",
                        },
                        "billing_scheme": "testscheme",
                        "lookup_key": "test_lookup_key",
                    },
                    "quantity": 1,
                }
            ],
        },
    )
    assert response.status_code == 200, response.text
    cs = response.json()
    assert re.fullmatch(rf"cs_{ID19}", cs["id"])
    assert cs["object"] == "checkout.session"
    assert _ms(cs["created"]) and cs["expires_at"] == cs["created"] + 24 * 3600 * 1000
    assert (cs["currency"], cs["customer"], cs["mode"], cs["livemode"]) == ("GBP", "", "payment", False)
    assert (cs["status"], cs["payment_status"]) == ("open", "unpaid")
    assert cs["url"] == f"{sandbox.public_url}/pay/{cs['id']}?key={sandbox.publishable_key}"
    assert (cs["cancel_url"], cs["success_url"]) == ("www.baide.com", "www.wooshpay.com")
    assert cs["client_reference_id"] is None and cs["customer_email"] is None
    items = cs["line_items"]
    assert items["object"] == "list" and items["url"] is None and items["has_more"] is None
    item = items["data"][0]
    assert re.fullmatch(rf"li_{ID19}", item["id"])
    assert (item["object"], item["currency"], item["description"]) == ("item", "GBP", "taiwan fengli")
    assert (item["quantity"], item["amount_subtotal"], item["amount_total"]) == (1, 5, 5)
    price = item["price"]
    assert re.fullmatch(rf"price_{ID19}", price["id"])
    assert (price["object"], price["type"], price["billing_scheme"], price["unit_amount"]) == (
        "price", "one_time", "per_unit", 5,
    )
    assert (price["nickname"], price["lookup_key"], price["currency"]) == ("fengli", "test_lookup_key", "GBP")
    product = price["product"]
    assert re.fullmatch(rf"prod_{ID19}", product["id"])
    assert (product["object"], product["name"], product["url"]) == ("product", "taiwan fengli", "www.baidu.com")
    assert re.fullmatch(rf"pi_{ID19}", cs["payment_intent"])
    assert cs["client_secret"].startswith(cs["payment_intent"] + "_secret_")
    assert (cs["amount_subtotal"], cs["amount_total"]) == (5, 5)
    assert cs["billing_address_collection"] == "auto"
    assert cs["payment_link"] == ""
    for field in ("shipping", "payment_method_types", "phone_number_collection", "shipping_address_collection"):
        assert field in cs
    intent = api.get(f"/v1/payment_intents/{cs['payment_intent']}").json()
    assert (intent["amount"], intent["currency"]) == (5, "GBP")


def test_form_encoded_bodies_and_lowercase_currency(api):
    response = api.post(
        "/v1/payment_intents",
        content="amount=1234&currency=hkd&confirm=true&payment_method_data[type]=alipayplus"
        "&payment_method_options[alipayplus][terminal_type]=WEB&metadata[order]=A-1",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 200, response.text
    pi = response.json()
    assert (pi["amount"], pi["currency"], pi["status"]) == (1234, "HKD", "requires_action")
    assert pi["metadata"] == {"order": "A-1"}
    assert pi["payment_method_options"] == {"alipayplus": {"terminal_type": "WEB"}}


def test_request_id_header_and_unknown_path(api):
    response = api.get("/v1/no_such_resource")
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "invalid_request_error"
    assert re.fullmatch(rf"req_{ID19}", response.headers["request-id"])


def test_auth_rules(sandbox):
    base = sandbox.base_url
    body = {"amount": 100, "currency": "HKD"}
    # No key
    r = httpx.post(f"{base}/v1/payment_intents", json=body)
    assert r.status_code == 401 and r.json()["error"]["message"]
    # A live key: refused with a message that says so.
    live = "sk_" + "live_" + "x" * 24
    r = httpx.post(f"{base}/v1/payment_intents", json=body, auth=(live, ""))
    assert r.status_code == 401
    assert "live keys are not accepted" in r.json()["error"]["message"].lower()
    # An unknown test key
    other = "sk_" + "test_" + "y" * 24
    r = httpx.post(f"{base}/v1/payment_intents", json=body, auth=(other, ""))
    assert r.status_code == 401
    assert other not in r.text
    # The publishable key cannot call the API
    r = httpx.get(f"{base}/v1/payment_intents", auth=(sandbox.publishable_key, ""))
    assert r.status_code == 401
    # Bearer with the issued key works too
    r = httpx.get(f"{base}/v1/payment_intents", headers={"Authorization": f"Bearer {sandbox.secret_key}"})
    assert r.status_code == 200


def test_any_key_mode():
    from merchant_desk.sandbox import start_sandbox

    with start_sandbox(any_key=True) as handle:
        key = "sk_" + "test_" + "z" * 24
        r = httpx.get(f"{handle.base_url}/v1/payment_intents", auth=(key, ""))
        assert r.status_code == 200
        r = httpx.get(f"{handle.base_url}/v1/payment_intents", auth=("sk_" + "live_" + "z" * 24, ""))
        assert r.status_code == 401
        with api_client(handle) as api:
            assert api.get("/v1/events").status_code == 200


def test_issued_keys_shape(sandbox):
    assert sandbox.secret_key.startswith("sk_test_") and len(sandbox.secret_key) > 30
    assert sandbox.publishable_key.startswith("pk_test_")
    assert sandbox.secret_key not in repr(sandbox)
