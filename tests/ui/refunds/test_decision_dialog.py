"""Requests that need a decision: the refunds page's banner, the decision dialog's three choices, and the
notice the main window shows at start-up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from merchant_desk.app import create_main_window
from merchant_desk.ledger import Ledger
from merchant_desk.ui.refunds.decision_dialog import DecisionDialog
from merchant_desk.ui.refunds.refunds_page import RefundsPage
from tests.app.fakes import MemoryKeyStore
from tests.qt_support import run_async
from tests.services.helpers import make_client, paid_intent, server_refunds
from tests.ui.helpers import open_context, shown
from tests.ui.refunds.test_refund_outcomes import park_refund


def decision_dialog() -> DecisionDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, DecisionDialog) and widget.isVisible():
            return widget
    return None


def test_the_refunds_page_leads_to_the_decision_and_mark_done_sends_nothing(qtbot, fresh_sandbox):
    with open_context(fresh_sandbox) as ctx:
        intent = run_async(paid_intent(ctx.client, 1000, "HKD"))
        key = park_refund(ctx, intent)
        with shown(qtbot, RefundsPage(ctx)) as page:
            banner = page.decision_banner
            qtbot.waitUntil(banner.isVisible, timeout=10_000)
            assert banner.objectName() == "decisionBanner" and "1 old request" in banner.label.text()
            qtbot.mouseClick(banner.decide_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: decision_dialog() is not None and decision_dialog().entry is not None,
                            timeout=10_000)
            dialog = decision_dialog()
            assert dialog.objectName() == "decisionDialog"
            assert {b.objectName() for b in dialog.findChildren(QPushButton)} >= {
                "markDoneButton", "sendAgainButton", "dropRequestButton", "decideLaterButton"}
            qtbot.mouseClick(dialog.mark_done_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
            assert ctx.ledger.get(key).state == "done"
            qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10_000)
            assert "outbox.marked_done" in [a.action for a in ctx.ledger.audit_entries(ctx.name)]
        assert run_async(server_refunds(ctx.client, intent.id)) == []


def test_send_again_makes_one_new_refund_and_moves_on_to_the_next_request(qtbot, fresh_sandbox):
    with open_context(fresh_sandbox) as ctx:
        first = run_async(paid_intent(ctx.client, 1000, "HKD"))
        second = run_async(paid_intent(ctx.client, 1000, "HKD"))
        first_key = park_refund(ctx, first, 300)
        second_key = park_refund(ctx, second, 500)
        dialog = DecisionDialog(ctx)
        qtbot.addWidget(dialog)
        dialog.open()
        qtbot.waitUntil(lambda: dialog.entry is not None, timeout=10_000)
        assert dialog.entry.idempotency_key == first_key and "2 requests" in dialog.title_label.text()
        qtbot.mouseClick(dialog.send_again_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.entry is not None and dialog.entry.idempotency_key == second_key,
                        timeout=10_000)
        assert [r.amount for r in run_async(server_refunds(ctx.client, first.id))] == [300]
        assert "HK$5.00" in dialog.evidence_label.text()
        qtbot.mouseClick(dialog.later_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible() and ctx.ledger.get(second_key).state == "needs_decision"
        assert run_async(server_refunds(ctx.client, second.id)) == []


def test_the_main_window_says_at_start_up_that_requests_need_a_decision(qtbot, fresh_sandbox, tmp_path):
    path = tmp_path / "ledger.sqlite3"
    with open_context(fresh_sandbox, path) as ctx:
        intent = run_async(paid_intent(ctx.client, 1000, "HKD"))
        park_refund(ctx, intent)
        ctx.ledger.close()
    window = create_main_window(base_url=fresh_sandbox.base_url, secret_key=fresh_sandbox.secret_key,
                                ledger_path=path, keystore=MemoryKeyStore())
    try:
        window.show()
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "decisionNotice") is not None, timeout=10_000)
        notice = window.findChild(QMessageBox, "decisionNotice")
        qtbot.waitUntil(notice.isVisible)
        assert "1 request(s)" in notice.text()
        qtbot.mouseClick(notice.findChild(QPushButton, "decideNowButton"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: decision_dialog() is not None and decision_dialog().entry is not None,
                        timeout=10_000)
        assert intent.id in decision_dialog().evidence_label.text()
        decision_dialog().reject()
    finally:
        run_async(window.shutdown())
        window.close()
        window.deleteLater()
    with Ledger(path) as ledger:
        assert [e.state for e in ledger.entries()] == ["needs_decision"]  # nothing was sent by opening it
    async def count():
        async with make_client(fresh_sandbox) as client:
            return await server_refunds(client, intent.id)
    assert run_async(count()) == []


def test_a_parked_payment_is_described_in_words_not_by_its_api_path(qtbot, sandbox):
    with open_context(sandbox) as ctx:
        entry = ctx.ledger.begin("payment_intent.create", "POST", "/v1/payment_intents",
                                 {"amount": 500, "currency": "HKD"}, account=ctx.name)
        ctx.ledger.mark_needs_decision(entry.idempotency_key, {"kind": "payment_intent.create", "amount": 500})
        dialog = DecisionDialog(ctx)
        qtbot.addWidget(dialog)
        dialog.open()
        qtbot.waitUntil(lambda: dialog.entry is not None, timeout=10_000)
        text = dialog.evidence_label.text()
        assert "create a payment" in text and "/v1/" not in text
        dialog.reject()
