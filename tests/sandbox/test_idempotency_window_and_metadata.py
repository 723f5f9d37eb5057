"""Idempotency keys live 24 h of sandbox-clock time, as the real API's do: a retry after 25 h is a new
request. What a client made can be found again by the metadata it sent (search, refunds of a payment)."""

from __future__ import annotations

import uuid

import httpx

from .conftest import paid_intent

HOUR_MS = 3600 * 1000


def _advance(sandbox, ms: int) -> None:
    assert httpx.post(f"{sandbox.base_url}/_sandbox/clock", json={"advance_ms": ms}).status_code == 200


def test_a_refund_retried_after_25_hours_is_a_new_refund(fresh_sandbox, fresh_api):
    pi = paid_intent(fresh_api, amount=1000, currency="HKD")
    key = str(uuid.uuid4())
    body = {"payment_intent": pi["id"], "amount": 300, "metadata": {"md_request": key}}
    first = fresh_api.post("/v1/refunds", json=body, headers={"Idempotency-Key": key})
    _advance(fresh_sandbox, 23 * HOUR_MS)
    replay = fresh_api.post("/v1/refunds", json=body, headers={"Idempotency-Key": key})
    assert replay.headers.get("Idempotent-Replayed") == "true" and replay.json()["id"] == first.json()["id"]
    _advance(fresh_sandbox, 2 * HOUR_MS)  # 25 h after the first request
    late = fresh_api.post("/v1/refunds", json=body, headers={"Idempotency-Key": key})
    assert late.status_code == 200 and "Idempotent-Replayed" not in late.headers
    assert late.json()["id"] != first.json()["id"]
    # This is what a client must guard against: both refunds are on the server, and its metadata finds them.
    refunds = fresh_api.get("/v1/refunds", params={"payment_intent": pi["id"]}).json()["data"]
    assert [r["metadata"] for r in refunds] == [{"md_request": key}] * 2


def test_keys_younger_than_a_day_replay_after_many_other_requests(fresh_sandbox, fresh_api):
    key = str(uuid.uuid4())
    body = {"amount": 500, "currency": "HKD"}
    first = fresh_api.post("/v1/payment_intents", json=body, headers={"Idempotency-Key": key}).json()
    for hour in range(1, 24, 2):
        _advance(fresh_sandbox, 2 * HOUR_MS - (HOUR_MS if hour == 23 else 0))
        fresh_api.post("/v1/payment_intents", json=body, headers={"Idempotency-Key": f"{key}-{hour}"})
    again = fresh_api.post("/v1/payment_intents", json=body, headers={"Idempotency-Key": key})
    assert again.json()["id"] == first["id"]


def test_intent_metadata_round_trips_and_is_searchable(api):
    key = str(uuid.uuid4())
    made = api.post(
        "/v1/payment_intents",
        json={"amount": 1234, "currency": "HKD", "metadata": {"md_request": key, "till": "front"}},
    ).json()
    assert made["metadata"] == {"md_request": key, "till": "front"}
    assert api.get(f"/v1/payment_intents/{made['id']}").json()["metadata"] == made["metadata"]
    for query in (f"metadata['md_request']:'{key}'", f'metadata["md_request"]:"{key}"'):
        found = api.get("/v1/payment_intents/search", params={"query": query}).json()
        assert [i["id"] for i in found["data"]] == [made["id"]], query
    # Metadata changed by an update is what search finds afterwards.
    api.post(f"/v1/payment_intents/{made['id']}", json={"metadata": {"md_request": f"{key}-2"}})
    old = api.get("/v1/payment_intents/search", params={"query": f"metadata['md_request']:'{key}'"}).json()
    new = api.get("/v1/payment_intents/search", params={"query": f"metadata['md_request']:'{key}-2'"}).json()
    assert old["data"] == [] and [i["id"] for i in new["data"]] == [made["id"]]


def test_refund_metadata_round_trips(api):
    pi = paid_intent(api, amount=800, currency="HKD")
    refund = api.post("/v1/refunds", json={"payment_intent": pi["id"], "amount": 100,
                                           "metadata": {"md_request": "r-1"}}).json()
    assert refund["metadata"] == {"md_request": "r-1"}
    assert api.get(f"/v1/refunds/{refund['id']}").json()["metadata"] == {"md_request": "r-1"}
    listed = api.get("/v1/refunds", params={"payment_intent": pi["id"]}).json()["data"]
    assert [r["metadata"] for r in listed] == [{"md_request": "r-1"}]
