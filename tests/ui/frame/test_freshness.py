"""Pages stay current: reloaded when shown, and when what they show changes (a payment made, a refund sent)
the page on screen follows without F5; the cashier's panel follows the refunds of its payment."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QPushButton, QTabWidget

from tests.customer import pay
from tests.qt_support import run_async
from tests.services.helpers import create_intent
from tests.ui.helpers import window_on_screen


@pytest.fixture
def window(qtbot, tmp_path, fresh_sandbox):
    with window_on_screen(qtbot, fresh_sandbox, tmp_path / "ledger.sqlite3") as window:
        yield window
    window.close()


def rows(window, name: str) -> int:
    view = window.findChild(QAbstractItemView, name)
    assert view is not None, name
    return view.model().rowCount() if view.model() is not None else 0


def test_a_page_shows_what_happened_while_it_was_hidden(window, qtbot):
    window.show_page_named("eventsPage")
    qtbot.waitUntil(lambda: window.events_page.findChild(QLabel, "eventsCount").text() != "", timeout=10_000)
    before = rows(window, "eventsTable")
    window.show_page_named("paymentsPage")
    # Made behind the app's back (another till, the dashboard): only showing the page again can find it.
    run_async(create_intent(window.ctx.client, 1500, "HKD"))
    window.show_page_named("eventsPage")
    qtbot.waitUntil(lambda: rows(window, "eventsTable") > before, timeout=10_000)


def test_the_page_on_screen_follows_a_payment_made_here(window, qtbot):
    window.show_page_named("refundsPage")
    tabs = window.refunds_page.findChild(QTabWidget)
    tabs.setCurrentIndex(tabs.count() - 1)  # the audit log
    qtbot.waitUntil(lambda: window.refunds_page.findChild(QLabel, "auditSummary").text() != "", timeout=10_000)
    before = rows(window, "auditTable")
    run_async(window.ctx.payments.create_payment(2500, "HKD"))  # no F5, no navigation
    qtbot.waitUntil(lambda: rows(window, "auditTable") == before + 1, timeout=10_000)


def test_the_panel_follows_refunds_of_its_payment(window, qtbot):
    page = window.payments_page
    page.findChild(QLineEdit, "paymentAmount").setText("40.00")
    page.findChild(QPushButton, "createPaymentButton").click()
    qtbot.waitUntil(lambda: page.intent is not None, timeout=10_000)
    pay(page.intent)
    qtbot.waitUntil(lambda: page.intent.status == "succeeded", timeout=15_000)
    done = page.findChild(QLabel, "paymentDoneText")
    assert done.text() == "Paid"
    run_async(window.ctx.refunds.refund(page.intent.id, 1000, "requested_by_customer"))
    qtbot.waitUntil(lambda: done.text() == "Partially refunded", timeout=10_000)
    run_async(window.ctx.refunds.refund(page.intent.id, None, "requested_by_customer"))
    qtbot.waitUntil(lambda: done.text() == "Refunded", timeout=10_000)


def test_the_detail_shows_the_cashier_url_while_the_payment_can_be_paid(window, qtbot):
    intent = run_async(create_intent(window.ctx.client, 990, "HKD"))
    window.payments_page.show_payment(intent.id)
    url = window.payments_page.findChild(QLabel, "paymentDetail_cashier_url")
    qtbot.waitUntil(lambda: url.text() == intent.cashier_url, timeout=10_000)


def test_the_list_and_the_detail_say_refunded(window, qtbot):
    from tests.services.helpers import paid_intent

    whole = run_async(paid_intent(window.ctx.client, 1000, "HKD"))
    part = run_async(paid_intent(window.ctx.client, 1000, "HKD"))
    run_async(window.ctx.refunds.refund(whole.id, None, "requested_by_customer"))
    run_async(window.ctx.refunds.refund(part.id, 400, "duplicate"))
    page = window.payments_page
    page.tabs.setCurrentIndex(1)
    model = page.model

    def status_of(intent_id: str) -> str:
        for row in range(model.rowCount()):
            if model.intent_id(row) == intent_id:
                return model.index(row, model.STATUS).data()
        return ""

    qtbot.waitUntil(lambda: status_of(whole.id) == "Refunded", timeout=10_000)
    assert status_of(part.id) == "Partially refunded"
    page.show_payment(part.id)
    status = page.findChild(QLabel, "paymentDetail_status")
    qtbot.waitUntil(lambda: status.text() == "Partially refunded", timeout=10_000)
