"""The sandbox's answer to each documented request has the documented keys with the documented JSON types
(and milliseconds where WooshPay's examples use them). Exemptions are listed in the example files, with
their reason."""

from __future__ import annotations

import httpx
import pytest

from tests.customer import pay

from .examples import Example, all_examples, load, shape_differences

EXAMPLES = all_examples()


@pytest.fixture(scope="module")
def contract_sandbox():
    """A sandbox of this module's own: the documented requests register webhook endpoints at addresses that
    do not resolve, and their failing deliveries must not slow down other tests' sandbox."""
    from merchant_desk.sandbox import start_sandbox

    with start_sandbox(webhook_time_factor=0.001) as handle:
        yield handle


@pytest.fixture
def api(contract_sandbox):
    with httpx.Client(base_url=contract_sandbox.base_url, auth=(contract_sandbox.secret_key, ""),
                      timeout=10.0) as client:
        yield client


def ok(response: httpx.Response) -> dict:
    assert response.status_code == 200, response.text
    return response.json()


def answer_to(api: httpx.Client, example: Example) -> dict:
    request = example.request
    body = dict(request.get("body", {}))
    setup = example.sandbox
    if "pay_first" in setup:
        currency, amount = setup["pay_first"]["currency"], setup["pay_first"]["amount"]
        intent = ok(api.post("/v1/payment_intents", json={
            "amount": amount, "currency": currency, "confirm": True,
            "payment_method_options": {"alipayplus": {"terminal_type": "WEB"}},
            "payment_method_data": {"type": "alipayplus"}, "return_url": "https://wooshpay.com"}))
        pay(intent["next_action"]["alipayplus_handle_redirect"]["normalUrl"])
        body["payment_intent"] = intent["id"]
    path = request["path"]
    if "{id}" in path:
        if "create_first" in setup:
            first = load(setup["create_first"]).request
            object_id = ok(api.post(first["path"], json=first["body"]))["id"]
        else:  # an event: any payment makes some
            ok(api.post("/v1/payment_intents", json={"amount": 100, "currency": "HKD"}))
            object_id = ok(api.get("/v1/events", params={"limit": 1}))["data"][0]["id"]
        path = path.replace("{id}", object_id)
    elif "create_first" in setup:
        first = load(setup["create_first"]).request
        ok(api.post(first["path"], json=first["body"]))
    if request["method"] == "POST":
        return ok(api.post(path, json=body))
    return ok(api.get(path, params=request.get("query")))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_the_sandbox_answers_the_documented_request_in_the_documented_shape(api, example):
    answered = answer_to(api, example)
    assert shape_differences(example.response, answered, example.exempt) == []
    assert answered.get("object") == example.response.get("object")


def test_exemptions_are_few_and_explained():
    for example in EXAMPLES:
        for path, reason in example.exempt.items():
            assert len(reason) > 20, (example.name, path)
    assert sum(len(e.exempt) for e in EXAMPLES) <= 8


def test_shape_differences_sees_what_it_must():
    documented = {"a": 1, "b": "x", "c": {"d": [{"e": True}]}, "created": 1669628410000, "n": None}
    assert shape_differences(documented, documented, {}) == []
    assert shape_differences(documented, {**documented, "a": "1"}, {}) == ["a: documented integer, answered string"]
    assert shape_differences(documented, {"b": "x", "c": {"d": [{"e": 1}]}, "created": 1669628410, "n": 3}, {}) == [
        "a: missing", "c.d[].e: documented boolean, answered integer",
        "created: documented in milliseconds, answered 1669628410"]
    assert shape_differences(documented, {**documented, "a": None}, {}) == []
    assert shape_differences(documented, {k: v for k, v in documented.items() if k != "c"}, {"c": "why"}) == []
