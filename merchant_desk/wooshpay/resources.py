"""The API's resources as methods on the client: ``client.payment_intents.create(...)`` and so on.

Paths WooshPay shows only in its navigation (retrieve/update/capture of payment intents, session expire and
line items, webhook endpoint update/delete, refund and event lists) follow Stripe: docs/api-assumptions.md
A-PATHS, A-REFUND-LIST, A-EVENT-LIST.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any, Protocol, Self, TypeVar
from urllib.parse import quote

from .errors import InvalidRequestError, MalformedResponseError, ModelError
from .keys import redact_keys
from .models.lists import ListPage
from .models.objects import CheckoutSession, DeletedObject, Event, LineItem, PaymentIntent, Refund, WebhookEndpoint
from .pagination import paginate

if TYPE_CHECKING:
    from .client import Client

__all__ = ["CheckoutSessions", "Events", "PaymentIntents", "Refunds", "WebhookEndpoints"]

class _Readable(Protocol):
    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self: ...


M = TypeVar("M", bound=_Readable)


def _segment(object_id: str, what: str) -> str:
    if not isinstance(object_id, str) or not object_id.strip():
        raise InvalidRequestError(f"No {what} ID given.", param="id")
    return quote(object_id.strip(), safe="")


def _read(model: type[M], body: dict[str, Any]) -> M:
    try:
        return model.from_dict(body)
    except ModelError as exc:
        raise MalformedResponseError(
            redact_keys(f"The server's answer is not a usable {model.__name__}: {exc}"), body=redact_keys(body)
        ) from exc


def _read_list(model: Any, body: dict[str, Any]) -> ListPage[Any]:
    try:
        return ListPage.from_dict(body, model)
    except ModelError as exc:
        raise MalformedResponseError(
            redact_keys(f"The server's answer is not a list of {model.__name__}: {exc}"), body=redact_keys(body)
        ) from exc


def _without_none(params: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in params.items() if value is not None}


class _Resource:
    path = ""
    model: Any = None

    def __init__(self, client: Client) -> None:
        self._client = client

    def _item_path(self, object_id: str, suffix: str = "") -> str:
        return f"{self.path}/{_segment(object_id, self.model.__name__)}{suffix}"

    def item_path(self, object_id: str, suffix: str = "") -> str:
        """The path of one object (or of an action on it): what the outbox records for a request."""
        return self._item_path(object_id, suffix)

    async def _get(self, path: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return await self._client.request("GET", path, params=params)

    async def _post(self, path: str, body: dict[str, Any], idempotency_key: str | None) -> dict[str, Any]:
        return await self._client.request("POST", path, json=body, idempotency_key=idempotency_key)


class _Retrievable(_Resource):
    async def retrieve(self, id: str) -> Any:
        return _read(self.model, await self._get(self._item_path(id)))


class _Listable(_Resource):
    list_path: str | None = None

    async def list(self, **filters: Any) -> ListPage[Any]:
        """One page; filters (``limit``, ``starting_after``, ``created={"gte": ...}``...) go in the query."""
        return _read_list(self.model, await self._get(self.list_path or self.path, filters))

    def list_all(self, **filters: Any) -> AsyncIterator[Any]:
        """Every matching object, page after page (``async for obj in resource.list_all(...)``)."""
        return paginate(self.list, filters)

    async def list_raw(self, **filters: Any) -> dict[str, Any]:
        """One page as the server sent it, objects not read into models: for totals over thousands of
        objects, where reading each into a model would cost more than the sums themselves."""
        return await self._get(self.list_path or self.path, filters)


class PaymentIntents(_Retrievable, _Listable):
    path = "/v1/payment_intents"
    search_path = "/v1/payment_intents/search"
    model = PaymentIntent

    async def create(self, *, idempotency_key: str | None = None, **params: Any) -> PaymentIntent:
        return _read(PaymentIntent, await self._post(self.path, params, idempotency_key))

    async def update(self, id: str, *, idempotency_key: str | None = None, **params: Any) -> PaymentIntent:
        return _read(PaymentIntent, await self._post(self._item_path(id), params, idempotency_key))

    async def search(self, query: str, limit: int = 10, **params: Any) -> ListPage[PaymentIntent]:
        """``query`` as in ``merchant_order_id:'order1234'`` (§3.9)."""
        body = await self._get(self.search_path, {"query": query, "limit": limit, **params})
        return _read_list(PaymentIntent, body)

    async def search_all(self, query: str, limit: int = 10) -> AsyncIterator[PaymentIntent]:
        """Every search hit, following ``next_page`` (likely as Stripe) or ``starting_after``."""
        params: dict[str, Any] = {}
        seen: set[str] = set()
        while True:
            page = await self.search(query, limit, **params)
            for intent in page.data:
                yield intent
            if not page.has_more or not page.data:
                return
            cursor = page.next_page or page.data[-1].id
            if cursor in seen:
                raise MalformedResponseError("The server returned the same search page twice; stopping.")
            seen.add(cursor)
            params = {"page": page.next_page} if page.next_page else {"starting_after": cursor}

    async def confirm(self, id: str, *, idempotency_key: str | None = None, **params: Any) -> PaymentIntent:
        return _read(PaymentIntent, await self._post(self._item_path(id, "/confirm"), params, idempotency_key))

    async def cancel(
        self, id: str, cancellation_reason: str | None, *, idempotency_key: str | None = None
    ) -> PaymentIntent:
        # WooshPay marks the reason required (free text, §3.7).
        body = _without_none({"cancellation_reason": cancellation_reason})
        return _read(PaymentIntent, await self._post(self._item_path(id, "/cancel"), body, idempotency_key))

    async def capture(
        self, id: str, amount_to_capture: int | None = None, *, idempotency_key: str | None = None
    ) -> PaymentIntent:
        body = _without_none({"amount_to_capture": amount_to_capture})
        return _read(PaymentIntent, await self._post(self._item_path(id, "/capture"), body, idempotency_key))


class Refunds(_Retrievable, _Listable):
    path = "/v1/refunds"
    model = Refund

    async def create(
        self,
        payment_intent: str,
        amount: int | None = None,
        reason: str | None = None,
        metadata: dict[str, str] | None = None,
        *,
        idempotency_key: str | None = None,
        **params: Any,
    ) -> Refund:
        """No ``amount`` refunds the whole remainder (likely as Stripe, §4).

        The schema types ``amount`` as a string; it is sent as a JSON integer like every other amount.
        """
        body = _without_none(
            {"payment_intent": payment_intent, "amount": amount, "reason": reason, "metadata": metadata, **params}
        )
        return _read(Refund, await self._post(self.path, body, idempotency_key))


class WebhookEndpoints(_Retrievable, _Listable):
    path = "/v1/webhook_endpoints"
    model = WebhookEndpoint

    async def create(
        self,
        url: str,
        enabled_events: list[str],
        description: str | None = None,
        api_version: str | None = None,
        metadata: dict[str, str] | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> WebhookEndpoint:
        body = _without_none(
            {
                "url": url,
                "enabled_events": list(enabled_events),
                "description": description,
                "api_version": api_version,
                "metadata": metadata,
            }
        )
        return _read(WebhookEndpoint, await self._post(self.path, body, idempotency_key))

    async def update(self, id: str, *, idempotency_key: str | None = None, **params: Any) -> WebhookEndpoint:
        return _read(WebhookEndpoint, await self._post(self._item_path(id), params, idempotency_key))

    async def delete(self, id: str) -> DeletedObject:
        body = await self._client.request("DELETE", self._item_path(id))
        return _read(DeletedObject, body)


class CheckoutSessions(_Retrievable, _Listable):
    path = "/v1/checkout/sessions"
    list_path = "/v1/checkout/sessions/list"  # WooshPay's own list path, unlike Stripe (§6)
    model = CheckoutSession

    async def create(self, *, idempotency_key: str | None = None, **params: Any) -> CheckoutSession:
        return _read(CheckoutSession, await self._post(self.path, params, idempotency_key))

    async def expire(self, id: str, *, idempotency_key: str | None = None) -> CheckoutSession:
        return _read(CheckoutSession, await self._post(self._item_path(id, "/expire"), {}, idempotency_key))

    async def line_items(self, id: str, **filters: Any) -> ListPage[LineItem]:
        return _read_list(LineItem, await self._get(self._item_path(id, "/line_items"), filters))


class Events(_Retrievable, _Listable):
    path = "/v1/events"
    model = Event


class BalanceResource(_Resource):
    path = "/v1/balance"

    async def retrieve_raw(self) -> dict[str, Any]:
        """The balance object as sent (``available``/``pending`` per currency; docs/api-assumptions.md)."""
        return await self._get(self.path)
