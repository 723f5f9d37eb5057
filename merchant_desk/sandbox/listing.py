"""List requests and answers (§8): ``limit`` 1–100 (default 10), ``starting_after`` / ``ending_before``,
``created[gt|gte|lt|lte]`` in ms, newest first; ``{"object": "list", "url", "has_more", "data"}``."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .errors import ApiError, invalid
from .store import Store

# Timestamps in ms that SQLite's 64-bit integers hold; anything beyond is a mistake, not a date.
MAX_TIMESTAMP = 2**62
_DIGITS = re.compile(r"-?[0-9]{1,19}")


def text_param(query: dict[str, Any], name: str) -> str | None:
    """A query parameter that must be one plain value (``name[]=x`` or ``name[a]=x`` is refused)."""
    value = query.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise invalid(name, f"{name} must be a single value, not an array or object.")
    return value


def _timestamp(value: Any, param: str) -> int:
    if not isinstance(value, (str, int)) or isinstance(value, bool) or not _DIGITS.fullmatch(str(value)):
        raise invalid(param, f"Invalid timestamp: {str(value)[:40]}", "parameter_invalid_integer")
    number = int(value)
    if abs(number) > MAX_TIMESTAMP:
        raise invalid(param, f"Invalid timestamp: {str(value)[:40]} is out of range.", "parameter_invalid_integer")
    return number


def limit_param(query: dict[str, Any]) -> int:
    raw = query.get("limit")
    if raw is None or raw == "":
        return 10
    if not isinstance(raw, (str, int)) or isinstance(raw, bool) or not _DIGITS.fullmatch(str(raw)):
        raise invalid("limit", f"Invalid integer: {str(raw)[:40]}", "parameter_invalid_integer")
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise invalid("limit", f"Invalid integer: {raw}", "parameter_invalid_integer") from None
    if not 1 <= value <= 100:
        raise invalid("limit", "limit must be between 1 and 100.", "parameter_invalid_integer")
    return value


def created_filter(query: dict[str, Any]) -> dict[str, int]:
    result: dict[str, int] = {}
    raw = query.get("created")
    if isinstance(raw, (str, int)) and raw != "":
        exact = _timestamp(raw, "created")
        return {"gte": exact, "lte": exact}
    if isinstance(raw, list):
        raise invalid("created", "created must be a timestamp or created[gt|gte|lt|lte].")
    if isinstance(raw, dict):
        for op, value in raw.items():
            if op not in ("gt", "gte", "lt", "lte"):
                raise invalid(f"created[{str(op)[:10]}]", f"Unknown created filter: {str(op)[:10]}", "parameter_unknown")
            result[op] = _timestamp(value, f"created[{op}]")
    return result


def list_page(
    store: Store,
    kind: str,
    query: dict[str, Any],
    url: str,
    *,
    ref: str | None = None,
    render: Callable[[dict[str, Any]], dict[str, Any]] = lambda obj: obj,
) -> dict[str, Any]:
    limit = limit_param(query)
    starting_after = text_param(query, "starting_after")
    ending_before = text_param(query, "ending_before")
    if starting_after and ending_before:
        raise ApiError(400, "Use starting_after or ending_before, not both.", code="parameter_invalid", param="ending_before")
    for name, cursor in (("starting_after", starting_after), ("ending_before", ending_before)):
        if cursor and store.get(kind, cursor) is None:
            raise ApiError(400, f"No such object for {name}: '{cursor}'", code="resource_missing", param=name)
    items, has_more = store.page(
        kind,
        limit=limit,
        ref=ref,
        created=created_filter(query),
        starting_after=starting_after,
        ending_before=ending_before,
    )
    return {"object": "list", "url": url, "has_more": has_more, "data": [render(i) for i in items]}
