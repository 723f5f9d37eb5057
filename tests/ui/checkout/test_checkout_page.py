"""The checkout page against the real sandbox: line items in one currency, create, scan the QR, pay on
the session page as the customer would, and watch the status turn complete/paid; expire; validation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QWidget,
)

from merchant_desk.ui.checkout.checkout_page import CheckoutPage
from tests.customer import pay
from tests.qt_support import run_async
from tests.ui.helpers import decode, shown, w


@pytest.fixture
def page(qtbot, ctx):
    page = CheckoutPage(ctx)
    page.poll_interval, page.poll_max = 0.05, 0.2
    with shown(qtbot, page, 1200, 760):
        yield page


def set_row(page, row: int, name: str, price: str, quantity: str) -> None:
    table = w(page, QTableWidget, "checkoutLineItems")
    for col, text in enumerate((name, price, quantity)):
        table.item(row, col).setText(text)


def fill_two_items(qtbot, page, currency="HKD"):
    combo = w(page, QComboBox, "checkoutCurrency")
    combo.setCurrentIndex(combo.findData(currency))
    table = w(page, QTableWidget, "checkoutLineItems")
    assert table.rowCount() == 1  # one empty row to start with
    set_row(page, 0, "Milk tea", "28.50", "2")
    qtbot.mouseClick(w(page, QPushButton, "addLineItemButton"), Qt.MouseButton.LeftButton)
    assert table.rowCount() == 2
    set_row(page, 1, "Egg tart", "9.00", "3")


def create(qtbot, page):
    with qtbot.waitSignal(page.sessionCreated, timeout=10000) as created:
        qtbot.mouseClick(w(page, QPushButton, "createSessionButton"), Qt.MouseButton.LeftButton)
    return created.args[0]


def sessions_on_server(ctx):
    return run_async(ctx.client.checkout_sessions.list(limit=100)).data


def test_two_items_scan_pay_and_complete(qtbot, page, ctx):
    fill_two_items(qtbot, page)
    assert w(page, QLabel, "checkoutTotal").text() == "Total: HK$84.00"
    session_id = create(qtbot, page)

    on_server = run_async(ctx.client.checkout_sessions.retrieve(session_id))
    assert on_server.amount_total == 2850 * 2 + 900 * 3 and on_server.currency == "HKD"
    names = [(li.description, li.quantity, li.price.unit_amount) for li in on_server.line_items]
    assert names == [("Milk tea", 2, 2850), ("Egg tart", 3, 900)]
    raw = on_server.raw
    assert raw["payment_method_types"] == ["alipayplus"]
    assert raw["payment_method_options"]["alipayplus"]["terminal_type"] == "WEB"

    qr = w(page, QWidget, "checkoutQrView")
    qtbot.waitUntil(lambda: bool(decode(qr)), timeout=5000)
    assert decode(qr) == [on_server.url]
    assert w(page, QLineEdit, "checkoutUrl").text() == on_server.url
    status = w(page, QLabel, "checkoutStatus")
    assert status.property("status") == "open" and status.property("paymentStatus") == "unpaid"
    assert w(page, QPushButton, "expireSessionButton").isEnabled()

    pay(on_server.url, "AlipayHK")
    qtbot.waitUntil(lambda: status.property("status") == "complete", timeout=10000)
    assert status.property("paymentStatus") == "paid"
    assert "Paid" in status.text()
    assert not w(page, QPushButton, "expireSessionButton").isEnabled()
    assert not qr.isVisible()  # nobody should scan a paid session again

    (entry,) = ctx.ledger.entries(kind="checkout_session")
    assert entry.state == "done" and entry.object_id == session_id
    assert ("checkout_session.created", session_id) in [(a.action, a.object_id) for a in ctx.ledger.audit_entries()]


def test_expire_closes_the_session(qtbot, page, ctx):
    fill_two_items(qtbot, page, currency="PHP")
    session_id = create(qtbot, page)
    status = w(page, QLabel, "checkoutStatus")
    qtbot.mouseClick(w(page, QPushButton, "expireSessionButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status.property("status") == "expired", timeout=10000)
    assert run_async(ctx.client.checkout_sessions.retrieve(session_id)).status == "expired"
    assert not w(page, QWidget, "checkoutQrView").isVisible()
    assert ("checkout_session.expired", session_id) in [(a.action, a.object_id) for a in ctx.ledger.audit_entries()]

    # Another session afterwards is independent of the expired one.
    other = create(qtbot, page)
    assert other != session_id
    qtbot.waitUntil(lambda: status.property("status") == "open", timeout=5000)


def test_one_currency_for_every_item(qtbot, page, ctx):
    table = w(page, QTableWidget, "checkoutLineItems")
    # No per-item currency column: the session currency is the only one an item can have.
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert table.columnCount() == 3 and "(CNY)" in headers[1]
    combo = w(page, QComboBox, "checkoutCurrency")
    assert [combo.itemData(i) for i in range(combo.count())] == ["CNY", "HKD", "GBP", "IDR", "MYR", "PHP", "THB"]
    fill_two_items(qtbot, page, currency="GBP")
    assert "(GBP)" in table.horizontalHeaderItem(1).text()
    create(qtbot, page)
    (entry,) = ctx.ledger.entries(kind="checkout_session")
    assert {li["price_data"]["currency"] for li in entry.body["line_items"]} == {"GBP"}


@pytest.mark.parametrize(
    "name, price, quantity, column",
    [("", "10.00", "1", 0), ("Tea", "", "1", 1), ("Tea", "abc", "1", 1), ("Tea", "1.234", "1", 1),
     ("Tea", "0", "1", 1), ("Tea", "-5", "1", 1), ("Tea", "10", "0", 2), ("Tea", "10", "x", 2)],
)
def test_bad_line_items_are_flagged_and_nothing_is_sent(qtbot, page, ctx, name, price, quantity, column):
    combo = w(page, QComboBox, "checkoutCurrency")
    combo.setCurrentIndex(combo.findData("HKD"))
    set_row(page, 0, name, price, quantity)
    qtbot.mouseClick(w(page, QPushButton, "createSessionButton"), Qt.MouseButton.LeftButton)
    table = w(page, QTableWidget, "checkoutLineItems")
    assert table.property("error")
    assert table.item(0, column).toolTip()
    qtbot.wait(100)
    assert sessions_on_server(ctx) == []
    assert ctx.ledger.entries(kind="checkout_session") == []


def test_no_items_and_bad_urls_are_flagged(qtbot, page, ctx):
    qtbot.mouseClick(w(page, QPushButton, "createSessionButton"), Qt.MouseButton.LeftButton)
    assert "at least one" in w(page, QTableWidget, "checkoutLineItems").property("error")
    set_row(page, 0, "Tea", "10", "1")
    success = w(page, QLineEdit, "checkoutSuccessUrl")
    success.setText("www.example.com")
    cancel = w(page, QLineEdit, "checkoutCancelUrl")
    cancel.setText("")
    qtbot.mouseClick(w(page, QPushButton, "createSessionButton"), Qt.MouseButton.LeftButton)
    assert success.property("error") and cancel.property("error")
    assert not w(page, QTableWidget, "checkoutLineItems").property("error")
    qtbot.wait(100)
    assert sessions_on_server(ctx) == []


def test_switching_to_a_zero_decimal_currency_rejudges_prices(qtbot, page):
    combo = w(page, QComboBox, "checkoutCurrency")
    combo.setCurrentIndex(combo.findData("HKD"))
    set_row(page, 0, "Tea", "12.50", "1")
    table = w(page, QTableWidget, "checkoutLineItems")
    assert not table.property("error")
    combo.setCurrentIndex(combo.findData("IDR"))  # IDR has no minor units in our table
    assert table.property("error")
    set_row(page, 0, "Tea", "12500", "2")
    assert not table.property("error")
    assert page.total_minor() == 25000


def test_remove_line_item(qtbot, page):
    fill_two_items(qtbot, page)
    table = w(page, QTableWidget, "checkoutLineItems")
    table.selectRow(0)
    qtbot.mouseClick(w(page, QPushButton, "removeLineItemButton"), Qt.MouseButton.LeftButton)
    assert table.rowCount() == 1 and table.item(0, 0).text() == "Egg tart"
    assert page.total_minor() == 2700


def test_double_click_creates_one_session(qtbot, page, ctx):
    set_row(page, 0, "Tea", "10", "1")
    with qtbot.waitSignal(page.sessionCreated, timeout=10000):
        page.create_from_form()
        page.create_from_form()
    qtbot.wait(200)
    assert len(sessions_on_server(ctx)) == 1
