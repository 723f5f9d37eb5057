"""End to end against the real sandbox: fill the form, Create, scan the painted QR, pay (or decline) as the
customer's wallet would, and watch the page turn to Paid (or Failed) by itself."""

from __future__ import annotations

import pytest
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QWidget,
)

from tests.customer import decline, pay
from tests.qt_support import run_async
from tests.ui.helpers import decode, w


@pytest.fixture
def ctx_sandbox(sandbox):
    return sandbox


@pytest.fixture
def page(payments_page):
    return payments_page


def take_payment(qtbot, page, *, amount: str, currency: str, order_id: str, description: str = "Coffee"):
    qtbot.keyClicks(w(page, QLineEdit, "paymentAmount"), amount)
    combo = w(page, QComboBox, "paymentCurrency")
    combo.setCurrentIndex(combo.findData(currency))
    qtbot.keyClicks(w(page, QLineEdit, "paymentDescription"), description)
    qtbot.keyClicks(w(page, QLineEdit, "paymentOrderId"), order_id)
    qtbot.mouseClick(w(page, QPushButton, "createPaymentButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.intent is not None, timeout=10000)
    return page.intent


def scanned_url(qtbot, page, ctx) -> str:
    qr = w(page, QWidget, "paymentQrView")
    qtbot.waitUntil(lambda: bool(decode(qr)), timeout=5000)
    (text,) = decode(qr)
    from_api = run_async(ctx.client.payment_intents.retrieve(page.intent.id))
    assert text == from_api.cashier_url
    assert w(page, QLineEdit, "paymentCashierUrl").text() == text
    return text


def test_scan_and_pay_turns_the_page_to_paid(qtbot, page, ctx):
    intent = take_payment(qtbot, page, amount="12.34", currency="HKD", order_id="flow-pay-1")
    status = w(page, QFrame, "paymentStatus")
    assert status.property("status") == "requires_action"
    assert w(page, QPushButton, "cancelPaymentButton").isEnabled()
    assert "12.34" in page.amount_label.text()

    url = scanned_url(qtbot, page, ctx)
    pay(url, "AlipayHK")

    qtbot.waitUntil(lambda: status.property("status") == "succeeded", timeout=10000)
    assert status.property("outcome") == "succeeded"
    assert page.status_view.title_text() == "Paid"
    assert not w(page, QPushButton, "cancelPaymentButton").isEnabled()
    # The paid code is taken off the screen so nobody scans it again.
    assert page.code_stack.currentWidget() is page.done_panel and not page.qr_view.isVisible()
    for name in ("copyCashierUrlButton", "saveQrButton", "printQrButton", "customerDisplayButton"):
        assert not w(page, QPushButton, name).isEnabled(), name
    qtbot.waitUntil(lambda: not page.is_watching(), timeout=2000)
    server = run_async(ctx.client.payment_intents.retrieve(intent.id))
    assert server.status == "succeeded" and server.merchant_order_id == "flow-pay-1"


def test_scan_and_decline_shows_failed_with_the_reason(qtbot, page, ctx):
    take_payment(qtbot, page, amount="250", currency="PHP", order_id="flow-decline-1")
    url = scanned_url(qtbot, page, ctx)
    decline(url, "GCash")

    status = w(page, QFrame, "paymentStatus")
    qtbot.waitUntil(lambda: status.property("outcome") == "failed", timeout=10000)
    assert status.property("status") in ("requires_payment_method", "failed")
    server = run_async(ctx.client.payment_intents.retrieve(page.intent.id))
    assert server.status == status.property("status")
    assert page.status_view.title_text() == "Payment failed"
    # The decline in words (the server's own English message stays in the JSON), naming the wallet.
    assert server.last_payment_error.get("code") == "payment_method_customer_decline"
    assert page.status_view.detail_text() == "The customer declined the payment. Wallet: GCash"
    assert w(page, QPushButton, "cancelPaymentButton").isEnabled(), "a failed attempt can still be canceled"
    assert page.qr_view.isVisible(), "the customer may try again with the same code"

    # The customer tries again with the wallet and pays: the page follows.
    pay(url, "GCash")
    qtbot.waitUntil(lambda: status.property("status") == "succeeded", timeout=10000)


def test_cancel_asks_for_a_reason_and_cancels(qtbot, page, ctx):
    take_payment(qtbot, page, amount="3.00", currency="GBP", order_id="flow-cancel-1")
    qtbot.mouseClick(w(page, QPushButton, "cancelPaymentButton"), Qt.MouseButton.LeftButton)
    dialog = page.findChild(QInputDialog, "cancelReasonDialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.textValue() == "requested_by_customer"
    dialog.setTextValue("customer walked away")
    dialog.accept()
    status = w(page, QFrame, "paymentStatus")
    qtbot.waitUntil(lambda: status.property("status") == "canceled", timeout=10000)
    assert status.property("outcome") == "canceled"
    assert "customer walked away" in page.status_view.detail_text()
    assert page.code_stack.currentWidget() is page.done_panel
    server = run_async(ctx.client.payment_intents.retrieve(page.intent.id))
    assert server.status == "canceled" and server.cancellation_reason == "customer walked away"
    assert not w(page, QPushButton, "cancelPaymentButton").isEnabled()


def test_keeping_the_payment_sends_no_cancel(qtbot, page, ctx):
    take_payment(qtbot, page, amount="4.00", currency="GBP", order_id="flow-keep-1")
    qtbot.mouseClick(w(page, QPushButton, "cancelPaymentButton"), Qt.MouseButton.LeftButton)
    dialog = page.findChild(QInputDialog, "cancelReasonDialog")
    dialog.reject()
    qtbot.wait(300)
    server = run_async(ctx.client.payment_intents.retrieve(page.intent.id))
    assert server.status == "requires_action"


def test_copy_url_and_customer_display(qtbot, page, ctx):
    take_payment(qtbot, page, amount="88.80", currency="CNY", order_id="flow-display-1")
    url = scanned_url(qtbot, page, ctx)
    qtbot.mouseClick(w(page, QPushButton, "copyCashierUrlButton"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == url

    qtbot.mouseClick(w(page, QPushButton, "customerDisplayButton"), Qt.MouseButton.LeftButton)
    display = page.customer_display
    assert display is not None
    qtbot.waitExposed(display)
    assert display.isFullScreen()
    assert display.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert "88.80" in display.amount.text()
    assert decode(display.qr) == [url]
    qtbot.keyClick(display, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.customer_display is None, timeout=2000)


def test_customer_display_closes_when_paid(qtbot, page, ctx):
    take_payment(qtbot, page, amount="5.00", currency="MYR", order_id="flow-display-2")
    url = scanned_url(qtbot, page, ctx)
    qtbot.mouseClick(w(page, QPushButton, "customerDisplayButton"), Qt.MouseButton.LeftButton)
    assert page.customer_display is not None
    pay(url, "TNG")
    qtbot.waitUntil(lambda: page.customer_display is None, timeout=10000)
    assert w(page, QFrame, "paymentStatus").property("status") == "succeeded"


def test_leaving_the_page_stops_watching_and_coming_back_resumes(qtbot, page, ctx):
    take_payment(qtbot, page, amount="6.00", currency="THB", order_id="flow-leave-1")
    assert page.is_watching()
    page.hide()
    assert not page.is_watching()
    pay(page.intent.cashier_url, "Rabbit LINE Pay")
    qtbot.wait(300)
    assert w(page, QFrame, "paymentStatus").property("status") == "requires_action"
    page.show()
    qtbot.waitUntil(lambda: w(page, QFrame, "paymentStatus").property("status") == "succeeded", timeout=10000)


def test_save_qr_through_the_dialog(qtbot, page, ctx, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    take_payment(qtbot, page, amount="9.99", currency="HKD", order_id="flow-save-1")
    url = scanned_url(qtbot, page, ctx)
    qtbot.mouseClick(w(page, QPushButton, "saveQrButton"), Qt.MouseButton.LeftButton)
    dialog = page.findChild(QFileDialog, "saveQrDialog")
    assert dialog is not None
    target = tmp_path / "code.png"
    dialog.selectFile(str(target))
    dialog.accept()
    qtbot.waitUntil(target.exists, timeout=5000)
    image = QImage(str(target)).convertToFormat(QImage.Format.Format_Grayscale8)
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [url]


def test_a_webhook_event_updates_the_status_at_once(qtbot, page, ctx):
    from types import SimpleNamespace

    intent = take_payment(qtbot, page, amount="1.00", currency="HKD", order_id="flow-event-1")
    page.watch_timing = (60.0, 60.0, 1.0)  # the poll would be too slow: only the event can do it
    page.hide()
    page.show()
    paid = dict(intent.raw, status="succeeded")
    page.apply_event(SimpleNamespace(id="evt_1", type="payment_intent.succeeded", data_object=paid))
    assert w(page, QFrame, "paymentStatus").property("status") == "succeeded"
    other = dict(intent.raw, id="pi_other", status="canceled")
    page.apply_event(SimpleNamespace(id="evt_2", type="payment_intent.canceled", data_object=other))
    assert w(page, QFrame, "paymentStatus").property("status") == "succeeded"
