"""A PaymentIntent (§0, §3): one payment, from creation to success, decline or cancel."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .reading import (
    Model,
    parse_timestamp,
    parsed,
    read_currency,
    read_dict,
    read_dict_or_empty,
    read_int,
    read_livemode,
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
