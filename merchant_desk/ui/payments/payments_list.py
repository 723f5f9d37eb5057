"""The payments taken on the account: a searchable list, newest first, beside the selected payment's detail."""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from merchant_desk.ui.payments.payment_detail import PaymentDetail
from merchant_desk.ui.payments.payments_model import PaymentsModel
from merchant_desk.ui.widgets.buttons import button
from merchant_desk.ui.widgets.ops import run_op
from merchant_desk.ui.widgets.tables import make_list_table
from merchant_desk.wooshpay.models import PaymentIntent

log = logging.getLogger(__name__)

class PaymentsList(QWidget):
    refundCreated = Signal(object)  # a Refund made from the payment detail

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.ctx = ctx
        self.search = QLineEdit(self)
        self.search.setObjectName("paymentSearch")
        self.search.setAccessibleName(self.tr("Search by merchant order ID"))
        self.search.setPlaceholderText(self.tr("Search by merchant order ID"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self._run_search)
        # Typing searches after a pause; Enter searches at once.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(400)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textEdited.connect(lambda _t: self._search_timer.start())
        self.refresh_button = button(
            self, "refreshPaymentsButton", self.tr("Refresh"), self.tr("Reload the payments list"), self.refresh
        )
        self.list_message = QLabel(self)
        self.list_message.setObjectName("paymentsListMessage")

        self.model = PaymentsModel(ctx.payments, self)
        self.model.loadingChanged.connect(self._on_list_loading)
        self.model.loadFailed.connect(self._on_list_failed)
        self.model.rowsInserted.connect(lambda *_: self._on_list_loading(self.model.loading))
        self.table = QTableView(self)
        # Fixed row heights and no content-sized columns: nothing has to look at 100,000 rows.
        make_list_table(self.table, "paymentsTable", self.tr("Payments"), fixed_row_height=True)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 110, 70, 170, 140)):
            header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_table_menu)

        self.detail = PaymentDetail(ctx, self)
        self.detail.refundCreated.connect(self.refundCreated)
        self.refund_action = QAction(self.tr("&Refund…"), self)
        self.refund_action.setObjectName("refundPaymentAction")
        self.refund_action.setShortcut(QKeySequence("Ctrl+R"))
        self.refund_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refund_action.triggered.connect(lambda _checked=False: self.detail.open_refund_dialog())
        self.table.addAction(self.refund_action)
        self.detail.addAction(self.refund_action)
        self.detail.intentLoaded.connect(self._sync_refund_action)
        self._sync_refund_action()

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.refresh_button)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("paymentsListSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.list_message)

    def refresh(self) -> None:
        """Reload the list (or rerun the search) from the newest payment."""
        text = self.search.text().strip()
        if text:
            self.model.show_search(text)
        else:
            self.model.refresh()
        self._load_refunded()

    def _load_refunded(self) -> None:
        """The refunds this app made (from the ledger, no request): their payments read "Refunded"."""
        async def totals() -> dict[str, int]:
            sums: dict[str, int] = {}
            for refund in await self.ctx.refunds.known_refunds():
                if refund.payment_intent and refund.status in ("succeeded", "pending"):
                    sums[refund.payment_intent] = sums.get(refund.payment_intent, 0) + (refund.amount or 0)
            return sums

        # Only a nicer word is lost when the ledger cannot be read (e.g. closed at quit): no error shown.
        run_op(self, totals(), success=self.model.set_refunded,
               failure=lambda exc: log.debug("Refund totals not read: %s", exc))

    def refresh_if_never_loaded(self) -> None:
        if self.model.mode == "idle":
            self.refresh()

    def upsert(self, intent: PaymentIntent) -> None:
        """A payment taken or changed on this page: shown at once once the list has been loaded."""
        if self.model.mode != "idle":
            self.model.upsert(intent)

    def shutdown(self) -> None:
        self.model.shutdown()
        self.detail.shutdown()

    def _run_search(self) -> None:
        self._search_timer.stop()
        self.refresh()

    def _show_table_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        menu = QMenu(self.table)
        menu.addAction(self.refund_action)
        menu.popup(self.table.viewport().mapToGlobal(pos))
        self._menu = menu

    def _sync_refund_action(self, _intent: object = None) -> None:
        # The action says what the Refund button says, including why it is unavailable.
        self.refund_action.setEnabled(self.detail.refund_button.isEnabled())
        self.refund_action.setToolTip(self.detail.refund_button.toolTip())

    def show_payment(self, intent_id: str) -> None:
        self.table.clearSelection()
        self.detail.show_intent(intent_id)

    def _on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.detail.show_intent(self.model.intent_id(current.row()) if current.isValid() else None)

    def _on_list_loading(self, loading: bool) -> None:
        if loading:
            self.list_message.setText(self.tr("Loading…"))
        elif not self.model.failed:
            self.list_message.setText(self.tr("%n payment(s) shown", "", self.model.rowCount()))

    def _on_list_failed(self, message: str) -> None:
        self.list_message.setText(self.tr("Could not load payments: %1").replace("%1", str(message)))
