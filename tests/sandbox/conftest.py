"""Helpers for the sandbox tests: raw httpx clients authenticated with the sandbox's issued key."""

from __future__ import annotations

import httpx
import pytest


def api_client(handle, **kwargs) -> httpx.Client:
    return httpx.Client(base_url=handle.base_url, auth=(handle.secret_key, ""), timeout=10.0, **kwargs)


@pytest.fixture
def api(sandbox):
    with api_client(sandbox) as client:
        yield client


@pytest.fixture
def fresh_api(fresh_sandbox):
    with api_client(fresh_sandbox) as client:
        yield client


def alipayplus_intent(api: httpx.Client, amount: int = 200, currency: str = "IDR", **extra) -> dict:
    body = {
        "amount": amount,
        "currency": currency,
        "confirm": True,
        "payment_method_options": {"alipayplus": {"terminal_type": "WEB"}},
        "payment_method_data": {"type": "alipayplus"},
        "return_url": "https://wooshpay.com",
        **extra,
    }
    response = api.post("/v1/payment_intents", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def cashier_url(intent: dict) -> str:
    return intent["next_action"]["alipayplus_handle_redirect"]["normalUrl"]


def paid_intent(api: httpx.Client, amount: int = 1000, currency: str = "HKD") -> dict:
    intent = alipayplus_intent(api, amount=amount, currency=currency)
    response = httpx.post(cashier_url(intent), data={"action": "pay", "wallet": "AlipayHK" if currency == "HKD" else "DANA"})
    assert response.status_code == 303, response.text
    paid = api.get(f"/v1/payment_intents/{intent['id']}").json()
    assert paid["status"] == "succeeded"
    return paid


def assert_error(response: httpx.Response, status: int, type_: str = "invalid_request_error", *, code=None, param=None):
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert set(error) >= {"type", "code", "message", "param"}
    assert error["type"] == type_
    assert error["message"]
    if code is not None:
        assert error["code"] == code, error
    if param is not None:
        assert error["param"] == param, error
    return error
