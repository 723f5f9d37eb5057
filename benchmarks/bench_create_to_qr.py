"""Create -> QR on screen: the app's path against bare httpx + segno, interleaved in one process against
the same sandbox (a server process of its own, as in bench_gui_stalls).

- app: the Payments page's Create (``PaymentsPage._on_create_requested``: outbox entry in a ledger file,
  the client, the answer read into a PaymentIntent, the result panel, the QR encoded on a worker thread)
  until the code has been painted on screen;
- bare: one ``httpx.AsyncClient.post`` of the same request, ``segno.make_qr`` of the cashier URL on the
  GUI thread and a plain widget painting it, until painted.

Both paint with the same ``paint_qr``; the figure is the median of many runs after a warm-up.

Run: .venv/bin/python -m benchmarks.bench_create_to_qr [--quick]   (or scripts/bench create_to_qr)
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import segno  # noqa: E402
from PySide6.QtCore import QObject  # noqa: E402
from PySide6.QtGui import QPainter, QPaintEvent  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from benchmarks import qt_loop  # noqa: E402
from benchmarks.bench_gui_stalls import Account  # noqa: E402
from benchmarks.table import Row, format_table, median, row  # noqa: E402
from merchant_desk.services.payments import DEFAULT_RETURN_URL, build_create_body  # noqa: E402
from merchant_desk.ui.widgets.qr_view import paint_qr  # noqa: E402

SETTLE_S = 0.05


class BareQr(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.qr: segno.QRCode | None = None
        self.painted = asyncio.Event()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.qr is None:
            return
        painter = QPainter(self)
        try:
            paint_qr(painter, self.qr, self.rect(), self.devicePixelRatioF())
        finally:
            painter.end()
        self.painted.set()


class QrPainted(QObject):
    """Sets ``painted`` once the view has painted a new payment's code (``QrView.codePainted``, emitted at the
    end of its paintEvent, as the bare widget sets its event at the end of its own)."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.painted = asyncio.Event()
        self.previous = ""
        page.qr_view.codePainted.connect(self._on_painted)

    def _on_painted(self, data: str) -> None:
        if data not in ("", self.previous):
            self.painted.set()


async def app_create(page, watcher: QrPainted, amount: int) -> float:  # type: ignore[no-untyped-def]
    from merchant_desk.ui.payments.payment_form import PaymentRequest

    request = PaymentRequest(amount_minor=amount, currency="HKD", terminal_type="WEB", description="Bench",
                             merchant_order_id=None, return_url=DEFAULT_RETURN_URL)
    watcher.previous = page.qr_view.data()
    watcher.painted.clear()
    started = time.perf_counter()
    page._on_create_requested(request)
    await watcher.painted.wait()
    elapsed = time.perf_counter() - started
    while page.is_creating():
        await asyncio.sleep(0.001)
    page._stop_watch()
    return elapsed


async def bare_create(http, widget: BareQr, amount: int) -> float:  # type: ignore[no-untyped-def]
    body = build_create_body(amount, "HKD", terminal_type="WEB", description="Bench", merchant_order_id=None,
                             return_url=DEFAULT_RETURN_URL, metadata=None)
    widget.qr = None
    widget.painted.clear()
    started = time.perf_counter()
    answer = await http.post("/v1/payment_intents", json=body, headers={"Idempotency-Key": str(uuid.uuid4())})
    intent = answer.json()
    widget.qr = segno.make_qr(intent["next_action"]["alipayplus_handle_redirect"]["normalUrl"], error="m",
                              boost_error=True)
    widget.update()
    await widget.painted.wait()
    return time.perf_counter() - started


async def measure(quick: bool) -> list[Row]:
    import httpx

    from merchant_desk.ui.payments.payments_page import PaymentsPage

    runs = 2 if quick else 25
    qt_loop.tune_like_the_app()
    account = Account()
    try:
        page = PaymentsPage(account.ctx)
        page.resize(1100, 760)
        page.show()
        watcher = QrPainted(page)
        widget = BareQr()
        widget.resize(400, 400)
        widget.show()
        client = account.ctx.client
        async with httpx.AsyncClient(base_url=client.base_url, auth=(account.secret_key, ""), verify=False) as http:
            for n in range(3):  # warm-up: connections, first ledger writes, first codes
                await app_create(page, watcher, 100 + n)
                await bare_create(http, widget, 100 + n)
            app, bare = [], []
            for n in range(runs):
                # Each run starts from a settled window, as a cashier's next Create does: what the last
                # payment left to lay out and paint is not counted against the next one.
                await asyncio.sleep(SETTLE_S)
                app.append(await app_create(page, watcher, 1000 + n))
                await asyncio.sleep(SETTLE_S)
                bare.append(await bare_create(http, widget, 1000 + n))
        for task in page.shutdown():
            task.cancel()
        page.close()
        widget.close()
    finally:
        await account.close()
    a, b = median(app), median(bare)
    return [row("create -> QR on screen (app path vs bare httpx + segno)", f"{a * 1000:.1f} ms",
                f"bare httpx + segno {b * 1000:.1f} ms", a / b, "<= 1.3x")]


def results(quick: bool = False) -> list[Row]:
    return qt_loop.run(measure(quick))


if __name__ == "__main__":
    print(format_table(results("--quick" in sys.argv)))
