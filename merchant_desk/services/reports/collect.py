"""Walk the API's lists for one local day and fold them into a :class:`DayReport`.

Pages are read raw (``list_raw``): the sums need a few fields of each object, and reading thousands of
objects into models first would cost more than the sums. Payments: the payment intents list with ``created[gte]``/``created[lt]`` (ms) and ``limit=100``, newest
first, following ``starting_after``. Refunds: the refunds list, created from the day's start until now,
so refunds made that day count and later refunds of the day's payments show on their rows.
Each page is folded in, then the coroutine yields, so the event loop (the GUI) never waits for more than
one page of work. Cancel the task to stop.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from datetime import date
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from merchant_desk.wooshpay import Client, MalformedResponseError

from .aggregate import DayAggregator, DayReport
from .days import day_bounds_ms

PAGE_SIZE = 100
# Share of the progress bar for the payments walk; the refunds walk has the rest.
_PAYMENTS_SHARE = 0.8

Progress = Callable[[float], None]


class RawLister(Protocol):
    async def list_raw(self, **filters: Any) -> dict[str, Any]: ...


# What the reports read: the account's client (typed resources; no API path is written here).
Requester = Client


async def pages(
    lister: RawLister, created: dict[str, int], *, page_size: int = PAGE_SIZE
) -> AsyncIterator[list[dict[str, Any]]]:
    """Every page of a list filtered by ``created`` (ms), newest first, as raw objects."""
    cursor: str | None = None
    path = getattr(lister, "path", type(lister).__name__)
    while True:
        params: dict[str, Any] = {"limit": page_size, "created": created}
        if cursor:
            params["starting_after"] = cursor
        body = await lister.list_raw(**params)
        data = body.get("data")
        if not isinstance(data, list):
            raise MalformedResponseError(f"The list at {path} has no data array.")
        items = [item for item in data if isinstance(item, dict)]
        yield items
        if not body.get("has_more") or not items:
            return
        last = items[-1].get("id")
        if not isinstance(last, str) or last == cursor:
            raise MalformedResponseError(f"The list at {path} repeats its cursor.")
        cursor = last


def _fraction(oldest_ms: int, start_ms: int, end_ms: int) -> float:
    """How much of ``[start, end)`` a newest-first walk has covered once it reached ``oldest_ms``."""
    span = max(end_ms - start_ms, 1)
    return min(max((end_ms - oldest_ms) / span, 0.0), 1.0)


def now_ms() -> int:
    return int(time.time() * 1000)


async def collect_day(
    client: Requester,
    day: date,
    tz: ZoneInfo,
    *,
    progress: Progress | None = None,
    page_size: int = PAGE_SIZE,
    now: int | None = None,
) -> DayReport:
    """The report of ``day`` in ``tz`` as the server's lists show it now."""
    start_ms, end_ms = day_bounds_ms(day, tz)
    stamp = now if now is not None else now_ms()
    aggregator = DayAggregator(day, tz.key, start_ms, end_ms)
    report_progress = progress or (lambda _f: None)
    report_progress(0.0)
    async for items in pages(client.payment_intents, {"gte": start_ms, "lt": end_ms}, page_size=page_size):
        aggregator.add_payments(items)
        if items and isinstance(items[-1].get("created"), int):
            report_progress(_PAYMENTS_SHARE * _fraction(items[-1]["created"], start_ms, end_ms))
        await asyncio.sleep(0)
    refund_end = max(stamp, end_ms)
    # No upper bound: "now" here and the server's clock may differ by a few ms, and a refund the server
    # stamps a moment after ``stamp`` must still reach its payment's row (the aggregator counts only the
    # day's refunds in the day's totals).
    async for items in pages(client.refunds, {"gte": start_ms}, page_size=page_size):
        aggregator.add_refunds(items)
        if items and isinstance(items[-1].get("created"), int):
            done = _fraction(items[-1]["created"], start_ms, refund_end)
            report_progress(_PAYMENTS_SHARE + (1 - _PAYMENTS_SHARE) * done)
        await asyncio.sleep(0)
    report_progress(1.0)
    report = aggregator.report
    report.computed_at_ms = stamp
    return report


async def refunds_since(client: Requester, since_ms: int, *, page_size: int = PAGE_SIZE) -> list[dict[str, Any]]:
    """Refunds created at or after ``since_ms`` (the late-refund check of a cached day)."""
    found: list[dict[str, Any]] = []
    async for items in pages(client.refunds, {"gte": since_ms}, page_size=page_size):
        found.extend(items)
        await asyncio.sleep(0)
    return found
