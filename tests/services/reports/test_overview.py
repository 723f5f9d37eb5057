"""The overview reads the days before yesterday again only now and then: its figures are those of a full read,
with far fewer requests when it is refreshed."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from merchant_desk.services.reports.days import day_bounds_ms
from merchant_desk.services.reports.overview import OverviewLoader, load_overview
from tests.services.helpers import make_client
from tests.services.reports.expected import DEMO_NOW_MS

NOW = datetime.fromtimestamp(DEMO_NOW_MS / 1000, UTC)
ZONE = ZoneInfo("Asia/Hong_Kong")


class Counted:
    """A client whose list calls are written down with the ``created`` window they asked for."""

    def __init__(self, client) -> None:
        self.calls: list[tuple[str, int]] = []
        self.payment_intents = self._lister(client.payment_intents, "payments")
        self.refunds = self._lister(client.refunds, "refunds")

    def _lister(self, resource, name: str):
        calls = self.calls

        class Lister:
            path = resource.path

            async def list_raw(self, **params):
                calls.append((name, params["created"]["gte"]))
                return await resource.list_raw(**params)

        return Lister()


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.asyncio
async def test_a_refresh_reads_only_yesterday_and_today_and_adds_up_the_same(demo_sandbox):
    async with make_client(demo_sandbox) as client:
        full = await load_overview(client, ZONE, now=NOW, page_size=20)
        assert full.recent and sum(p.payments for points in full.daily.values() for p in points) > 40
        counted, clock = Counted(client), Clock()
        loader = OverviewLoader(clock=clock)
        first = await loader.load(counted, ZONE, now=NOW, page_size=20)
        assert first == full
        yesterday = day_bounds_ms(NOW.astimezone(ZONE).date(), ZONE)[0] - 24 * 3600 * 1000
        assert {gte for _, gte in counted.calls} == {yesterday, day_bounds_ms(full.days[0], ZONE)[0]}
        reads_of_everything = len(counted.calls)

        counted.calls.clear()
        clock.now += loader.settled_for - 1
        again = await loader.load(counted, ZONE, now=NOW, page_size=20)
        assert again == full
        assert {gte for _, gte in counted.calls} == {yesterday}  # the older days came from the first read
        assert 0 < len(counted.calls) < reads_of_everything / 2

        counted.calls.clear()
        clock.now += 2
        assert await loader.load(counted, ZONE, now=NOW, page_size=20) == full
        assert len(counted.calls) == reads_of_everything  # read again once they are old enough

        counted.calls.clear()
        loader.forget()
        assert await loader.load(counted, ZONE, now=NOW, page_size=20) == full
        assert len(counted.calls) == reads_of_everything


@pytest.mark.asyncio
async def test_the_next_day_reads_the_days_before_it_again(demo_sandbox):
    async with make_client(demo_sandbox) as client:
        counted, loader = Counted(client), OverviewLoader(clock=Clock())
        await loader.load(counted, ZONE, now=NOW, page_size=20)
        counted.calls.clear()
        later = datetime.fromtimestamp(DEMO_NOW_MS / 1000 + 24 * 3600, UTC)
        assert await loader.load(counted, ZONE, now=later, page_size=20) == await load_overview(
            client, ZONE, now=later, page_size=20)
        assert len({gte for _, gte in counted.calls}) == 2  # its own yesterday and the days before, both read
