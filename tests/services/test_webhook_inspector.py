"""The local webhook inspector: signature checks on raw bytes, and a real round trip from the sandbox."""

from __future__ import annotations

import asyncio
import json
import time

import httpx
import pytest

from merchant_desk.services.webhook_inspector import (
    ReceivedWebhook,
    WebhookInspector,
    check_signature,
    inspector_for,
)
from merchant_desk.wooshpay.webhooks import sign

SECRET = "whsec_" + "k" * 32
OTHER_SECRET = "whsec_" + "z" * 32
BODY = json.dumps({"id": "evt_1", "object": "event", "type": "payment_intent.succeeded",
                   "data": {"object": {"id": "pi_1"}}}, separators=(",", ":")).encode()


def test_check_signature_accepts_any_known_secret_and_names_it():
    header = sign(BODY, SECRET, int(time.time()))
    assert check_signature(BODY, header, {"we_a": OTHER_SECRET, "we_b": SECRET}) == (True, None, "we_b")


@pytest.mark.parametrize(
    "body, header, secrets, reason_part",
    [
        (BODY + b" ", "good", {"we": SECRET}, "does not match"),
        (BODY, None, {"we": SECRET}, "No Wooshpay-Signature header"),
        (BODY, "good", {}, "No signing secret"),
        (BODY, "t=abc,v1=00", {"we": SECRET}, "not a number"),
        (BODY, "old", {"we": SECRET}, "tolerance"),
    ],
)
def test_check_signature_says_why_it_refuses(body, header, secrets, reason_part):
    now = int(time.time())
    if header == "good":
        header = sign(BODY, SECRET, now)
    elif header == "old":
        header = sign(BODY, SECRET, now - 3600)
    verified, reason, label = check_signature(body, header, secrets)
    assert not verified and label is None
    assert reason_part in reason


@pytest.mark.asyncio
async def test_inspector_reports_verified_and_tampered_deliveries():
    inspector = WebhookInspector()
    seen: list[ReceivedWebhook] = []
    inspector.subscribe(seen.append)
    url = await inspector.start()
    try:
        assert url.startswith("http://127.0.0.1:") and inspector.port > 0
        inspector.add_secret("we_1", SECRET)
        header = sign(BODY, SECRET, int(time.time()))
        async with httpx.AsyncClient(timeout=5) as http:
            ok = await http.post(url, content=BODY, headers={"Wooshpay-Signature": header})
            tampered_body = BODY.replace(b"pi_1", b"pi_2")
            bad = await http.post(url, content=tampered_body, headers={"wooshpay-signature": header})
            unsigned = await http.post(url, content=BODY)
            got = await http.get(url)
        # Every POST is acknowledged: a 4xx would only make the sender retry the same bytes.
        assert [ok.status_code, bad.status_code, unsigned.status_code, got.status_code] == [200, 200, 200, 405]
        assert [w.verified for w in seen] == [True, False, False]
        assert seen[0].secret_label == "we_1" and seen[0].reason is None
        assert seen[0].event_type == "payment_intent.succeeded" and seen[0].object_id == "pi_1"
        assert seen[0].body == BODY
        assert "does not match" in seen[1].reason and seen[1].body == tampered_body
        assert "No Wooshpay-Signature" in seen[2].reason
        assert inspector.received == seen
    finally:
        await inspector.stop()
    assert not inspector.running
    with pytest.raises(httpx.ConnectError):
        async with httpx.AsyncClient(timeout=2) as http:
            await http.post(url, content=BODY)


@pytest.mark.asyncio
async def test_chunked_body_and_non_json_and_a_failing_listener():
    inspector = WebhookInspector()
    seen: list[ReceivedWebhook] = []

    def broken(_w):
        raise RuntimeError("listener bug")

    inspector.subscribe(broken)
    unsubscribe = inspector.subscribe(seen.append)
    url = await inspector.start()
    inspector.add_secret("we", SECRET)
    try:
        async def chunks():
            yield BODY[:10]
            yield BODY[10:]

        header = sign(BODY, SECRET, int(time.time()))
        async with httpx.AsyncClient(timeout=5) as http:
            r1 = await http.post(url, content=chunks(), headers={"Wooshpay-Signature": header})
            not_json = b"hello"
            r2 = await http.post(url, content=not_json,
                                 headers={"Wooshpay-Signature": sign(not_json, SECRET, int(time.time()))})
            unsubscribe()
            r3 = await http.post(url, content=BODY)
        assert (r1.status_code, r2.status_code, r3.status_code) == (200, 200, 200)
        assert seen[0].verified and seen[0].body == BODY
        assert seen[1].event is None and seen[1].body_text() == "hello"
        assert len(seen) == 2 and len(inspector.received) == 3
    finally:
        await inspector.stop()


def test_one_inspector_per_owner():
    class Owner:
        pass

    a, b = Owner(), Owner()
    assert inspector_for(a) is inspector_for(a)
    assert inspector_for(a) is not inspector_for(b)


@pytest.mark.asyncio
async def test_sandbox_delivers_a_verified_payment_succeeded(sandbox):
    from merchant_desk.wooshpay import Client

    inspector = WebhookInspector()
    arrived = asyncio.Event()
    seen: list[ReceivedWebhook] = []

    def on_event(webhook: ReceivedWebhook) -> None:
        seen.append(webhook)
        if webhook.event_type == "payment_intent.succeeded":
            arrived.set()

    inspector.subscribe(on_event)
    url = await inspector.start()
    client = Client(sandbox.secret_key, base_url=sandbox.base_url, backoff_base=0.05, backoff_cap=0.2)
    try:
        endpoint = await client.webhook_endpoints.create(
            url=url, enabled_events=["payment_intent.succeeded"], description="inspector test"
        )
        inspector.add_secret(endpoint.id, endpoint.secret)
        intent = await client.payment_intents.create(
            amount=1500, currency="PHP", confirm=True,
            payment_method_data={"type": "alipayplus"},
            payment_method_options={"alipayplus": {"terminal_type": "WEB"}},
            return_url="https://example.com/return",
        )
        async with httpx.AsyncClient(timeout=10) as http:
            paid = await http.post(intent.cashier_url, data={"action": "pay", "wallet": "GCash"})
        assert paid.status_code < 400, paid.text
        await asyncio.wait_for(arrived.wait(), 15)
        succeeded = [w for w in seen if w.event_type == "payment_intent.succeeded"]
        assert succeeded[0].verified, succeeded[0].reason
        assert succeeded[0].secret_label == endpoint.id
        assert succeeded[0].object_id == intent.id
        # It subscribed to one type only, so nothing else arrived (created fired before the payment).
        assert {w.event_type for w in seen} == {"payment_intent.succeeded"}
        await client.webhook_endpoints.delete(endpoint.id)
    finally:
        await client.aclose()
        await inspector.stop()
