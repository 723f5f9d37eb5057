"""Honest outcomes in the refund dialog: a refund made while the ledger was locked is reported as made (not
failed); a wallet that allows one refund says so before sending and refuses a second; an old unanswered
refund is not re-sent but offered for a decision."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from PySide6.QtCore import Qt

from merchant_desk.ledger import Ledger
from merchant_desk.services.late_retry import tag_request
from merchant_desk.services.outbox import reconcile_pending
from merchant_desk.ui.refunds.refund_dialog import RefundDialog
from tests.qt_support import run_async
from tests.services.helpers import paid_intent, server_refunds
from tests.services.test_wallet_rules import dana_payment
from tests.ui.helpers import open_context


def open_dialog(qtbot, ctx, intent) -> RefundDialog:
    dialog = RefundDialog(ctx, intent)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=10_000)
    return dialog


def test_a_refund_made_while_the_ledger_is_locked_is_reported_as_sent_and_recorded_later(qtbot, fresh_sandbox,
                                                                                          tmp_path):
    path = tmp_path / "ledger.sqlite3"
    with open_context(fresh_sandbox) as ctx:
        ctx.ledger.close()
        ctx.ledger = Ledger(path, busy_timeout=0.2)
        intent = run_async(paid_intent(ctx.client, 1000, "HKD"))
        dialog = open_dialog(qtbot, ctx, intent)
        other_process = sqlite3.connect(path, isolation_level=None)
        original = ctx.client.request

        async def request(method, url, **kwargs):
            answer = await original(method, url, **kwargs)
            if method == "POST" and url == "/v1/refunds":
                other_process.execute("BEGIN IMMEDIATE")  # another process writes just as the answer lands
            return answer

        ctx.client.request = request
        try:
            dialog.amount_edit.setText("4.00")
            with qtbot.waitSignal(dialog.refundCreated, timeout=10_000) as created:
                qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
            message = dialog.message_label.text()
            assert "The refund was sent" in message and created.args[0].id in message
            assert "failed" not in message.lower() and not dialog.message_label.property("error")
            assert dialog.isVisible() and not dialog.confirm_button.isEnabled() and dialog.cancel_button.isEnabled()
            [pending] = ctx.ledger.pending(ctx.name)
        finally:
            other_process.execute("ROLLBACK")
            other_process.close()
            ctx.client.request = original
        run_async(reconcile_pending(ctx.client, ctx.ledger, ctx.name))
        assert ctx.ledger.get(pending.idempotency_key).state == "done"
        assert [a.object_id for a in ctx.ledger.audit_entries(ctx.name)] == [created.args[0].id]
        assert [r.id for r in run_async(server_refunds(ctx.client, intent.id))] == [created.args[0].id]
        dialog.close()
        ctx.ledger.close()


def test_a_dana_payment_explains_its_rule_and_refuses_a_second_refund(qtbot, fresh_sandbox):
    with open_context(fresh_sandbox) as ctx:
        intent = run_async(dana_payment(fresh_sandbox, ctx.client))
        dialog = open_dialog(qtbot, ctx, intent)
        rule = dialog.findChild(type(dialog.wallet_rule_label), "refundWalletRule")
        assert rule.isVisible()
        assert rule.text() == "DANA allows one refund per payment: refund the whole remainder or one partial amount."
        dialog.amount_edit.setText("30")
        with qtbot.waitSignal(dialog.refundCreated, timeout=10_000):
            qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)

        second = open_dialog(qtbot, ctx, intent)
        assert "DANA allows one refund per payment, and this payment has already been refunded." in (
            second.message_label.text())
        assert not second.amount_edit.isEnabled() and not second.confirm_button.isEnabled()
        assert len(run_async(server_refunds(ctx.client, intent.id))) == 1


def test_a_payment_without_a_known_rule_shows_no_rule(qtbot, sandbox):
    with open_context(sandbox) as ctx:
        intent = run_async(paid_intent(ctx.client, 1000, "HKD"))
        dialog = open_dialog(qtbot, ctx, intent)
        assert not dialog.wallet_rule_label.isVisible() and dialog.confirm_button.isEnabled()


def park_refund(ctx, intent, amount: int = 300) -> str:
    key = f"parked-{intent.id}"
    body = tag_request({"payment_intent": intent.id, "amount": amount, "reason": "requested_by_customer"}, key)
    ctx.ledger.begin("refund", "POST", "/v1/refunds", body, account=ctx.name, idempotency_key=key)
    ctx.ledger.mark_needs_decision(key, {
        "kind": "refund", "amount": amount, "currency": "HKD", "payment_intent": intent.id, "refunded_before": 0,
        "refunded_now": None, "lookup_error": "Unrecognized request URL", "checked_at": datetime.now(UTC).isoformat(),
    }, audit_action="outbox.needs_decision")
    return key


def test_a_refund_needing_a_decision_is_not_sent_and_the_dialog_leads_to_the_decision(qtbot, fresh_sandbox):
    with open_context(fresh_sandbox) as ctx:
        intent = run_async(paid_intent(ctx.client, 1000, "HKD"))
        key = park_refund(ctx, intent)
        dialog = open_dialog(qtbot, ctx, intent)
        assert dialog.findChild(type(dialog.outcome.decision_note_label), "refundDecisionNote").isVisible()
        assert dialog.decide_button.isVisible()
        assert dialog.remainder_label.text() == "HK$7.00"  # the parked amount is kept out of the remainder
        decisions = dialog.open_decisions()
        qtbot.waitUntil(lambda: decisions.entry is not None, timeout=10_000)
        evidence = decisions.evidence_label.text()
        assert "HK$3.00" in evidence and intent.id in evidence and "WooshPay could not be asked" in evidence
        qtbot.mouseClick(decisions.drop_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not decisions.isVisible(), timeout=10_000)
        assert ctx.ledger.get(key).state == "failed"
        qtbot.waitUntil(lambda: not dialog.decide_button.isVisible() and dialog.remainder_label.text() == "HK$10.00",
                        timeout=10_000)
        assert run_async(server_refunds(ctx.client, intent.id)) == []
