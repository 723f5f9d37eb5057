"""Take a payment: create an Alipay+ PaymentIntent ledger-first, watch it until it settles, cancel it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from merchant_desk.services.outbox import send_entry
from merchant_desk.wooshpay.errors import APIError, NetworkError, RateLimitError
from merchant_desk.wooshpay.models import PaymentIntent

if TYPE_CHECKING:
    from merchant_desk.ledger import Ledger
    from merchant_desk.wooshpay import Client

log = logging.getLogger(__name__)

DEFAULT_RETURN_URL = "https://example.com/return"
TERMINAL_TYPES = ("WEB", "WAP", "APP")
DEFAULT_CANCELLATION_REASON = "requested_by_customer"

# Passing failures of a status poll (a GET): the watch goes on at its pace. Whether a POST's outcome is
# unknown is decided in one place, merchant_desk.services.outbox.is_retryable.
TRANSIENT_POLL_ERRORS = (NetworkError, APIError, RateLimitError)


def is_failed(intent: PaymentIntent) -> bool:
    """A failed attempt: back to requires_payment_method with an error (docs/wooshpay-api.md §3.4).

    Some integrators report a literal "failed" status; accept it too.
    """
    if intent.status == "failed":
        return True
    return intent.status == "requires_payment_method" and bool(intent.last_payment_error)


def failure_message(intent: PaymentIntent) -> str:
    error = intent.last_payment_error
    if isinstance(error, dict):
        return str(error.get("message") or error.get("code") or error.get("decline_code") or "")
    return str(error or "")


def build_create_body(
    amount_minor: int,
    currency: str,
    *,
    terminal_type: str,
    description: str | None,
    merchant_order_id: str | None,
    return_url: str,
    metadata: dict[str, str] | None,
) -> dict[str, Any]:
    """The §0 request: create and confirm in one call with the alipayplus method."""
    body: dict[str, Any] = {
        "amount": amount_minor,
        "currency": currency.upper(),
        "confirm": True,
        "payment_method_data": {"type": "alipayplus"},
        "payment_method_options": {"alipayplus": {"terminal_type": terminal_type}},
        "return_url": return_url,
    }
    if description:
        body["description"] = description
    if merchant_order_id:
        body["merchant_order_id"] = merchant_order_id
    if metadata:
        body["metadata"] = dict(metadata)
    return body


class PaymentService:
    """Every mutating call is written to the ledger's outbox before it is sent, with the idempotency
    key it is sent with, so a crash between send and answer can be reconciled, never sent twice."""

    def __init__(
        self,
        client: Client,
        ledger: Ledger,
        account: str,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._client = client
        self._ledger = ledger
        self._account = account
        self._sleep = sleep

    async def create_payment(
        self,
        amount_minor: int,
        currency: str,
        *,
        terminal_type: str = "WEB",
        description: str | None = None,
        merchant_order_id: str | None = None,
        return_url: str = DEFAULT_RETURN_URL,
        metadata: dict[str, str] | None = None,
        idempotency_key: str | None = None,
    ) -> PaymentIntent:
        """Create and confirm an Alipay+ intent.

        Pass ``idempotency_key`` only to retry a request whose outcome is unknown (it raised
        ``NetworkError``/``APIError``) with exactly the same arguments: the server then answers with the
        intent it may already have created instead of making a second one.
        """
        if not isinstance(amount_minor, int) or isinstance(amount_minor, bool) or amount_minor <= 0:
            raise ValueError("amount_minor must be a positive integer")
        if terminal_type not in TERMINAL_TYPES:
            raise ValueError(f"terminal_type must be one of {', '.join(TERMINAL_TYPES)}")
        body = build_create_body(
            amount_minor,
            currency,
            terminal_type=terminal_type,
            description=description,
            merchant_order_id=merchant_order_id,
            return_url=return_url,
            metadata=metadata,
        )
        return await self._send("payment_intent.create", "/v1/payment_intents", body, idempotency_key)

    async def cancel(self, intent_id: str, reason: str = DEFAULT_CANCELLATION_REASON) -> PaymentIntent:
        reason = (reason or "").strip()
        if not reason:
            raise ValueError("a cancellation reason is required")
        return await self._send(
            "payment_intent.cancel", f"/v1/payment_intents/{intent_id}/cancel", {"cancellation_reason": reason}
        )

    async def watch(
        self,
        intent_id: str,
        on_update: Callable[[PaymentIntent], None],
        *,
        first_delay: float = 1.0,
        max_delay: float = 8.0,
        factor: float = 1.5,
    ) -> PaymentIntent:
        """Poll the intent with growing pauses until it is succeeded or canceled, and return it.

        ``on_update`` is called with every intent whose status or error changed, including a failed
        attempt (see ``is_failed``); a failed attempt does not end the watch because the customer may
        still pay with another wallet. Cancel the awaiting task to stop watching. Transient errors
        (network, 5xx, 429) are retried at the current pace; any other error ends the watch.
        """
        delay = first_delay
        last: tuple[str, str] | None = None
        while True:
            await self._sleep(delay)
            delay = min(delay * factor, max_delay)
            try:
                intent = await self._client.payment_intents.retrieve(intent_id)
            except TRANSIENT_POLL_ERRORS as exc:
                log.info("watching %s: %s; will retry", intent_id, type(exc).__name__)
                continue
            seen = (intent.status, failure_message(intent))
            if seen != last:
                last = seen
                on_update(intent)
            if intent.is_final:
                return intent

    async def _send(
        self, kind: str, path: str, body: dict[str, Any], idempotency_key: str | None = None
    ) -> PaymentIntent:
        # The outbox's one send path: ledger entry first, the same key on every try, the outcome and
        # the audit entry recorded after. On cancellation (the user left) the entry stays pending.
        entry = await asyncio.to_thread(
            self._ledger.begin, kind, "POST", path, body, account=self._account, idempotency_key=idempotency_key
        )
        response = await send_entry(self._client, self._ledger, entry, account=self._account)
        return PaymentIntent.from_dict(response)
