"""Webhook endpoint use-cases against the real sandbox: the request body, ledger-first creation whose
signing secret never reaches the ledger or the audit log, a re-send with the same key, and deletion."""

from __future__ import annotations

import uuid

import pytest

from merchant_desk.ledger import Ledger
from merchant_desk.services.late_retry import tag_request
from merchant_desk.services.webhook_endpoints import (
    ENDPOINT_KIND,
    WebhookEndpointService,
    endpoint_body,
)
from tests.services.helpers import make_client

ACCOUNT = "Sandbox"


def test_endpoint_body_trims_and_leaves_out_empty_fields():
    assert endpoint_body(" https://a.example.com/h ", ["*"], "  ", "") == {
        "url": "https://a.example.com/h", "enabled_events": ["*"]}
    assert endpoint_body("https://a.example.com/h", ["payment_intent.succeeded"], " shop ", " 1.0.1 ") == {
        "url": "https://a.example.com/h", "enabled_events": ["payment_intent.succeeded"],
        "description": "shop", "api_version": "1.0.1"}


@pytest.mark.asyncio
async def test_create_is_ledger_first_and_keeps_the_secret_off_disk(sandbox):
    url = f"https://{uuid.uuid4().hex}.example.com/hooks"
    body = endpoint_body(url, ["payment_intent.succeeded"], "shop", "")
    key = str(uuid.uuid4())
    with Ledger(":memory:") as ledger:
        async with make_client(sandbox) as client:
            service = WebhookEndpointService(client, ledger, ACCOUNT)
            endpoint = await service.create(url, ["payment_intent.succeeded"], "shop", idempotency_key=key)
            again = await service.create(url, ["payment_intent.succeeded"], "shop", idempotency_key=key)
            on_server = [e async for e in client.webhook_endpoints.list_all() if e.url == url]

        assert endpoint.url == url and endpoint.secret and endpoint.secret.startswith("whsec_")
        assert again.id == endpoint.id and [e.id for e in on_server] == [endpoint.id]
        (entry,) = ledger.entries(ACCOUNT, kind=ENDPOINT_KIND)
        assert entry.idempotency_key == key and entry.state == "done" and entry.object_id == endpoint.id
        assert entry.body == tag_request(body, key)  # the outbox key rides in metadata
        assert "secret" not in entry.response and endpoint.secret not in str(entry.response)
        audit = ledger.audit_entries(ACCOUNT)
        assert ("webhook_endpoint.created", endpoint.id) in [(a.action, a.object_id) for a in audit]
        assert all(endpoint.secret not in str(a.details) for a in audit)


@pytest.mark.asyncio
async def test_delete_audits_and_reports_an_endpoint_already_gone(sandbox):
    url = f"https://{uuid.uuid4().hex}.example.com/hooks"
    with Ledger(":memory:") as ledger:
        async with make_client(sandbox) as client:
            endpoint = await client.webhook_endpoints.create(url=url, enabled_events=["*"])
            service = WebhookEndpointService(client, ledger, ACCOUNT)
            assert await service.delete(endpoint.id, url) is True
            assert await service.delete(endpoint.id, url) is False
            assert [e async for e in client.webhook_endpoints.list_all() if e.url == url] == []

        deleted = [a for a in ledger.audit_entries(ACCOUNT) if a.action == "webhook_endpoint.deleted"]
        assert [(a.object_id, a.details) for a in deleted] == [(endpoint.id, {"url": url})]
