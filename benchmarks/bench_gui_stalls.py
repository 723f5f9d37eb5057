"""The longest time the GUI loop stood still (``stall.measure_stalls``: a 1 ms heartbeat) while the app
does what a merchant does most, against the one-frame budget (16.7 ms):

- paging the payments list to 10,000 rows in a visible table (the real ``PaymentsModel``, fed by a fake
  service that decodes each page from JSON as the client would, so no server time is counted);
- 50 payment creations at once through the app's path (``run_op`` -> ``PaymentService`` -> outbox ->
  ledger file -> client) against a real sandbox in a process of its own (as a real server is: the
  embedded sandbox is a stand-in for one), each shown as the Payments page shows a created payment (QR
  code, list row);
- the refund dialog loading a paid payment's refunds, and the Events page loading its first page.

A stall is the heartbeat's longest gap less the time the kernel kept the GUI thread waiting for a CPU
while other processes ran (``StallMeter.longest_own_ms``; the wall-clock gap is shown beside it): on a
shared machine the wall clock measures the neighbours as much as the app. The process runs under the
app's own interpreter tuning (``qt_loop.tune_like_the_app``: the GIL switch interval, the garbage-collection
policy ``app.main`` applies once the window is up, collection on the GUI thread only). Each figure is the median of several runs after a warm-up.

Run: .venv/bin/python -m benchmarks.bench_gui_stalls [--quick]   (or scripts/bench gui_stalls)
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


from benchmarks import qt_loop  # noqa: E402
from benchmarks.stall import FRAME_MS, measure_stalls  # noqa: E402
from benchmarks.table import Row, format_table, median, row  # noqa: E402
from merchant_desk.services.payments import PaymentService  # noqa: E402
from merchant_desk.ui.payments.payments_model import PaymentsModel  # noqa: E402
from merchant_desk.wooshpay.models import ListPage, PaymentIntent  # noqa: E402

GOAL = f"<= {FRAME_MS:.1f} ms"
BASELINE = f"one frame {FRAME_MS:.1f} ms"


# ---- paging -------------------------------------------------------------------------------------------
class JsonIntents:
    """``client.payment_intents.list`` over pages of JSON text, decoded per call as the client does."""

    def __init__(self, total: int) -> None:
        base = int(datetime(2024, 5, 1, tzinfo=UTC).timestamp() * 1000)
        self.ids = [f"pi_{n:019d}" for n in range(total)]
        self.position = {intent_id: n for n, intent_id in enumerate(self.ids)}
        self.texts = [
            json.dumps({
                "id": self.ids[n], "object": "payment_intent", "amount": 100 + n % 9000,
                "currency": ("HKD", "CNY", "IDR")[n % 3], "status": "succeeded", "created": base - n * 1000,
                "merchant_order_id": f"order-{n}", "description": "Benchmark", "livemode": False,
            })
            for n in range(total)
        ]

    async def list(self, limit: int = 10, starting_after: str | None = None, **_: Any) -> ListPage[PaymentIntent]:
        await asyncio.sleep(0)  # an answer arrives on a later turn of the loop, as over a socket
        start = self.position[starting_after] + 1 if starting_after else 0
        end = min(len(self.ids), start + limit)
        body = json.loads("{\"data\": [" + ",".join(self.texts[start:end]) + "]}")
        return ListPage(data=[PaymentIntent.from_dict(d) for d in body["data"]], has_more=end < len(self.ids),
                        url="/v1/payment_intents")


Stalls = tuple[float, float]  # (the app's own, wall clock) longest stall, in ms: see benchmarks.stall


async def page_through(total: int) -> Stalls:
    client = type("FakeClient", (), {"payment_intents": JsonIntents(total)})()
    model = PaymentsModel(PaymentService(client, None, "Fake"))  # type: ignore[arg-type]
    view = qt_loop.payments_table(model)
    await asyncio.sleep(0.05)
    with measure_stalls() as meter:
        model.refresh()
        while True:
            while model.loading:
                await asyncio.sleep(0)
            if not model.canFetchMore():
                break
            model.fetchMore()
            view.scrollToBottom()  # what a person paging down sees
            await asyncio.sleep(0)
    assert model.rowCount() == total, model.rowCount()
    view.close()
    view.deleteLater()
    return meter.longest_own_ms, meter.longest_ms


# ---- the app against a real sandbox ----------------------------------------------------------------------
class Account:
    """A sandbox server in its own process (``merchant-desk-sandbox``) and an account session on it with a
    ledger file, as ``app.launch`` opens one."""

    def __init__(self) -> None:
        import re
        import subprocess

        from merchant_desk.app import build_context
        from merchant_desk.ledger import Ledger

        self.folder = tempfile.TemporaryDirectory()
        self.server = subprocess.Popen(
            [sys.executable, "-m", "merchant_desk.sandbox.cli", "--port", "0"], stdout=subprocess.PIPE, text=True,
        )
        assert self.server.stdout is not None
        line = self.server.stdout.readline()
        found = re.search(r"at (http://\S+)\s+secret key (\S+)", line)
        if found is None:
            self.server.kill()
            raise RuntimeError(f"the sandbox did not start: {line!r}")
        base_url, secret_key = found.groups()
        self.secret_key = secret_key
        self.ctx = build_context(base_url=base_url, secret_key=secret_key,
                                 ledger=Ledger(Path(self.folder.name) / "ledger.db"), mode="sandbox",
                                 sandbox_public_url=base_url)

    async def close(self) -> None:
        await self.ctx.client.aclose()
        await asyncio.to_thread(self.ctx.ledger.close)
        self.server.terminate()
        await asyncio.to_thread(self.server.wait, 10)
        self.folder.cleanup()


async def create_many(account: Account, page: Any, count: int) -> Stalls:
    from merchant_desk.ui.widgets.ops import run_op

    done = asyncio.Event()
    left = [count]

    def shown(intent: PaymentIntent) -> None:
        # What PaymentsPage._on_created does with a created payment, minus starting the status poll.
        page.result.show_intent(intent)
        page.list.upsert(intent)
        left[0] -= 1
        if not left[0]:
            done.set()

    with measure_stalls() as meter:
        for n in range(count):
            run_op(page, account.ctx.payments.create_payment(1000 + n, "HKD", description=f"Bench {n}"),
                   success=shown)
        await asyncio.wait_for(done.wait(), 120)
        await asyncio.sleep(0.1)  # the QR codes encoded meanwhile are painted
    return meter.longest_own_ms, meter.longest_ms


async def open_refund_dialog(account: Account, intent: PaymentIntent) -> Stalls:
    from merchant_desk.ui.refunds.refund_dialog import RefundDialog

    with measure_stalls() as meter:
        dialog = RefundDialog(account.ctx, intent)
        dialog.open()
        while dialog.summary is None:
            await asyncio.sleep(0.001)
        await asyncio.sleep(0.05)
    dialog.close()
    dialog.deleteLater()
    return meter.longest_own_ms, meter.longest_ms


async def open_events_page(account: Account) -> Stalls:
    from merchant_desk.ui.events.events_page import EventsPage

    with measure_stalls() as meter:
        page = EventsPage(account.ctx)
        loaded = asyncio.Event()
        page.eventsLoaded.connect(lambda _n: loaded.set())
        page.resize(1100, 700)
        page.show()
        await asyncio.wait_for(loaded.wait(), 30)
        await asyncio.sleep(0.05)
    for task in page.shutdown():
        task.cancel()
    page.close()
    page.deleteLater()
    return meter.longest_own_ms, meter.longest_ms


async def paid_with_refunds(account: Account) -> PaymentIntent:
    import httpx

    ctx = account.ctx
    intent = await ctx.payments.create_payment(10_000, "HKD", description="Refund dialog bench")
    async with httpx.AsyncClient() as http:  # the customer pays on the cashier page
        answer = await http.post(str(intent.cashier_url), data={"action": "pay", "wallet": "AlipayHK"})
        assert answer.status_code < 400, answer.text
    for amount in (500, 700, 900):
        await ctx.refunds.refund(intent.id, amount, "requested_by_customer")
    return await ctx.payments.retrieve(intent.id)


async def measure(quick: bool) -> list[Row]:
    from merchant_desk.ui.payments.payments_page import PaymentsPage

    runs = 1 if quick else 5
    rows_total = 300 if quick else 10_000
    creations = 5 if quick else 50
    qt_loop.tune_like_the_app()

    await page_through(min(rows_total, 1000))  # warm-up
    paging = [await page_through(rows_total) for _ in range(runs)]

    account = Account()
    try:
        page = PaymentsPage(account.ctx)
        page.resize(1100, 760)
        page.show()
        await create_many(account, page, 3)  # warm-up: connections, first QR, first ledger writes
        creating = [await create_many(account, page, creations) for _ in range(runs)]
        for task in page.shutdown():
            task.cancel()
        page.close()

        intent = await paid_with_refunds(account)
        await open_refund_dialog(account, intent)
        refunding = [await open_refund_dialog(account, intent) for _ in range(runs)]
        await open_events_page(account)
        events = [await open_events_page(account) for _ in range(runs)]
    finally:
        await account.close()

    def stall_row(what: str, values: list[Stalls]) -> Row:
        own, wall = median(v[0] for v in values), median(v[1] for v in values)
        return row(what, f"{own:.1f} ms (wall {wall:.1f})", BASELINE, own / FRAME_MS, GOAL, own)

    return [
        stall_row(f"GUI stall: paging the payments list to {rows_total:,} rows (visible view)", paging),
        stall_row(f"GUI stall: {creations} concurrent payment creations, each shown with its QR", creating),
        stall_row("GUI stall: the refund dialog loads a payment with 3 refunds", refunding),
        stall_row("GUI stall: the Events page loads its first page", events),
    ]


def results(quick: bool = False) -> list[Row]:
    return qt_loop.run(measure(quick))


if __name__ == "__main__":
    print(format_table(results("--quick" in sys.argv)))
