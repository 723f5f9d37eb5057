"""Checkout sessions (§0): the create request, creating and expiring sessions ledger-first, watching one."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from merchant_desk.services.outbox import RequestHandle
from merchant_desk.services.outbox_service import OutboxService
from merchant_desk.services.polling import poll
from merchant_desk.wooshpay import CheckoutSession

if TYPE_CHECKING:
    pass

SESSION_KIND = "checkout_session"
EXPIRE_KIND = "checkout_session.expire"


@dataclass(frozen=True)
class LineItemInput:
    name: str
    unit_amount: int  # minor units
    quantity: int


def session_body(currency: str, items: list[LineItemInput], success_url: str, cancel_url: str) -> dict[str, Any]:
    """The create request (§0): one currency for every item, one-time prices, offered to Alipay+.

    §0 has the merchant add ``payment_method_options.alipayplus.terminal_type`` "WEB" for checkout too
    (§6.4 says WooshPay picks QR or app by device for Alipay; §0 is authoritative).
    """
    return {
        "mode": "payment",
        "payment_method_types": ["alipayplus"],
        "payment_method_options": {"alipayplus": {"terminal_type": "WEB"}},
        "line_items": [
            {
                "price_data": {
                    "currency": currency,
                    "unit_amount": item.unit_amount,
                    "product_data": {"name": item.name},
                },
                "quantity": item.quantity,
            }
            for item in items
        ],
        "success_url": success_url.strip(),
        "cancel_url": cancel_url.strip(),
    }


class CheckoutService(OutboxService[CheckoutSession]):
    """Checkout sessions of one account. ``create`` and ``expire`` go through the outbox and raise
    ``RequestFailed`` with the request's handle; ``retry(handle)`` re-sends it with the same key."""

    def _read(self, response: dict[str, object]) -> CheckoutSession:
        return CheckoutSession.from_dict(response)

    async def create(self, currency: str, items: list[LineItemInput], success_url: str, cancel_url: str, *,
                     idempotency_key: str | None = None) -> CheckoutSession:
        body = session_body(currency, items, success_url, cancel_url)
        return await self._request(SESSION_KIND, self.client.checkout_sessions.path, body, key=idempotency_key)

    async def expire(self, session_id: str) -> CheckoutSession:
        path = self.client.checkout_sessions.item_path(session_id, "/expire")
        return await self._request(EXPIRE_KIND, path, {}, target=session_id)

    async def retrieve(self, session_id: str) -> CheckoutSession:
        session: CheckoutSession = await self.client.checkout_sessions.retrieve(session_id)
        return session

    async def watch(self, session_id: str, on_update: Callable[[CheckoutSession], None], *,
                    first_delay: float = 1.0, max_delay: float = 5.0, factor: float = 1.5) -> CheckoutSession:
        """Poll until the session is no longer open; ``on_update`` sees every answer. Passing failures
        (network, 5xx, 429) keep the pace; any other error ends the watch (raised)."""
        return await poll(lambda: self.retrieve(session_id), on_update, lambda session: session.status != "open",
                          first_delay=first_delay, max_delay=max_delay, factor=factor)

    def _call(self, handle: RequestHandle) -> Callable[[str], Awaitable[CheckoutSession]]:
        sessions = self.client.checkout_sessions
        target = handle.target
        if handle.kind != EXPIRE_KIND or not target:
            return self._create_call(sessions.create, handle)

        async def expire(key: str) -> CheckoutSession:
            return await sessions.expire(target, idempotency_key=key)

        return expire
