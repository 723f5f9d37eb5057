"""Refund rules (§0, §4): default remainder, over the remainder, zero, unpaid intents, reasons."""

from __future__ import annotations

from .conftest import alipayplus_intent, assert_error, paid_intent


def test_partial_then_default_remainder(api):
    pi = paid_intent(api, amount=1000)
    first = api.post("/v1/refunds", json={"payment_intent": pi["id"], "amount": "300", "reason": "duplicate"})
    assert first.status_code == 200 and first.json()["amount"] == 300  # a numeric string is accepted
    rest = api.post("/v1/refunds", json={"payment_intent": pi["id"]}).json()
    assert rest["amount"] == 700 and rest["reason"] is None
    assert_error(api.post("/v1/refunds", json={"payment_intent": pi["id"]}), 400, param="payment_intent")
    assert_error(api.post("/v1/refunds", json={"payment_intent": pi["id"], "amount": 1}), 400, param="amount")
    listed = api.get("/v1/refunds", params={"payment_intent": pi["id"]}).json()
    assert listed["object"] == "list"
    assert [r["id"] for r in listed["data"]] == [rest["id"], first.json()["id"]]
    assert api.get(f"/v1/refunds/{rest['id']}").json() == rest


def test_refund_errors(api):
    pi = paid_intent(api, amount=500)
    assert_error(api.post("/v1/refunds", json={"payment_intent": pi["id"], "amount": 501}), 400,
                 code="amount_too_large", param="amount")
    assert_error(api.post("/v1/refunds", json={"payment_intent": pi["id"], "amount": 0}), 400,
                 code="amount_too_small", param="amount")
    assert_error(api.post("/v1/refunds", json={"payment_intent": pi["id"], "reason": "bored"}), 400, param="reason")
    unpaid = alipayplus_intent(api)
    assert_error(api.post("/v1/refunds", json={"payment_intent": unpaid["id"]}), 400, "invalid_request_error",
                 param="payment_intent")
    assert_error(api.post("/v1/refunds", json={}), 400, code="parameter_missing", param="payment_intent")
    assert_error(api.post("/v1/refunds", json={"payment_intent": "pi_1000000000000000000"}), 404,
                 code="resource_missing", param="payment_intent")
    assert_error(api.get("/v1/refunds/re_1000000000000000000"), 404, code="resource_missing")


def test_every_reason_of_section_4(api):
    pi = paid_intent(api, amount=400)
    for reason in ("duplicate", "fraudulent", "requested_by_customer", "resolved_dispute"):
        r = api.post("/v1/refunds", json={"payment_intent": pi["id"], "amount": 100, "reason": reason})
        assert r.status_code == 200 and r.json()["reason"] == reason


def test_refund_fires_charge_refund_updated(api):
    pi = paid_intent(api, amount=250)
    refund = api.post("/v1/refunds", json={"payment_intent": pi["id"]}, headers={"Idempotency-Key": "rf-" + pi["id"]}).json()
    events = api.get("/v1/events", params={"type": "charge.refund.updated", "limit": 20}).json()["data"]
    event = next(e for e in events if e["data"]["object"]["id"] == refund["id"])
    assert event["data"]["object"] == refund
    assert event["request"]["idempotency_key"] == "rf-" + pi["id"]
    assert event["request"]["id"].startswith("req_")
    assert api.get(f"/v1/events/{event['id']}").json() == event
