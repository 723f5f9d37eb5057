"""Faults on demand: failing answers, delays, and POSTs that commit and then drop the connection."""

from __future__ import annotations

import time
import uuid

import httpx
import pytest

from merchant_desk.sandbox import start_sandbox

from .conftest import api_client


def _faults(handle, **settings):
    response = httpx.post(f"{handle.base_url}/_sandbox/faults", json=settings)
    assert response.status_code == 200, response.text
    return response.json()


def test_fail_next_with_each_status(fresh_sandbox, fresh_api):
    for status in (500, 503, 429):
        _faults(fresh_sandbox, fail_next=2, fail_status=status, retry_after=3)
        for _ in range(2):
            r = fresh_api.post("/v1/payment_intents", json={"amount": 1, "currency": "HKD"})
            assert r.status_code == status
            assert r.json()["error"]["type"] == ("rate_limit_error" if status == 429 else "api_error")
            assert r.headers["request-id"].startswith("req_")
            if status == 429:
                assert r.headers["retry-after"] == "3"
        assert fresh_api.get("/v1/payment_intents").status_code == 200
    assert fresh_api.get("/v1/payment_intents").json()["data"] == []
    state = httpx.get(f"{fresh_sandbox.base_url}/_sandbox/faults").json()
    assert state["fail_next"] == 0 and state["injected_failures"] == 6
    # Cashier pages and sandbox endpoints never fail.
    _faults(fresh_sandbox, fail_rate=1.0)
    assert httpx.get(f"{fresh_sandbox.base_url}/_sandbox/health").status_code == 200
    assert httpx.delete(f"{fresh_sandbox.base_url}/_sandbox/faults").json()["fail_rate"] == 0
    assert fresh_api.get("/v1/events").status_code == 200


def test_bad_fault_settings(fresh_sandbox):
    for bad in ({"fail_status": 404}, {"fail_rate": 2}, {"bogus": 1}, {"fail_next": -1}):
        assert httpx.post(f"{fresh_sandbox.base_url}/_sandbox/faults", json=bad).status_code == 400


def test_delay(fresh_sandbox, fresh_api):
    _faults(fresh_sandbox, delay_ms=300)
    start = time.monotonic()
    assert fresh_api.get("/v1/events").status_code == 200
    assert time.monotonic() - start >= 0.3
    httpx.delete(f"{fresh_sandbox.base_url}/_sandbox/faults")


def test_commit_then_drop_is_a_connection_error_and_the_key_replays(fresh_sandbox, fresh_api):
    _faults(fresh_sandbox, drop_next=1)
    key = str(uuid.uuid4())
    body = {"amount": 4321, "currency": "HKD"}
    with pytest.raises(httpx.TransportError) as caught:
        fresh_api.post("/v1/payment_intents", json=body, headers={"Idempotency-Key": key})
    assert not isinstance(caught.value, httpx.TimeoutException)
    # The work was committed although no answer came.
    listed = fresh_api.get("/v1/payment_intents").json()["data"]
    assert [pi["amount"] for pi in listed] == [4321]
    retry = fresh_api.post("/v1/payment_intents", json=body, headers={"Idempotency-Key": key})
    assert retry.status_code == 200 and retry.json()["id"] == listed[0]["id"]
    assert retry.headers["idempotent-replayed"] == "true"
    assert len(fresh_api.get("/v1/payment_intents").json()["data"]) == 1
    # GETs are never dropped.
    _faults(fresh_sandbox, drop_next=1)
    assert fresh_api.get("/v1/payment_intents").status_code == 200


def test_start_options():
    with start_sandbox(faults={"fail_next": 1, "fail_status": 500}) as handle, api_client(handle) as api:
        assert api.get("/v1/events").status_code == 500
        assert api.get("/v1/events").status_code == 200


def test_raw_retries_under_30_percent_faults(fresh_sandbox):
    """200 POSTs through a minimal retry loop (same key on every try) make exactly 200 objects."""
    _faults(fresh_sandbox, fail_rate=0.15, fail_status=503, drop_rate=0.15, seed=7)
    failures = 0
    with api_client(fresh_sandbox) as api:
        for i in range(200):
            key = f"order-{i}"
            for _ in range(30):
                try:
                    r = api.post("/v1/payment_intents", json={"amount": 100 + i, "currency": "HKD",
                                                              "merchant_order_id": key},
                                 headers={"Idempotency-Key": key})
                except httpx.TransportError:
                    failures += 1
                    continue
                if r.status_code == 200:
                    break
                failures += 1
            else:
                pytest.fail(f"request {i} never succeeded")
        httpx.delete(f"{fresh_sandbox.base_url}/_sandbox/faults")
        intents = [pi for page in _all(api) for pi in page]
    assert failures > 30  # the faults really happened
    assert len(intents) == 200
    assert sorted(pi["merchant_order_id"] for pi in intents) == sorted(f"order-{i}" for i in range(200))


def _all(api):
    cursor = None
    while True:
        page = api.get("/v1/payment_intents", params={"limit": 100, **({"starting_after": cursor} if cursor else {})}).json()
        yield page["data"]
        if not page["has_more"]:
            return
        cursor = page["data"][-1]["id"]
