"""A Checkout Session (§6) with what it sells: line items, their prices and products."""

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
    read_dict_or_empty,
    read_int,
    read_livemode,
    read_ref_id,
    read_str,
)


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
