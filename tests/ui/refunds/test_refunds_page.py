"""The refunds page against the real sandbox: newest first, lazy pages, filters, the link to the payment,
the CSV export compared with the server, unresolved requests with Retry, the list fallback and the audit log."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from merchant_desk.services.refunds import REFUND_KIND
from merchant_desk.ui.refunds import refunds_page
from merchant_desk.ui.refunds.refunds_page import RefundsPage
from merchant_desk.wooshpay import NotFoundError
from tests.qt_support import run_async
from tests.services.helpers import paid_intent, server_refunds


def refund(ctx, intent, amount, reason="requested_by_customer", note=None):
    return run_async(ctx.refunds.refund(intent, amount, reason, note))


def make_page(qtbot, ctx) -> RefundsPage:
    page = RefundsPage(ctx)
    qtbot.addWidget(page)
    wait_loaded(qtbot, page)
    return page


def wait_loaded(qtbot, page: RefundsPage) -> None:
    qtbot.waitUntil(lambda: not page.model.loading, timeout=10_000)


def shown_ids(page: RefundsPage) -> list[str]:
    return [r.id for r in page.model.refunds()]


@pytest.fixture
def three_refunds(ctx):
    a = run_async(paid_intent(ctx.client, 1000, "PHP"))
    b = run_async(paid_intent(ctx.client, 2000, "HKD"))
    r1 = refund(ctx, a, 100)
    r2 = refund(ctx, b, 2000, "duplicate")
    r3 = refund(ctx, a, 300, "fraudulent", note="=1+1")
    return a, b, [r3, r2, r1]


def test_newest_first_and_lazily_paged(qtbot, ctx, three_refunds, monkeypatch):
    monkeypatch.setattr(refunds_page, "PAGE_SIZE", 2)
    _, _, newest_first = three_refunds
    page = make_page(qtbot, ctx)
    assert page.findChild(type(page.table), "refundsTable") is page.table
    assert shown_ids(page) == [r.id for r in newest_first[:2]]
    assert page.model.canFetchMore()
    page.model.fetchMore()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10_000)
    assert shown_ids(page) == [r.id for r in newest_first]
    assert not page.model.canFetchMore()
    amount_column = page.model.COLUMNS.index("amount")
    assert page.model.index(1, amount_column).data() == "HK$20.00"


def test_filters_by_payment_status_and_date(qtbot, ctx, three_refunds):
    a, b, newest_first = three_refunds
    page = make_page(qtbot, ctx)
    page.payment_filter.setText(b.id)
    page.refresh()
    wait_loaded(qtbot, page)
    assert shown_ids(page) == [newest_first[1].id]

    page.payment_filter.setText("")
    page.status_filter.setCurrentIndex(page.status_filter.findData("failed"))
    page.refresh()
    wait_loaded(qtbot, page)
    assert shown_ids(page) == []

    page.status_filter.setCurrentIndex(page.status_filter.findData("succeeded"))
    page.to_enabled.setChecked(True)
    page.to_date.setDate(page.to_date.date().addDays(-2))  # up to the day before yesterday: nothing
    page.refresh()
    wait_loaded(qtbot, page)
    assert shown_ids(page) == []
    page.to_enabled.setChecked(False)
    page.from_enabled.setChecked(True)  # from 30 days ago: everything
    page.refresh()
    wait_loaded(qtbot, page)
    assert shown_ids(page) == [r.id for r in newest_first]


def test_double_click_and_button_open_the_payment(qtbot, ctx, three_refunds):
    a, b, newest_first = three_refunds
    page = make_page(qtbot, ctx)
    page.show()
    qtbot.waitExposed(page)
    index = page.model.index(1, 0)
    rect = page.table.visualRect(index)
    with qtbot.waitSignal(page.openPaymentRequested) as opened:
        # A real double click starts with a press: the view only opens the row that was pressed.
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [b.id]
    page.table.selectRow(0)
    button = page.findChild(type(page.open_payment_button), "openPaymentButton")
    assert button.isEnabled()
    with qtbot.waitSignal(page.openPaymentRequested) as opened:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert opened.args == [a.id]


def test_export_of_the_current_filter_matches_the_server(qtbot, ctx, three_refunds, tmp_path, monkeypatch):
    monkeypatch.setattr(refunds_page, "PAGE_SIZE", 1)  # the export must not stop at the loaded rows
    a, _, _ = three_refunds
    page = make_page(qtbot, ctx)
    page.show()
    qtbot.waitExposed(page)
    page.payment_filter.setText(a.id)
    page.refresh()
    wait_loaded(qtbot, page)
    path = tmp_path / "refunds.csv"
    qtbot.mouseClick(page.findChild(type(page.export_button), "exportRefundsButton"), Qt.MouseButton.LeftButton)
    dialog = page.findChild(QFileDialog, "refundsExportDialog")
    assert dialog is not None and dialog.isVisible()
    with qtbot.waitSignal(page.exported, timeout=10_000) as done:
        dialog.selectFile(str(path))
        dialog.accept()
    assert done.args == [str(path), 2]

    truth = run_async(server_refunds(ctx.client, a.id))
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["refund_id"] for row in rows] == [r.id for r in truth]
    for row, r in zip(rows, truth, strict=True):
        assert (row["payment_intent"], int(row["amount_minor"]), row["currency"], row["reason"], row["status"]) == (
            r.payment_intent, r.amount, r.currency.upper(), r.reason, r.status)
        assert row["amount"] == f"{r.amount / 100:.2f}"
        assert row["created"].endswith("+00:00")
    assert rows[0]["note"] == "'=1+1"  # a formula-looking note stays text


def test_unresolved_requests_are_shown_and_retried(qtbot, ctx):
    intent = run_async(paid_intent(ctx.client, 1000, "PHP"))
    entry = ctx.ledger.begin(REFUND_KIND, "POST", "/v1/refunds",
                             {"payment_intent": intent.id, "amount": 120, "reason": "requested_by_customer"},
                             account=ctx.name)
    page = make_page(qtbot, ctx)
    retry = page.findChild(type(page.retry_pending_button), "retryPendingButton")
    qtbot.waitUntil(lambda: retry.isVisibleTo(page), timeout=10_000)
    with qtbot.waitSignal(page.reconciled, timeout=10_000) as done:
        qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    assert done.args[0].resolved == [entry.idempotency_key]
    qtbot.waitUntil(lambda: not retry.isVisibleTo(page) and page.model.rowCount() == 1, timeout=10_000)
    assert ctx.ledger.pending(ctx.name) == []
    assert [r.amount for r in run_async(server_refunds(ctx.client, intent.id))] == [120]


def test_without_a_server_list_the_app_shows_its_own_refunds_and_says_so(qtbot, ctx, monkeypatch):
    intent = run_async(paid_intent(ctx.client, 1000, "PHP"))
    made = refund(ctx, intent, 250)

    async def no_list(*args, **kwargs):
        raise NotFoundError("Unrecognized request URL (GET: /v1/refunds)", http_status=404)

    monkeypatch.setattr(ctx.client.refunds, "list", no_list)
    page = make_page(qtbot, ctx)
    assert shown_ids(page) == [made.id]
    assert page.notice_label.isVisibleTo(page) and "no refunds list" in page.notice_label.text()


def test_audit_log_tab_lists_and_exports(qtbot, ctx, tmp_path):
    intent = run_async(paid_intent(ctx.client, 1000, "PHP"))
    first = refund(ctx, intent, 100)
    second = refund(ctx, intent, 200)
    page = make_page(qtbot, ctx)
    page.show()
    page.tabs.setCurrentIndex(1)
    qtbot.waitExposed(page)
    view = page.audit_view
    assert page.tabs.indexOf(view) == 1
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    # In words, the code in the tooltip (and in the export below).
    actions = [(view.model.item(r, 2).text(), view.model.item(r, 2).toolTip(), view.model.item(r, 3).text())
               for r in range(2)]
    assert actions == [("Refund sent", "refund.created", second.id),
                       ("Refund sent", "refund.created", first.id)]  # newest first

    path = tmp_path / "audit.csv"
    qtbot.mouseClick(view.findChild(type(view.export_button), "exportAuditButton"), Qt.MouseButton.LeftButton)
    dialog = view.findChild(QFileDialog, "auditExportDialog")
    with qtbot.waitSignal(view.exported, timeout=10_000):
        dialog.selectFile(str(path))
        dialog.accept()
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(row["action"], row["object_id"]) for row in rows] == [
        ("refund.created", first.id), ("refund.created", second.id)]
