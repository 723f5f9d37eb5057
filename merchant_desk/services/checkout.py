"""Checkout sessions (§0): building the create request, creating and expiring sessions ledger-first."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from typing import Any

from merchant_desk.services.late_retry import tag_request
from merchant_desk.services.outbox import send_entry
from merchant_desk.wooshpay import CheckoutSession

SESSION_KIND = "checkout_session"
EXPIRE_KIND = "checkout_session.expire"
SESSIONS_PATH = "/v1/checkout/sessions"


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


async def create_session(client: Any, ledger: Any, account: str, body: dict[str, Any], key: str) -> CheckoutSession:
    """Ledger-first: the request and its idempotency key are committed before anything is sent.

    Calling again with the same body and key (after a dropped answer) re-sends the same request, so the
    server makes at most one session.
    """
    body = tag_request(body, key)  # findable after the server forgot the key (services.late_retry)
    entry = await asyncio.to_thread(ledger.begin, SESSION_KIND, "POST", SESSIONS_PATH, body,
                                    account=account, idempotency_key=key)
    response = await send_entry(client, ledger, entry, account=account)
    return CheckoutSession.from_dict(response)


async def expire_session(client: Any, ledger: Any, account: str, session_id: str) -> CheckoutSession:
    entry = await asyncio.to_thread(ledger.begin, EXPIRE_KIND, "POST", f"{SESSIONS_PATH}/{session_id}/expire",
                                    {}, account=account, idempotency_key=str(uuid.uuid4()))
    response = await send_entry(client, ledger, entry, account=account)
    return CheckoutSession.from_dict(response)
