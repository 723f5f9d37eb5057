"""Idempotency-Key (§1.3, likely as Stripe): replay with the same body, idempotency_error otherwise."""

from __future__ import annotations

import uuid

from .conftest import assert_error


def test_replay_and_mismatch(fresh_api):
    key = str(uuid.uuid4())
    body = {"amount": 900, "currency": "HKD", "metadata": {"n": "1"}}
    first = fresh_api.post("/v1/payment_intents", json=body, headers={"Idempotency-Key": key})
    second = fresh_api.post("/v1/payment_intents", json=body, headers={"Idempotency-Key": key})
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert second.headers.get("idempotent-replayed") == "true"
    assert len(fresh_api.get("/v1/payment_intents").json()["data"]) == 1
    mismatch = fresh_api.post("/v1/payment_intents", json={**body, "amount": 901}, headers={"Idempotency-Key": key})
    assert_error(mismatch, 400, "idempotency_error")
    other_path = fresh_api.post("/v1/refunds", json=body, headers={"Idempotency-Key": key})
    assert_error(other_path, 400, "idempotency_error")
    # Without a key every POST is a new object.
    fresh_api.post("/v1/payment_intents", json=body)
    fresh_api.post("/v1/payment_intents", json=body)
    assert len(fresh_api.get("/v1/payment_intents").json()["data"]) == 3


def test_failed_request_is_not_remembered(fresh_api):
    key = str(uuid.uuid4())
    bad = fresh_api.post("/v1/payment_intents", json={"amount": 0, "currency": "HKD"}, headers={"Idempotency-Key": key})
    assert bad.status_code == 400
    # The failed attempt left nothing behind: no object, no event.
    assert fresh_api.get("/v1/payment_intents").json()["data"] == []
    assert fresh_api.get("/v1/events").json()["data"] == []


def test_keys_expire_after_24_hours(fresh_sandbox, fresh_api):
    import httpx

    key = str(uuid.uuid4())
    body = {"amount": 100, "currency": "HKD"}
    first = fresh_api.post("/v1/payment_intents", json=body, headers={"Idempotency-Key": key}).json()
    httpx.post(f"{fresh_sandbox.base_url}/_sandbox/clock", json={"advance_ms": 24 * 3600 * 1000 + 1})
    second = fresh_api.post("/v1/payment_intents", json=body, headers={"Idempotency-Key": key}).json()
    assert second["id"] != first["id"]


def test_concurrent_requests_with_one_key_do_the_work_once(fresh_sandbox, fresh_api):
    from concurrent.futures import ThreadPoolExecutor

    from .conftest import api_client

    key = str(uuid.uuid4())
    body = {"amount": 4200, "currency": "HKD", "merchant_order_id": "same-key"}

    def post(_: int):
        with api_client(fresh_sandbox) as client:
            return client.post("/v1/payment_intents", json=body, headers={"Idempotency-Key": key})

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(post, range(10)))
    assert {r.status_code for r in answers} == {200}
    assert len({r.json()["id"] for r in answers}) == 1
    assert sum(r.headers.get("idempotent-replayed") == "true" for r in answers) == 9
    assert len(fresh_api.get("/v1/payment_intents").json()["data"]) == 1
    assert len(fresh_api.get("/v1/events", params={"type": "payment_intent.created"}).json()["data"]) == 1
