"""Day totals computed the plain way, for comparison: every object the API lists (no filters), each
placed on its local day with zoneinfo."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from merchant_desk.wooshpay import Client

DEMO_NOW_MS = int(datetime(2026, 11, 2, 20, 0, tzinfo=UTC).timestamp() * 1000)


async def all_objects(client: Client, path: str) -> list[dict]:
    found, cursor = [], None
    while True:
        params = {"limit": 100, **({"starting_after": cursor} if cursor else {})}
        body = await client.request("GET", path, params=params)
        found.extend(body["data"])
        if not body["has_more"]:
            return found
        cursor = body["data"][-1]["id"]


def on_day(ms: int, day: date, tz: str) -> bool:
    moment = datetime.fromtimestamp(ms / 1000, UTC).astimezone(ZoneInfo(tz))
    return moment.date() == day


def hours_in(day: date, tz: str) -> float:
    zone = ZoneInfo(tz)
    start = datetime(day.year, day.month, day.day, tzinfo=zone)
    end = start + timedelta(days=1)
    return (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() / 3600


async def expected_totals(client: Client, day: date, tz: str) -> dict[str, dict[str, int]]:
    payments = [p for p in await all_objects(client, "/v1/payment_intents") if on_day(p["created"], day, tz)]
    refunds = [r for r in await all_objects(client, "/v1/refunds") if on_day(r["created"], day, tz)]
    totals: dict[str, dict[str, int]] = {}
    for p in payments:
        t = totals.setdefault(p["currency"], {"gross": 0, "refunded": 0, "payments": 0, "succeeded": 0})
        t["payments"] += 1
        if p["status"] == "succeeded":
            t["succeeded"] += 1
            t["gross"] += p["amount_received"]
    for r in refunds:
        t = totals.setdefault(r["currency"], {"gross": 0, "refunded": 0, "payments": 0, "succeeded": 0})
        if r["status"] == "succeeded":
            t["refunded"] += r["amount"]
    for t in totals.values():
        t["net"] = t["gross"] - t["refunded"]
    return totals
