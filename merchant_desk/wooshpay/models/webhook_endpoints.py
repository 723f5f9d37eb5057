"""A webhook endpoint (§5), and the answer to deleting one (or any object)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .reading import (
    Model,
    parse_timestamp,
    parsed,
    read_bool,
    read_dict_or_empty,
    read_livemode,
    read_str,
    read_str_list,
)


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
