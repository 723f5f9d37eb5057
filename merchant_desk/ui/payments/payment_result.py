"""The payment being taken: its live status, the amount, the QR code of the cashier page (or the outcome once
it is final), and what can be done with them (copy, open, save, print, customer display, cancel)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from merchant_desk import money
from merchant_desk.services.payments import CANCELLABLE, DEFAULT_CANCELLATION_REASON
from merchant_desk.ui import words
from merchant_desk.ui.payments.customer_display import CustomerDisplay
from merchant_desk.ui.payments.payment_status import PaymentStatusView, StatusIcon, look_of
from merchant_desk.ui.widgets.buttons import button
from merchant_desk.ui.widgets.ops import run_op
from merchant_desk.ui.widgets.qr_view import QrView
from merchant_desk.ui.widgets.text_labels import copyable_text
from merchant_desk.wooshpay.models import PaymentIntent


class PaymentResult(QWidget):
    """``paymentResult``. ``cancelRequested(intent_id, reason)`` when the merchant confirms a cancel."""

    cancelRequested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentResult")
        self.intent: PaymentIntent | None = None
        self.cancelling = False
        self._customer_display: CustomerDisplay | None = None
        self._dialog: QWidget | None = None

        self.amount_label = QLabel(self)
        self.amount_label.setObjectName("paymentAmountDisplay")
        self.amount_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        big = QFont(self.amount_label.font())
        big.setPointSizeF(max(big.pointSizeF(), 9.0) * 2.6)
        big.setBold(True)
        self.amount_label.setFont(big)
        self.qr_view = QrView(self)
        # A finished payment's code must not be scanned again: it gives way to a large outcome.
        self.done_panel = QWidget(self)
        self.done_panel.setObjectName("paymentDonePanel")
        self.done_icon = StatusIcon(self.done_panel, size=160)
        self.done_text = QLabel(self.done_panel)
        self.done_text.setObjectName("paymentDoneText")
        self.done_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        huge = QFont(big)
        huge.setPointSizeF(big.pointSizeF() * 1.4)
        self.done_text.setFont(huge)
        done_layout = QVBoxLayout(self.done_panel)
        done_layout.addStretch(1)
        done_layout.addWidget(self.done_icon, 0, Qt.AlignmentFlag.AlignHCenter)
        done_layout.addWidget(self.done_text)
        done_layout.addStretch(2)
        self.code_stack = QStackedWidget(self)
        self.code_stack.setObjectName("paymentCodeStack")
        self.code_stack.addWidget(self.qr_view)
        self.code_stack.addWidget(self.done_panel)
        self.cashier_url = copyable_text(self, "paymentCashierUrl", self.tr("Cashier URL"))

        self.copy_button = button(
            self, "copyCashierUrlButton", self.tr("Copy URL"), self.tr("Copy the cashier URL"), self._copy_url
        )
        self.open_button = button(
            self, "openCashierUrlButton", self.tr("Open in browser"), self.tr("Open the cashier URL in a browser"),
            self._open_url,
        )
        self.save_button = button(
            self, "saveQrButton", self.tr("Save PNG/SVG…"), self.tr("Save the QR code as PNG or SVG"), self._save_qr
        )
        self.print_button = button(
            self, "printQrButton", self.tr("Print…"), self.tr("Print the QR code"), self._print_qr
        )
        self.display_button = button(
            self, "customerDisplayButton", self.tr("Customer display"),
            self.tr("Show the amount and QR code full screen for the customer"), self._show_customer_display,
        )
        self.cancel_button = button(
            self, "cancelPaymentButton", self.tr("Cancel payment…"), self.tr("Cancel this payment"), self._ask_cancel
        )
        self.status_view = PaymentStatusView(self)
        self.action_message = QLabel(self)
        self.action_message.setObjectName("paymentActionMessage")
        self.action_message.setWordWrap(True)

        actions = QHBoxLayout()
        for qr_button in self._qr_buttons():
            actions.addWidget(qr_button)
        actions.addStretch(1)
        url_row = QHBoxLayout()
        url_row.addWidget(QLabel(self.tr("URL"), self))
        url_row.addWidget(self.cashier_url, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status_view)
        layout.addWidget(self.amount_label)
        layout.addWidget(self.code_stack, 1)
        layout.addLayout(url_row)
        layout.addLayout(actions)
        cancel_row = QHBoxLayout()
        cancel_row.addWidget(self.action_message, 1)
        cancel_row.addWidget(self.cancel_button)
        layout.addLayout(cancel_row)

    def _qr_buttons(self) -> tuple[QPushButton, ...]:
        return (self.copy_button, self.open_button, self.save_button, self.print_button, self.display_button)

    # -- showing ---------------------------------------------------------------------------------

    def show_intent(self, intent: PaymentIntent | None) -> None:
        """A new payment (or none): its code, its amount, its status."""
        self.intent = intent
        url = (intent.cashier_url or "") if intent is not None else ""
        self.qr_view.show_data(url)
        self.cashier_url.setText(url)
        self.amount_label.setText(money.format_minor(intent.amount, intent.currency) if intent is not None else "")
        self.action_message.clear()
        if intent is not None and not url and not intent.is_final:
            self.action_message.setText(self.tr("WooshPay returned no cashier URL for this payment."))
        self.update_intent(intent)

    def show_code_early(self, intent: PaymentIntent) -> asyncio.Task[object] | None:
        """A created payment's code and amount as soon as the server has answered, before its creation is
        recorded; ``show_intent`` follows with the rest (status, buttons). Returns the code's encoding (see
        ``QrView.show_data``)."""
        url = intent.cashier_url or ""
        if not url or intent.is_final:
            return None

        def with_the_code() -> None:
            # Together with the code, in one layout pass and one paint: laying the labels out while the code
            # is still being encoded would hold up painting it.
            self.cashier_url.setText(url)
            self.amount_label.setText(money.format_minor(intent.amount, intent.currency))
            self.code_stack.setVisible(True)
            self.code_stack.setCurrentWidget(self.qr_view)

        return self.qr_view.show_data(url, then=with_the_code)

    def update_intent(self, intent: PaymentIntent | None) -> None:
        """A newer state of the shown payment."""
        if intent is not None:
            self.intent = intent
        self.status_view.set_intent(intent)
        final = intent is not None and intent.is_final
        payable = bool(self.qr_view.data()) and not final
        for qr_button in self._qr_buttons():
            qr_button.setEnabled(payable)
        self.code_stack.setVisible(intent is not None)
        if intent is not None and final:
            outcome = "succeeded" if intent.status == "succeeded" else "canceled"
            self.done_icon.set_look(*look_of(outcome))
            self.done_text.setText(words.payment_status(outcome))
            self.code_stack.setCurrentWidget(self.done_panel)
            if self._customer_display is not None:
                self._customer_display.close()
        else:
            self.code_stack.setCurrentWidget(self.qr_view)
        self.sync_cancel()

    def show_refunded(self, intent_id: str, refunded_minor: int, remainder_minor: int) -> None:
        """What has been refunded of the shown payment since it was paid: the panel says "Refunded" or
        "Partially refunded" instead of "Paid" (the refunds list and the detail have the particulars)."""
        intent = self.intent
        if intent is None or intent.id != intent_id or intent.status != "succeeded" or refunded_minor <= 0:
            return
        state = "refunded" if remainder_minor <= 0 else "partially_refunded"
        self.done_text.setText(words.payment_status(state))
        self.status_view.set_message(
            words.payment_status(state),
            self.tr("Refunded %1 of %2.")
            .replace("%1", words.amount_text(refunded_minor, intent.currency))
            .replace("%2", words.amount_text(intent.amount, intent.currency)),
        )
        self.status_view.setProperty("refunded", state)

    def sync_cancel(self) -> None:
        intent = self.intent
        can_cancel = intent is not None and intent.status in CANCELLABLE and not self.cancelling
        self.cancel_button.setEnabled(can_cancel)
        self.cancel_button.setToolTip(
            "" if can_cancel else self.tr("Only a payment that is not finished can be canceled.")
        )

    def show_action_message(self, text: str) -> None:
        self.action_message.setText(text)

    # -- actions on the QR -----------------------------------------------------------------------

    def _copy_url(self) -> None:
        QGuiApplication.clipboard().setText(self.cashier_url.text())
        self.action_message.setText(self.tr("Cashier URL copied."))

    def _open_url(self) -> None:
        if not QDesktopServices.openUrl(QUrl(self.cashier_url.text())):
            self.action_message.setText(self.tr("No browser could open the URL."))

    def _save_qr(self) -> None:
        if self.intent is None or self.qr_view.qr() is None:
            return
        dialog = QFileDialog(self, self.tr("Save QR code"))
        dialog.setObjectName("saveQrDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        png, svg = self.tr("PNG image (*.png)"), self.tr("SVG image (*.svg)")
        dialog.setNameFilters([png, svg])
        dialog.selectFile(f"{self.intent.id}.png")
        dialog.setDefaultSuffix("png")
        dialog.filterSelected.connect(lambda f: dialog.setDefaultSuffix("svg" if f == svg else "png"))
        dialog.fileSelected.connect(self._write_qr)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()

    def _write_qr(self, path: str) -> None:
        if Path(path).suffix.lower() not in (".png", ".svg"):
            path += ".png"
        run_op(
            self, self.qr_view.save(path),
            success=lambda _r: self.action_message.setText(self.tr("Saved %1").replace("%1", str(path))),
            failure=lambda exc: self.action_message.setText(
                self.tr("Could not save the QR code: %1").replace("%1", str(exc))),
        )

    def _print_qr(self) -> None:
        if self.qr_view.qr() is None:
            return
        # Loaded on demand: the print stack is only needed by those who print.
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("printQrDialog")
        dialog.accepted.connect(lambda: self.qr_view.print_to(printer))
        dialog.finished.connect(dialog.deleteLater)
        self._printer = printer  # the dialog holds no Python reference to it
        self._dialog = dialog
        dialog.open()

    def _show_customer_display(self) -> None:
        if self.intent is None or not self.intent.cashier_url:
            return
        self.close_customer_display()
        display = CustomerDisplay(
            money.format_minor(self.intent.amount, self.intent.currency), self.intent.cashier_url, self
        )
        display.destroyed.connect(lambda *_: self._forget_display(display))
        self._customer_display = display
        display.show_on_customer_screen(self.window())

    def _forget_display(self, display: CustomerDisplay) -> None:
        if self._customer_display is display:
            self._customer_display = None

    def close_customer_display(self) -> None:
        if self._customer_display is not None:
            self._customer_display.close()

    @property
    def customer_display(self) -> CustomerDisplay | None:
        return self._customer_display

    # -- cancelling ------------------------------------------------------------------------------

    def _ask_cancel(self) -> None:
        if self.intent is None or self.intent.status not in CANCELLABLE:
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("cancelReasonDialog")
        dialog.setWindowTitle(self.tr("Cancel payment"))
        dialog.setLabelText(self.tr("Why is this payment canceled? (sent to WooshPay)"))
        dialog.setTextValue(DEFAULT_CANCELLATION_REASON)
        dialog.setOkButtonText(self.tr("Cancel payment"))
        dialog.setCancelButtonText(self.tr("Keep payment"))
        intent_id = self.intent.id
        dialog.textValueSelected.connect(lambda reason: self.cancelRequested.emit(intent_id, reason))
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()
