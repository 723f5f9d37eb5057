"""Webhook endpoints: the create request, creating one ledger-first, deleting one with an audit entry."""

from __future__ import annotations

import asyncio
from typing import Any

from merchant_desk.services.late_retry import tag_request
from merchant_desk.services.outbox import send_entry
from merchant_desk.wooshpay import NotFoundError, WebhookEndpoint

ENDPOINT_KIND = "webhook_endpoint"
ENDPOINT_PATH = "/v1/webhook_endpoints"


def endpoint_body(url: str, events: list[str], description: str, api_version: str) -> dict[str, Any]:
    """The create request as sent and as written to the ledger (so a re-send is byte-for-byte the same)."""
    body: dict[str, Any] = {"url": url.strip(), "enabled_events": list(events)}
    if description.strip():
        body["description"] = description.strip()
    if api_version.strip():
        body["api_version"] = api_version.strip()
    return body


async def create_endpoint(client: Any, ledger: Any, account: str, body: dict[str, Any], key: str) -> WebhookEndpoint:
    """Create an endpoint ledger-first: the request and its idempotency key are committed before sending.

    The returned endpoint carries its signing secret, to be shown to the user once; send_entry keeps that
    secret out of the ledger and the audit log.
    """
    body = tag_request(body, key)  # findable after the server forgot the key (services.late_retry)
    entry = await asyncio.to_thread(ledger.begin, ENDPOINT_KIND, "POST", ENDPOINT_PATH, body,
                                    account=account, idempotency_key=key)
    response = await send_entry(client, ledger, entry, account=account)
    return WebhookEndpoint.from_dict(response)


async def delete_endpoint(client: Any, ledger: Any, account: str, endpoint_id: str, url: str | None = None) -> bool:
    """Delete and audit; False when the server no longer had it (deleted elsewhere)."""
    try:
        await client.webhook_endpoints.delete(endpoint_id)
    except NotFoundError:
        return False
    await asyncio.to_thread(ledger.audit, "webhook_endpoint.deleted", endpoint_id, {"url": url}, account=account)
    return True
