"""Following a list across pages: ``has_more`` plus ``starting_after`` = the last ID seen (§8)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

from .errors import MalformedResponseError
from .models.lists import ListPage

__all__ = ["paginate"]

T = TypeVar("T")


def _item_id(item: Any) -> str | None:
    value = getattr(item, "id", None)
    return value if isinstance(value, str) and value else None


async def paginate(
    fetch: Callable[..., Awaitable[ListPage[T]]], filters: dict[str, Any]
) -> AsyncIterator[T]:
    """Every item of every page, fetching the next page only when the previous one is used up.

    With ``ending_before`` among the filters (and no ``starting_after``) the walk goes backwards, as
    Stripe's auto-pagination does.
    """
    filters = dict(filters)
    backwards = filters.get("ending_before") is not None and filters.get("starting_after") is None
    cursor_name = "ending_before" if backwards else "starting_after"
    seen_cursors: set[str] = set()
    while True:
        page = await fetch(**filters)
        for item in page.data:
            yield item
        if not page.has_more or not page.data:
            return
        cursor = _item_id(page.data[0] if backwards else page.data[-1])
        if cursor is None:
            raise MalformedResponseError("A list page says it has more, but its last item has no id to continue from.")
        if cursor in seen_cursors:
            # The server ignored the cursor; going on would loop for ever.
            raise MalformedResponseError(f"The server returned the page after {cursor} twice; stopping the list.")
        seen_cursors.add(cursor)
        filters[cursor_name] = cursor
