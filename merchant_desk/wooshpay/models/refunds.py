"""A Refund (§4): money of one payment given back, in whole or in part."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .reading import Model, parse_timestamp, parsed, read_currency, read_dict_or_empty, read_int, read_ref_id, read_str


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
