"""PaymentIntent state machine (§3), update, search, and the error envelope (§9)."""

from __future__ import annotations

import uuid

import httpx

from .conftest import alipayplus_intent, assert_error, cashier_url, paid_intent


def test_create_without_confirm_then_confirm(api):
    pi = api.post("/v1/payment_intents", json={"amount": 500, "currency": "PHP"}).json()
    assert pi["status"] == "requires_payment_method"
    assert pi["next_action"] is None and pi["payment_method"] is None
    confirmed = api.post(
        f"/v1/payment_intents/{pi['id']}/confirm", json={"payment_method_data": {"type": "alipayplus"}}
    ).json()
    assert confirmed["status"] == "requires_action"
    assert confirmed["payment_method"].startswith("pm_")
    assert cashier_url(confirmed).endswith(pi["id"])
    # Confirming twice is a state error
    again = api.post(f"/v1/payment_intents/{pi['id']}/confirm", json={})
    assert_error(again, 400, code="payment_intent_unexpected_state")


def test_method_without_confirm_is_requires_confirmation(api):
    pi = api.post(
        "/v1/payment_intents",
        json={"amount": 500, "currency": "THB", "payment_method_data": {"type": "alipayplus"}},
    ).json()
    assert pi["status"] == "requires_confirmation"
    assert api.post(f"/v1/payment_intents/{pi['id']}/confirm").json()["status"] == "requires_action"


def test_other_wallet_redirect_shape(api):
    pi = api.post(
        "/v1/payment_intents",
        json={"amount": 30000, "currency": "PHP", "confirm": True, "payment_method_data": {"type": "gcash"}},
    ).json()
    assert pi["status"] == "requires_action"
    assert pi["next_action"]["type"] == "redirect_to_url"
    assert pi["next_action"]["gcash_handle_redirect"]["url"].endswith(pi["id"])


def test_cancel_rules(api):
    pi = alipayplus_intent(api)
    assert_error(api.post(f"/v1/payment_intents/{pi['id']}/cancel", json={}), 400, code="parameter_missing",
                 param="cancellation_reason")
    canceled = api.post(f"/v1/payment_intents/{pi['id']}/cancel", json={"cancellation_reason": "customer cancelled"})
    assert canceled.status_code == 200
    body = canceled.json()
    assert body["status"] == "canceled"
    assert body["cancellation_reason"] == "customer cancelled"
    assert len(str(body["canceled_at"])) == 13
    assert body["next_action"] is None
    again = api.post(f"/v1/payment_intents/{pi['id']}/cancel", json={"cancellation_reason": "x"})
    assert_error(again, 400, code="payment_intent_unexpected_state")
    # The cashier page of a cancelled payment says so and offers nothing to pay.
    page = httpx.get(cashier_url(pi))
    assert "cancelled" in page.text and 'value="pay"' not in page.text
    paid = paid_intent(api)
    assert_error(api.post(f"/v1/payment_intents/{paid['id']}/cancel", json={"cancellation_reason": "x"}), 400,
                 code="payment_intent_unexpected_state")


def test_manual_capture_flow(api):
    pi = alipayplus_intent(api, amount=10000, currency="HKD", capture_method="manual")
    assert_error(api.post(f"/v1/payment_intents/{pi['id']}/capture", json={}), 400,
                 code="payment_intent_unexpected_state")
    httpx.post(cashier_url(pi), data={"action": "pay", "wallet": "AlipayHK"})
    authorised = api.get(f"/v1/payment_intents/{pi['id']}").json()
    assert authorised["status"] == "requires_capture"
    assert authorised["amount_capturable"] == 10000
    over = api.post(f"/v1/payment_intents/{pi['id']}/capture", json={"amount_to_capture": 10001})
    assert_error(over, 400, param="amount_to_capture")
    captured = api.post(f"/v1/payment_intents/{pi['id']}/capture", json={"amount_to_capture": 8000}).json()
    assert captured["status"] == "succeeded"
    assert captured["amount_received"] == 8000
    # The refundable remainder follows what was captured.
    assert_error(api.post("/v1/refunds", json={"payment_intent": pi["id"], "amount": 8001}), 400, param="amount")


def test_card_flow_and_decline(api):
    ok = api.post(
        "/v1/payment_intents",
        json={"amount": 1000, "currency": "USD", "confirm": True,
              "payment_method_data": {"type": "card", "card": {"number": "4111111111111111"}}},
    ).json()
    assert ok["status"] == "succeeded" and ok["amount_received"] == 1000
    declined = api.post(
        "/v1/payment_intents",
        json={"amount": 1000, "currency": "USD", "confirm": True,
              "payment_method_data": {"type": "card", "card": {"number": "4000000000000002"}}},
    ).json()
    assert declined["status"] == "requires_payment_method"
    assert declined["last_payment_error"]["code"] == "card_declined"


def test_update_only_while_not_final(api):
    pi = alipayplus_intent(api, amount=300, currency="MYR")
    updated = api.post(
        f"/v1/payment_intents/{pi['id']}",
        json={"amount": 450, "description": "Two coffees", "metadata": {"table": "4"}, "merchant_order_id": "T4"},
    ).json()
    assert (updated["amount"], updated["description"], updated["metadata"], updated["merchant_order_id"]) == (
        450, "Two coffees", {"table": "4"}, "T4",
    )
    removed = api.post(f"/v1/payment_intents/{pi['id']}", json={"metadata": {"table": ""}}).json()
    assert removed["metadata"] == {}
    paid = paid_intent(api)
    assert_error(api.post(f"/v1/payment_intents/{paid['id']}", json={"description": "late"}), 400,
                 code="payment_intent_unexpected_state")


def test_validation_errors(api):
    assert_error(api.post("/v1/payment_intents", json={"currency": "HKD"}), 400, code="parameter_missing",
                 param="amount")
    assert_error(api.post("/v1/payment_intents", json={"amount": 100}), 400, code="parameter_missing",
                 param="currency")
    assert_error(api.post("/v1/payment_intents", json={"amount": 0, "currency": "HKD"}), 400,
                 code="amount_too_small", param="amount")
    assert_error(api.post("/v1/payment_intents", json={"amount": -5, "currency": "HKD"}), 400,
                 code="amount_too_small", param="amount")
    assert_error(api.post("/v1/payment_intents", json={"amount": 12.5, "currency": "HKD"}), 400, param="amount")
    assert_error(api.post("/v1/payment_intents", json={"amount": 100, "currency": "HKDX"}), 400, param="currency")
    # Alipay+ presents seven currencies only
    r = api.post("/v1/payment_intents", json={"amount": 100, "currency": "USD", "confirm": True,
                                              "payment_method_data": {"type": "alipayplus"}})
    assert_error(r, 400, param="currency")
    r = api.post("/v1/payment_intents", content=b"{not json", headers={"Content-Type": "application/json"})
    assert_error(r, 400)
    assert_error(api.get("/v1/payment_intents/pi_1234567890123456789"), 404, code="resource_missing")


def test_search(api):
    order = f"order-{uuid.uuid4().hex[:8]}"
    pi = alipayplus_intent(api, amount=777, currency="CNY", merchant_order_id=order)
    other = alipayplus_intent(api, amount=778, currency="CNY", merchant_order_id=order + "-b")
    result = api.get("/v1/payment_intents/search", params={"query": f"merchant_order_id:'{order}'"}).json()
    assert result["object"] == "search_result"
    assert [i["id"] for i in result["data"]] == [pi["id"]]
    httpx.post(cashier_url(other), data={"action": "pay", "wallet": "GCash"})
    both = api.get(
        "/v1/payment_intents/search",
        params={"query": f"merchant_order_id~'{order}' AND status:'succeeded'"},
    ).json()
    assert [i["id"] for i in both["data"]] == [other["id"]]
    assert_error(api.get("/v1/payment_intents/search"), 400, param="query")
    assert_error(api.get("/v1/payment_intents/search", params={"query": "nonsense"}), 400, param="query")


def test_update_refuses_what_would_break_the_intent(api):
    pi = alipayplus_intent(api, amount=300, currency="MYR")
    # An empty or unknown list of types is refused, not stored (confirm would then fail with a 500).
    assert_error(api.post(f"/v1/payment_intents/{pi['id']}", json={"payment_method_types": ""}), 400,
                 code="parameter_missing", param="payment_method_types")
    assert_error(api.post(f"/v1/payment_intents/{pi['id']}", json={"payment_method_types": ["bitcoin"]}), 400,
                 param="payment_method_types")
    assert api.get(f"/v1/payment_intents/{pi['id']}").json()["payment_method_types"] == pi["payment_method_types"]
    declined = httpx.post(cashier_url(pi), data={"action": "decline", "wallet": "TNG"})
    assert declined.status_code == 303
    assert api.post(f"/v1/payment_intents/{pi['id']}/confirm", json={}).json()["status"] == "requires_action"
    # An authorised amount is fixed: capture less instead.
    manual = alipayplus_intent(api, amount=500, currency="HKD", capture_method="manual")
    httpx.post(cashier_url(manual), data={"action": "pay", "wallet": "AlipayHK"})
    assert_error(api.post(f"/v1/payment_intents/{manual['id']}", json={"amount": 900}), 400,
                 code="payment_intent_unexpected_state")
    authorised = api.get(f"/v1/payment_intents/{manual['id']}").json()
    assert (authorised["amount"], authorised["amount_capturable"]) == (500, 500)
    # A session's intent carries the session's total.
    session = api.post("/v1/checkout/sessions", json={
        "mode": "payment", "success_url": "https://example.com/ok", "cancel_url": "https://example.com/no",
        "line_items": [{"price_data": {"currency": "HKD", "unit_amount": 700, "product_data": {"name": "Tea"}},
                        "quantity": 1}],
    }).json()
    assert_error(api.post(f"/v1/payment_intents/{session['payment_intent']}", json={"amount": 1}), 400,
                 code="payment_intent_unexpected_state")
    assert api.get(f"/v1/payment_intents/{session['payment_intent']}").json()["amount"] == 700
