"""The cashier's whole day with the keyboard alone: every step is a key press sent to whatever has the focus
(no clicks, no calls into the pages), the customer's wallet being the only other actor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from tests.customer import pay
from tests.qt_support import run_async
from tests.services.helpers import server_refunds
from tests.ui.helpers import window_on_screen

CTRL = Qt.KeyboardModifier.ControlModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), key, modifier)


def type_text(text: str) -> None:
    QTest.keyClicks(focused(), text)


def tab_to(qtbot, name: str, limit: int = 30) -> None:
    """Press Tab until the control named ``name`` has the focus, as a person would."""
    for _ in range(limit):
        if focused().objectName() == name:
            return
        press(Qt.Key.Key_Tab)
    assert focused().objectName() == name, f"Tab never reached {name} (stuck at {focused().objectName()})"


def open_dialog() -> QDialog | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()), None)


def dialog_comes_up(qtbot) -> QDialog:
    """Wait for the dialog a key opened. The offscreen platform has no window manager to activate a new
    window, so this does what one would: give the dialog the focus."""
    qtbot.waitUntil(lambda: open_dialog() is not None)
    dialog = open_dialog()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def dialog_goes(qtbot, window: QWidget) -> None:
    """Wait for the dialog to close, and hand the focus back to the window as a window manager would."""
    qtbot.waitUntil(lambda: open_dialog() is None)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


@pytest.fixture
def window(qtbot, tmp_path, fresh_sandbox):
    with window_on_screen(qtbot, fresh_sandbox, tmp_path / "ledger.sqlite3") as window:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        yield window
    window.close()


@pytest.mark.timeout(120)
def test_take_cancel_take_find_and_refund_with_keys_only(window, qtbot):
    page = window.payments_page

    # A payment the customer walks away from: created, then canceled.
    press(Qt.Key.Key_N, CTRL)
    assert focused().objectName() == "paymentAmount"
    type_text("8.00")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.intent is not None and page.intent.status == "requires_action", timeout=15_000)
    first = page.intent
    tab_to(qtbot, "cancelPaymentButton")
    press(Qt.Key.Key_Space)
    dialog_comes_up(qtbot)
    press(Qt.Key.Key_Return)  # the dialog's default: cancel the payment
    dialog_goes(qtbot, window)
    qtbot.waitUntil(lambda: page.intent.status == "canceled", timeout=15_000)
    assert page.intent.id == first.id

    # A payment the customer pays.
    press(Qt.Key.Key_N, CTRL)
    assert focused().objectName() == "paymentAmount"
    type_text("12.50")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.intent is not None and page.intent.id != first.id, timeout=15_000)
    paid = page.intent
    assert paid.amount == 1250
    pay(paid)
    qtbot.waitUntil(lambda: page.intent.status == "succeeded", timeout=20_000)
    assert page.findChild(QWidget, "paymentStatus").property("status") == "succeeded"

    # Find it again and refund part of it.
    press(Qt.Key.Key_F, CTRL)
    assert focused().objectName() == "paymentSearch"
    press(Qt.Key.Key_Return)
    tab_to(qtbot, "paymentsTable")
    table = focused()
    qtbot.waitUntil(lambda: table.model().rowCount() >= 2, timeout=15_000)
    press(Qt.Key.Key_Home)

    def shown_id() -> str:
        label = page.detail.findChild(QWidget, "paymentDetail_id")
        return label.text() if label is not None else ""

    for _ in range(table.model().rowCount()):
        row_id = table.model().intent_id(table.currentIndex().row())
        qtbot.waitUntil(lambda row_id=row_id: shown_id() == row_id, timeout=15_000)
        if row_id == paid.id:
            break
        press(Qt.Key.Key_Down)
    assert shown_id() == paid.id
    qtbot.waitUntil(lambda: page.detail.refund_button.isEnabled(), timeout=15_000)
    press(Qt.Key.Key_R, CTRL)
    dialog = dialog_comes_up(qtbot)
    qtbot.waitUntil(lambda: dialog.findChild(QWidget, "confirmRefundButton").isEnabled(), timeout=15_000)
    assert focused().objectName() == "refundAmount"
    press(Qt.Key.Key_A, CTRL)
    type_text("5.00")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(run_async(server_refunds(window.ctx.client, paid.id))) == 1, timeout=15_000)
    [refund] = run_async(server_refunds(window.ctx.client, paid.id))
    assert refund.amount == 500
    # The dialog closes once this app has the answer too; a window shut down before that would leave the
    # dialog waiting on screen for an answer nobody delivers any more.
    dialog_goes(qtbot, window)
