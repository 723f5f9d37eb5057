"""An Event (§7): something that happened to an object, as the webhooks and the event list tell it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .reading import Model, parse_timestamp, parsed, read_dict_or_empty, read_livemode, read_str


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
