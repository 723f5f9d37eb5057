"""The end-of-day report page: pick a day and a time zone, watch the progress (cancel any time), read the
totals per currency, wallet and status, the refunds made that day and the day's payments, then save them
as PDF, CSV or JSON, or print them."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import available_timezones

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from merchant_desk.services.reports.aggregate import CountAmount, CurrencyTotals, DayReport, PaymentRow, RefundRow
from merchant_desk.services.reports.cache import DayCache, default_cache_path
from merchant_desk.services.reports.days import local_zone_name, parse_zone
from merchant_desk.services.reports.export import save
from merchant_desk.ui.frame.page import Page
from merchant_desk.ui.report.labels import amount_text, outcome_label, rate_text, reason_label, wallet_label
from merchant_desk.ui.report.report_document import print_document, report_document, write_pdf
from merchant_desk.ui.widgets.field_errors import error_label, install_invalid_style, set_field_error
from merchant_desk.ui.widgets.ops import cancel_ops, run_op
from merchant_desk.ui.widgets.rows_model import RowsModel
from merchant_desk.ui.widgets.tables import make_list_table, make_read_only
from merchant_desk.wooshpay import WooshPayError

log = logging.getLogger(__name__)

MARKET_ZONES = ("UTC", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Jakarta", "Asia/Kuala_Lumpur", "Asia/Manila",
                "Asia/Bangkok", "Asia/Singapore", "Europe/London")


class ReportPage(Page):
    reportReady = Signal(object)  # DayReport
    saved = Signal(str)  # path

    def __init__(self, ctx, parent: QWidget | None = None, *, cache: DayCache | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPage")
        self.setAccessibleName(self.tr("End-of-day report"))
        self.ctx = ctx
        self.cache = cache
        self.report: DayReport | None = None
        self._run_task: asyncio.Task[Any] | None = None
        self._printer: QPrinter | None = None
        layout = QVBoxLayout(self)

        controls = QHBoxLayout()
        day_label = QLabel(self.tr("&Day:"), self)
        self.day = QDateEdit(self)
        self.day.setObjectName("reportDay")
        self.day.setAccessibleName(self.tr("Day of the report"))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(QDate.currentDate())
        self.day.setMaximumDate(QDate.currentDate())
        day_label.setBuddy(self.day)
        zone_label = QLabel(self.tr("&Time zone:"), self)
        self.zone = QComboBox(self)
        self.zone.setObjectName("reportZone")
        self.zone.setAccessibleName(self.tr("Time zone of the day"))
        self.zone.setEditable(True)
        self.zone.setMinimumContentsLength(18)
        # The full list comes from scanning the zone database (~25 ms): done off the GUI thread, meanwhile
        # the zones of the Alipay+ markets are offered.
        self.zone.addItems(sorted({local_zone_name(), *MARKET_ZONES}))
        self.zone.setCurrentText(local_zone_name())
        zone_label.setBuddy(self.zone)
        self.run_button = QPushButton(self.tr("Make report"), self)
        self.run_button.setObjectName("runReportButton")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelReportButton")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        for widget in (day_label, self.day, zone_label, self.zone, self.run_button, self.cancel_button):
            controls.addWidget(widget)
        controls.addStretch(1)
        layout.addLayout(controls)
        self.zone_error = error_label(self, "reportZoneError")
        layout.addWidget(self.zone_error)
        install_invalid_style(self)

        progress_row = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setObjectName("reportProgress")
        self.progress.setAccessibleName(self.tr("Progress of the report"))
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        progress_row.addWidget(self.progress, 1)
        self.status = QLabel(self)
        self.status.setObjectName("reportStatus")
        progress_row.addWidget(self.status, 2)
        layout.addLayout(progress_row)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("reportTabs")
        self.currency_model = RowsModel(
            [self.tr("Currency"), self.tr("Gross"), self.tr("Refunded"), self.tr("Net"), self.tr("Payments"),
             self.tr("Paid"), self.tr("Success rate")], self._currency_cell, numeric=(1, 2, 3, 4, 5, 6), parent=self)
        self.wallet_model = RowsModel(
            [self.tr("Wallet"), self.tr("Currency"), self.tr("Gross"), self.tr("Payments"), self.tr("Paid")],
            self._wallet_cell, numeric=(2, 3, 4), parent=self)
        self.status_model = RowsModel(
            [self.tr("Status"), self.tr("Currency"), self.tr("Payments"), self.tr("Amount")], self._status_cell,
            numeric=(2, 3), parent=self)
        self.refunds_model = RowsModel(
            [self.tr("Time"), self.tr("Refund"), self.tr("Payment"), self.tr("Reason"), self.tr("Amount")],
            self._refund_cell, numeric=(4,), parent=self)
        self.payments_model = RowsModel(
            [self.tr("Time"), self.tr("Amount"), self.tr("Wallet"), self.tr("Order"), self.tr("Status"),
             self.tr("Refunded since")], self._payment_cell, numeric=(1, 5), parent=self)
        totals = QWidget(self.tabs)
        totals_layout = QVBoxLayout(totals)
        totals_layout.setContentsMargins(4, 4, 4, 4)
        self.currency_table = self._table(totals, "reportCurrencyTable", self.tr("Totals per currency"), self.currency_model)
        self.wallet_table = self._table(totals, "reportWalletTable", self.tr("Totals per wallet"), self.wallet_model)
        self.status_table = self._table(totals, "reportStatusTable", self.tr("Totals per status"), self.status_model)
        totals_layout.addWidget(QLabel("<b>" + self.tr("Per currency") + "</b>", totals))
        totals_layout.addWidget(self.currency_table, 2)
        lower = QHBoxLayout()
        for caption, table in ((self.tr("Per wallet"), self.wallet_table), (self.tr("Per status"), self.status_table)):
            column = QVBoxLayout()
            column.addWidget(QLabel("<b>" + caption + "</b>", totals))
            column.addWidget(table, 1)
            lower.addLayout(column, 1)
        totals_layout.addLayout(lower, 3)
        self.tabs.addTab(totals, self.tr("Totals"))
        self.refunds_table = QTableView(self.tabs)
        make_list_table(self.refunds_table, "reportRefundsTable", self.tr("Refunds made this day"))
        self.refunds_table.setModel(self.refunds_model)
        self.tabs.addTab(self.refunds_table, self.tr("Refunds"))
        self.payments_table = QTableView(self.tabs)
        make_list_table(self.payments_table, "reportPaymentsTable", self.tr("Payments of the day"), fixed_row_height=True)
        self.payments_table.setModel(self.payments_model)
        self.tabs.addTab(self.payments_table, self.tr("Payments"))
        for table in (self.refunds_table, self.payments_table):
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.tabs, 1)

        actions = QHBoxLayout()
        actions.addStretch(1)
        self.save_pdf_button = self._action_button("saveReportPdfButton", self.tr("Save PDF…"), lambda: self.ask_save("pdf"))
        self.save_csv_button = self._action_button("saveReportCsvButton", self.tr("Save CSV…"), lambda: self.ask_save("csv"))
        self.save_json_button = self._action_button("saveReportJsonButton", self.tr("Save JSON…"), lambda: self.ask_save("json"))
        self.print_button = self._action_button("printReportButton", self.tr("Print…"), self.ask_print)
        for button in (self.save_pdf_button, self.save_csv_button, self.save_json_button, self.print_button):
            actions.addWidget(button)
        layout.addLayout(actions)
        self._set_output_enabled(False)
        self.status.setText(self.tr("Pick a day and press Make report."))
        run_op(self, self._load_zones())

    async def _load_zones(self) -> None:
        names = sorted(await asyncio.to_thread(available_timezones))
        current = self.zone.currentText()
        self.zone.blockSignals(True)
        self.zone.clear()
        self.zone.addItems(names)
        self.zone.setCurrentText(current)
        self.zone.blockSignals(False)

    def _table(self, parent: QWidget, name: str, accessible: str, model: RowsModel) -> QTableView:
        table = QTableView(parent)
        make_read_only(table, name, accessible)
        table.setModel(model)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        vertical = table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(table.fontMetrics().height() + 6)
        return table

    def _action_button(self, name: str, text: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _set_output_enabled(self, enabled: bool) -> None:
        for button in (self.save_pdf_button, self.save_csv_button, self.save_json_button, self.print_button):
            button.setEnabled(enabled)

    # ---- cells --------------------------------------------------------------------------------------
    def _time(self, ms: int) -> str:
        tz = self.report.zone if self.report is not None else UTC
        return datetime.fromtimestamp(ms / 1000, UTC).astimezone(tz).strftime("%H:%M:%S")

    def _currency_cell(self, row: tuple[str, CurrencyTotals], column: int) -> str:
        code, t = row
        values = [code, amount_text(t.gross, code), amount_text(t.refunded, code), amount_text(t.net, code),
                  QLocale().toString(t.payments), QLocale().toString(t.succeeded), rate_text(t.succeeded, t.payments)]
        return values[column]

    def _wallet_cell(self, row: tuple[str, str, CurrencyTotals], column: int) -> str:
        wallet, code, t = row
        values = [wallet_label(wallet), code, amount_text(t.gross, code), QLocale().toString(t.payments),
                  QLocale().toString(t.succeeded)]
        return values[column]

    def _status_cell(self, row: tuple[str, str, CountAmount], column: int) -> str:
        outcome, code, c = row
        return [outcome_label(outcome), code, QLocale().toString(c.count), amount_text(c.amount, code)][column]

    def _refund_cell(self, r: RefundRow, column: int) -> str:
        return [self._time(r.created), r.id, r.payment_intent, reason_label(r.reason),
                amount_text(r.amount, r.currency)][column]

    def _payment_cell(self, p: PaymentRow, column: int) -> str:
        if column == 0:
            return self._time(p.created)
        if column == 1:
            return amount_text(p.amount, p.currency)
        if column == 2:
            return wallet_label(p.wallet)
        if column == 3:
            return p.merchant_order_id
        if column == 4:
            return outcome_label(p.outcome)
        return amount_text(p.refunded, p.currency) if p.refunded else ""

    # ---- running ------------------------------------------------------------------------------------
    def selected_day(self) -> date:
        qdate = self.day.date()
        return date(qdate.year(), qdate.month(), qdate.day())

    def run(self) -> None:
        try:
            zone = parse_zone(self.zone.currentText())
        except ValueError:
            set_field_error(self.zone, self.zone_error,
                            self.tr("Unknown time zone. Pick one from the list, e.g. Asia/Hong_Kong."))
            return
        set_field_error(self.zone, self.zone_error, None)
        if self._run_task is not None and not self._run_task.done():
            return
        self._run_task = run_op(self, self._run(self.selected_day(), zone))

    def cancel(self) -> None:
        if self._run_task is not None and not self._run_task.done():
            self._run_task.cancel()

    def _on_progress(self, fraction: float) -> None:
        self.progress.setValue(int(fraction * 1000))

    async def _cache(self) -> DayCache | None:
        if self.cache is None:
            try:
                self.cache = await asyncio.to_thread(DayCache, default_cache_path())
            except Exception:  # without the cache every day is computed; nothing else changes
                log.exception("The report cache could not be opened")
        return self.cache

    async def _run(self, day: date, zone) -> None:  # type: ignore[no-untyped-def]
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.status.setText(self.tr("Reading the day's payments and refunds…"))
        try:
            service = self.ctx.day_reports(await self._cache())
            report = await service.report(day, zone, progress=self._on_progress)
        except asyncio.CancelledError:
            self.status.setText(self.tr("Canceled."))
            self.progress.setValue(0)
            raise
        except WooshPayError as exc:
            self.status.setText(self.tr("The server could not give the day's figures: %1").replace("%1", str(exc)))
            return
        finally:
            self.run_button.setEnabled(True)
            self.cancel_button.setEnabled(False)
        self.show_report(report)

    def show_report(self, report: DayReport) -> None:
        self.report = report
        self.currency_model.set_rows(sorted(report.currencies.items()))
        self.wallet_model.set_rows([(w, c, t) for w, per in sorted(report.wallets.items()) for c, t in sorted(per.items())])
        self.status_model.set_rows([(o, c, t) for o, per in sorted(report.statuses.items()) for c, t in sorted(per.items())])
        self.refunds_model.set_rows(sorted(report.refunds, key=lambda r: r.created))
        self.payments_model.set_rows(sorted(report.payments, key=lambda p: p.created))
        self.progress.setValue(1000)
        text = self.tr("%1 (%2): %3 payments, %4 refunds.").replace("%1", report.day.isoformat()) \
            .replace("%2", report.tz).replace("%3", QLocale().toString(len(report.payments))) \
            .replace("%4", QLocale().toString(len(report.refunds)))
        if report.from_cache:
            text += " " + self.tr("Kept from an earlier run; no refund since has changed it.")
        self.status.setText(text)
        self._set_output_enabled(True)
        self.reportReady.emit(report)

    # ---- output -------------------------------------------------------------------------------------
    def ask_save(self, fmt: str) -> None:
        if self.report is None:
            return
        filters = {"pdf": self.tr("PDF files (*.pdf)"), "csv": self.tr("CSV files (*.csv)"),
                   "json": self.tr("JSON files (*.json)")}
        dialog = QFileDialog(self, self.tr("Save the report"))
        dialog.setObjectName("saveReportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(filters[fmt])
        dialog.setDefaultSuffix(fmt)
        dialog.selectFile(f"end-of-day-{self.report.day.isoformat()}.{fmt}")
        dialog.fileSelected.connect(lambda path: run_op(self, self.save_to(path, fmt)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    async def save_to(self, path: str, fmt: str) -> None:
        report = self.report
        if report is None:
            return
        try:
            if fmt == "pdf":
                # QTextDocument and QPdfWriter are reentrant: a long day is laid out off the GUI thread.
                await asyncio.to_thread(write_pdf, report, path, self.ctx.name)
            else:
                await asyncio.to_thread(save, report, Path(path), fmt)
        except OSError as exc:
            self.status.setText(self.tr("Could not save %1: %2").replace("%1", path).replace("%2", exc.strerror or str(exc)))
            return
        self.status.setText(self.tr("Saved %1").replace("%1", path))
        self.saved.emit(path)

    def ask_print(self) -> None:
        if self.report is None:
            return
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(self._printer, self)
        dialog.setObjectName("printReportDialog")
        report = self.report
        dialog.accepted.connect(lambda: self._print(report))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _print(self, report: DayReport) -> None:
        if self._printer is not None:
            print_document(report_document(report, self.ctx.name), self._printer)

    def refresh(self) -> None:
        if self.report is not None:
            self.run()

    def shutdown(self) -> list[asyncio.Task[Any]]:
        return cancel_ops(self)
