"""Checkout sessions (§0): the create request, creating and expiring sessions ledger-first, watching one."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from merchant_desk.services.changes import ChangeFeed
from merchant_desk.services.outbox import Outbox, RequestHandle, is_retryable
from merchant_desk.wooshpay import CheckoutSession, WooshPayError

if TYPE_CHECKING:
    from merchant_desk.ledger import Ledger
    from merchant_desk.wooshpay import Client

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


class CheckoutService:
    """Checkout sessions of one account. ``create`` and ``expire`` go through the outbox and raise
    ``RequestFailed`` with the request's handle; ``retry(handle)`` re-sends it with the same key."""

    def __init__(self, client: Client, ledger: Ledger, account: str, *, changes: ChangeFeed | None = None) -> None:
        self._outbox = Outbox(client, ledger, account, changes)

    @property
    def client(self) -> Client:
        return self._outbox.client

    @client.setter
    def client(self, client: Client) -> None:
        self._outbox.client = client

    async def create(self, currency: str, items: list[LineItemInput], success_url: str, cancel_url: str, *,
                     idempotency_key: str | None = None) -> CheckoutSession:
        body = session_body(currency, items, success_url, cancel_url)
        handle = await self._outbox.begin(SESSION_KIND, self.client.checkout_sessions.path, body,
                                          key=idempotency_key)
        return await self._outbox.send(handle, self._call(handle))

    async def expire(self, session_id: str) -> CheckoutSession:
        path = self.client.checkout_sessions.item_path(session_id, "/expire")
        handle = await self._outbox.begin(EXPIRE_KIND, path, {}, target=session_id)
        return await self._outbox.send(handle, self._call(handle))

    async def retry(self, handle: RequestHandle) -> CheckoutSession:
        return await self._outbox.retry(handle, self._call(handle), CheckoutSession.from_dict)

    async def retrieve(self, session_id: str) -> CheckoutSession:
        return await self.client.checkout_sessions.retrieve(session_id)

    async def watch(self, session_id: str, on_update: Callable[[CheckoutSession], None], *,
                    first_delay: float = 1.0, max_delay: float = 5.0, factor: float = 1.5) -> CheckoutSession:
        """Poll until the session is no longer open; ``on_update`` sees every answer. Passing failures
        (network, 5xx, 429) keep the pace; any other error ends the watch (raised)."""
        delay = first_delay
        while True:
            await asyncio.sleep(delay)
            delay = min(delay * factor, max_delay)
            try:
                session = await self.retrieve(session_id)
            except WooshPayError as exc:
                if not is_retryable(exc):
                    raise
                continue
            on_update(session)
            if session.status != "open":
                return session

    def _call(self, handle: RequestHandle) -> Callable[[str], Awaitable[CheckoutSession]]:
        body = dict(handle.body)
        sessions = self.client.checkout_sessions

        async def call(key: str) -> CheckoutSession:
            if handle.kind == EXPIRE_KIND and handle.target:
                return await sessions.expire(handle.target, idempotency_key=key)
            return await sessions.create(idempotency_key=key, **body)

        return call
