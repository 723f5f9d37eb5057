"""List requests and answers (§8): ``limit`` 1–100 (default 10), ``starting_after`` / ``ending_before``,
``created[gt|gte|lt|lte]`` in ms, newest first; ``{"object": "list", "url", "has_more", "data"}``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import ApiError, invalid
from .store import Store


def limit_param(query: dict[str, Any]) -> int:
    raw = query.get("limit")
    if raw is None or raw == "":
        return 10
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
        try:
            exact = int(raw)
        except ValueError:
            raise invalid("created", f"Invalid timestamp: {raw}", "parameter_invalid_integer") from None
        return {"gte": exact, "lte": exact}
    if isinstance(raw, dict):
        for op, value in raw.items():
            if op not in ("gt", "gte", "lt", "lte"):
                raise invalid(f"created[{op}]", f"Unknown created filter: {op}", "parameter_unknown")
            try:
                result[op] = int(value)
            except (TypeError, ValueError):
                raise invalid(f"created[{op}]", f"Invalid timestamp: {value}", "parameter_invalid_integer") from None
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
    starting_after = query.get("starting_after") or None
    ending_before = query.get("ending_before") or None
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
