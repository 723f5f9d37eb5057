"""The Checkout Session being shown: its amount, the QR code of its hosted page while it is open, its
status in words, its URL and details, and the button that expires it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from merchant_desk import money
from merchant_desk.ui import words
from merchant_desk.ui.widgets.buttons import button
from merchant_desk.ui.widgets.field_errors import error_label, set_field_error
from merchant_desk.ui.widgets.layout_rows import summary_row
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
        self.amount_label = QLabel(result)
        self.amount_label.setObjectName("checkoutAmount")
        self.amount_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.amount_label.setStyleSheet("font-size: 22pt; font-weight: 700;")
        result_layout.addWidget(self.amount_label)
        self.checkout_qr_view = QrView(result, object_name="checkoutQrView")
        self.checkout_qr_view.setAccessibleName(self.tr("Checkout QR code"))
        self.checkout_qr_view.setMinimumSize(260, 260)
        result_layout.addWidget(self.checkout_qr_view, 1)
        self.qr_placeholder = QLabel(self.tr("Create a session to show its QR code here."), result)
        self.qr_placeholder.setObjectName("checkoutQrPlaceholder")
        self.qr_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_placeholder.setWordWrap(True)
        self.qr_placeholder.setFrameShape(QFrame.Shape.StyledPanel)
        self.qr_placeholder.setMinimumHeight(120)
        self.qr_placeholder.setStyleSheet("font-size: 13pt; color: #4b5563;")
        result_layout.addWidget(self.qr_placeholder, 1)

        self.checkout_status = QLabel(result)
        self.checkout_status.setObjectName("checkoutStatus")
        self.checkout_status.setAccessibleName(self.tr("Session status"))
        self.checkout_status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.checkout_status.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        result_layout.addWidget(self.checkout_status)

        self.checkout_url = copyable_text(result, "checkoutUrl", self.tr("Checkout page URL"))
        self.copy_url_button = button(
            result, "copyCheckoutUrlButton", self.tr("Copy"), self.tr("Copy the checkout URL"), self._copy_url
        )
        self.open_url_button = button(
            result, "openCheckoutUrlButton", self.tr("Open"), self.tr("Open the checkout page in the browser"), self._open_url
        )
        result_layout.addLayout(summary_row(self.checkout_url, self.copy_url_button, self.open_url_button))

        self.detail_label = QLabel(result)
        self.detail_label.setObjectName("checkoutDetail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label.setStyleSheet("color: #4b5563;")
        result_layout.addWidget(self.detail_label)

        self.expire_session_button = button(
            result, "expireSessionButton", self.tr("Expire session"), self.tr("Expire the checkout session")
        )
        self.expire_session_button.setToolTip(self.tr("Close the session so that nobody can pay it any more"))
        self.expire_session_button.clicked.connect(self.expireRequested)
        self.expire_error = error_label(result, "expireSessionError")
        result_layout.addWidget(self.expire_session_button)
        result_layout.addWidget(self.expire_error)

    def show_session(self, session: CheckoutSession | None, currency: str) -> None:
        self.session = session
        if session is None:
            self.checkout_qr_view.set_data("")
            self.checkout_qr_view.hide()
            self.qr_placeholder.show()
            self.checkout_url.clear()
            self.amount_label.clear()
            self.detail_label.clear()
            self._set_status("", "")
            self._update_buttons()
            return
        is_open = session.status == "open"
        url = session.url or ""
        if is_open and url:
            if self.checkout_qr_view.data() != url:
                self.checkout_qr_view.show_data(url)
            self.checkout_qr_view.show()
            self.qr_placeholder.hide()
        else:
            # A paid or expired session's page takes no payment: nobody should scan it any more.
            self.checkout_qr_view.hide()
            self.qr_placeholder.setText(self.tr("Paid — thank you.") if session.status == "complete"
                                       else self.tr("This session is closed."))
            self.qr_placeholder.show()
        if url:
            self.checkout_url.setText(url)
            self.checkout_url.setCursorPosition(0)
        currency = session.currency or currency
        if session.amount_total is not None:
            self.amount_label.setText(money.format_minor(session.amount_total, currency))
        lines = [self.tr("Session %1").replace("%1", session.id)]
        if session.payment_intent:
            lines.append(self.tr("Payment %1").replace("%1", session.payment_intent))
        if session.expires_at:
            lines.append(self.tr("Expires %1").replace(
                "%1", session.expires_at.astimezone().strftime("%Y-%m-%d %H:%M")))
        self.detail_label.setText("\n".join(lines))
        self._set_status(session.status or "", session.payment_status or "")
        self._update_buttons()

    def _set_status(self, status: str, payment_status: str) -> None:
        label = self.checkout_status
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
        self.expire_session_button.setEnabled(is_open)
        has_url = bool(self.checkout_url.text())
        self.copy_url_button.setEnabled(has_url)
        self.open_url_button.setEnabled(has_url)

    def _copy_url(self) -> None:
        if self.checkout_url.text():
            QGuiApplication.clipboard().setText(self.checkout_url.text())

    def _open_url(self) -> None:
        if self.checkout_url.text():
            QDesktopServices.openUrl(QUrl(self.checkout_url.text()))

    def show_expire_error(self, message: str | None) -> None:
        set_field_error(self.expire_session_button, self.expire_error, message)
        self._update_buttons()
