"""The overview shows the account's figures, the balance and the chart, and updates after a payment."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QComboBox, QLabel, QTableView

from merchant_desk.sandbox.demo_data import fill_demo_data
from merchant_desk.ui.overview.overview_page import OverviewPage
from tests.customer import pay
from tests.qt_support import run_async
from tests.services.helpers import create_intent
from tests.ui.helpers import shown, w


def _cells(table: QTableView) -> list[list[str]]:
    model = table.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_shows_numbers_and_updates_after_a_payment(qtbot, ctx, ctx_sandbox):
    fill_demo_data(ctx_sandbox.state, 20, seed=5)
    page = OverviewPage(ctx)
    with shown(qtbot, page):
        qtbot.waitUntil(lambda: page.loads >= 1, timeout=15_000)
        week = _cells(w(page, QTableView, "overviewWeekTable"))
        assert week and all(row[1] for row in week)
        currencies = w(page, QComboBox, "overviewChartCurrency")
        assert currencies.count() >= 5
        assert page.chart.bars and len(page.chart.bars) == 30 and any(b.gross for b in page.chart.bars)
        first = currencies.itemText(0)
        currencies.setCurrentIndex(1)
        assert page.chart.currency == currencies.itemText(1) != first
        balance = w(page, QLabel, "overviewBalance").text()
        assert "available" in balance and "pending" in balance
        assert w(page, QTableView, "overviewRecentTable").model().rowCount() == 8

        before = page.overview.today_totals.get("HKD")
        before_gross = before.gross if before else 0
        before_count = before.payments if before else 0
        intent = run_async(create_intent(ctx.client, 12_345, "HKD"))
        pay(intent)
        loads = page.loads
        page.note_activity()  # what the window calls on a payment's webhook
        qtbot.waitUntil(lambda: page.loads > loads, timeout=15_000)
        after = page.overview.today_totals["HKD"]
        assert after.gross == before_gross + 12_345 and after.payments == before_count + 1
        today = _cells(w(page, QTableView, "overviewTodayTable"))
        assert any(row[0] == "HKD" for row in today)
        assert page.overview.recent[0].id == intent.id
        time_cell = _cells(w(page, QTableView, "overviewRecentTable"))[0][0]
        assert re.fullmatch(r"\d\d:\d\d", time_cell), time_cell  # today's payment: its time, never cut


def test_a_server_without_balance_is_said_plainly(qtbot, ctx, monkeypatch):
    async def no_balance():
        return None

    monkeypatch.setattr(ctx, "balance", no_balance)
    page = OverviewPage(ctx)
    with shown(qtbot, page):
        qtbot.waitUntil(lambda: page.loads >= 1, timeout=15_000)
        assert w(page, QLabel, "overviewBalance").text() == "This server does not report a balance."
        assert page.chart.bars == [] or not any(b.gross for b in page.chart.bars)
