"""Typed, tolerant readers for the objects the API returns.

Tolerant means: unknown fields are kept (``raw`` is the whole object as received), a missing or oddly
typed optional field becomes ``None`` (or an empty container) instead of an error, and the quirks of
docs/wooshpay-api.md §2.2/§2.4 are absorbed here so nothing above has to know them:

- timestamps arrive in milliseconds (WooshPay's own examples) or seconds (Stripe-copied ones);
- ``next_action``, ``payment_method_types``, ``payment_method_options`` and friends may arrive as
  JSON-encoded strings, and ``""`` stands for null;
- ``live_mode`` sometimes duplicates ``livemode`` (and disagrees with it).

Only an object that is unusable (not a JSON object, or without an ``id``) is refused, with ``ModelError``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from .errors import ModelError

__all__ = [
    "CheckoutSession",
    "DeletedObject",
    "Event",
    "LineItem",
    "ListPage",
    "PaymentIntent",
    "Price",
    "Product",
    "Refund",
    "WebhookEndpoint",
    "parse_timestamp",
]

FINAL_PAYMENT_INTENT_STATUSES = frozenset({"succeeded", "canceled"})

# A decoded JSON string deeper than this is not something the API sends; refusing it keeps json.loads
# away from the recursion limit.
_MAX_DECODE_LENGTH = 1_000_000

T = TypeVar("T")
M = TypeVar("M", bound="_Model")


# --- field readers -------------------------------------------------------------------------------


def parse_timestamp(value: Any) -> datetime | None:
    """An aware UTC ``datetime`` from seconds or milliseconds since the epoch, else ``None``.

    A value of 13 or more digits is milliseconds, fewer is seconds (docs/wooshpay-api.md §2.2). Strings of
    digits are accepted; anything else (``""``, null, negative, out of range) gives ``None``.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text.isascii() or not text.isdigit() or len(text) > 20:
            return None
        number: int | float = int(text)
        digits = len(text.lstrip("0")) or 1
    elif isinstance(value, int):
        if abs(value) >= 10**20:
            return None
        number = value
        digits = len(str(abs(value)))
    elif isinstance(value, float):
        if not math.isfinite(value) or abs(value) >= 1e20:
            return None
        number = value
        digits = len(str(int(abs(value))))
    else:
        return None
    if number < 0:
        return None
    seconds = number / 1000 if digits >= 13 else number
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _decoded(value: Any) -> Any:
    """A field that may arrive JSON-encoded: ``"[...]"``/``"{...}"`` are decoded, ``""`` is null."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return None
    if text[0] in "[{" and len(text) <= _MAX_DECODE_LENGTH:
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            return None  # looked encoded but is not: as unreadable as null
    return value


def _str(value: Any) -> str | None:
    """Strings as they are, numbers as text (numeric IDs); ``""`` and everything else as ``None``."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _int(value: Any) -> int | None:
    """Integers, integral floats and strings of digits (refund ``amount`` is typed as a string, §4)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        body = text[1:] if text[:1] in "+-" else text
        if body.isascii() and body.isdigit() and len(body) <= 30:
            return int(text)
    return None


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    return None


def _dict(value: Any) -> dict[str, Any] | None:
    value = _decoded(value)
    return value if isinstance(value, dict) else None


def _str_list(value: Any) -> list[str]:
    value = _decoded(value)
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str)]


def _currency(value: Any) -> str | None:
    # Uppercase in WooshPay's examples, lowercase in Stripe-copied text (§2.3).
    text = _str(value)
    return text.upper() if text else None


def _livemode(data: dict[str, Any]) -> bool | None:
    # ``livemode`` is the documented name; ``live_mode`` is a stray duplicate that once disagreed (§2.4).
    value = _bool(data.get("livemode"))
    return value if value is not None else _bool(data.get("live_mode"))


def _ref_id(value: Any) -> str | None:
    """An ID that may also arrive as the embedded object it names."""
    if isinstance(value, dict):
        return _str(value.get("id"))
    return _str(value)


def _require_object(cls: type, data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ModelError(f"{cls.__name__}: expected a JSON object, got {type(data).__name__}.")
    return data


def _require_id(cls: type, data: dict[str, Any]) -> str:
    object_id = _str(data.get("id"))
    if object_id is None:
        raise ModelError(f"{cls.__name__}: the object has no id.")
    return object_id


def _reader(build: Callable[..., M]) -> Callable[..., M]:
    """Whatever goes wrong while reading becomes ``ModelError``: callers catch one type only."""

    def read(cls: type[M], data: Any, *args: Any) -> M:
        try:
            return build(cls, data, *args)
        except ModelError:
            raise
        except Exception as exc:  # the contract is "ModelError and nothing else"
            raise ModelError(f"{cls.__name__}: could not read the object ({type(exc).__name__}).") from exc

    read.__doc__ = build.__doc__
    read.__name__ = build.__name__
    return read


class _Model:
    raw: dict[str, Any]


# --- models -----------------------------------------------------------------------------------------


@dataclass
class PaymentIntent(_Model):
    id: str
    amount: int | None = None
    currency: str | None = None
    status: str | None = None
    created: datetime | None = None
    livemode: bool | None = None
    description: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    merchant_order_id: str | None = None
    client_secret: str | None = None
    next_action: dict[str, Any] | None = None
    last_payment_error: dict[str, Any] | None = None
    payment_method_types: list[str] = field(default_factory=list)
    payment_method_options: dict[str, Any] = field(default_factory=dict)
    cancellation_reason: str | None = None
    amount_received: int | None = None
    return_url: str | None = None
    capture_method: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    @_reader
    def from_dict(cls, data: Any) -> PaymentIntent:
        data = _require_object(cls, data)
        return cls(
            id=_require_id(cls, data),
            amount=_int(data.get("amount")),
            currency=_currency(data.get("currency")),
            status=_str(data.get("status")),
            created=parse_timestamp(data.get("created")),
            livemode=_livemode(data),
            description=_str(data.get("description")),
            metadata=_dict(data.get("metadata")) or {},
            merchant_order_id=_str(data.get("merchant_order_id")),
            client_secret=_str(data.get("client_secret")),
            next_action=_dict(data.get("next_action")),
            last_payment_error=_dict(data.get("last_payment_error")),
            payment_method_types=_str_list(data.get("payment_method_types")),
            payment_method_options=_dict(data.get("payment_method_options")) or {},
            cancellation_reason=_str(data.get("cancellation_reason")),
            amount_received=_int(data.get("amount_received")),
            return_url=_str(data.get("return_url")),
            capture_method=_str(data.get("capture_method")),
            raw=dict(data),
        )

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
class Refund(_Model):
    id: str
    amount: int | None = None
    currency: str | None = None
    status: str | None = None
    reason: str | None = None
    payment_intent: str | None = None
    created: datetime | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    description: str | None = None
    failure_reason: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    @_reader
    def from_dict(cls, data: Any) -> Refund:
        data = _require_object(cls, data)
        return cls(
            id=_require_id(cls, data),
            amount=_int(data.get("amount")),
            currency=_currency(data.get("currency")),
            status=_str(data.get("status")),
            reason=_str(data.get("reason")),
            payment_intent=_ref_id(data.get("payment_intent")),
            created=parse_timestamp(data.get("created")),
            metadata=_dict(data.get("metadata")) or {},
            description=_str(data.get("description")),
            failure_reason=_str(data.get("failure_reason")),
            raw=dict(data),
        )


@dataclass
class WebhookEndpoint(_Model):
    id: str
    url: str | None = None
    description: str | None = None
    enabled_events: list[str] = field(default_factory=list)
    status: str | None = None
    api_version: str | None = None
    # Only the create answer carries the signing secret (§5); keep it out of reprs and logs.
    secret: str | None = field(default=None, repr=False)
    created: datetime | None = None
    livemode: bool | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    @_reader
    def from_dict(cls, data: Any) -> WebhookEndpoint:
        data = _require_object(cls, data)
        return cls(
            id=_require_id(cls, data),
            url=_str(data.get("url")),
            description=_str(data.get("description")),
            enabled_events=_str_list(data.get("enabled_events")),
            status=_str(data.get("status")),
            api_version=_str(data.get("api_version")),
            secret=_str(data.get("secret")),
            created=parse_timestamp(data.get("created")),
            livemode=_livemode(data),
            metadata=_dict(data.get("metadata")) or {},
            raw=dict(data),
        )


@dataclass
class DeletedObject(_Model):
    id: str
    object: str | None = None
    deleted: bool = False
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    @_reader
    def from_dict(cls, data: Any) -> DeletedObject:
        data = _require_object(cls, data)
        return cls(
            id=_require_id(cls, data),
            object=_str(data.get("object")),
            deleted=bool(_bool(data.get("deleted"))),
            raw=dict(data),
        )


@dataclass
class Product(_Model):
    id: str | None = None
    name: str | None = None
    description: str | None = None
    active: bool | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    @_reader
    def from_dict(cls, data: Any) -> Product:
        if isinstance(data, str):  # an ID instead of the embedded object (Stripe's default)
            return cls(id=data or None, raw={"id": data})
        data = _require_object(cls, data)
        return cls(
            id=_str(data.get("id")),
            name=_str(data.get("name")),
            description=_str(data.get("description")),
            active=_bool(data.get("active")),
            raw=dict(data),
        )


@dataclass
class Price(_Model):
    id: str | None = None
    currency: str | None = None
    unit_amount: int | None = None
    type: str | None = None
    product: Product | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    @_reader
    def from_dict(cls, data: Any) -> Price:
        if isinstance(data, str):
            return cls(id=data or None, raw={"id": data})
        data = _require_object(cls, data)
        product = data.get("product")
        return cls(
            id=_str(data.get("id")),
            currency=_currency(data.get("currency")),
            unit_amount=_int(data.get("unit_amount")),
            type=_str(data.get("type")),
            product=Product.from_dict(product) if isinstance(product, (dict, str)) and product else None,
            raw=dict(data),
        )


@dataclass
class LineItem(_Model):
    id: str | None = None
    description: str | None = None
    quantity: int | None = None
    currency: str | None = None
    amount_subtotal: int | None = None
    amount_total: int | None = None
    price: Price | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    @_reader
    def from_dict(cls, data: Any) -> LineItem:
        data = _require_object(cls, data)
        price = data.get("price")
        return cls(
            id=_str(data.get("id")),
            description=_str(data.get("description")),
            quantity=_int(data.get("quantity")),
            currency=_currency(data.get("currency")),
            amount_subtotal=_int(data.get("amount_subtotal")),
            amount_total=_int(data.get("amount_total")),
            price=Price.from_dict(price) if isinstance(price, (dict, str)) and price else None,
            raw=dict(data),
        )


def _embedded_line_items(value: Any) -> list[LineItem]:
    """A session's ``line_items``: a list object ``{object: "list", data: [...]}`` (§6.2) or a bare list."""
    value = _decoded(value)
    if isinstance(value, dict):
        value = value.get("data")
    if not isinstance(value, list):
        return []
    return [LineItem.from_dict(item) for item in value if isinstance(item, dict)]


@dataclass
class CheckoutSession(_Model):
    id: str
    url: str | None = None
    status: str | None = None
    payment_status: str | None = None
    currency: str | None = None
    amount_subtotal: int | None = None
    amount_total: int | None = None
    payment_intent: str | None = None
    success_url: str | None = None
    cancel_url: str | None = None
    expires_at: datetime | None = None
    created: datetime | None = None
    livemode: bool | None = None
    client_reference_id: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    line_items: list[LineItem] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    @_reader
    def from_dict(cls, data: Any) -> CheckoutSession:
        data = _require_object(cls, data)
        return cls(
            id=_require_id(cls, data),
            url=_str(data.get("url")),
            status=_str(data.get("status")),
            payment_status=_str(data.get("payment_status")),
            currency=_currency(data.get("currency")),
            amount_subtotal=_int(data.get("amount_subtotal")),
            amount_total=_int(data.get("amount_total")),
            payment_intent=_ref_id(data.get("payment_intent")),
            success_url=_str(data.get("success_url")),
            cancel_url=_str(data.get("cancel_url")),
            expires_at=parse_timestamp(data.get("expires_at")),
            created=parse_timestamp(data.get("created")),
            livemode=_livemode(data),
            client_reference_id=_str(data.get("client_reference_id")),
            metadata=_dict(data.get("metadata")) or {},
            line_items=_embedded_line_items(data.get("line_items")),
            raw=dict(data),
        )


@dataclass
class Event(_Model):
    id: str
    type: str | None = None
    created: datetime | None = None
    livemode: bool | None = None
    api_version: str | None = None
    data_object: dict[str, Any] = field(default_factory=dict)
    request: dict[str, Any] | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    @_reader
    def from_dict(cls, data: Any) -> Event:
        data = _require_object(cls, data)
        body = _dict(data.get("data")) or {}
        request = data.get("request")
        if isinstance(request, str):  # older Stripe shape: the request id alone
            request = {"id": request} if request else None
        return cls(
            id=_require_id(cls, data),
            type=_str(data.get("type")),
            created=parse_timestamp(data.get("created")),
            livemode=_livemode(data),
            api_version=_str(data.get("api_version")),
            data_object=_dict(body.get("object")) or {},
            request=request if isinstance(request, dict) else None,
            raw=dict(data),
        )


@dataclass
class ListPage(Generic[T]):
    """One page of a list (``{"object": "list", "url", "has_more", "data"}``, §8) or a search result."""

    data: list[T]
    has_more: bool = False
    url: str | None = None
    # Search results may paginate by ``next_page`` instead (likely as Stripe, §3.9).
    next_page: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_dict(cls, data: Any, item_type: Any) -> ListPage[Any]:
        """Read a list whose items are ``item_type`` (a model class with ``from_dict``)."""
        try:
            body = _require_object(cls, data)
            items = _decoded(body.get("data"))
            if items is None:
                items = []
            if not isinstance(items, list):
                raise ModelError(f"List: 'data' is {type(items).__name__}, not a list.")
            return cls(
                data=[item_type.from_dict(item) for item in items],
                has_more=bool(_bool(body.get("has_more"))),
                url=_str(body.get("url")),
                next_page=_str(body.get("next_page")),
                raw=dict(body),
            )
        except ModelError:
            raise
        except Exception as exc:  # see _reader
            raise ModelError(f"List: could not read the page ({type(exc).__name__}).") from exc
