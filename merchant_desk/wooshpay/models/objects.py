"""The API's objects as typed dataclasses: payment intents (§3), refunds (§4), webhook endpoints (§5),
checkout sessions with what they sell (§6) and events (§7). Each field names its reader; :mod:`.reading`
reads them all the same way."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from .reading import (
    Model,
    decoded,
    embedded,
    parse_timestamp,
    parsed,
    read_bool,
    read_currency,
    read_dict,
    read_dict_or_empty,
    read_int,
    read_livemode,
    read_ref_id,
    read_str,
    read_str_list,
)

FINAL_PAYMENT_INTENT_STATUSES = frozenset({"succeeded", "canceled"})


@dataclass
class PaymentIntent(Model):
    id: str
    amount: int | None = parsed(read_int)
    currency: str | None = parsed(read_currency)
    status: str | None = parsed(read_str)
    created: datetime | None = parsed(parse_timestamp)
    livemode: bool | None = parsed(read_livemode, whole=True)
    description: str | None = parsed(read_str)
    metadata: dict[str, Any] = parsed(read_dict_or_empty, factory=dict)
    merchant_order_id: str | None = parsed(read_str)
    client_secret: str | None = parsed(read_str)
    next_action: dict[str, Any] | None = parsed(read_dict)
    last_payment_error: dict[str, Any] | None = parsed(read_dict)
    payment_method_types: list[str] = parsed(read_str_list, factory=list)
    payment_method_options: dict[str, Any] = parsed(read_dict_or_empty, factory=dict)
    cancellation_reason: str | None = parsed(read_str)
    amount_received: int | None = parsed(read_int)
    return_url: str | None = parsed(read_str)
    capture_method: str | None = parsed(read_str)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def cashier_url(self) -> str | None:
        """The page (and QR code content) where the customer pays.

        ``next_action.alipayplus_handle_redirect.normalUrl`` (docs/wooshpay-api.md §0), else the ``url`` of any
        ``<method>_handle_redirect`` (§3.5), else ``None``.
        """
        action = self.next_action or {}
        alipayplus = action.get("alipayplus_handle_redirect")
        if isinstance(alipayplus, dict):
            for key in ("normalUrl", "url"):
                url = alipayplus.get(key)
                if isinstance(url, str) and url:
                    return url
        for key, value in action.items():
            if isinstance(key, str) and key.endswith("_handle_redirect") and isinstance(value, dict):
                url = value.get("url")
                if isinstance(url, str) and url:
                    return url
        return None

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_PAYMENT_INTENT_STATUSES


@dataclass
class Refund(Model):
    id: str
    amount: int | None = parsed(read_int)
    currency: str | None = parsed(read_currency)
    status: str | None = parsed(read_str)
    reason: str | None = parsed(read_str)
    payment_intent: str | None = parsed(read_ref_id)
    created: datetime | None = parsed(parse_timestamp)
    metadata: dict[str, Any] = parsed(read_dict_or_empty, factory=dict)
    description: str | None = parsed(read_str)
    failure_reason: str | None = parsed(read_str)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class WebhookEndpoint(Model):
    id: str
    url: str | None = parsed(read_str)
    description: str | None = parsed(read_str)
    enabled_events: list[str] = parsed(read_str_list, factory=list)
    status: str | None = parsed(read_str)
    api_version: str | None = parsed(read_str)
    # Only the create answer carries the signing secret (§5); keep it out of reprs and logs.
    secret: str | None = parsed(read_str, repr=False)
    created: datetime | None = parsed(parse_timestamp)
    livemode: bool | None = parsed(read_livemode, whole=True)
    metadata: dict[str, Any] = parsed(read_dict_or_empty, factory=dict)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


def _deleted(value: Any) -> bool:
    return bool(read_bool(value))


@dataclass
class DeletedObject(Model):
    id: str
    object: str | None = parsed(read_str)
    deleted: bool = parsed(_deleted, default=False)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class Product(Model):
    accepts_bare_id: ClassVar[bool] = True

    id: str | None = None
    name: str | None = parsed(read_str)
    description: str | None = parsed(read_str)
    active: bool | None = parsed(read_bool)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class Price(Model):
    accepts_bare_id: ClassVar[bool] = True

    id: str | None = None
    currency: str | None = parsed(read_currency)
    unit_amount: int | None = parsed(read_int)
    type: str | None = parsed(read_str)
    product: Product | None = parsed(embedded(Product))
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class LineItem(Model):
    id: str | None = None
    description: str | None = parsed(read_str)
    quantity: int | None = parsed(read_int)
    currency: str | None = parsed(read_currency)
    amount_subtotal: int | None = parsed(read_int)
    amount_total: int | None = parsed(read_int)
    price: Price | None = parsed(embedded(Price))
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


def _embedded_line_items(value: Any) -> list[LineItem]:
    """A session's ``line_items``: a list object ``{object: "list", data: [...]}`` (§6.2) or a bare list."""
    value = decoded(value)
    if isinstance(value, dict):
        value = value.get("data")
    if not isinstance(value, list):
        return []
    return [LineItem.from_dict(item) for item in value if isinstance(item, dict)]


@dataclass
class CheckoutSession(Model):
    id: str
    url: str | None = parsed(read_str)
    status: str | None = parsed(read_str)
    payment_status: str | None = parsed(read_str)
    currency: str | None = parsed(read_currency)
    amount_subtotal: int | None = parsed(read_int)
    amount_total: int | None = parsed(read_int)
    payment_intent: str | None = parsed(read_ref_id)
    success_url: str | None = parsed(read_str)
    cancel_url: str | None = parsed(read_str)
    expires_at: datetime | None = parsed(parse_timestamp)
    created: datetime | None = parsed(parse_timestamp)
    livemode: bool | None = parsed(read_livemode, whole=True)
    client_reference_id: str | None = parsed(read_str)
    metadata: dict[str, Any] = parsed(read_dict_or_empty, factory=dict)
    line_items: list[LineItem] = parsed(_embedded_line_items, factory=list)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


def _data_object(value: Any) -> dict[str, Any]:
    """``data.object``: the object as it was when the event happened."""
    return read_dict_or_empty(read_dict_or_empty(value).get("object"))


def _request(value: Any) -> dict[str, Any] | None:
    if isinstance(value, str):  # older Stripe shape: the request id alone
        value = {"id": value} if value else None
    return value if isinstance(value, dict) else None


@dataclass
class Event(Model):
    id: str
    type: str | None = parsed(read_str)
    created: datetime | None = parsed(parse_timestamp)
    livemode: bool | None = parsed(read_livemode, whole=True)
    api_version: str | None = parsed(read_str)
    data_object: dict[str, Any] = parsed(_data_object, key="data", factory=dict)
    request: dict[str, Any] | None = parsed(_request)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)
