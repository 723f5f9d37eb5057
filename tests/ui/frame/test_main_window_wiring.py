"""How the pages work together inside the main window: refund from the payments list (button, context
menu, shortcut), a refund's row opening its payment, webhooks reaching the payment being taken, and the
outbox being reconciled when an account opens."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence

from merchant_desk.ledger import Ledger
from merchant_desk.services.webhook_inspector import ReceivedWebhook
from merchant_desk.ui.refunds.refund_dialog import RefundDialog
from merchant_desk.wooshpay import PaymentIntent
from tests.qt_support import run_async
from tests.services.test_refunds import create_intent, paid_intent, server_refunds
from tests.ui.frame.test_main_window import open_window  # noqa: F401  (fixture)


@pytest.fixture
def window(open_window, fresh_sandbox):  # noqa: F811
    return open_window(base_url=fresh_sandbox.base_url, secret_key=fresh_sandbox.secret_key)


def test_refund_action_has_a_shortcut_and_follows_the_refund_button(window, qtbot):
    intent = run_async(paid_intent(window.ctx.client))
    page = window.payments_page
    action = page.refund_action
    assert action.shortcut() == QKeySequence("Ctrl+R")
    assert action in page.table.actions()

    window.open_payment(intent.id)
    assert window.current_page() is page
    qtbot.waitUntil(lambda: page.detail.intent is not None and page.detail.intent.id == intent.id, timeout=10_000)
    qtbot.waitUntil(lambda: action.isEnabled(), timeout=10_000)

    action.trigger()
    dialog = page.detail.findChild(RefundDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_refund_action_is_off_for_an_unpaid_payment(window, qtbot):
    intent = run_async(create_intent(window.ctx.client, 500, "HKD"))
    page = window.payments_page
    window.open_payment(intent.id)
    qtbot.waitUntil(lambda: page.detail.intent is not None and page.detail.intent.id == intent.id, timeout=10_000)
    assert not page.refund_action.isEnabled()
    assert page.refund_action.toolTip()
    page.refund_action.trigger()
    assert page.detail.findChild(RefundDialog) is None


def test_a_refund_row_opens_its_payment(window, qtbot):
    intent = run_async(paid_intent(window.ctx.client))
    window.show_page_named("refundsPage")
    window.refunds_page.openPaymentRequested.emit(intent.id)
    assert window.current_page() is window.payments_page
    assert window.payments_page.tabs.currentIndex() == 1
    qtbot.waitUntil(
        lambda: window.payments_page.detail.intent is not None and window.payments_page.detail.intent.id == intent.id,
        timeout=10_000,
    )


def test_a_verified_webhook_updates_the_payment_being_taken(window, qtbot, monkeypatch):
    page = window.payments_page
    intent = run_async(create_intent(window.ctx.client, 700, "HKD"))
    page.apply_update(intent)
    seen = []
    monkeypatch.setattr(page, "apply_event", lambda event: seen.append(event))

    succeeded = dict(intent.raw, status="succeeded")
    event = {"id": "evt_1", "object": "event", "type": "payment_intent.succeeded", "data": {"object": succeeded}}
    common = dict(received_at=None, method="POST", path="/", headers={}, body=b"", secret_label=None, event=event)
    window._on_webhook(ReceivedWebhook(verified=False, reason="bad signature", **common))
    assert seen == []  # an unverified delivery is shown on the Events page but changes nothing
    window._on_webhook(ReceivedWebhook(verified=True, reason=None, **common))
    assert len(seen) == 1
    assert PaymentIntent.from_dict(seen[0].data_object).status == "succeeded"


def test_opening_an_account_resolves_what_a_previous_run_left_unsent(open_window, fresh_sandbox, tmp_path, qtbot):  # noqa: F811
    ledger_path = tmp_path / "ledger.sqlite3"
    first = open_window(base_url=fresh_sandbox.base_url, secret_key=fresh_sandbox.secret_key, ledger_path=ledger_path)
    intent = run_async(paid_intent(first.ctx.client))
    account = first.ctx.name
    run_async(first.shutdown())
    first.close()

    # A refund written to the outbox, as just before a crash that came before the request left.
    ledger = Ledger(ledger_path)
    entry = ledger.begin("refund", "POST", "/v1/refunds", {"payment_intent": intent.id, "amount": 300},
                         account=account)
    ledger.close()

    second = open_window(base_url=fresh_sandbox.base_url, secret_key=fresh_sandbox.secret_key, ledger_path=ledger_path)
    qtbot.waitUntil(lambda: not second.ctx.ledger.pending(account=account), timeout=15_000)
    assert second.ctx.ledger.get(entry.idempotency_key).state == "done"
    refunds = run_async(server_refunds(second.ctx.client, intent.id))
    assert [r.amount for r in refunds] == [300]


def test_context_menu_offers_refund(window, qtbot):
    intent = run_async(paid_intent(window.ctx.client))
    page = window.payments_page
    window.show_page_named("paymentsPage")
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.model.rowCount() >= 1, timeout=10_000)
    row = next(r for r in range(page.model.rowCount()) if page.model.intent_id(r) == intent.id)
    pos = page.table.visualRect(page.model.index(row, 0)).center()
    page.table.customContextMenuRequested.emit(pos)
    menu = page.list._menu
    assert page.refund_action in menu.actions()
    assert page.table.currentIndex().row() == row
    menu.close()


def test_a_refund_from_the_payment_refreshes_refunds_and_says_so(window, qtbot, monkeypatch):
    intent = run_async(paid_intent(window.ctx.client))
    refreshed = []
    monkeypatch.setattr(window.refunds_page, "refresh", lambda: refreshed.append(True))
    refund = run_async(window.ctx.refunds.refund(intent, 250, "requested_by_customer"))
    window.payments_page.refundCreated.emit(refund)
    assert refreshed == [True]
    message = window.statusBar().currentMessage()
    assert refund.id in message and "2.50" in message


def test_a_paid_payment_and_a_refund_reload_the_overview(window, qtbot, monkeypatch):
    overview = window.overview_page
    noted = []
    monkeypatch.setattr(overview, "note_activity", lambda: noted.append(True))
    intent = run_async(paid_intent(window.ctx.client, 900, "HKD"))
    event = {"id": "evt_2", "object": "event", "type": "payment_intent.succeeded", "data": {"object": intent.raw}}
    common = dict(received_at=None, method="POST", path="/", headers={}, body=b"", secret_label=None, event=event)
    window._on_webhook(ReceivedWebhook(verified=False, reason="bad signature", **common))
    assert noted == []
    window._on_webhook(ReceivedWebhook(verified=True, reason=None, **common))
    assert noted == [True]
    created = dict(common, event={"id": "evt_3", "object": "event", "type": "payment_intent.created",
                                  "data": {"object": intent.raw}})
    window._on_webhook(ReceivedWebhook(verified=True, reason=None, **created))
    assert noted == [True]  # a payment only created has not brought anything in yet
    refund = run_async(window.ctx.client.refunds.create(intent.id, amount=100))
    window._on_refund_created(refund)
    assert noted == [True, True]
