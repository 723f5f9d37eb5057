"""The cashier page at normalUrl, the hosted checkout page, and Checkout Session rules (§0, §6)."""

from __future__ import annotations

import httpx

from .conftest import alipayplus_intent, assert_error, cashier_url


def _events_for(api, object_id: str) -> list[str]:
    events = api.get("/v1/events", params={"limit": 100}).json()["data"]
    return [e["type"] for e in reversed(events) if e["data"]["object"]["id"] == object_id]


def test_page_shows_amount_and_wallets_for_the_currency(api):
    pi = alipayplus_intent(api, amount=12345, currency="HKD", description="Coffee beans")
    page = httpx.get(cashier_url(pi))
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    assert 'name="viewport"' in page.text
    assert "123.45" in page.text and "Coffee beans" in page.text
    assert 'value="AlipayHK"' in page.text
    assert "GCash" not in page.text  # a PHP wallet is not offered for HKD
    assert "<link" not in page.text and "<script" not in page.text and "src=" not in page.text  # self-contained
    php = alipayplus_intent(api, amount=30000, currency="PHP")
    page = httpx.get(cashier_url(php)).text
    assert 'value="GCash"' in page and 'value="BPI"' in page and "AlipayHK" not in page


def test_pay_on_the_page(api):
    pi = alipayplus_intent(api, amount=5000, currency="MYR")
    response = httpx.post(cashier_url(pi), data={"action": "pay", "wallet": "TNG"})
    assert response.status_code == 303
    paid = api.get(f"/v1/payment_intents/{pi['id']}").json()
    assert paid["status"] == "succeeded" and paid["amount_received"] == 5000 and paid["next_action"] is None
    assert _events_for(api, pi["id"]) == [
        "payment_intent.created", "payment_intent.requires_action", "payment_intent.succeeded",
    ]
    page = httpx.get(cashier_url(pi)).text
    assert "Paid" in page and 'value="pay"' not in page
    assert "wooshpay.com" in page  # the way back to return_url
    again = httpx.post(cashier_url(pi), data={"action": "pay", "wallet": "TNG"})
    assert again.status_code == 409
    assert len([t for t in _events_for(api, pi["id"]) if t.endswith("succeeded")]) == 1


def test_decline_on_the_page(api):
    pi = alipayplus_intent(api, amount=5000, currency="IDR")
    response = httpx.post(cashier_url(pi), data={"action": "decline", "wallet": "DANA"})
    assert response.status_code == 303
    failed = api.get(f"/v1/payment_intents/{pi['id']}").json()
    assert failed["status"] == "requires_payment_method"
    assert failed["last_payment_error"]["wallet"] == "DANA"
    assert failed["last_payment_error"]["message"]
    assert _events_for(api, pi["id"])[-1] == "payment_intent.payment_failed"
    # The customer may try again.
    assert httpx.post(cashier_url(pi), data={"action": "pay", "wallet": "DANA"}).status_code == 303
    assert api.get(f"/v1/payment_intents/{pi['id']}").json()["status"] == "succeeded"


def test_page_rejects_unknown_wallet_and_action(api, sandbox):
    pi = alipayplus_intent(api, amount=100, currency="HKD")
    assert httpx.post(cashier_url(pi), data={"action": "pay", "wallet": "GCash"}).status_code == 400
    assert httpx.post(cashier_url(pi), data={"action": "steal", "wallet": "AlipayHK"}).status_code == 400
    assert api.get(f"/v1/payment_intents/{pi['id']}").json()["status"] == "requires_action"
    assert httpx.get(f"{sandbox.public_url}/cashier/pi_1000000000000000000").status_code == 404


def _session(api, currency="THB", items=None, **extra):
    items = items or [
        {"price_data": {"currency": currency, "unit_amount": 1500, "product_data": {"name": "Pad thai"}}, "quantity": 2},
        {"price_data": {"currency": currency, "unit_amount": 500, "product_data": {"name": "Tea"}}},
    ]
    body = {"mode": "payment", "success_url": "https://shop.example/ok", "cancel_url": "https://shop.example/no",
            "payment_method_types": ["alipayplus"], "line_items": items, **extra}
    return api.post("/v1/checkout/sessions", json=body)


def test_session_paid_on_its_page(api, sandbox):
    cs = _session(api).json()
    assert (cs["amount_subtotal"], cs["amount_total"]) == (3500, 3500)
    page = httpx.get(cs["url"])
    assert page.status_code == 200 and "35.00" in page.text and "Pad thai" in page.text
    assert 'value="Rabbit LINE Pay"' in page.text
    assert httpx.get(cs["url"].split("?")[0] + "?key=pk_test_wrong").status_code == 404
    # The session's intent is paid through the session, and cannot be cancelled on its own.
    assert_error(api.post(f"/v1/payment_intents/{cs['payment_intent']}/cancel", json={"cancellation_reason": "x"}),
                 400, code="payment_intent_unexpected_state")
    assert httpx.post(cs["url"], data={"action": "decline", "wallet": "Rabbit LINE Pay"}).status_code == 303
    assert api.get(f"/v1/checkout/sessions/{cs['id']}").json()["status"] == "open"
    assert httpx.post(cs["url"], data={"action": "pay", "wallet": "Rabbit LINE Pay"}).status_code == 303
    done = api.get(f"/v1/checkout/sessions/{cs['id']}").json()
    assert (done["status"], done["payment_status"]) == ("complete", "paid")
    assert api.get(f"/v1/payment_intents/{cs['payment_intent']}").json()["status"] == "succeeded"
    assert "checkout.session.completed" in _events_for(api, cs["id"])
    assert "payment_intent.succeeded" in _events_for(api, cs["payment_intent"])
    assert "Paid" in httpx.get(cs["url"]).text
    assert_error(api.post(f"/v1/checkout/sessions/{cs['id']}/expire"), 400)
    items = api.get(f"/v1/checkout/sessions/{cs['id']}/line_items", params={"limit": 1}).json()
    assert items["object"] == "list" and items["has_more"] is True and items["data"][0]["description"] == "Pad thai"
    listed = api.get("/v1/checkout/sessions/list", params={"payment_intent": cs["payment_intent"]}).json()
    assert [s["id"] for s in listed["data"]] == [cs["id"]]


def test_session_rules(api):
    mixed = [
        {"price_data": {"currency": "HKD", "unit_amount": 100, "product_data": {"name": "A"}}, "quantity": 1},
        {"price_data": {"currency": "GBP", "unit_amount": 100, "product_data": {"name": "B"}}, "quantity": 1},
    ]
    assert_error(_session(api, items=mixed), 400, param="line_items")
    recurring = [{"price_data": {"currency": "HKD", "unit_amount": 100, "product_data": {"name": "Plan"},
                                 "recurring": {"interval": "month"}}, "quantity": 1}]
    assert_error(_session(api, items=recurring), 400, param="line_items[0][price_data][recurring]")
    assert_error(api.post("/v1/checkout/sessions", json={"mode": "payment"}), 400, code="parameter_missing",
                 param="line_items")
    lower = [{"price_data": {"currency": "hkd", "unit_amount": 100, "product_data": {"name": "A"}}, "quantity": 1}]
    assert _session(api, items=lower).json()["currency"] == "HKD"


def test_expire_and_lazy_expiry(fresh_sandbox, fresh_api):
    api = fresh_api
    cs = _session(api).json()
    expired = api.post(f"/v1/checkout/sessions/{cs['id']}/expire").json()
    assert expired["status"] == "expired"
    assert api.get(f"/v1/payment_intents/{cs['payment_intent']}").json()["status"] == "canceled"
    assert "checkout.session.expired" in _events_for(api, cs["id"])
    assert "expired" in httpx.get(cs["url"]).text
    later = _session(api).json()
    httpx.post(f"{fresh_sandbox.base_url}/_sandbox/clock", json={"advance_ms": 24 * 3600 * 1000})
    assert api.get(f"/v1/checkout/sessions/{later['id']}").json()["status"] == "expired"
    assert "checkout.session.expired" in _events_for(api, later["id"])


def test_sandbox_pay_endpoint(api, sandbox):
    pi = alipayplus_intent(api, amount=100, currency="HKD")
    r = httpx.post(f"{sandbox.base_url}/_sandbox/payment_intents/{pi['id']}/pay", json={})
    assert r.status_code == 200 and r.json()["status"] == "succeeded"


def test_sandbox_action_endpoint_refuses_unknown_actions_and_odd_bodies(api, sandbox):
    pi = alipayplus_intent(api, amount=100, currency="HKD")
    unknown = httpx.post(f"{sandbox.base_url}/_sandbox/payment_intents/{pi['id']}/refund", json={})
    assert_error(unknown, 404, code="resource_missing")
    # Nothing happened to the intent (an unknown action used to count as a decline).
    assert api.get(f"/v1/payment_intents/{pi['id']}").json()["last_payment_error"] is None
    listed = httpx.post(f"{sandbox.base_url}/_sandbox/payment_intents/{pi['id']}/pay", json=["GCash"])
    assert listed.status_code == 200 and listed.json()["status"] == "succeeded"


def test_cashier_form_that_is_not_utf8_is_a_400_page(api):
    pi = alipayplus_intent(api, amount=100, currency="HKD")
    r = httpx.post(cashier_url(pi), content=b"action=pay&wallet=\xff\xfe",
                   headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400 and "<html" in r.text.lower()
    assert api.get(f"/v1/payment_intents/{pi['id']}").json()["status"] == "requires_action"
