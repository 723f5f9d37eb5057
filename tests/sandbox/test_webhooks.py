"""Signed webhook delivery with retries: a real receiver on loopback checks every signature."""

from __future__ import annotations

import itertools
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from merchant_desk.sandbox.webhooks import MAX_ATTEMPTS, RETRY_DELAYS, retry_delay
from merchant_desk.wooshpay.webhooks import verify

from .conftest import alipayplus_intent, cashier_url


class Receiver:
    """Records verified deliveries; answers 500 to the first ``fail_first`` of them."""

    def __init__(self, fail_first: int = 0) -> None:
        self.secret = ""
        self.fail_first = fail_first
        self.received: list[dict] = []
        self.bad_signatures = 0
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                try:
                    verify(body, self.headers["Wooshpay-Signature"], receiver.secret)
                    ok = self.headers["Content-Type"] == "application/json"
                except Exception:
                    ok = False
                import json

                with receiver.lock:
                    if not ok:
                        receiver.bad_signatures += 1
                    receiver.received.append(json.loads(body))
                    status = 500 if len(receiver.received) <= receiver.fail_first else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def types(self) -> list[str]:
        with self.lock:
            return [e["type"] for e in self.received]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver(fail_first=2)
    yield r
    r.close()


def _wait(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_schedule_is_18_tries_over_72_hours():
    assert len(RETRY_DELAYS) == MAX_ATTEMPTS - 1 == 17
    assert sum(RETRY_DELAYS) == pytest.approx(72 * 3600)
    assert all(b == pytest.approx(2 * a) for a, b in itertools.pairwise(RETRY_DELAYS))
    assert retry_delay(1, 0.001) == pytest.approx(RETRY_DELAYS[0] * 0.001)
    assert retry_delay(MAX_ATTEMPTS, 1.0) is None


def test_signed_delivery_retries_and_subscriptions(fresh_sandbox, fresh_api, receiver):
    api = fresh_api
    endpoint = api.post(
        "/v1/webhook_endpoints",
        json={"url": receiver.url, "enabled_events": ["payment_intent.succeeded", "charge.refund.updated"]},
    ).json()
    receiver.secret = endpoint["secret"]
    pi = alipayplus_intent(api, amount=800, currency="HKD")  # created + requires_action: not subscribed
    httpx.post(cashier_url(pi), data={"action": "pay", "wallet": "AlipayHK"})
    assert _wait(lambda: "payment_intent.succeeded" in receiver.types()[2:])
    api.post("/v1/refunds", json={"payment_intent": pi["id"]})
    assert _wait(lambda: "charge.refund.updated" in receiver.types())
    time.sleep(0.2)
    # The first two answers were 500: the same event came three times; nothing unsubscribed ever came.
    assert receiver.types() == ["payment_intent.succeeded"] * 3 + ["charge.refund.updated"]
    assert receiver.bad_signatures == 0
    assert len({e["id"] for e in receiver.received[:3]}) == 1
    event = receiver.received[0]
    assert event["object"] == "event" and event["data"]["object"]["id"] == pi["id"]
    assert event["data"]["object"]["status"] == "succeeded"

    attempts = httpx.get(
        f"{fresh_sandbox.base_url}/_sandbox/webhook_attempts", params={"endpoint": endpoint["id"]}
    ).json()["data"]
    succeeded = [a for a in attempts if a["event_type"] == "payment_intent.succeeded"]
    assert [a["attempt"] for a in succeeded] == [1, 2, 3]
    assert [a["status"] for a in succeeded] == [500, 500, 200]
    assert succeeded[0]["error"] == "HTTP 500" and succeeded[2]["error"] is None
    assert succeeded[0]["next_retry_at"] is not None and succeeded[2]["next_retry_at"] is None
    assert all(len(str(a["at"])) == 13 for a in attempts)


def test_disabled_and_wildcard_endpoints(fresh_api):
    quiet, loud = Receiver(), Receiver()
    try:
        off = fresh_api.post("/v1/webhook_endpoints", json={"url": quiet.url, "enabled_events": ["*"]}).json()
        quiet.secret = off["secret"]
        disabled = fresh_api.post(f"/v1/webhook_endpoints/{off['id']}", json={"disabled": True}).json()
        assert disabled["status"] == "disabled"
        on = fresh_api.post("/v1/webhook_endpoints", json={"url": loud.url, "enabled_events": ["*"]}).json()
        loud.secret = on["secret"]
        alipayplus_intent(fresh_api, amount=100, currency="HKD")
        # Both events are due at once and go out on parallel connections, so they may arrive in either
        # order (as with WooshPay, which promises no order); the test waits for the set, not a sequence.
        assert _wait(lambda: len(loud.types()) >= 2)
        assert sorted(loud.types()) == ["payment_intent.created", "payment_intent.requires_action"]
        assert quiet.types() == [] and loud.bad_signatures == 0
    finally:
        quiet.close()
        loud.close()


def test_unreachable_endpoint_records_errors(fresh_sandbox, fresh_api):
    endpoint = fresh_api.post(
        "/v1/webhook_endpoints", json={"url": "http://127.0.0.1:9/nothing", "enabled_events": ["*"]}
    ).json()
    alipayplus_intent(fresh_api, amount=100, currency="HKD")
    url = f"{fresh_sandbox.base_url}/_sandbox/webhook_attempts"
    assert _wait(lambda: len(httpx.get(url, params={"endpoint": endpoint["id"]}).json()["data"]) >= 4)
    attempt = httpx.get(url, params={"endpoint": endpoint["id"]}).json()["data"][0]
    assert attempt["status"] is None and attempt["error"]


def test_endpoint_crud_and_validation(api):
    from .conftest import assert_error

    assert_error(api.post("/v1/webhook_endpoints", json={"enabled_events": ["*"]}), 400, param="url")
    assert_error(api.post("/v1/webhook_endpoints", json={"url": "https://x.example/h"}), 400,
                 param="enabled_events")
    assert_error(api.post("/v1/webhook_endpoints", json={"url": "ftp://x", "enabled_events": ["*"]}), 400,
                 param="url")
    assert_error(api.post("/v1/webhook_endpoints", json={"url": "https://x.example/h", "enabled_events": ["nope"]}),
                 400, param="enabled_events")
    we = api.post("/v1/webhook_endpoints", json={"url": "https://x.example/h", "enabled_events": ["*"],
                                                  "description": "d"}).json()
    updated = api.post(f"/v1/webhook_endpoints/{we['id']}",
                       json={"enabled_events": ["payment_intent.canceled"], "description": "e"}).json()
    assert (updated["enabled_events"], updated["description"]) == (["payment_intent.canceled"], "e")
    assert we["id"] in [e["id"] for e in api.get("/v1/webhook_endpoints", params={"limit": 100}).json()["data"]]
    deleted = api.delete(f"/v1/webhook_endpoints/{we['id']}").json()
    assert deleted == {"id": we["id"], "object": "webhook_endpoint", "deleted": True}
    assert_error(api.get(f"/v1/webhook_endpoints/{we['id']}"), 404, code="resource_missing")
