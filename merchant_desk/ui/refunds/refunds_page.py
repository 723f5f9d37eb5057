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
        self.statusFilter = code_filter(refunds_tab, "refundStatusFilter", self.tr("Filter by status"),
                                        self.tr("All statuses"), REFUND_STATUSES, words.refund_status)
        self.statusFilter.currentIndexChanged.connect(self._filters_changed)
        status_label = QLabel(self.tr("&Status:"), refunds_tab)
        status_label.setBuddy(self.statusFilter)
        filters.addWidget(status_label)
        filters.addWidget(self.statusFilter)

        today = QDate.currentDate()
        self.fromEnabled, self.fromDate = self._date_filter(refunds_tab, "refundDateFrom", self.tr("From"),
                                                            today.addDays(-30))
        self.toEnabled, self.toDate = self._date_filter(refunds_tab, "refundDateTo", self.tr("To"), today)
        for widget in (self.fromEnabled, self.fromDate, self.toEnabled, self.toDate):
            filters.addWidget(widget)

        self.paymentFilter = QLineEdit(refunds_tab)
        self.paymentFilter.setObjectName("refundPaymentFilter")
        self.paymentFilter.setAccessibleName(self.tr("Filter by payment id"))
        self.paymentFilter.setPlaceholderText(self.tr("Payment id (pi_…)"))
        self.paymentFilter.setClearButtonEnabled(True)
        self.paymentFilter.textChanged.connect(lambda _text: self._filter_timer.start())
        self.paymentFilter.returnPressed.connect(self.refresh)
        filters.addWidget(self.paymentFilter, 1)

        self.refreshButton = button(
            refunds_tab, "refreshRefundsButton", self.tr("Refresh"), self.tr("Refresh refunds"), self.refresh
        )
        filters.addWidget(self.refreshButton)
        layout.addLayout(filters)

        self.noticeLabel = message_label(refunds_tab, "refundsNotice")
        layout.addWidget(self.noticeLabel)

        pending_row = QHBoxLayout()
        self.pendingLabel = QLabel(refunds_tab)
        self.pendingLabel.setObjectName("pendingOutboxLabel")
        self.pendingLabel.setWordWrap(True)
        self.pendingLabel.setStyleSheet("color: #8a5a00;")
        self.retryPendingButton = button(
            refunds_tab, "retryPendingButton", self.tr("Retry now"), self.tr("Retry unresolved requests"), self._on_retry_pending
        )
        pending_row.addWidget(self.pendingLabel, 1)
        pending_row.addWidget(self.retryPendingButton)
        self.pendingLabel.hide()
        self.retryPendingButton.hide()
        layout.addLayout(pending_row)
        self.decisionBanner = DecisionBanner(self.ctx, refunds_tab)
        self.decisionBanner.decided.connect(self.refresh)
        layout.addWidget(self.decisionBanner)

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

        self.countLabel = QLabel(refunds_tab)
        self.countLabel.setObjectName("refundsCount")
        self.openPaymentButton = button(
            refunds_tab, "openPaymentButton", self.tr("Open payment"), self.tr("Open the payment of the selected refund"), self._open_selected_payment
        )
        self.exportButton = button(
            refunds_tab, "exportRefundsButton", self.tr("Export CSV…"), self.tr("Export the refunds of this filter as CSV"), self._choose_export_file
        )
        layout.addLayout(summary_row(self.countLabel, self.openPaymentButton, self.exportButton))

        self.tabs.addTab(refunds_tab, self.tr("Refunds"))
        self.auditView = AuditLogView(self.ctx, self.tabs)
        self.tabs.addTab(self.auditView, self.tr("Audit log"))
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
        if self.fromEnabled.isChecked():
            created_from = _local_midnight(self.fromDate.date().toPython())
        if self.toEnabled.isChecked():
            created_before = _local_midnight(self.toDate.date().toPython() + timedelta(days=1))
        return RefundFilter(
            status=self.statusFilter.currentData() or None,
            created_from=created_from,
            created_before=created_before,
            payment_intent=self.paymentFilter.text().strip() or None,
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
        self.auditView.refresh()
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
        self.noticeLabel.setText("\n".join(parts))
        self.noticeLabel.setVisible(bool(parts))

    def _update_count(self) -> None:
        count = self.model.rowCount()
        if self.model.loading:
            text = self.tr("Loading…")
        elif self.model.canFetchMore(QModelIndex()):
            text = self.tr("%1 refunds shown; scroll for more").replace("%1", str(count))
        else:
            text = self.tr("%1 refunds").replace("%1", str(count))
        self.countLabel.setText(text)

    def _update_buttons(self) -> None:
        self.openPaymentButton.setEnabled(self.selected_refund() is not None)
        self.exportButton.setEnabled(not self._exporting)

    # -- unresolved requests -----------------------------------------------------------------------

    def _show_pending(self, entries: list[Any]) -> None:
        refunds = [e for e in entries if e.kind == REFUND_KIND]
        if entries:
            text = self.tr(
                "%1 request(s) sent without an answer (%2 of them refunds). Each is sent again as the very "
                "same request, so nothing is made twice."
            ).replace("%1", str(len(entries))).replace("%2", str(len(refunds)))
            self.pendingLabel.setText(text)
        self.pendingLabel.setVisible(bool(entries))
        self.retryPendingButton.setVisible(bool(entries))
        run_op(self, self.decisionBanner.reload())

    def _on_retry_pending(self) -> None:
        # In the page's task group, so leaving the page cancels it (the entries simply stay pending).
        if not self.retryPendingButton.isEnabled():
            return
        run_op(self, self.ctx.reconcile(), success=self._on_reconciled, failure=self._on_reconcile_failed,
               progress=lambda busy: self.retryPendingButton.setEnabled(not busy))

    def _on_reconcile_failed(self, exc: BaseException) -> None:
        # Said in the page, never lost in a log only.
        log.warning("retrying unresolved requests failed: %s", exc)
        self.pendingLabel.setText(self.tr("Still no answer: %1").replace("%1", words.failure(exc)))

    def _on_reconciled(self, report: ReconcileReport) -> None:
        if report.unresolved:
            first = next(iter(report.errors.values()), "")
            self.pendingLabel.setText(self.tr("Still no answer: %1").replace("%1", first))
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
        self.countLabel.setText(text)

    def shutdown(self) -> list[asyncio.Task[object]]:
        self.model.shutdown()
        return super().shutdown()
