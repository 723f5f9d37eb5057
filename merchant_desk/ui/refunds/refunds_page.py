"""The refunds page: every refund of the account, newest first, loaded page by page; filters; CSV export;
unresolved refund requests with a Retry; and the audit log of what this app did."""

from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from merchant_desk.services.csv_export import save_refunds_csv
from merchant_desk.services.outbox import ReconcileReport
from merchant_desk.services.refunds import REFUND_KIND, REFUND_STATUSES, RefundFilter
from merchant_desk.ui import words
from merchant_desk.ui.audit.audit_log_view import AuditLogView
from merchant_desk.ui.frame.page import Page
from merchant_desk.ui.refunds.decision_dialog import DecisionBanner
from merchant_desk.ui.refunds.refunds_model import RefundsTableModel
from merchant_desk.ui.widgets.buttons import button
from merchant_desk.ui.widgets.code_filter import code_filter
from merchant_desk.ui.widgets.file_dialogs import open_csv_export_dialog
from merchant_desk.ui.widgets.layout_rows import summary_row
from merchant_desk.ui.widgets.ops import run_op
from merchant_desk.ui.widgets.page_tabs import page_tabs
from merchant_desk.ui.widgets.tables import make_list_table
from merchant_desk.ui.widgets.text_labels import message_label

log = logging.getLogger(__name__)

PAGE_SIZE = 25
_FILTER_DELAY_MS = 300  # typing in the payment filter reloads once the user pauses


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone()


class RefundsPage(Page):
    openPaymentRequested = Signal(str)
    exported = Signal(str, int)  # path, rows written
    reconciled = Signal(object)  # the ReconcileReport of a Retry

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._exporting = False
        self._file_dialog: QFileDialog | None = None
        self.setObjectName("refundsPage")
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(_FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.refresh)
        self._build()
        self.load_when_shown()

    # -- layout ------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.tabs = page_tabs(self, "refundsTabs", self.tr("Refunds and audit log"))

        refunds_tab = QWidget(self.tabs)
        layout = QVBoxLayout(refunds_tab)

        filters = QHBoxLayout()
        self.status_filter = code_filter(refunds_tab, "refundStatusFilter", self.tr("Filter by status"),
                                        self.tr("All statuses"), REFUND_STATUSES, words.refund_status)
        self.status_filter.currentIndexChanged.connect(self._filters_changed)
        status_label = QLabel(self.tr("&Status:"), refunds_tab)
        status_label.setBuddy(self.status_filter)
        filters.addWidget(status_label)
        filters.addWidget(self.status_filter)

        today = QDate.currentDate()
        self.from_enabled, self.from_date = self._date_filter(refunds_tab, "refundDateFrom", self.tr("From"),
                                                            today.addDays(-30))
        self.to_enabled, self.to_date = self._date_filter(refunds_tab, "refundDateTo", self.tr("To"), today)
        for widget in (self.from_enabled, self.from_date, self.to_enabled, self.to_date):
            filters.addWidget(widget)

        self.payment_filter = QLineEdit(refunds_tab)
        self.payment_filter.setObjectName("refundPaymentFilter")
        self.payment_filter.setAccessibleName(self.tr("Filter by payment id"))
        self.payment_filter.setPlaceholderText(self.tr("Payment id (pi_…)"))
        self.payment_filter.setClearButtonEnabled(True)
        self.payment_filter.textChanged.connect(lambda _text: self._filter_timer.start())
        self.payment_filter.returnPressed.connect(self.refresh)
        filters.addWidget(self.payment_filter, 1)

        self.refresh_button = button(
            refunds_tab, "refreshRefundsButton", self.tr("Refresh"), self.tr("Refresh refunds"), self.refresh
        )
        filters.addWidget(self.refresh_button)
        layout.addLayout(filters)

        self.notice_label = message_label(refunds_tab, "refundsNotice")
        layout.addWidget(self.notice_label)

        pending_row = QHBoxLayout()
        self.pending_label = QLabel(refunds_tab)
        self.pending_label.setObjectName("pendingOutboxLabel")
        self.pending_label.setWordWrap(True)
        self.pending_label.setStyleSheet("color: #8a5a00;")
        self.retry_pending_button = button(
            refunds_tab, "retryPendingButton", self.tr("Retry now"), self.tr("Retry unresolved requests"), self._on_retry_pending
        )
        pending_row.addWidget(self.pending_label, 1)
        pending_row.addWidget(self.retry_pending_button)
        self.pending_label.hide()
        self.retry_pending_button.hide()
        layout.addLayout(pending_row)
        self.decision_banner = DecisionBanner(self.ctx, refunds_tab)
        self.decision_banner.decided.connect(self.refresh)
        layout.addWidget(self.decision_banner)

        self.model = RefundsTableModel(self)
        self.model.loadFailed.connect(self._on_load_failed)
        self.model.sourceChanged.connect(lambda _: self._update_notice())
        self.model.pageLoaded.connect(lambda _: self._update_count())
        self.model.loadingChanged.connect(lambda _: self._update_count())
        self.table = QTableView(refunds_tab)
        make_list_table(self.table, "refundsTable", self.tr("Refunds"))
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The note, last, takes the width that is left.
        header.setSectionResizeMode(len(self.model.COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        # Columns fit the first rows once, then stay where the user drags them.
        self.model.pageLoaded.connect(self._fit_columns)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.table, 1)

        self.count_label = QLabel(refunds_tab)
        self.count_label.setObjectName("refundsCount")
        self.open_payment_button = button(
            refunds_tab, "openPaymentButton", self.tr("Open payment"), self.tr("Open the payment of the selected refund"), self._open_selected_payment
        )
        self.export_button = button(
            refunds_tab, "exportRefundsButton", self.tr("Export CSV…"), self.tr("Export the refunds of this filter as CSV"), self._choose_export_file
        )
        layout.addLayout(summary_row(self.count_label, self.open_payment_button, self.export_button))

        self.tabs.addTab(refunds_tab, self.tr("Refunds"))
        self.audit_view = AuditLogView(self.ctx, self.tabs)
        self.tabs.addTab(self.audit_view, self.tr("Audit log"))
        self._update_buttons()

    def _date_filter(self, parent: QWidget, name: str, label: str, initial: QDate) -> tuple[QCheckBox, QDateEdit]:
        check = QCheckBox(label, parent)
        check.setObjectName(name + "Enabled")
        check.setAccessibleName(self.tr("Filter by date: %1").replace("%1", label))
        edit = QDateEdit(initial, parent)
        edit.setObjectName(name)
        edit.setAccessibleName(label)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        check.toggled.connect(edit.setEnabled)
        check.toggled.connect(self._filters_changed)
        edit.dateChanged.connect(lambda _d: self._filters_changed() if check.isChecked() else None)
        return check, edit

    # -- filters and loading -----------------------------------------------------------------------

    def current_filter(self) -> RefundFilter:
        created_from = created_before = None
        if self.from_enabled.isChecked():
            created_from = _local_midnight(self.from_date.date().toPython())
        if self.to_enabled.isChecked():
            created_before = _local_midnight(self.to_date.date().toPython() + timedelta(days=1))
        return RefundFilter(
            status=self.status_filter.currentData() or None,
            created_from=created_from,
            created_before=created_before,
            payment_intent=self.payment_filter.text().strip() or None,
        )

    def _filters_changed(self, *_args: Any) -> None:
        self._filter_timer.start()

    def refresh(self) -> None:
        """Reload the table from the first page with the current filters, and the audit log."""
        self._filter_timer.stop()
        refund_filter = self.current_filter()
        service = self.ctx.refunds

        async def load(starting_after: str | None):
            return await service.list_page(refund_filter, starting_after, limit=PAGE_SIZE)

        self._load_error = ""
        self.model.reset_with(load)
        self.audit_view.refresh()
        run_op(self, self.ctx.outbox.pending(), success=self._show_pending)
        self._update_notice()
        self._update_buttons()

    def _fit_columns(self, _added: int = 0) -> None:
        if not getattr(self, "_columns_fitted", False) and self.model.rowCount():
            self.table.resizeColumnsToContents()
            # Setting the mode again makes the header hand the note the width left over.
            header, last = self.table.horizontalHeader(), len(self.model.COLUMNS) - 1
            header.setSectionResizeMode(last, QHeaderView.ResizeMode.Interactive)
            header.setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)
            self._columns_fitted = True

    def _on_load_failed(self, message: str) -> None:
        self._load_error = message
        self._update_notice()
        self._update_count()

    def _update_notice(self) -> None:
        parts = []
        if self.model.from_ledger:
            parts.append(self.tr(
                "This server has no refunds list: shown are the refunds made from this app, as recorded in its ledger."
            ))
        if getattr(self, "_load_error", ""):
            parts.append(self.tr("Could not load refunds: %1").replace("%1", self._load_error))
        self.notice_label.setText("\n".join(parts))
        self.notice_label.setVisible(bool(parts))

    def _update_count(self) -> None:
        count = self.model.rowCount()
        if self.model.loading:
            text = self.tr("Loading…")
        elif self.model.canFetchMore(QModelIndex()):
            text = self.tr("%1 refunds shown; scroll for more").replace("%1", str(count))
        else:
            text = self.tr("%1 refunds").replace("%1", str(count))
        self.count_label.setText(text)

    def _update_buttons(self) -> None:
        self.open_payment_button.setEnabled(self.selected_refund() is not None)
        self.export_button.setEnabled(not self._exporting)

    # -- unresolved requests -----------------------------------------------------------------------

    def _show_pending(self, entries: list[Any]) -> None:
        refunds = [e for e in entries if e.kind == REFUND_KIND]
        if entries:
            text = self.tr(
                "%1 request(s) sent without an answer (%2 of them refunds). Each is sent again as the very "
                "same request, so nothing is made twice."
            ).replace("%1", str(len(entries))).replace("%2", str(len(refunds)))
            self.pending_label.setText(text)
        self.pending_label.setVisible(bool(entries))
        self.retry_pending_button.setVisible(bool(entries))
        run_op(self, self.decision_banner.reload())

    def _on_retry_pending(self) -> None:
        # In the page's task group, so leaving the page cancels it (the entries simply stay pending).
        if not self.retry_pending_button.isEnabled():
            return
        run_op(self, self.ctx.reconcile(), success=self._on_reconciled, failure=self._on_reconcile_failed,
               progress=lambda busy: self.retry_pending_button.setEnabled(not busy))

    def _on_reconcile_failed(self, exc: BaseException) -> None:
        # Said in the page, never lost in a log only.
        log.warning("retrying unresolved requests failed: %s", exc)
        self.pending_label.setText(self.tr("Still no answer: %1").replace("%1", words.failure(exc)))

    def _on_reconciled(self, report: ReconcileReport) -> None:
        if report.unresolved:
            first = next(iter(report.errors.values()), "")
            self.pending_label.setText(self.tr("Still no answer: %1").replace("%1", first))
        self.reconciled.emit(report)
        self.refresh()

    # -- rows ----------------------------------------------------------------------------------------

    def selected_refund(self) -> Any:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.refund_at(rows[0].row()) if rows else None

    def _on_double_clicked(self, index: QModelIndex) -> None:
        refund = self.model.refund_at(index.row())
        if refund is not None and refund.payment_intent:
            self.openPaymentRequested.emit(refund.payment_intent)

    def _open_selected_payment(self) -> None:
        refund = self.selected_refund()
        if refund is not None and refund.payment_intent:
            self.openPaymentRequested.emit(refund.payment_intent)

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        refund = self.model.refund_at(index.row()) if index.isValid() else None
        if refund is None:
            return
        menu = QMenu(self)
        menu.setObjectName("refundsContextMenu")
        open_action = QAction(self.tr("Open payment"), menu)
        open_action.triggered.connect(lambda: self.openPaymentRequested.emit(refund.payment_intent))
        open_action.setEnabled(bool(refund.payment_intent))
        copy_action = QAction(self.tr("Copy refund id"), menu)
        copy_action.triggered.connect(lambda: QGuiApplication.clipboard().setText(refund.id))
        menu.addAction(open_action)
        menu.addAction(copy_action)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    # -- export --------------------------------------------------------------------------------------

    def _choose_export_file(self) -> None:
        self._file_dialog = open_csv_export_dialog(
            self, "refundsExportDialog", self.tr("Export refunds"), f"refunds-{date.today().isoformat()}.csv", self._export_selected)

    def _export_selected(self, path: str) -> None:
        run_op(self, self.export_to(path))

    async def export_to(self, path: str) -> int:
        """Write every refund of the current filter (all pages, not only those loaded) to ``path``."""
        if self._exporting:
            return 0
        self._exporting = True
        self._update_buttons()
        refund_filter = self.current_filter()
        try:
            refunds = [r async for r in self.ctx.refunds.iter_refunds(refund_filter)]
            rows = await asyncio.to_thread(save_refunds_csv, path, refunds)
        except Exception as exc:  # network or disk: said in the page, the user can try again
            log.warning("refund export failed: %s", exc)
            self._notice_once(self.tr("Export failed: %1").replace("%1", words.failure(exc) if not isinstance(
                exc, OSError) else str(exc)))
            return 0
        finally:
            self._exporting = False
            self._update_buttons()
        self._notice_once(self.tr("Exported %1 refunds to %2").replace("%1", str(rows)).replace("%2", path))
        self.exported.emit(path, rows)
        return rows

    def _notice_once(self, text: str) -> None:
        self.count_label.setText(text)

    def shutdown(self) -> list[asyncio.Task[object]]:
        self.model.shutdown()
        return super().shutdown()
