"""An intent encoded once for its row, its events and the answer: the answer is what JSONResponse would send,
and each event carries the intent as it was at that moment."""

from __future__ import annotations

import json

from merchant_desk.sandbox.encoded import Encoded, text_of, to_json
from merchant_desk.sandbox.events import _event_text

from .conftest import alipayplus_intent


def test_the_answer_is_byte_for_byte_what_jsonresponse_sends(fresh_api):
    response = fresh_api.post(
        "/v1/payment_intents",
        json={"amount": 1234, "currency": "HKD", "confirm": True, "payment_method_data": {"type": "alipayplus"},
              "description": "Tee — größe M", "metadata": {"md_request": "r-1"}},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert response.content == json.dumps(body, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()
    assert response.headers["content-type"] == "application/json"
    assert response.headers["request-id"].startswith("req_")
    assert "_sandbox" not in body and body["description"] == "Tee — größe M"


def test_each_event_holds_its_own_snapshot(fresh_api):
    intent = alipayplus_intent(fresh_api, amount=500, currency="HKD", metadata={"md_request": "snap"})
    events = {e["type"]: e for e in fresh_api.get("/v1/events").json()["data"] if e["data"]["object"]["id"] == intent["id"]}
    assert events["payment_intent.requires_action"]["data"]["object"] == intent
    created = events["payment_intent.created"]["data"]["object"]
    assert created["status"] == "requires_confirmation" and created["next_action"] is None
    assert {k: v for k, v in created.items() if k not in ("status", "next_action")} == {
        k: v for k, v in intent.items() if k not in ("status", "next_action")
    }
    assert fresh_api.get(f"/v1/payment_intents/{intent['id']}").json() == intent


def test_event_text_is_the_event_encoded():
    obj = {"id": "pi_1", "amount": 5, "metadata": {"k": "ü"}}
    event = {
        "id": "evt_1", "object": "event", "api_version": "1.0.1", "created": 17, "data": {"object": obj},
        "livemode": False, "pending_webhooks": 2, "request": {"id": "req_1", "idempotency_key": "k\"1"},
        "type": "payment_intent.created",
    }
    assert _event_text(event, to_json(obj)) == to_json(event)
    assert json.loads(_event_text(event, to_json(obj))) == event


def test_an_encoded_body_answers_with_its_text():
    assert text_of(Encoded({"a": 1}, '{"a":1}')) == '{"a":1}'
    assert text_of({"b": "é"}) == '{"b":"é"}'


def test_to_json_is_the_standard_encoding_of_any_value():
    import json

    import pytest

    from merchant_desk.sandbox.encoded import to_json

    deep: dict = {}
    node = deep
    for _ in range(300):  # past orjson's 254 levels: the standard library writes it
        node["a"] = {}
        node = node["a"]
    values = [
        {"a": 1, "b": [1.5, -0.0, 1e300, 2**70, -(2**64), True, None], "c": {"ü": "\u2028 \x01 \"q\" \\ 😀 \x7f"}},
        [], {}, "text", 0, 3.25, None, [{"nested": [[["deep"]]]}], {1: "int key", "s": 2},
        Encoded({"id": "pi_1", "n": 2**63}, "ignored"), deep, 2**64 - 1, -(2**63),
    ]
    for value in values:
        assert to_json(value) == json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    assert json.loads(to_json({"x": 1e-7})) == {"x": 1e-7}
    with pytest.raises(TypeError):
        to_json({"x": object()})
