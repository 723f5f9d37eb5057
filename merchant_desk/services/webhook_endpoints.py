"""Webhook endpoints: the create request, creating one ledger-first, deleting one with an audit entry, and
the local inspector's own endpoint (sandbox only)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from merchant_desk.services.events import ALL_EVENTS
from merchant_desk.services.outbox import RequestHandle
from merchant_desk.services.outbox_service import OutboxService
from merchant_desk.services.webhook_inspector import WebhookInspector
from merchant_desk.wooshpay import NotFoundError, WebhookEndpoint, WooshPayError

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)

ENDPOINT_KIND = "webhook_endpoint"
DEFAULT_API_VERSION = "1.0.1"
INSPECTOR_DESCRIPTION = "Merchant Desk webhook inspector"


def endpoint_body(url: str, events: list[str], description: str, api_version: str) -> dict[str, object]:
    """The create request as sent and as written to the ledger (so a re-send is byte-for-byte the same)."""
    body: dict[str, object] = {"url": url.strip(), "enabled_events": list(events)}
    if description.strip():
        body["description"] = description.strip()
    if api_version.strip():
        body["api_version"] = api_version.strip()
    return body


class WebhookEndpointService(OutboxService[WebhookEndpoint]):
    """Endpoints of one account. ``create`` raises ``RequestFailed`` with its handle (``retry(handle)``).

    The created endpoint carries its signing secret, to be shown once; the outbox keeps that secret out of
    the ledger and the audit log.
    """

    def _read(self, response: dict[str, object]) -> WebhookEndpoint:
        return WebhookEndpoint.from_dict(response)

    async def endpoints(self) -> list[WebhookEndpoint]:
        """Every endpoint, newest first."""
        endpoints = [ep async for ep in self.client.webhook_endpoints.list_all(limit=100)]
        endpoints.sort(key=lambda ep: (ep.created is not None, ep.created), reverse=True)
        return endpoints

    async def create(self, url: str, events: list[str], description: str = "", api_version: str = "", *,
                     idempotency_key: str | None = None) -> WebhookEndpoint:
        body = endpoint_body(url, events, description, api_version)
        return await self._request(ENDPOINT_KIND, self.client.webhook_endpoints.path, body, key=idempotency_key)

    def _call(self, handle: RequestHandle) -> Callable[[str], Awaitable[WebhookEndpoint]]:
        return self._create_call(self.client.webhook_endpoints.create, handle)

    async def delete(self, endpoint_id: str, url: str | None = None) -> bool:
        """Delete and audit; False when the server no longer had it (deleted elsewhere)."""
        try:
            await self.client.webhook_endpoints.delete(endpoint_id)
        except NotFoundError:
            return False
        await asyncio.to_thread(self.ledger.audit, "webhook_endpoint.deleted", endpoint_id, {"url": url},
                                account=self.account)
        return True

    # -- the local inspector ---------------------------------------------------------------------------

    async def start_inspector(self, inspector: WebhookInspector, api_version: str = DEFAULT_API_VERSION) -> None:
        """Listen locally and register an endpoint for every event pointing at the listener."""
        url = await inspector.start()
        try:
            endpoint = await self.create(url, [ALL_EVENTS], INSPECTOR_DESCRIPTION, api_version)
        except BaseException:
            await inspector.stop()
            raise
        inspector.add_secret(endpoint.id, endpoint.secret or "")
        inspector.endpoint_id = endpoint.id

    async def stop_inspector(self, inspector: WebhookInspector) -> None:
        """Unregister the inspector's endpoint (a failure is logged: the endpoint points nowhere), then stop."""
        if inspector.endpoint_id:
            try:
                url = inspector.url if inspector.running else None
                await self.delete(inspector.endpoint_id, url)
            except WooshPayError as exc:
                log.warning("could not delete the inspector's endpoint: %s", exc)
            inspector.remove_secret(inspector.endpoint_id)
            inspector.endpoint_id = None
        await inspector.stop()

    async def close_inspector(self, inspector: WebhookInspector, timeout: float = 5.0) -> None:
        """At shutdown: stop listening at once, then try (briefly) to delete the endpoint."""
        endpoint_id, inspector.endpoint_id = inspector.endpoint_id, None
        inspector.close()
        if endpoint_id:
            try:
                await asyncio.wait_for(self.delete(endpoint_id), timeout)
            except (TimeoutError, WooshPayError, RuntimeError) as exc:
                log.warning("could not delete the inspector's endpoint %s: %s", endpoint_id, exc)
