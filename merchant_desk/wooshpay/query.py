"""List filters as query parameters (§1.3, §8)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

__all__ = ["encode_query"]


def _timestamp_ms(value: datetime) -> int:
    # List filters on ``created`` are inferred to use the unit of ``created`` itself, milliseconds (§8).
    return int(value.timestamp() * 1000)


def encode_query(params: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """List filters as query parameters: nested mappings become ``created[gte]=...`` (§1.3, §8).

    ``None`` values are left out, booleans are ``true``/``false``, datetimes are milliseconds.
    """
    pairs: list[tuple[str, str]] = []

    def add(key: str, value: Any) -> None:
        if value is None:
            return
        if isinstance(value, Mapping):
            for sub, item in value.items():
                add(f"{key}[{sub}]", item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                add(f"{key}[]", item)
        elif isinstance(value, bool):
            pairs.append((key, "true" if value else "false"))
        elif isinstance(value, datetime):
            pairs.append((key, str(_timestamp_ms(value))))
        else:
            pairs.append((key, str(value)))

    for name, value in (params or {}).items():
        add(str(name), value)
    return pairs
