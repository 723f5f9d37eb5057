"""The Checkout Session being shown: its amount, the QR code of its hosted page while it is open, its
status in words, its URL and details, and the button that expires it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from merchant_desk import money
from merchant_desk.ui import words
from merchant_desk.ui.widgets.buttons import button
from merchant_desk.ui.widgets.field_errors import error_label, set_field_error
from merchant_desk.ui.widgets.qr_view import QrView
from merchant_desk.ui.widgets.text_labels import copyable_text
from merchant_desk.wooshpay import CheckoutSession

_STATUS_STYLE = {
    # colour, background
    "open": ("#1d4ed8", "#dbeafe"),
    "complete": ("#15803d", "#dcfce7"),
    "expired": ("#6b7280", "#f3f4f6"),
}


class SessionView(QGroupBox):
    """``expireRequested()`` when Expire is pressed; ``statusChanged(status, payment_status)`` on a change."""

    expireRequested = Signal()
    statusChanged = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: CheckoutSession | None = None
        self._build()

    def _build(self) -> None:
        result = self
        result.setTitle(self.tr("Customer scans"))
        result_layout = QVBoxLayout(result)
        self.amountLabel = QLabel(result)
        self.amountLabel.setObjectName("checkoutAmount")
        self.amountLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.amountLabel.setStyleSheet("font-size: 22pt; font-weight: 700;")
        result_layout.addWidget(self.amountLabel)
        self.checkoutQrView = QrView(result, object_name="checkoutQrView")
        self.checkoutQrView.setAccessibleName(self.tr("Checkout QR code"))
        self.checkoutQrView.setMinimumSize(260, 260)
        result_layout.addWidget(self.checkoutQrView, 1)
        self.qrPlaceholder = QLabel(self.tr("Create a session to show its QR code here."), result)
        self.qrPlaceholder.setObjectName("checkoutQrPlaceholder")
        self.qrPlaceholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qrPlaceholder.setWordWrap(True)
        self.qrPlaceholder.setFrameShape(QFrame.Shape.StyledPanel)
        self.qrPlaceholder.setMinimumHeight(120)
        self.qrPlaceholder.setStyleSheet("font-size: 13pt; color: #4b5563;")
        result_layout.addWidget(self.qrPlaceholder, 1)

        self.checkoutStatus = QLabel(result)
        self.checkoutStatus.setObjectName("checkoutStatus")
        self.checkoutStatus.setAccessibleName(self.tr("Session status"))
        self.checkoutStatus.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.checkoutStatus.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        result_layout.addWidget(self.checkoutStatus)

        url_row = QHBoxLayout()
        self.checkoutUrl = copyable_text(result, "checkoutUrl", self.tr("Checkout page URL"))
        self.copyUrlButton = button(
            result, "copyCheckoutUrlButton", self.tr("Copy"), self.tr("Copy the checkout URL"), self._copy_url
        )
        self.openUrlButton = button(
            result, "openCheckoutUrlButton", self.tr("Open"), self.tr("Open the checkout page in the browser"), self._open_url
        )
        url_row.addWidget(self.checkoutUrl, 1)
        url_row.addWidget(self.copyUrlButton)
        url_row.addWidget(self.openUrlButton)
        result_layout.addLayout(url_row)

        self.detailLabel = QLabel(result)
        self.detailLabel.setObjectName("checkoutDetail")
        self.detailLabel.setWordWrap(True)
        self.detailLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detailLabel.setStyleSheet("color: #4b5563;")
        result_layout.addWidget(self.detailLabel)

        self.expireSessionButton = button(
            result, "expireSessionButton", self.tr("Expire session"), self.tr("Expire the checkout session")
        )
        self.expireSessionButton.setToolTip(self.tr("Close the session so that nobody can pay it any more"))
        self.expireSessionButton.clicked.connect(self.expireRequested)
        self.expireError = error_label(result, "expireSessionError")
        result_layout.addWidget(self.expireSessionButton)
        result_layout.addWidget(self.expireError)

    def show_session(self, session: CheckoutSession | None, currency: str) -> None:
        self.session = session
        if session is None:
            self.checkoutQrView.set_data("")
            self.checkoutQrView.hide()
            self.qrPlaceholder.show()
            self.checkoutUrl.clear()
            self.amountLabel.clear()
            self.detailLabel.clear()
            self._set_status("", "")
            self._update_buttons()
            return
        is_open = session.status == "open"
        url = session.url or ""
        if is_open and url:
            if self.checkoutQrView.data() != url:
                self.checkoutQrView.show_data(url)
            self.checkoutQrView.show()
            self.qrPlaceholder.hide()
        else:
            # A paid or expired session's page takes no payment: nobody should scan it any more.
            self.checkoutQrView.hide()
            self.qrPlaceholder.setText(self.tr("Paid — thank you.") if session.status == "complete"
                                       else self.tr("This session is closed."))
            self.qrPlaceholder.show()
        if url:
            self.checkoutUrl.setText(url)
            self.checkoutUrl.setCursorPosition(0)
        currency = session.currency or currency
        if session.amount_total is not None:
            self.amountLabel.setText(money.format_minor(session.amount_total, currency))
        lines = [self.tr("Session %1").replace("%1", session.id)]
        if session.payment_intent:
            lines.append(self.tr("Payment %1").replace("%1", session.payment_intent))
        if session.expires_at:
            lines.append(self.tr("Expires %1").replace(
                "%1", session.expires_at.astimezone().strftime("%Y-%m-%d %H:%M")))
        self.detailLabel.setText("\n".join(lines))
        self._set_status(session.status or "", session.payment_status or "")
        self._update_buttons()

    def _set_status(self, status: str, payment_status: str) -> None:
        label = self.checkoutStatus
        changed = (label.property("status"), label.property("paymentStatus")) != (status, payment_status)
        label.setProperty("status", status)
        label.setProperty("paymentStatus", payment_status)
        if status == "complete" and payment_status == "paid":
            text = words.checkout_payment_status(payment_status)
        else:
            text = words.checkout_status(status)
            if status and payment_status and status != "complete":
                text += " · " + words.checkout_payment_status(payment_status)
        label.setToolTip(f"{status} / {payment_status}" if status else "")
        label.setText(text)
        fg, bg = _STATUS_STYLE.get(status, ("#374151", "transparent"))
        label.setStyleSheet(f"QLabel {{ color: {fg}; background: {bg}; border-radius: 4px; padding: 6px;"
                            " font-size: 14pt; font-weight: 600; }")
        label.setVisible(bool(status))
        if changed and status:
            self.statusChanged.emit(status, payment_status)

    def _update_buttons(self) -> None:
        is_open = self.session is not None and self.session.status == "open"
        self.expireSessionButton.setEnabled(is_open)
        has_url = bool(self.checkoutUrl.text())
        self.copyUrlButton.setEnabled(has_url)
        self.openUrlButton.setEnabled(has_url)

    def _copy_url(self) -> None:
        if self.checkoutUrl.text():
            QGuiApplication.clipboard().setText(self.checkoutUrl.text())

    def _open_url(self) -> None:
        if self.checkoutUrl.text():
            QDesktopServices.openUrl(QUrl(self.checkoutUrl.text()))

    def show_expire_error(self, message: str | None) -> None:
        set_field_error(self.expireSessionButton, self.expireError, message)
        self._update_buttons()
