"""The end-of-day report of an account: from the cache when the day is over and nothing changed it,
otherwise from the API's lists (and then cached if the day is over and settled)."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from .aggregate import DayReport
from .cache import DayCache
from .collect import PAGE_SIZE, Progress, Requester, collect_day, now_ms, refunds_since
from .days import day_bounds_ms


def account_key(name: str, base_url: str) -> str:
    """Cached days belong to one account on one server (two sandboxes never share figures)."""
    return f"{name}|{base_url.rstrip('/')}"


def changed_by(report: DayReport, refunds: list[dict[str, Any]]) -> bool:
    """Whether refunds made after the report was computed touch its figures."""
    ids = {row.id for row in report.payments}
    known = {row.id for row in report.refunds}
    for refund in refunds:
        created = refund.get("created")
        if refund.get("payment_intent") in ids:
            return True
        if isinstance(created, int) and report.start_ms <= created < report.end_ms and refund.get("id") not in known:
            return True
    return False


class DayReports:
    def __init__(self, client: Requester, cache: DayCache | None, account: str, *, page_size: int = PAGE_SIZE) -> None:
        self.client = client
        self.cache = cache
        self.account = account
        self.page_size = page_size

    async def report(
        self, day: date, tz: ZoneInfo, *, progress: Progress | None = None, now: int | None = None,
        use_cache: bool = True,
    ) -> DayReport:
        stamp = now if now is not None else now_ms()
        _start, end = day_bounds_ms(day, tz)
        over = end <= stamp
        if over and use_cache and self.cache is not None:
            cached = await asyncio.to_thread(self.cache.get, self.account, day, tz.key)
            if cached is not None:
                late = await refunds_since(self.client, cached.computed_at_ms, page_size=self.page_size)
                if not changed_by(cached, late):
                    await asyncio.to_thread(self.cache.touch, self.account, cached, stamp)
                    if progress is not None:
                        progress(1.0)
                    return cached
        report = await collect_day(self.client, day, tz, progress=progress, page_size=self.page_size, now=stamp)
        if over and self.cache is not None and report.settled:
            await asyncio.to_thread(self.cache.put, self.account, report)
        return report
