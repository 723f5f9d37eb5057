"""Checkout use-cases against the real sandbox: the §0 request, ledger-first creation, a re-send with the
same key making no second session, and expiry through the outbox."""

from __future__ import annotations

import uuid

import pytest

from merchant_desk.ledger import Ledger
from merchant_desk.services.checkout import (
    EXPIRE_KIND,
    SESSION_KIND,
    CheckoutService,
    LineItemInput,
    session_body,
)
from merchant_desk.services.late_retry import tag_request
from tests.services.helpers import make_client

ACCOUNT = "Sandbox"


ITEMS = [LineItemInput("Tea", 1250, 2), LineItemInput("Cake", 800, 1)]
URLS = (" https://shop.example.com/ok ", "https://shop.example.com/cancel")


def body() -> dict:
    return session_body("HKD", ITEMS, *URLS)


def test_session_body_is_the_alipayplus_request():
    sent = body()
    assert sent["mode"] == "payment"
    assert sent["payment_method_types"] == ["alipayplus"]
    assert sent["payment_method_options"] == {"alipayplus": {"terminal_type": "WEB"}}
    assert sent["success_url"] == "https://shop.example.com/ok"
    assert [(li["price_data"]["product_data"]["name"], li["price_data"]["unit_amount"], li["quantity"])
            for li in sent["line_items"]] == [("Tea", 1250, 2), ("Cake", 800, 1)]
    assert {li["price_data"]["currency"] for li in sent["line_items"]} == {"HKD"}


@pytest.mark.asyncio
async def test_create_is_ledger_first_and_a_resend_makes_no_second_session(sandbox):
    key = str(uuid.uuid4())
    with Ledger(":memory:") as ledger:
        async with make_client(sandbox) as client:
            service = CheckoutService(client, ledger, ACCOUNT)
            session = await service.create("HKD", ITEMS, *URLS, idempotency_key=key)
            again = await service.create("HKD", ITEMS, *URLS, idempotency_key=key)

        assert session.status == "open" and session.amount_total == 3300 and session.url
        assert again.id == session.id
        (entry,) = ledger.entries(ACCOUNT, kind=SESSION_KIND)
        assert entry.idempotency_key == key and entry.state == "done" and entry.object_id == session.id
        assert entry.body == tag_request(body(), key)  # the outbox key rides in metadata
        assert ("checkout_session.created", session.id) in [(a.action, a.object_id)
                                                              for a in ledger.audit_entries(ACCOUNT)]


@pytest.mark.asyncio
async def test_expire_goes_through_the_outbox(sandbox):
    with Ledger(":memory:") as ledger:
        async with make_client(sandbox) as client:
            service = CheckoutService(client, ledger, ACCOUNT)
            session = await service.create("HKD", ITEMS, *URLS)
            expired = await service.expire(session.id)
            on_server = await client.checkout_sessions.retrieve(session.id)

        assert expired.id == session.id and expired.status == "expired" and on_server.status == "expired"
        (entry,) = ledger.entries(ACCOUNT, kind=EXPIRE_KIND)
        assert entry.state == "done" and entry.path == f"/v1/checkout/sessions/{session.id}/expire"
        assert ("checkout_session.expired", session.id) in [(a.action, a.object_id)
                                                              for a in ledger.audit_entries(ACCOUNT)]
