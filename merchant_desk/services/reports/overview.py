"""The overview's figures: today and this week per currency, the last 30 days per day, the latest payments.

One walk over the payments and refunds created since the start of the window (30 local days, or the week
if it began earlier), folded page by page with the same rules as the day report (see ``aggregate``).
"""

from __future__ import annotations

import asyncio
import bisect
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from .aggregate import REFUND_COUNTED, CurrencyTotals, gross_of, outcome_of, wallet_of
from .collect import PAGE_SIZE, Requester, pages
from .days import day_bounds_ms, week_start

CHART_DAYS = 30
RECENT = 8


@dataclass
class DayPoint:
    day: date
    gross: int = 0
    refunded: int = 0
    payments: int = 0


@dataclass(frozen=True)
class RecentPayment:
    id: str
    created: int  # ms
    amount: int
    currency: str
    wallet: str
    outcome: str


@dataclass
class Overview:
    today: date
    tz: str
    days: list[date]
    today_totals: dict[str, CurrencyTotals] = field(default_factory=dict)
    week_totals: dict[str, CurrencyTotals] = field(default_factory=dict)
    # currency -> one point per day of ``days`` (oldest first)
    daily: dict[str, list[DayPoint]] = field(default_factory=dict)
    recent: list[RecentPayment] = field(default_factory=list)  # newest first

    @property
    def currencies(self) -> list[str]:
        """Currencies with anything to show, the one with most payments in the 30 days first (amounts of
        different currencies cannot be compared)."""
        return sorted(self.daily, key=lambda c: (-sum(p.payments for p in self.daily[c]), c))


class _Folder:
    def __init__(self, today: date, tz: ZoneInfo, chart_days: int) -> None:
        first = today - timedelta(days=chart_days - 1)
        self.week_first = week_start(today)
        self.first = min(first, self.week_first)
        self.days = [first + timedelta(days=i) for i in range(chart_days)]
        span = [self.first + timedelta(days=i) for i in range((today - self.first).days + 1)]
        self.span = span
        self.starts = [day_bounds_ms(d, tz)[0] for d in span]
        self.end = day_bounds_ms(today, tz)[1]
        self.overview = Overview(today=today, tz=tz.key, days=self.days)
        self._chart_index = {d: i for i, d in enumerate(self.days)}

    def day_of(self, ms: int) -> date | None:
        if ms < self.starts[0] or ms >= self.end:
            return None
        return self.span[bisect.bisect_right(self.starts, ms) - 1]

    def _point(self, code: str, day: date) -> DayPoint | None:
        index = self._chart_index.get(day)
        if index is None:
            return None
        series = self.overview.daily.get(code)
        if series is None:
            series = self.overview.daily[code] = [DayPoint(d) for d in self.days]
        return series[index]

    def _periods(self, day: date) -> list[dict[str, CurrencyTotals]]:
        ov = self.overview
        found = []
        if day == ov.today:
            found.append(ov.today_totals)
        if day >= self.week_first:
            found.append(ov.week_totals)
        return found

    def payments(self, items: list[dict[str, Any]], recent: int) -> None:
        ov = self.overview
        for item in items:
            created = item.get("created")
            if not isinstance(created, int):
                continue
            day = self.day_of(created)
            if day is None:
                continue
            code = str(item.get("currency") or "").upper()
            outcome = outcome_of(item)
            if len(ov.recent) < recent:
                ov.recent.append(RecentPayment(str(item.get("id") or ""), created, int(item.get("amount") or 0), code,
                                               wallet_of(item), outcome))
            succeeded = outcome == "succeeded"
            gross = gross_of(item) if succeeded else 0
            for period in self._periods(day):
                totals = period.setdefault(code, CurrencyTotals())
                totals.payments += 1
                if succeeded:
                    totals.succeeded += 1
                    totals.gross += gross
            point = self._point(code, day)
            if point is not None:
                point.gross += gross
                point.payments += 1

    def refunds(self, items: list[dict[str, Any]]) -> None:
        for item in items:
            created = item.get("created")
            if not isinstance(created, int) or item.get("status") not in REFUND_COUNTED:
                continue
            day = self.day_of(created)
            if day is None:
                continue
            code = str(item.get("currency") or "").upper()
            amount = int(item.get("amount") or 0)
            for period in self._periods(day):
                period.setdefault(code, CurrencyTotals()).refunded += amount
            point = self._point(code, day)
            if point is not None:
                point.refunded += amount


async def load_overview(
    client: Requester, tz: ZoneInfo, *, now: datetime | None = None, chart_days: int = CHART_DAYS,
    recent: int = RECENT, page_size: int = PAGE_SIZE,
) -> Overview:
    """The overview, every object of the window read from the server."""
    return await OverviewLoader().load(client, tz, now=now, chart_days=chart_days, recent=recent, page_size=page_size)


async def _read(lister: Any, window: dict[str, int], page_size: int) -> list[list[dict[str, Any]]]:
    return [items async for items in pages(lister, window, page_size=page_size)]


@dataclass
class _Settled:
    """The objects of the days before yesterday, as read at ``read_at`` (monotonic seconds)."""

    window: tuple[int, int]
    read_at: float
    payments: list[list[dict[str, Any]]]
    refunds: list[list[dict[str, Any]]]


class OverviewLoader:
    """``load_overview`` for one account, refreshed often: the days before yesterday, most of the window, are
    read from the server again only every ``settled_for`` seconds (and when the day changes). Their objects
    hardly change any more: a payment is paid, canceled or expires within hours, and a refund of an old
    payment is a new object, created today, so it is read with today's."""

    SETTLED_FOR_S = 600.0

    def __init__(self, *, settled_for: float = SETTLED_FOR_S, clock: Callable[[], float] = time.monotonic) -> None:
        self.settled_for = settled_for
        self._clock = clock
        self._settled: _Settled | None = None

    def forget(self) -> None:
        """Read everything again next time (another account's client, say)."""
        self._settled = None

    async def load(
        self, client: Requester, tz: ZoneInfo, *, now: datetime | None = None, chart_days: int = CHART_DAYS,
        recent: int = RECENT, page_size: int = PAGE_SIZE,
    ) -> Overview:
        today = (now or datetime.now(UTC)).astimezone(tz).date()
        folder = _Folder(today, tz, chart_days)
        split = folder.starts[max(0, len(folder.starts) - 2)]  # yesterday's start
        fresh = {"gte": split, "lt": folder.end}
        payments = await _read(client.payment_intents, fresh, page_size)
        refunds = await _read(client.refunds, fresh, page_size)
        settled = self._settled
        window = (folder.starts[0], split)
        if settled is None or settled.window != window or self._clock() - settled.read_at > self.settled_for:
            older = {"gte": window[0], "lt": window[1]}
            settled = _Settled(window, self._clock(), await _read(client.payment_intents, older, page_size),
                               await _read(client.refunds, older, page_size))
            self._settled = settled
        # Newest first, as one walk over the whole window would meet them (the latest payments come first),
        # a page at a time with the loop's other work between pages.
        for items in payments + settled.payments:
            folder.payments(items, recent)
            await asyncio.sleep(0)
        for items in refunds + settled.refunds:
            folder.refunds(items)
            await asyncio.sleep(0)
        return folder.overview
