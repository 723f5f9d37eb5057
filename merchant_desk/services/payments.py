"""Take a payment: create an Alipay+ PaymentIntent ledger-first, watch it until it settles, cancel it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from merchant_desk.services.outbox import RequestHandle
from merchant_desk.services.outbox_service import OutboxService
from merchant_desk.services.polling import poll
from merchant_desk.wooshpay.models import ListPage, PaymentIntent

if TYPE_CHECKING:
    from merchant_desk.ledger import Ledger
    from merchant_desk.wooshpay import Client

log = logging.getLogger(__name__)

DEFAULT_RETURN_URL = "https://example.com/return"
TERMINAL_TYPES = ("WEB", "WAP", "APP")
DEFAULT_CANCELLATION_REASON = "requested_by_customer"
# The reasons the cancel form offers (wooshpay-api.md §3.7 takes free text; these are Stripe's codes).
CANCELLATION_REASONS: tuple[str, ...] = ("requested_by_customer", "duplicate", "fraudulent", "abandoned")
# The cancel endpoint only accepts these (docs/wooshpay-api.md §3.7).
CANCELLABLE: tuple[str, ...] = (
    "requires_payment_method", "requires_confirmation", "requires_action", "requires_capture",
)
CREATE_KIND = "payment_intent.create"
CANCEL_KIND = "payment_intent.cancel"



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


class PaymentService(OutboxService[PaymentIntent]):
    """Every mutating call is written to the ledger's outbox before it is sent, with the idempotency
    key it is sent with, so a crash between send and answer can be reconciled, never sent twice.

    A failed create or cancel raises ``RequestFailed`` with the request's handle; when ``open``,
    ``retry(handle)`` sends exactly that request again.
    """

    def __init__(
        self,
        client: Client,
        ledger: Ledger,
        account: str,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        super().__init__(client, ledger, account)
        self._sleep = sleep

    def _read(self, response: dict[str, object]) -> PaymentIntent:
        return PaymentIntent.from_dict(response)

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
        on_answer: Callable[[PaymentIntent], object] | None = None,
    ) -> PaymentIntent:
        """Create and confirm an Alipay+ intent.

        ``idempotency_key`` re-sends a request already in the ledger (the same arguments); callers that
        hold a ``RequestHandle`` use ``retry`` instead. ``on_answer`` gets the intent as soon as it is
        read, before the ledger has recorded it (``Outbox.send``): the QR code can be on screen sooner.
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
        return await self._request(CREATE_KIND, self.client.payment_intents.path, body, key=idempotency_key,
                                   on_answer=on_answer)

    async def cancel(self, intent_id: str, reason: str = DEFAULT_CANCELLATION_REASON) -> PaymentIntent:
        reason = (reason or "").strip()
        if not reason:
            raise ValueError("a cancellation reason is required")
        path = self.client.payment_intents.item_path(intent_id, "/cancel")
        return await self._request(CANCEL_KIND, path, {"cancellation_reason": reason}, target=intent_id)

    def _call(self, handle: RequestHandle) -> Callable[[str], Awaitable[PaymentIntent]]:
        intents = self.client.payment_intents
        target = handle.target
        if handle.kind != CANCEL_KIND or not target:
            return self._create_call(intents.create, handle)
        reason = str(handle.body.get("cancellation_reason") or "")

        async def cancel(key: str) -> PaymentIntent:
            return await intents.cancel(target, reason, idempotency_key=key)

        return cancel

    async def list_page(self, *, starting_after: str | None = None, limit: int = 25) -> ListPage[PaymentIntent]:
        params: dict[str, Any] = {"limit": limit}
        if starting_after:
            params["starting_after"] = starting_after
        return await self.client.payment_intents.list(**params)

    async def search_by_order_id(self, order_id: str, *, limit: int = 100) -> ListPage[PaymentIntent]:
        return await self.client.payment_intents.search(search_query(order_id), limit=limit)

    async def retrieve(self, intent_id: str) -> PaymentIntent:
        intent: PaymentIntent = await self.client.payment_intents.retrieve(intent_id)
        return intent

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
        return await poll(
            lambda: self.retrieve(intent_id), on_update, lambda intent: intent.is_final,
            changed=lambda intent: (intent.status or "", failure_message(intent)),
            first_delay=first_delay, max_delay=max_delay, factor=factor, sleep=self._sleep,
        )


def search_query(order_id: str) -> str:
    # Quotes escaped with a backslash: likely as Stripe's search syntax; WooshPay shows only the plain form.
    escaped = order_id.replace("\\", "\\\\").replace("'", "\\'")
    return f"merchant_order_id:'{escaped}'"
