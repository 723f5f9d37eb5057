"""The detail of one payment: its fields, its refunds, the raw JSON, and the way to refund it."""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from merchant_desk.services.late_retry import REQUEST_TAG
from merchant_desk.services.refunds import summarize
from merchant_desk.ui import words
from merchant_desk.ui.payments.payments_model import format_amount, format_created
from merchant_desk.ui.refunds.refund_dialog import RefundDialog
from merchant_desk.ui.widgets.buttons import button
from merchant_desk.ui.widgets.json_view import JsonView
from merchant_desk.ui.widgets.ops import run_op
from merchant_desk.ui.widgets.tables import make_read_only

log = logging.getLogger(__name__)


def refundable_remainder(intent, refunds, pending: tuple[tuple[str, int], ...] = ()) -> int:
    """What can still be refunded, by the same rule the refund service applies."""
    return summarize(intent, list(refunds), pending=pending).remainder_minor


class PaymentDetail(QWidget):
    """Shows ``show_intent(id)``'s payment. ``intentLoaded(intent)`` fires after every (re)load."""

    intentLoaded = Signal(object)
    refundCreated = Signal(object)  # the Refund made from this panel's dialog

    FIELDS = (
        "id", "status", "amount", "amount_minor", "amount_received", "created", "merchant_order_id",
        "description", "metadata", "cashier_url", "last_payment_error", "cancellation_reason", "refundable",
    )

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentDetail")
        self.ctx = ctx
        self.intent = None
        self.refunds: list = []
        self.summary = None  # the RefundSummary behind the shown payment, when loaded
        self._task: asyncio.Task[object] | None = None
        self._dialog = None

        self._message = QLabel(self.tr("Select a payment to see its details."), self)
        self._message.setObjectName("paymentDetailMessage")
        self._message.setWordWrap(True)

        labels = {
            "id": self.tr("ID"),
            "status": self.tr("Status"),
            "amount": self.tr("Amount"),
            "amount_minor": self.tr("Minor units"),
            "amount_received": self.tr("Received"),
            "created": self.tr("Created"),
            "merchant_order_id": self.tr("Order ID"),
            "description": self.tr("Description"),
            "metadata": self.tr("Metadata"),
            "cashier_url": self.tr("Cashier URL"),
            "last_payment_error": self.tr("Last error"),
            "cancellation_reason": self.tr("Cancellation reason"),
            "refundable": self.tr("Refundable"),
        }
        self._values: dict[str, QLabel] = {}
        fields = QFormLayout()
        for key in self.FIELDS:
            value = QLabel(self)
            value.setObjectName(f"paymentDetail_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self._values[key] = value
            fields.addRow(labels[key], value)
        fields_page = QWidget(self)
        fields_page.setLayout(fields)

        self.refunds_table = QTableWidget(0, 5, self)
        make_read_only(self.refunds_table, "paymentRefundsTable", self.tr("Refunds of this payment"))
        self.refunds_table.setHorizontalHeaderLabels(
            [self.tr("Created"), self.tr("Amount"), self.tr("Status"), self.tr("Reason"), self.tr("ID")]
        )
        self.refunds_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        self.raw_json = JsonView(self, "paymentRawJson", self.tr("Raw JSON of the payment"))

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("paymentDetailTabs")
        self.tabs.addTab(fields_page, self.tr("Details"))
        self.tabs.addTab(self.refunds_table, self.tr("Refunds"))
        self.tabs.addTab(self.raw_json, self.tr("JSON"))

        self.refund_button = button(
            self, "refundButton", self.tr("Refund…"), self.tr("Refund the selected payment"), self._open_refund_dialog
        )
        self.reload_button = button(
            self, "reloadPaymentDetailButton", self.tr("Reload"), self.tr("Reload the payment's details"), self.reload
        )

        buttons = QHBoxLayout()
        buttons.addWidget(self.refund_button)
        buttons.addWidget(self.reload_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._message)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self._show(None, [])

    # -- loading ---------------------------------------------------------------------------------

    def show_intent(self, intent_id: str | None) -> None:
        self.shutdown()
        if not intent_id:
            self._show(None, [])
            return
        self._message.setText(self.tr("Loading %1…").replace("%1", str(intent_id)))
        self._message.setVisible(True)
        self._task = run_op(self, self._load(intent_id), failure=lambda exc: self._show_failure(intent_id, exc),
                            progress=lambda busy: busy or self._forget_task())

    def reload(self) -> None:
        if self.intent is not None:
            self.show_intent(self.intent.id)

    def shutdown(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _forget_task(self) -> None:
        self._task = None

    def _show_failure(self, intent_id: str, exc: BaseException) -> None:
        # Shown in place of the detail; the list stays usable.
        self._message.setText(
            self.tr("Could not load %1: %2").replace("%1", intent_id).replace("%2", words.failure(exc)))
        self._message.setVisible(True)

    async def _load(self, intent_id: str) -> None:
        # Through the refund service: where the server has no refunds list it answers from the
        # ledger, and unresolved refund requests are kept out of the refundable remainder.
        summary = await self.ctx.refunds.refund_summary(intent_id)
        self.summary = summary
        self._show(summary.intent, summary.refunds)
        if summary.from_ledger:
            self._message.setText(
                self.tr("This server has no refunds list: the refunds shown are the ones made from this app.")
            )
            self._message.setVisible(True)
        self.intentLoaded.emit(summary.intent)

    # -- showing ---------------------------------------------------------------------------------

    def _show(self, intent, refunds: list) -> None:
        if self.summary is not None and (intent is None or self.summary.intent is not intent):
            self.summary = None
        self.intent = intent
        self.refunds = refunds
        self.tabs.setVisible(intent is not None)
        if intent is None:
            self._message.setText(self.tr("Select a payment to see its details."))
            self._message.setVisible(True)
            for label in self._values.values():
                label.clear()
            self.raw_json.clear()
            self.refunds_table.setRowCount(0)
            self._update_refund_button()
            return
        self._message.setVisible(False)
        remainder = self.refundable()
        values = {
            "id": intent.id,
            "status": words.payment_status(words.payment_state(
                intent.status, sum(r.amount or 0 for r in refunds if r.status in ("succeeded", "pending")),
                intent.amount_received if intent.amount_received is not None else intent.amount)),
            "amount": format_amount(intent.amount, intent.currency),
            "amount_minor": f"{intent.amount} ({intent.currency})",
            "amount_received": format_amount(intent.amount_received, intent.currency)
            if intent.amount_received is not None
            else "",
            "created": format_created(intent.created.timestamp()) if intent.created else "",
            "merchant_order_id": intent.merchant_order_id or "",
            "description": intent.description or "",
            # The app's own request tag (services.late_retry) is bookkeeping, not the merchant's metadata:
            # it stays in the JSON view only.
            "metadata": ", ".join(f"{k}={v}" for k, v in (intent.metadata or {}).items() if k != REQUEST_TAG),
            "cashier_url": intent.cashier_url or "",
            "last_payment_error": words.payment_failure(intent.last_payment_error),
            "cancellation_reason": words.cancellation_reason(intent.cancellation_reason),
            "refundable": format_amount(remainder, intent.currency),
        }
        for key, text in values.items():
            self._values[key].setText(str(text))
        self._values["status"].setToolTip(intent.status or "")  # the API's code
        self.raw_json.show_json(intent.raw)
        self.refunds_table.setRowCount(len(refunds))
        for row, refund in enumerate(refunds):
            cells = (
                format_created(refund.created.timestamp()) if refund.created else "",
                format_amount(refund.amount or 0, refund.currency or intent.currency),
                words.refund_status(refund.status),
                words.refund_reason(refund.reason),
                refund.id,
            )
            for column, text in enumerate(cells):
                self.refunds_table.setItem(row, column, QTableWidgetItem(text))
        self._update_refund_button()

    def refundable(self) -> int:
        if self.summary is not None and self.summary.intent is self.intent:
            return self.summary.remainder_minor
        return refundable_remainder(self.intent, self.refunds) if self.intent is not None else 0

    def _update_refund_button(self) -> None:
        intent = self.intent
        if intent is None:
            reason = self.tr("Select a payment first.")
        elif intent.status != "succeeded":
            # The API's own status in brackets too: it is what the merchant's other tools show.
            reason = self.tr("Only paid (succeeded) payments can be refunded; this one is %1.").replace(
                "%1", f"{words.payment_status(intent.status)} ({intent.status})")
        elif self.summary is not None and self.summary.pending_keys:
            reason = ""  # the dialog settles the unresolved refund first, with its own key
        elif self.refundable() <= 0:
            reason = self.tr("This payment has been refunded in full.")
        else:
            reason = ""
        self.refund_button.setEnabled(not reason)
        self.refund_button.setToolTip(reason or self.tr("Refund all or part of this payment."))

    def open_refund_dialog(self) -> None:
        """Refund the shown payment (the button, the list's context menu and its shortcut all land here)."""
        self._open_refund_dialog()

    def _open_refund_dialog(self) -> None:
        if self.intent is None or not self.refund_button.isEnabled():
            return
        dialog = RefundDialog(self.ctx, self.intent, self)
        dialog.refundCreated.connect(lambda *_: self.reload())
        dialog.refundCreated.connect(self.refundCreated)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()
