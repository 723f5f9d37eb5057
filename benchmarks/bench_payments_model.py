"""How much the lazily paged payments model costs over plain Python, for 100,000 intents.

Run: .venv/bin/python -m benchmarks.bench_payments_model [rows]   (or scripts/bench payments_model)

Prints ratios against baselines measured in the same run, so the numbers mean the same on any machine:
- load: fetching every page through fetchMore (event loop, row inserts), without and with a visible
  view, vs building the same list of row tuples directly from the same intents;
- memory: what the loaded model holds for its rows vs a bare list of the same row tuples;
- scroll: moving a QTableView through the whole list and painting it vs formatting the same visible
  cells without Qt.
The fake client hands out pre-built PaymentIntent objects, so JSON decoding is in neither side.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import sys
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QTableView

from benchmarks import qt_loop
from benchmarks.stall import FRAME_MS, measure_stalls
from benchmarks.table import Row, format_table, row
from merchant_desk.services.payments import PaymentService
from merchant_desk.ui.payments.payments_model import (
    PAGE_SIZE,
    PaymentsModel,
    format_amount,
    format_created,
    row_of,
)
from merchant_desk.wooshpay.models import ListPage, PaymentIntent

SCROLL_STEPS = 400


def make_intents(total: int) -> list[PaymentIntent]:
    base = int(datetime(2024, 5, 1, tzinfo=UTC).timestamp() * 1000)
    return [
        PaymentIntent.from_dict(
            {
                "id": f"pi_{n:019d}", "object": "payment_intent", "amount": 100 + n % 9000,
                "currency": ("HKD", "CNY", "IDR")[n % 3], "status": "succeeded", "created": base - n * 1000,
                "merchant_order_id": f"order-{n}", "description": "Benchmark", "livemode": False,
            }
        )
        for n in range(total)
    ]


class FakeIntents:
    def __init__(self, intents: list[PaymentIntent]) -> None:
        self.intents = intents
        self.position = {intent.id: n for n, intent in enumerate(intents)}
        self.calls = 0

    async def list(self, limit: int = 10, starting_after: str | None = None, **_):
        self.calls += 1
        start = self.position[starting_after] + 1 if starting_after else 0
        end = min(len(self.intents), start + limit)
        return ListPage(data=self.intents[start:end], has_more=end < len(self.intents), url="/v1/payment_intents")


async def load_all(model: PaymentsModel) -> None:
    model.refresh()
    while True:
        while model.loading:
            await asyncio.sleep(0)
        if not model.canFetchMore():
            return
        model.fetchMore()


def scroll_through(view: QTableView) -> None:
    bar = view.verticalScrollBar()
    step = max(1, bar.maximum() // SCROLL_STEPS)
    for value in range(0, bar.maximum() + 1, step):
        bar.setValue(value)
        view.viewport().repaint()


def format_cells_plainly(rows, visible: int) -> None:
    step = max(1, len(rows) // SCROLL_STEPS)
    for first in range(0, len(rows), step):
        for item in rows[first : first + visible]:
            (format_created(item.created), format_amount(item.amount, item.currency), item.currency, item.status,
             item.order_id, item.description)


async def measure(total: int) -> list[Row]:
    intents = make_intents(total)
    # The fake server's 100,000 ready-made intents stand for data that lives in another process; kept out
    # of the garbage collector's walks, so that the stall measured is the model's, not the fake's. Then the
    # app's own tuning, as app.main applies it once the window is up.
    gc.collect()
    qt_loop.tune_like_the_app()

    t0 = time.perf_counter()
    plain = [row_of(intent) for intent in intents]
    baseline_load = time.perf_counter() - t0

    # Memory: what the loaded model keeps beyond the intents themselves, against the same payments as a
    # list of their JSON dicts (what a naive model would keep).
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    dicts = [json.loads(json.dumps(intent.raw)) for intent in intents]
    dict_bytes = tracemalloc.get_traced_memory()[0] - before
    del dicts
    before = tracemalloc.get_traced_memory()[0]
    bare = PaymentsModel(PaymentService(type("FakeClient", (), {"payment_intents": FakeIntents(intents)})(), None, "Fake"))
    await load_all(bare)
    model_bytes = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()

    bare = PaymentsModel(PaymentService(type("FakeClient", (), {"payment_intents": FakeIntents(intents)})(), None, "Fake"))
    t0 = time.perf_counter()
    await load_all(bare)
    bare_load = time.perf_counter() - t0

    fake = FakeIntents(intents)
    client = type("FakeClient", (), {"payment_intents": fake})()
    model = PaymentsModel(PaymentService(client, None, "Fake"))
    view = qt_loop.payments_table(model)

    # The garbage of the measurements above (100,000 JSON dicts, two loaded models) is collected now, not
    # during the one measured next: that stall is the paging's own.
    gc.collect()
    with measure_stalls() as meter:
        await load_all(model)
    assert model.rowCount() == total and model.rows() == plain
    assert fake.calls == -(-total // PAGE_SIZE), "every page fetched exactly once"

    visible = view.viewport().height() // 22 + 1
    format_created.cache_clear()
    format_amount.cache_clear()
    t0 = time.perf_counter()
    format_cells_plainly(plain, visible)
    baseline_scroll = time.perf_counter() - t0
    format_created.cache_clear()
    format_amount.cache_clear()
    t0 = time.perf_counter()
    scroll_through(view)
    model_scroll = time.perf_counter() - t0
    assert fake.calls == -(-total // PAGE_SIZE), "scrolling never refetches"
    view.close()

    per_row = model_bytes / total
    return [
        row(f"payments model: load {total:,} rows, no view", f"{bare_load:.3f} s", f"plain list {baseline_load:.3f} s",
            bare_load / baseline_load, "<= 3x"),
        # The process's own stall (benchmarks.stall), the wall clock beside it.
        row(f"payments model: longest GUI stall paging to {total:,} rows (visible view)",
            f"{meter.longest_own_ms:.1f} ms (wall {meter.longest_ms:.1f})", f"one frame {FRAME_MS:.1f} ms",
            meter.longest_own_ms / FRAME_MS, "<= 16.7 ms", meter.longest_own_ms),
        row(f"payments model: memory per row at {total:,} rows", f"{per_row:.0f} B",
            f"list of JSON dicts {dict_bytes / total:.0f} B", model_bytes / dict_bytes, "<= 1024 B", per_row),
        row("payments model: scroll and paint, per step", f"{model_scroll / SCROLL_STEPS * 1000:.1f} ms",
            f"plain formatting {baseline_scroll / SCROLL_STEPS * 1000:.2f} ms", model_scroll / baseline_scroll,
            "<= 16.7 ms", model_scroll / SCROLL_STEPS * 1000),
    ]


def results(quick: bool = False, rows: int | None = None) -> list[Row]:
    return qt_loop.run(measure(rows or (2_000 if quick else 100_000)))


if __name__ == "__main__":
    print(format_table(results(rows=int(sys.argv[1]) if len(sys.argv) > 1 else None)))
