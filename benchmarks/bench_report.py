"""What the end-of-day aggregation costs, and whether it ever stalls the GUI loop, for a day of 10,000
payments (and 500 refunds).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_report.py [--quick]

Prints ratios against baselines measured in the same run, so the numbers mean the same on any machine:
- fold: decoding the JSON pages and folding them with ``DayAggregator`` vs decoding the same pages and a
  bare loop that sums the succeeded amounts per currency;
- end to end: ``collect_day`` through the real ``Client`` (httpx with a mock transport answering the same
  pages), inside the app's qasync loop, vs the same bare loop;
- stall: the longest time the Qt event loop could not run a 1 ms timer while ``collect_day`` ran, vs one
  frame at 60 Hz (16.7 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402

from merchant_desk.services.reports.aggregate import DayAggregator  # noqa: E402
from merchant_desk.services.reports.collect import collect_day  # noqa: E402
from merchant_desk.services.reports.days import day_bounds_ms, parse_zone  # noqa: E402
from merchant_desk.wooshpay import Client  # noqa: E402

DAY = date(2026, 10, 25)
ZONE = parse_zone("Europe/London")
FRAME_MS = 1000 / 60
PAGE = 100
CURRENCIES = ("CNY", "HKD", "GBP", "IDR", "MYR", "PHP", "THB")
WALLETS = ("AlipayHK", "DANA", "TNG", "BPI", "GCash", "Boost")


def make_objects(payments: int, refunds: int, seed: int = 1) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rng = random.Random(seed)
    start, end = day_bounds_ms(DAY, ZONE)
    intents = []
    for i in range(payments):
        created = start + (end - start) * i // payments
        status = rng.choices(("succeeded", "requires_payment_method", "canceled"), (8, 1, 1))[0]
        amount = rng.randrange(100, 100_000)
        wallet = rng.choice(WALLETS)
        intents.append({
            "id": f"pi_{10**18 + i}", "object": "payment_intent", "amount": amount, "currency": rng.choice(CURRENCIES),
            "created": created, "status": status, "amount_received": amount if status == "succeeded" else 0,
            "merchant_order_id": f"ORD-{i}", "livemode": False, "metadata": {},
            "payment_method_types": ["alipayplus"],
            "payment_method_details": {"type": "alipayplus", "alipayplus": {"wallet": wallet}}
            if status == "succeeded" else None,
            "last_payment_error": {"wallet": wallet, "code": "declined"} if status != "succeeded" else None,
        })
    refund_list = []
    for i in range(refunds):
        target = rng.choice(intents)
        refund_list.append({
            "id": f"re_{10**18 + i}", "object": "refund", "amount": 50, "currency": target["currency"],
            "created": target["created"] + 1000, "status": "succeeded", "payment_intent": target["id"],
            "reason": "requested_by_customer",
        })
    intents.sort(key=lambda o: o["created"], reverse=True)
    refund_list.sort(key=lambda o: o["created"], reverse=True)
    return intents, refund_list


def json_pages(objects: list[dict[str, Any]], path: str) -> dict[str | None, bytes]:
    """The list's pages as the server sends them, keyed by the ``starting_after`` cursor that asks for them."""
    pages: dict[str | None, bytes] = {}
    cursor = None
    for i in range(0, max(len(objects), 1), PAGE):
        chunk = objects[i:i + PAGE]
        body = {"object": "list", "url": path, "has_more": i + PAGE < len(objects), "data": chunk}
        pages[cursor] = json.dumps(body).encode()
        cursor = chunk[-1]["id"] if chunk else None
    return pages


def bare_loop(pages: list[bytes]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for raw in pages:
        for item in json.loads(raw)["data"]:
            if item.get("status") == "succeeded":
                totals[item["currency"]] = totals.get(item["currency"], 0) + item.get("amount_received", item["amount"])
    return totals


def fold(payment_pages: list[bytes], refund_pages: list[bytes]) -> DayAggregator:
    start, end = day_bounds_ms(DAY, ZONE)
    aggregator = DayAggregator(DAY, ZONE.key, start, end)
    for raw in payment_pages:
        aggregator.add_payments(json.loads(raw)["data"])
    for raw in refund_pages:
        aggregator.add_refunds(json.loads(raw)["data"])
    return aggregator


def best(fn, repeats: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def transport(pi_pages: dict[str | None, bytes], re_pages: dict[str | None, bytes]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        query = parse_qs(request.url.query.decode())
        cursor = query.get("starting_after", [None])[0]
        pages = pi_pages if request.url.path.endswith("/payment_intents") else re_pages
        return httpx.Response(200, content=pages[cursor], headers={"content-type": "application/json"})

    return httpx.MockTransport(handler)


def run_in_gui_loop(pi_pages: dict[str | None, bytes], re_pages: dict[str | None, bytes]) -> tuple[float, float, Any]:
    """collect_day in a qasync loop with a 1 ms QTimer; returns (seconds, longest stall in ms, report)."""
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

    async def job() -> tuple[float, Any]:
        async with Client("sk_test_benchmark0000", base_url="http://127.0.0.1:9", transport=transport(pi_pages, re_pages)) as client:
            await asyncio.sleep(0.05)
            t0 = time.perf_counter()
            report = await collect_day(client, DAY, ZONE)
            return time.perf_counter() - t0, report

    with loop:
        timer.start()
        seconds, report = loop.run_until_complete(job())
        timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    stall_ms = max(gaps) * 1000 if gaps else 0.0
    return seconds, stall_ms, report


def results(quick: bool) -> list[dict[str, Any]]:
    payments, refunds, repeats = (2_000, 100, 2) if quick else (10_000, 500, 5)
    intents, refund_list = make_objects(payments, refunds)
    pi_pages = json_pages(intents, "/v1/payment_intents")
    re_pages = json_pages(refund_list, "/v1/refunds")
    pi_list, re_list = list(pi_pages.values()), list(re_pages.values())
    baseline = best(lambda: bare_loop(pi_list + re_list), repeats)
    folded = best(lambda: fold(pi_list, re_list), repeats)
    aggregator = fold(pi_list, re_list)
    plain = bare_loop(pi_list)
    assert {c: t.gross for c, t in aggregator.report.currencies.items() if t.gross} == plain, "totals differ"
    seconds, stall_ms, report = run_in_gui_loop(pi_pages, re_pages)
    assert len(report.payments) == payments
    label = f"{payments:,} payments, {refunds} refunds"
    return [
        {"what": f"fold {label}: json + DayAggregator vs json + bare sum loop", "measured": folded,
         "baseline": baseline, "ratio": folded / baseline, "goal": "ratio <= 4", "met": folded / baseline <= 4},
        {"what": "collect_day end to end through Client (mock transport, qasync) vs bare loop", "measured": seconds,
         "baseline": baseline, "ratio": seconds / baseline, "goal": "informative (HTTP client included)",
         "met": True},
        {"what": "longest Qt event-loop stall during collect_day (ms) vs one 60 Hz frame", "measured": stall_ms,
         "baseline": FRAME_MS, "ratio": stall_ms / FRAME_MS, "goal": "< 16.7 ms", "met": stall_ms < FRAME_MS},
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 payments and fewer repeats (for the tests)")
    args = parser.parse_args(argv)
    for row in results(args.quick):
        print(f"{row['what']}\n    measured {row['measured']:.4f}  baseline {row['baseline']:.4f}  "
              f"ratio {row['ratio']:.2f}  goal {row['goal']}  {'met' if row['met'] else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
