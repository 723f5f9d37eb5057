"""The overview page: today's and this week's takings per currency, the balance, 30 days as a chart and
the latest payments. Loaded in the background, refreshed when a payment or refund happens (the window
calls ``note_activity``) and every half minute while shown."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from merchant_desk.services.reports.aggregate import CurrencyTotals
from merchant_desk.services.reports.balance import Balance
from merchant_desk.services.reports.days import local_zone_name, parse_zone
from merchant_desk.services.reports.overview import Overview, RecentPayment
from merchant_desk.ui.frame.page import Page
from merchant_desk.ui.overview.bar_chart import Bar, DailyBarChart
from merchant_desk.ui.report.labels import amount_text, outcome_label, rate_text, wallet_label
from merchant_desk.ui.widgets.ops import cancel_ops, run_op
from merchant_desk.ui.widgets.rows_model import RowsModel
from merchant_desk.ui.widgets.tables import make_read_only
from merchant_desk.ui.widgets.text_labels import title_label
from merchant_desk.wooshpay import WooshPayError

log = logging.getLogger(__name__)

POLL_MS = 30_000
ACTIVITY_DELAY_MS = 700
SHOWN_STALE_S = 5.0


class OverviewPage(Page):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewPage")
        self.setAccessibleName(self.tr("Overview"))
        self.ctx = ctx
        self.zone = parse_zone(local_zone_name())
        self.now = lambda: datetime.now(UTC)  # tests pin the clock
        self.overview: Overview | None = None
        self.balance: Balance | None = None
        self._load_task: asyncio.Task[Any] | None = None
        self._dirty = False
        self.loads = 0  # finished loads, for tests and the status line
        self._loaded_at = 0.0

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)

        header = QHBoxLayout()
        header.addWidget(title_label(self.tr("Overview"), body, 1.4))
        header.addStretch(1)
        self.status = QLabel(body)
        self.status.setObjectName("overviewStatus")
        header.addWidget(self.status)
        self.refresh_button = QPushButton(self.tr("Refresh"), body)
        self.refresh_button.setObjectName("overviewRefreshButton")
        self.refresh_button.setAccessibleName(self.tr("Refresh the overview"))
        self.refresh_button.clicked.connect(self.refresh)
        header.addWidget(self.refresh_button)
        layout.addLayout(header)

        totals_row = QHBoxLayout()
        self.today_table, today_box = self._totals_box(body, "overviewTodayTable", self.tr("Today"))
        self.week_table, week_box = self._totals_box(body, "overviewWeekTable", self.tr("This week"))
        totals_row.addWidget(today_box, 1)
        totals_row.addWidget(week_box, 1)
        layout.addLayout(totals_row)
        grid = QGridLayout()

        chart_box = QGroupBox(self.tr("Last 30 days"), body)
        chart_layout = QVBoxLayout(chart_box)
        switch = QHBoxLayout()
        switch_label = QLabel(self.tr("Currency:"), chart_box)
        self.chart_currency = QComboBox(chart_box)
        self.chart_currency.setObjectName("overviewChartCurrency")
        self.chart_currency.setAccessibleName(self.tr("Currency of the chart"))
        switch_label.setBuddy(self.chart_currency)
        self.chart_currency.currentTextChanged.connect(self._show_chart)
        switch.addWidget(switch_label)
        switch.addWidget(self.chart_currency)
        switch.addStretch(1)
        chart_layout.addLayout(switch)
        self.chart = DailyBarChart(chart_box)
        chart_layout.addWidget(self.chart)
        grid.addWidget(chart_box, 0, 0)

        side = QVBoxLayout()
        balance_box = QGroupBox(self.tr("Balance"), body)
        balance_layout = QVBoxLayout(balance_box)
        self.balance_label = QLabel(balance_box)
        self.balance_label.setObjectName("overviewBalance")
        self.balance_label.setWordWrap(True)
        self.balance_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        balance_layout.addWidget(self.balance_label)
        side.addWidget(balance_box)
        recent_box = QGroupBox(self.tr("Latest payments"), body)
        recent_layout = QVBoxLayout(recent_box)
        self.recent_model = RowsModel(
            [self.tr("Time"), self.tr("Amount"), self.tr("Wallet"), self.tr("Status")], self._recent_cell,
            numeric=(1,), parent=self,
        )
        self.recent_table = QTableView(recent_box)
        make_read_only(self.recent_table, "overviewRecentTable", self.tr("Latest payments"))
        self.recent_table.setModel(self.recent_model)
        self._compact(self.recent_table)
        recent_layout.addWidget(self.recent_table)
        side.addWidget(recent_box, 1)
        grid.addLayout(side, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(0, 1)
        layout.addLayout(grid, 1)

        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.refresh)
        self._activity = QTimer(self)
        self._activity.setSingleShot(True)
        self._activity.setInterval(ACTIVITY_DELAY_MS)
        self._activity.timeout.connect(self.refresh)
        self._show_totals(self.today_table, {})
        self._show_totals(self.week_table, {})
        self.balance_label.setText(self.tr("Loading…"))
        self.load_when_shown()

    # ---- building blocks ----------------------------------------------------------------------------
    def _totals_box(self, parent: QWidget, name: str, title: str) -> tuple[QTableView, QGroupBox]:
        box = QGroupBox(title, parent)
        box_layout = QVBoxLayout(box)
        model = RowsModel(self._totals_headers(), self._totals_cell, numeric=(1, 2, 3, 4, 5), parent=self)
        table = QTableView(box)
        make_read_only(table, name, title)
        table.setModel(model)
        self._compact(table)
        # Room for the seven Alipay+ currencies without scrolling.
        table.setMinimumHeight(table.verticalHeader().defaultSectionSize() * 7 + table.horizontalHeader().sizeHint().height() + 4)
        box_layout.addWidget(table)
        return table, box

    @staticmethod
    def _compact(table: QTableView) -> None:
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        vertical = table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(table.fontMetrics().height() + 6)
        table.setWordWrap(False)

    def _totals_headers(self) -> list[str]:
        return [self.tr("Currency"), self.tr("Gross"), self.tr("Refunded"), self.tr("Net"), self.tr("Payments"),
                self.tr("Success rate")]

    def _totals_cell(self, row: tuple[str, CurrencyTotals], column: int) -> str:
        code, t = row
        if column == 0:
            return code
        if column == 1:
            return amount_text(t.gross, code)
        if column == 2:
            return amount_text(t.refunded, code)
        if column == 3:
            return amount_text(t.net, code)
        if column == 4:
            return QLocale().toString(t.payments)
        return rate_text(t.succeeded, t.payments)

    def _recent_cell(self, payment: RecentPayment, column: int) -> str:
        if column == 0:
            # The time alone for today's (most of this list), as the lists write dates otherwise: short
            # enough that the column is never cut.
            when = datetime.fromtimestamp(payment.created / 1000)
            return when.strftime("%H:%M" if when.date() == date.today() else "%Y-%m-%d %H:%M")
        if column == 1:
            return amount_text(payment.amount, payment.currency)
        if column == 2:
            return wallet_label(payment.wallet)
        return outcome_label(payment.outcome)

    def _show_totals(self, table: QTableView, totals: dict[str, CurrencyTotals]) -> None:
        model = table.model()
        assert isinstance(model, RowsModel)
        model.set_rows(sorted(totals.items()))

    # ---- loading ------------------------------------------------------------------------------------
    def note_activity(self) -> None:
        """A payment or refund happened: load again shortly (several events in a burst make one load)."""
        self._activity.start()

    def refresh(self) -> None:
        if self._load_task is not None and not self._load_task.done():
            self._dirty = True  # one more load once this one is over
            return
        self._load_task = run_op(self, self._load())

    async def _load(self) -> None:
        ctx = self.ctx
        self.status.setText(self.tr("Updating…"))
        try:
            # Both at once; the balance is optional, the overview is not.
            overview_result, balance_result = await asyncio.gather(
                ctx.overview(self.zone, now=self.now()), ctx.balance(), return_exceptions=True)
            if isinstance(overview_result, BaseException):
                raise overview_result
            overview = overview_result
            balance: Balance | None | str
            if isinstance(balance_result, WooshPayError):
                log.info("Balance not available: %s", balance_result)
                balance = "error"
            elif isinstance(balance_result, BaseException):
                raise balance_result
            else:
                balance = balance_result
        except WooshPayError as exc:
            self.status.setText(self.tr("Could not update: %1").replace("%1", str(exc)))
            return
        finally:
            if self._dirty:
                self._dirty = False
                QTimer.singleShot(0, self.refresh)
        self.overview = overview
        self._show_totals(self.today_table, overview.today_totals)
        self._show_totals(self.week_table, overview.week_totals)
        self._show_balance(balance)
        self._fill_currencies(overview)
        self.recent_model.set_rows(overview.recent)
        self.loads += 1
        self._loaded_at = time.monotonic()
        self.status.setText(self.tr("Updated %1").replace("%1", datetime.now().strftime("%H:%M:%S")))

    def _show_balance(self, balance: Balance | None | str) -> None:
        if balance == "error":
            self.balance = None
            self.balance_label.setText(self.tr("The balance could not be read from the server just now."))
            return
        if balance is None:
            self.balance = None
            self.balance_label.setText(self.tr("This server does not report a balance."))
            return
        assert isinstance(balance, Balance)
        self.balance = balance
        if not balance.currencies:
            self.balance_label.setText(self.tr("The balance is empty."))
            return
        lines = [
            self.tr("%1: available %2, pending %3").replace("%1", code)
            .replace("%2", amount_text(balance.available.get(code, 0), code))
            .replace("%3", amount_text(balance.pending.get(code, 0), code))
            for code in balance.currencies
        ]
        self.balance_label.setText("\n".join(lines))

    def _fill_currencies(self, overview: Overview) -> None:
        current = self.chart_currency.currentText()
        codes = overview.currencies
        self.chart_currency.blockSignals(True)
        self.chart_currency.clear()
        self.chart_currency.addItems(codes)
        if current in codes:
            self.chart_currency.setCurrentText(current)
        self.chart_currency.blockSignals(False)
        self._show_chart(self.chart_currency.currentText())

    def _show_chart(self, code: str) -> None:
        overview = self.overview
        if overview is None or code not in overview.daily:
            self.chart.set_series(code, [])
            return
        self.chart.set_series(code, [Bar(p.day, p.gross, p.refunded) for p in overview.daily[code]])

    # ---- page life ----------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self._poll.start()
        # Coming back to the page after taking a payment elsewhere shows it without waiting for the poll.
        if self._loaded_at and time.monotonic() - self._loaded_at > SHOWN_STALE_S:
            self.refresh()

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().hideEvent(event)
        self._poll.stop()

    def shutdown(self) -> list[asyncio.Task[Any]]:
        self._poll.stop()
        self._activity.stop()
        self._dirty = False  # the load being cancelled must not schedule another one
        return cancel_ops(self)
