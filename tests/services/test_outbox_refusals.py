"""A refusal answered by something that does not write WooshPay's error envelope (a proxy, a gateway, a web
server's error page) still ends the outbox entry: it is never sent again. Mock transports: the sandbox
always answers with the envelope."""

from __future__ import annotations

import json

import httpx
import pytest

from merchant_desk.ledger import Ledger
from merchant_desk.services.outbox import is_retryable, reconcile_pending, send_entry
from merchant_desk.wooshpay import Client, WooshPayError

ACCOUNT = "Test"
SECRET = "sk_test_" + "R3fu5ed" * 4
BODY = {"payment_intent": "pi_1693466278934609920", "amount": 300, "reason": "requested_by_customer"}

REFUSALS = [
    ("top level", "application/json",
     json.dumps({"type": "invalid_request_error", "code": "charge_already_refunded", "message": "Already refunded"})),
    ("plain text", "text/plain", "Bad Request: amount exceeds the remainder"),
    ("html", "text/html", "<html><head><title>400 Bad Request</title></head><body><h1>Bad Request</h1></body></html>"),
    ("empty", "text/plain", ""),
    ("json array", "application/json", '["refused"]'),
    ("envelope", "application/json", json.dumps({"error": {"type": "invalid_request_error", "message": "No"}})),
]


class Recorder:
    def __init__(self, status: int, content_type: str, text: str) -> None:
        self.status, self.content_type, self.text = status, content_type, text
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(self.status, content=self.text.encode(), headers={"Content-Type": self.content_type})


async def _noop(_delay: float) -> None:
    return None


def client_for(server: Recorder) -> Client:
    return Client(SECRET, base_url="https://api.example.test", transport=httpx.MockTransport(server),
                  sleep=_noop, max_attempts=3)


@pytest.mark.asyncio
@pytest.mark.parametrize(("name", "content_type", "text"), REFUSALS, ids=[r[0] for r in REFUSALS])
@pytest.mark.parametrize("status", [400, 402, 422])
async def test_a_refusal_in_any_body_is_final_and_never_resent(status, name, content_type, text):
    server = Recorder(status, content_type, text)
    with Ledger(":memory:") as ledger:
        entry = ledger.begin("refund", "POST", "/v1/refunds", BODY, account=ACCOUNT)
        async with client_for(server) as client:
            with pytest.raises(WooshPayError) as caught:
                await send_entry(client, ledger, entry, account=ACCOUNT)
            assert not is_retryable(caught.value)
            assert ledger.get(entry.idempotency_key).state == "failed"
            assert ledger.pending(ACCOUNT) == []

            report = await reconcile_pending(client, ledger, ACCOUNT)
        assert report.resolved == [] and report.unresolved == []
    assert len(server.requests) == 1


@pytest.mark.asyncio
@pytest.mark.parametrize("status", [500, 502, 503, 408, 425, 429, 409])
async def test_an_unknown_outcome_keeps_the_entry_for_a_resend_with_its_key(status):
    server = Recorder(status, "text/html", "<html><title>Try again</title></html>")
    with Ledger(":memory:") as ledger:
        entry = ledger.begin("refund", "POST", "/v1/refunds", BODY, account=ACCOUNT)
        async with client_for(server) as client:
            with pytest.raises(WooshPayError) as caught:
                await send_entry(client, ledger, entry, account=ACCOUNT)
        assert is_retryable(caught.value)
        assert [e.idempotency_key for e in ledger.pending(ACCOUNT)] == [entry.idempotency_key]
    assert {r.headers["Idempotency-Key"] for r in server.requests} == {entry.idempotency_key}
