"""The day report's totals equal sums computed straight from the sandbox's lists, in several zones,
daylight-saving days included; closed days come from the cache until a late refund changes them."""

from __future__ import annotations

import json
from datetime import date

import pytest

from merchant_desk.services.reports.cache import DayCache
from merchant_desk.services.reports.collect import collect_day
from merchant_desk.services.reports.days import day_bounds_ms, parse_zone
from merchant_desk.services.reports.export import CSV_COLUMNS, report_csv, report_json
from merchant_desk.services.reports.service import DayReports, account_key
from tests.services.helpers import make_client
from tests.services.reports.expected import expected_totals, hours_in

CASES = [
    (date(2026, 10, 25), "Europe/London", 25),  # clocks go back: a 25-hour day
    (date(2026, 10, 25), "Asia/Hong_Kong", 24),
    (date(2026, 11, 1), "America/New_York", 25),
    (date(2026, 10, 28), "Europe/London", 24),
]


@pytest.mark.asyncio
@pytest.mark.parametrize(("day", "tz", "hours"), CASES)
async def test_totals_equal_the_sums_of_the_api(demo_sandbox, day, tz, hours):
    assert hours_in(day, tz) == hours
    start, end = day_bounds_ms(day, parse_zone(tz))
    assert end - start == hours * 3600_000
    async with make_client(demo_sandbox) as client:
        expected = await expected_totals(client, day, tz)
        report = await collect_day(client, day, parse_zone(tz), page_size=17)
    got = report.to_json()["currencies"]
    assert got == expected
    assert sum(t["payments"] for t in got.values()) == len(report.payments) > 20
    assert any(t["refunded"] for t in got.values())


@pytest.mark.asyncio
async def test_refunds_of_earlier_payments_count_on_the_day_they_were_made(demo_sandbox):
    tz = parse_zone("Europe/London")
    async with make_client(demo_sandbox) as client:
        reports = [await collect_day(client, date(2026, 10, d), tz) for d in range(23, 31)]
    later = [r for rep in reports for r in rep.refunds if r.payment_intent not in {p.id for p in rep.payments}]
    assert later, "the demo data has refunds made days after their payment"


@pytest.mark.asyncio
async def test_progress_climbs_to_one(demo_sandbox):
    seen: list[float] = []
    async with make_client(demo_sandbox) as client:
        await collect_day(client, date(2026, 10, 27), parse_zone("Asia/Hong_Kong"), progress=seen.append, page_size=10)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen) and len(seen) > 4


@pytest.mark.asyncio
async def test_json_shape(demo_sandbox):
    async with make_client(demo_sandbox) as client:
        report = await collect_day(client, date(2026, 10, 26), parse_zone("Asia/Shanghai"))
    data = json.loads(report_json(report))
    assert data["day"] == "2026-10-26" and data["tz"] == "Asia/Shanghai"
    for totals in data["currencies"].values():
        assert set(totals) == {"gross", "refunded", "net", "payments", "succeeded"}
        assert all(isinstance(v, int) for v in totals.values())
        assert totals["net"] == totals["gross"] - totals["refunded"]
    wallet_gross = sum(t["gross"] for per in data["wallets"].values() for t in per.values())
    assert wallet_gross == sum(t["gross"] for t in data["currencies"].values())
    # only payments that never reached a wallet (canceled before paying) have no wallet
    assert all(t["gross"] == 0 for t in data["wallets"].get("unknown", {}).values())
    assert len(data["wallets"]) > 3
    assert {"succeeded", "failed", "canceled"} <= set(data["statuses"])
    row = data["payments"][0]
    assert {"id", "created", "amount", "currency", "wallet", "merchant_order_id", "status"} <= set(row)
    assert row["created"].startswith("2026-10-26T") and row["created"].endswith("+08:00")
    assert [p["created_ms"] for p in data["payments"]] == sorted(p["created_ms"] for p in data["payments"])
    lines = report_csv(report).splitlines()
    assert lines[0].split(",") == list(CSV_COLUMNS)
    assert len(lines) == len(data["payments"]) + 1


@pytest.mark.asyncio
async def test_closed_day_is_cached_and_recomputed_after_a_late_refund(demo_sandbox, tmp_path):
    tz = parse_zone("Europe/London")
    day = date(2026, 10, 29)
    cache = DayCache(tmp_path / "reports.sqlite3")
    async with make_client(demo_sandbox) as client:
        reports = DayReports(client, cache, account_key("Demo", demo_sandbox.base_url))
        first = await reports.report(day, tz)
        assert not first.from_cache and cache.count() == 1
        again = await reports.report(day, tz)
        assert again.from_cache and again.to_json()["currencies"] == first.to_json()["currencies"]
        paid = next(p for p in first.payments if p.outcome == "succeeded" and p.refunded == 0)
        await client.refunds.create(paid.id, amount=1)
        after = await reports.report(day, tz)
    assert not after.from_cache
    row = next(p for p in after.payments if p.id == paid.id)
    assert row.refunded == 1
    # the refund was made today, not on the 29th: the day's refunded total stays as it was
    assert after.to_json()["currencies"] == first.to_json()["currencies"]
    cache.close()


@pytest.mark.asyncio
async def test_today_is_never_cached(demo_sandbox, tmp_path):
    cache = DayCache(tmp_path / "reports.sqlite3")
    async with make_client(demo_sandbox) as client:
        reports = DayReports(client, cache, "x")
        tz = parse_zone("UTC")
        from merchant_desk.services.reports.days import today

        await reports.report(today(tz), tz)
    assert cache.count() == 0
    cache.close()


@pytest.mark.parametrize("bad", ["2026-13-01", "yesterday", "", "2026/10/25"])
def test_bad_days_are_refused(bad):
    from merchant_desk.services.reports.days import parse_day

    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_day(bad)


@pytest.mark.parametrize("bad", ["Mars/Olympus", "", "../etc/passwd", "/etc/localtime"])
def test_bad_zones_are_refused(bad):
    with pytest.raises(ValueError, match="time zone"):
        parse_zone(bad)
