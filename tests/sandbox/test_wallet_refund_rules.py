"""The sandbox knows which wallet paid, shows it on the intent, and enforces that wallet's published
refund rules (merchant_desk.wallets): DANA, GCash and Alipay take one refund per payment."""

from __future__ import annotations

import httpx
import pytest

from merchant_desk.wallets import refund_rule

from .conftest import alipayplus_intent, assert_error


def _paid(sandbox, api, currency: str, wallet: str, amount: int = 1000, **create) -> dict:
    if create:
        intent = api.post("/v1/payment_intents", json={"amount": amount, "currency": currency, **create}).json()
    else:
        intent = alipayplus_intent(api, amount=amount, currency=currency)
    paid = httpx.post(f"{sandbox.base_url}/_sandbox/payment_intents/{intent['id']}/pay", json={"wallet": wallet})
    assert paid.status_code == 200, paid.text
    assert paid.json()["status"] == "succeeded"
    return paid.json()


@pytest.mark.parametrize(("currency", "wallet"), [("IDR", "DANA"), ("PHP", "GCash")])
def test_second_refund_is_refused_for_one_refund_wallets(sandbox, api, currency, wallet):
    intent = _paid(sandbox, api, currency, wallet)
    assert intent["payment_method_details"] == {"type": "alipayplus", "alipayplus": {"wallet": wallet}}
    first = api.post("/v1/refunds", json={"payment_intent": intent["id"], "amount": 300})
    assert first.status_code == 200, first.text
    second = api.post("/v1/refunds", json={"payment_intent": intent["id"], "amount": 300})
    error = assert_error(second, 400, code="multiple_refunds_not_supported", param="payment_intent")
    assert wallet in error["message"] and "one refund" in error["message"]
    # Not even the remainder: the rule is one refund per payment.
    assert_error(api.post("/v1/refunds", json={"payment_intent": intent["id"]}), 400,
                 code="multiple_refunds_not_supported")
    refunds = api.get("/v1/refunds", params={"payment_intent": intent["id"]}).json()["data"]
    assert [r["amount"] for r in refunds] == [300]


def test_alipay_method_follows_its_rule(sandbox, api):
    intent = _paid(sandbox, api, "CNY", "Alipay", confirm=True, payment_method_data={"type": "alipay"},
                   payment_method_options={"alipay": {"terminal_type": "WEB"}})
    assert intent["payment_method_details"]["type"] == "alipay"
    assert refund_rule(intent["payment_method_details"]["alipay"]["wallet"]) is not None
    assert api.post("/v1/refunds", json={"payment_intent": intent["id"], "amount": 100}).status_code == 200
    assert_error(api.post("/v1/refunds", json={"payment_intent": intent["id"], "amount": 100}), 400,
                 code="multiple_refunds_not_supported")


def test_wallets_without_a_published_rule_allow_several_partial_refunds(sandbox, api):
    intent = _paid(sandbox, api, "HKD", "AlipayHK")
    assert refund_rule("AlipayHK") is None
    for _ in range(3):
        assert api.post("/v1/refunds", json={"payment_intent": intent["id"], "amount": 100}).status_code == 200
    assert api.post("/v1/refunds", json={"payment_intent": intent["id"]}).json()["amount"] == 700


def test_an_unpaid_intent_shows_no_wallet(api):
    intent = alipayplus_intent(api, amount=100, currency="HKD")
    assert intent["payment_method_details"] is None
