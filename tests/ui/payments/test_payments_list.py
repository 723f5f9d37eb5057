"""The payments list: lazy pages from the sandbox, search by order id, the detail panel, refundButton,
and a 100,000-row list that scrolls without refetching."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTableWidget,
)

from merchant_desk.services.payments import PaymentService
from merchant_desk.ui.payments.payments_model import PAGE_SIZE
from merchant_desk.ui.payments.payments_page import PaymentsPage, search_query
from merchant_desk.wooshpay.models import ListPage, PaymentIntent
from tests.customer import pay
from tests.qt_support import run_async
from tests.ui.helpers import open_context, show_page, w


def make_page(qtbot, ctx) -> PaymentsPage:
    return show_page(qtbot, PaymentsPage(ctx))


@pytest.fixture
def seeded(fresh_sandbox):
    """A sandbox holding 130 intents (two pages), the newest three with known order ids."""
    with open_context(fresh_sandbox) as ctx:
        intents = run_async(seed(ctx), timeout=60)
        pay(intents[-3].cashier_url, "AlipayHK")
        yield ctx, {i.merchant_order_id: i for i in intents}


async def seed(ctx) -> list:
    created = []
    for batch in range(0, 127, 16):
        created += await asyncio.gather(
            *(
                ctx.payments.create_payment(100 + n, "HKD", merchant_order_id=f"bulk-{n:03d}")
                for n in range(batch, min(batch + 16, 127))
            )
        )
    for order_id, amount, description in (
        ("list-paid", 1234, "Paid one"),
        ("list-open", 500, "Open one"),
        ("list-o'neil", 700, "Quote in the id"),
    ):
        created.append(
            await ctx.payments.create_payment(amount, "HKD", merchant_order_id=order_id, description=description)
        )
    return created


def test_list_loads_lazily_page_by_page_and_never_twice(qtbot, seeded):
    ctx, _by_order = seeded
    requests: list[dict] = []
    original = ctx.client.payment_intents.list

    async def spy(**params):
        requests.append(params)
        return await original(**params)

    ctx.client.payment_intents.list = spy
    page = make_page(qtbot, ctx)
    assert requests == [], "nothing is fetched before the list is looked at"
    page.tabs.setCurrentIndex(1)
    table = w(page, QTableView, "paymentsTable")
    model = table.model()
    qtbot.waitUntil(lambda: model.rowCount() == PAGE_SIZE, timeout=10000)
    assert requests[0] == {"limit": PAGE_SIZE}
    while model.rowCount() < 130:
        table.scrollToBottom()
        qtbot.waitUntil(lambda: not model.loading, timeout=10000)
    qtbot.wait(100)
    ids = [row.id for row in model.rows()]
    assert len(ids) == 130 == len(set(ids))
    assert not model.canFetchMore()
    afters = [r.get("starting_after") for r in requests]
    assert len(afters) == len(set(afters)), "a page was fetched twice"
    assert afters[1] == ids[PAGE_SIZE - 1]

    # Newest first, with readable cells.
    first = [model.index(0, c).data() for c in range(model.columnCount())]
    assert first[1] == "HK$7.00" and first[2] == "HKD" and first[3] == "Waiting"
    assert first[4] == "list-o'neil" and first[5] == "Quote in the id"
    datetime.strptime(first[0], "%Y-%m-%d %H:%M:%S")
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Created", "Amount", "Currency", "Status", "Order ID", "Description"]


def test_search_by_order_id_and_back(qtbot, seeded):
    ctx, by_order = seeded
    page = make_page(qtbot, ctx)
    page.tabs.setCurrentIndex(1)
    model = w(page, QTableView, "paymentsTable").model()
    qtbot.waitUntil(lambda: model.rowCount() == PAGE_SIZE, timeout=10000)
    search = w(page, QLineEdit, "paymentSearch")
    qtbot.keyClicks(search, "list-open")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.mode == "search" and model.rowCount() == 1, timeout=10000)
    assert model.rows()[0].id == by_order["list-open"].id
    assert not model.canFetchMore()

    search.clear()
    qtbot.keyClicks(search, "no-such-order")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not model.loading, timeout=10000)
    qtbot.wait(100)
    assert model.rowCount() == 0

    search.clear()
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.mode == "list" and model.rowCount() == PAGE_SIZE, timeout=10000)


def test_search_query_escapes_quotes():
    assert search_query("order1234") == "merchant_order_id:'order1234'"
    assert search_query("o'neil") == "merchant_order_id:'o\\'neil'"


def select(qtbot, page, intent_id):
    table = w(page, QTableView, "paymentsTable")
    model = table.model()
    qtbot.waitUntil(lambda: any(r.id == intent_id for r in model.rows()), timeout=10000)
    row = next(n for n, r in enumerate(model.rows()) if r.id == intent_id)
    table.selectRow(row)
    qtbot.waitUntil(lambda: page.detail.intent is not None and page.detail.intent.id == intent_id, timeout=10000)


def test_detail_shows_fields_refunds_and_raw_json(qtbot, seeded):
    ctx, by_order = seeded
    paid = by_order["list-paid"]
    refund = run_async(ctx.client.refunds.create(paid.id, amount=234, reason="requested_by_customer"))
    page = make_page(qtbot, ctx)
    page.tabs.setCurrentIndex(1)
    select(qtbot, page, paid.id)

    raw = json.loads(w(page, QPlainTextEdit, "paymentRawJson").toPlainText())
    assert raw["id"] == paid.id and raw["status"] == "succeeded"
    assert w(page, QPlainTextEdit, "paymentRawJson").isReadOnly()
    refunds = w(page, QTableWidget, "paymentRefundsTable")
    assert refunds.rowCount() == 1 and refunds.item(0, 4).text() == refund.id
    assert refunds.item(0, 1).text() == "HK$2.34"
    assert page.detail.refundable() == 1000
    texts = {k: page.detail._values[k].text() for k in ("id", "status", "amount", "amount_minor", "merchant_order_id")}
    assert texts == {
        # the API still says "succeeded": a person reads that some of it went back
        "id": paid.id, "status": "Partially refunded", "amount": "HK$12.34", "amount_minor": "1234 (HKD)",
        "merchant_order_id": "list-paid",
    }
    button = w(page, QPushButton, "refundButton")
    assert button.isEnabled()


def test_refund_button_says_why_it_is_disabled(qtbot, seeded):
    ctx, by_order = seeded
    page = make_page(qtbot, ctx)
    button = w(page, QPushButton, "refundButton")
    assert not button.isEnabled() and button.toolTip()
    page.tabs.setCurrentIndex(1)
    select(qtbot, page, by_order["list-open"].id)
    assert not button.isEnabled() and "requires_action" in button.toolTip()

    paid = by_order["list-paid"]
    run_async(ctx.client.refunds.create(paid.id))  # in full
    select(qtbot, page, paid.id)
    assert not button.isEnabled() and "in full" in button.toolTip()


def test_refund_button_opens_the_refund_dialog_and_reloads_after(qtbot, seeded):
    ctx, by_order = seeded
    paid = by_order["list-paid"]
    page = make_page(qtbot, ctx)
    page.tabs.setCurrentIndex(1)
    select(qtbot, page, paid.id)
    qtbot.mouseClick(w(page, QPushButton, "refundButton"), Qt.MouseButton.LeftButton)
    from merchant_desk.ui.refunds.refund_dialog import RefundDialog

    dialog = page.findChild(RefundDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.intent.id == paid.id
    # A refund made meanwhile, announced by the dialog: the detail reloads and lists it.
    refund = run_async(ctx.client.refunds.create(paid.id, amount=100))
    dialog.refundCreated.emit(refund)
    refunds = w(page, QTableWidget, "paymentRefundsTable")
    qtbot.waitUntil(lambda: refunds.rowCount() == 1, timeout=10000)
    assert page.detail.refundable() == 1134
    dialog.reject()


def test_a_created_payment_appears_on_top_and_follows_its_status(qtbot, seeded):
    ctx, _by_order = seeded
    page = make_page(qtbot, ctx)
    page.watch_timing = (0.05, 0.2, 1.5)
    page.tabs.setCurrentIndex(1)
    model = w(page, QTableView, "paymentsTable").model()
    qtbot.waitUntil(lambda: model.rowCount() == PAGE_SIZE, timeout=10000)
    page.tabs.setCurrentIndex(0)
    qtbot.keyClicks(w(page, QLineEdit, "paymentAmount"), "42")
    qtbot.mouseClick(w(page, QPushButton, "createPaymentButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.intent is not None, timeout=10000)
    assert model.rowCount() == PAGE_SIZE + 1 and model.rows()[0].id == page.intent.id
    pay(page.intent.cashier_url, "AlipayHK")
    qtbot.waitUntil(lambda: model.rows()[0].status == "succeeded", timeout=10000)


def test_a_failed_page_is_reported_and_can_be_retried(qtbot, ctx):
    calls = 0
    original = ctx.client.payment_intents.list

    async def flaky(**params):
        nonlocal calls
        calls += 1
        if calls == 1:
            from merchant_desk.wooshpay.errors import APIError

            raise APIError("Service unavailable", http_status=503)
        return await original(**params)

    ctx.client.payment_intents.list = flaky
    page = make_page(qtbot, ctx)
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: "Could not load" in page.list_message.text(), timeout=10000)
    assert not page.model.canFetchMore(), "a failing server is not asked again on every scroll"
    w(page, QPushButton, "refreshPaymentsButton").click()
    qtbot.waitUntil(lambda: "shown" in page.list_message.text(), timeout=10000)


# -- 100,000 rows ---------------------------------------------------------------------------------


class FakeIntents:
    """Serves ``total`` intents newest first, like the list endpoint, without a server."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.requests: list[str | None] = []
        self._base = int(datetime(2024, 5, 1, tzinfo=UTC).timestamp() * 1000)

    def _intent(self, n: int) -> PaymentIntent:
        return PaymentIntent.from_dict(
            {
                "id": f"pi_{n:019d}", "object": "payment_intent", "amount": 100 + n % 9000,
                "currency": ("HKD", "CNY", "IDR")[n % 3], "status": "succeeded",
                "created": self._base - n * 1000, "merchant_order_id": f"order-{n}",
                "description": "Fake", "livemode": False,
            }
        )

    async def list(self, limit: int = 10, starting_after: str | None = None, **_):
        self.requests.append(starting_after)
        start = int(starting_after[3:]) + 1 if starting_after else 0
        end = min(self.total, start + limit)
        await asyncio.sleep(0)
        return ListPage(data=[self._intent(n) for n in range(start, end)], has_more=end < self.total, url="/v1/payment_intents")


def test_hundred_thousand_rows_scroll_without_refetching_and_paint_only_what_shows(qtbot, monkeypatch):
    from types import SimpleNamespace

    total = 100_000
    intents = FakeIntents(total)
    page = PaymentsPage(SimpleNamespace(payments=PaymentService(SimpleNamespace(payment_intents=intents), None, "Fake")))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    model, view = page.model, w(page, QTableView, "paymentsTable")

    # Most pages load while the list is off screen (a view repaints once per page: ~8 ms each, which
    # is fine for a person scrolling but slow for a test), the last one with the table on screen.
    model.refresh()
    while model.rowCount() < total - PAGE_SIZE:
        while model.loading:
            QCoreApplication.processEvents()
        model.fetchMore()
    page.tabs.setCurrentIndex(1)
    page.show()
    qtbot.waitExposed(page)
    view.scrollToBottom()  # the view itself asks for the next page (fetchMore)
    qtbot.waitUntil(lambda: model.rowCount() == total, timeout=10000)
    assert len(intents.requests) == total // PAGE_SIZE and len(set(intents.requests)) == len(intents.requests)
    assert not model.canFetchMore()

    qtbot.wait(50)  # let the view lay out its new length
    # How fast a step is belongs to the benchmarks (benchmarks/bench_payments_model.py); what makes it fast is
    # checked here: a repaint asks only about the rows on screen, never about all 100,000.
    from merchant_desk.ui.payments import payments_model

    formatted: list[int] = []  # the time cell of each row the view asks about
    real_format = payments_model.format_created
    monkeypatch.setattr(payments_model, "format_created", lambda ms: formatted.append(ms) or real_format(ms))
    bar = view.verticalScrollBar()
    most_rows = 0
    for value in [*range(0, bar.maximum(), max(1, bar.maximum() // 200)), bar.maximum()]:
        formatted.clear()
        bar.setValue(value)
        view.viewport().repaint()
        most_rows = max(most_rows, len(formatted))
    visible = view.viewport().height() // view.verticalHeader().defaultSectionSize() + 2
    assert 0 < most_rows <= 2 * visible, f"a repaint formatted {most_rows} rows, {visible} fit on screen"
    assert len(intents.requests) == total // PAGE_SIZE, "scrolling back never refetches"
    assert view.viewport().rect().intersects(view.visualRect(model.index(total - 1, 0))), "scrolled to the end"
    assert model.index(total - 1, 4).data() == f"order-{total - 1}"
    # Kept so the garbage collector never walks them: after one young collection none of the 100,000 rows
    # is tracked (a named tuple would be, and every collection would walk them all).
    import gc

    gc.collect(0)
    assert not any(gc.is_tracked(cells) for cells in model._rows)
    assert model.rows()[0].id == model.intent_id(0)
    page.shutdown()


def test_detail_without_a_server_refunds_list_shows_the_ledger_refunds_and_says_so(qtbot, ctx, monkeypatch):
    from PySide6.QtWidgets import QLabel

    from merchant_desk.ui.payments.payment_detail import PaymentDetail
    from merchant_desk.wooshpay.errors import NotFoundError
    from tests.services.helpers import paid_intent

    intent = run_async(paid_intent(ctx.client, 1000, "PHP"))
    made = run_async(ctx.refunds.refund(intent, 300, "requested_by_customer"))

    async def no_list(*args, **kwargs):
        raise NotFoundError("Unrecognized request URL (GET: /v1/refunds)", http_status=404)
        yield  # an async generator, like list_all

    monkeypatch.setattr(ctx.client.refunds, "list_all", no_list)
    detail = PaymentDetail(ctx)
    qtbot.addWidget(detail)
    detail.show_intent(intent.id)
    qtbot.waitUntil(lambda: detail.intent is not None, timeout=10_000)
    table = detail.refunds_table
    assert table.rowCount() == 1 and table.item(0, 4).text() == made.id
    assert "no refunds list" in detail.findChild(QLabel, "paymentDetailMessage").text()
    assert detail.refundable() == 700 and detail.refund_button.isEnabled()


def test_a_page_arriving_after_a_created_payment_does_not_repeat_it(qtbot):
    from merchant_desk.ui.payments.payments_model import PaymentsModel

    created = PaymentIntent.from_dict(
        {"id": "pi_new", "amount": 500, "currency": "HKD", "status": "requires_action", "created": 1_700_000_100}
    )
    older = PaymentIntent.from_dict(
        {"id": "pi_old", "amount": 100, "currency": "HKD", "status": "succeeded", "created": 1_700_000_000}
    )
    release = asyncio.Event()

    class Intents:
        async def list(self, **params):
            await release.wait()
            return ListPage(data=[created, older], has_more=False, url="/v1/payment_intents")

    class FakeClient:
        payment_intents = Intents()

    model = PaymentsModel(PaymentService(FakeClient(), None, "Fake"))
    model.refresh()
    model.upsert(created)  # the page taken meanwhile goes on top at once
    release.set()
    qtbot.waitUntil(lambda: not model.loading, timeout=5_000)
    assert [row.id for row in model.rows()] == ["pi_new", "pi_old"]


def test_upsert_finds_rows_by_id_after_pages_and_inserts_on_top(qtbot):
    from merchant_desk.ui.payments.payments_model import PaymentsModel

    def intent(n: int, status: str = "succeeded") -> PaymentIntent:
        return PaymentIntent.from_dict({"id": f"pi_{n}", "amount": 100 + n, "currency": "HKD", "status": status,
                                        "created": 1_700_000_000 - n})

    pages = [[intent(n) for n in range(0, 3)], [intent(n) for n in range(3, 6)]]

    class Intents:
        async def list(self, **params):
            data = pages.pop(0)
            return ListPage(data=data, has_more=bool(pages), url="/v1/payment_intents")

    class FakeClient:
        payment_intents = Intents()

    model = PaymentsModel(PaymentService(FakeClient(), None, "Fake"))
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.refresh()
    qtbot.waitUntil(lambda: not model.loading, timeout=5_000)
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 6 and not model.loading, timeout=5_000)
    assert inserted == [(0, 2), (3, 5)], "one insertion per page"
    model.upsert(intent(99, "requires_action"))  # a new payment goes on top
    model.upsert(intent(98, "requires_action"))
    assert [row.id for row in model.rows()][:3] == ["pi_98", "pi_99", "pi_0"]
    model.upsert(intent(4, "canceled"))  # a known one is updated where it is
    model.upsert(intent(99, "succeeded"))
    ids = [row.id for row in model.rows()]
    assert len(ids) == 8 and ids.index("pi_4") == 6 and ids.index("pi_99") == 1
    assert model.rows()[6].status == "canceled" and model.rows()[1].status == "succeeded"
    assert all(model.row_of_id(row.id) == n for n, row in enumerate(model.rows()))
    assert model.row_of_id("pi_unknown") is None
    model.refresh()  # starting over forgets every row
    assert model.row_of_id("pi_4") is None


def test_detail_shows_the_merchants_metadata_but_not_the_apps_request_tag(qtbot, ctx):
    from merchant_desk.services.late_retry import REQUEST_TAG
    from merchant_desk.ui.payments.payment_detail import PaymentDetail

    intent = run_async(ctx.payments.create_payment(500, "HKD", metadata={"till": "front"}))
    assert intent.metadata[REQUEST_TAG]  # the request tag is on the server's object
    detail = PaymentDetail(ctx)
    qtbot.addWidget(detail)
    detail.show_intent(intent.id)
    qtbot.waitUntil(lambda: detail.intent is not None, timeout=10_000)
    assert detail._values["metadata"].text() == "till=front"
    assert REQUEST_TAG in detail.raw_json.toPlainText()  # still there for whoever reads the JSON
