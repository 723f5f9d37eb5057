"""The refund dialog against the real sandbox: prefilled remainder, field checks, one send per confirm,
Retry with the same idempotency key after a dropped connection, and the full pay → refund → refund story."""

from __future__ import annotations

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from merchant_desk.ui.refunds.refund_dialog import RefundDialog
from merchant_desk.ui.refunds.refunds_page import RefundsPage
from merchant_desk.wooshpay import Client
from tests.qt_support import run_async
from tests.services.helpers import create_intent, paid_intent, server_refunds
from tests.ui.helpers import open_context


@pytest.fixture
def ctx_sandbox(sandbox):
    return sandbox


def open_dialog(qtbot, ctx, intent) -> RefundDialog:
    dialog = RefundDialog(ctx, intent)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=10_000)
    return dialog


def amount_error(dialog: RefundDialog) -> str:
    return dialog.findChild(type(dialog.amount_edit), "refundAmount").property("error") or ""


def count_refund_posts(ctx) -> list[str]:
    """Wrap the client so every POST /v1/refunds is recorded with its idempotency key."""
    keys: list[str] = []
    original = ctx.client.request

    async def request(method, path, **kwargs):
        if method == "POST" and path == "/v1/refunds":
            keys.append(kwargs.get("idempotency_key"))
        return await original(method, path, **kwargs)

    ctx.client.request = request
    return keys


def test_pay_refund_part_then_the_rest_then_nothing(qtbot, fresh_sandbox):
    with open_context(fresh_sandbox) as ctx:
        intent = run_async(paid_intent(ctx.client, 1000, "PHP"))

        dialog = open_dialog(qtbot, ctx, intent)
        amount = dialog.findChild(type(dialog.amount_edit), "refundAmount")
        assert amount.text() == "10.00"
        assert dialog.findChild(type(dialog.paid_label), "refundAlreadyRefunded").text() == "₱0.00"
        reason = dialog.findChild(type(dialog.form.reason_combo), "refundReason")
        assert [reason.itemData(i) for i in range(reason.count())] == [
            "requested_by_customer", "duplicate", "fraudulent", "resolved_dispute"]
        reason.setCurrentIndex(reason.findData("duplicate"))
        amount.setText("3.50")
        dialog.findChild(type(dialog.form.note_edit), "refundNote").setText("wrong size")
        confirm = dialog.findChild(type(dialog.confirm_button), "confirmRefundButton")
        assert confirm.isEnabled() and "3.50" in confirm.text()
        with qtbot.waitSignal(dialog.refundCreated, timeout=10_000) as created:
            qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
        first = created.args[0]
        assert (first.amount, first.reason, first.metadata["note"]) == (350, "duplicate", "wrong size")
        assert ctx.ledger.get(first.metadata["md_request"]).object_id == first.id  # the outbox key rides along
        qtbot.waitUntil(lambda: not dialog.isVisible())
        assert dialog.result() == QDialog.DialogCode.Accepted

        second = open_dialog(qtbot, ctx, intent)
        assert second.amount_edit.text() == "6.50"
        assert second.refunded_label.text() == "₱3.50"
        assert first.id in second.history_label.text()
        with qtbot.waitSignal(second.refundCreated, timeout=10_000) as created:
            qtbot.mouseClick(second.confirm_button, Qt.MouseButton.LeftButton)  # full refund: one confirm
        rest = created.args[0]
        assert rest.amount == 650

        posts = count_refund_posts(ctx)
        third = open_dialog(qtbot, ctx, intent)
        assert not third.confirm_button.isEnabled()
        assert not third.amount_edit.isEnabled()
        assert "refunded in full" in third.message_label.text()
        qtbot.mouseClick(third.confirm_button, Qt.MouseButton.LeftButton)
        third._on_confirm()  # even a direct call sends nothing
        qtbot.wait(200)
        assert posts == []
        assert sorted(r.amount for r in run_async(server_refunds(ctx.client, intent.id))) == [350, 650]

        page = RefundsPage(ctx)
        qtbot.addWidget(page)
        table = page.findChild(type(page.table), "refundsTable")
        qtbot.waitUntil(lambda: table.model().rowCount() == 2 and not page.model.loading, timeout=10_000)
        assert [table.model().refund_at(r).id for r in range(2)] == [rest.id, first.id]


@pytest.mark.parametrize(
    "text, fragment",
    [("0", "more than zero"), ("0.00", "more than zero"), ("12.345", "decimals"), ("20.01", "At most"),
     ("abc", "not a number"), ("", "Enter an amount"), ("-1", "negative")],
)
def test_bad_amounts_are_refused_at_the_field(qtbot, ctx, text, fragment):
    intent = run_async(paid_intent(ctx.client, 2000, "PHP"))
    dialog = open_dialog(qtbot, ctx, intent)
    assert amount_error(dialog) == "" and dialog.confirm_button.isEnabled()
    dialog.amount_edit.setText(text)
    assert fragment in amount_error(dialog)
    assert dialog.amount_error.isVisibleTo(dialog) and fragment in dialog.amount_error.text()
    assert not dialog.confirm_button.isEnabled()
    dialog.amount_edit.setText("20.00")
    assert amount_error(dialog) == "" and dialog.confirm_button.isEnabled()


def test_confirm_cannot_send_twice(qtbot, ctx):
    intent = run_async(paid_intent(ctx.client, 1000, "PHP"))
    dialog = open_dialog(qtbot, ctx, intent)
    posts = count_refund_posts(ctx)
    dialog.amount_edit.setText("1.00")
    with qtbot.waitSignal(dialog.refundCreated, timeout=10_000):
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
        dialog._on_confirm()
    dialog._on_confirm()
    qtbot.wait(200)
    assert len(posts) == 1
    assert len(run_async(server_refunds(ctx.client, intent.id))) == 1


def test_dropped_connection_then_retry_reuses_the_key(qtbot, fresh_sandbox):
    with open_context(fresh_sandbox) as ctx:
        run_async(ctx.client.aclose())
        # One attempt only, so the dialog (not the client's own retry) meets the dropped connection.
        ctx.client = Client(fresh_sandbox.secret_key, base_url=fresh_sandbox.base_url, max_attempts=1)
        intent = run_async(paid_intent(ctx.client, 1000, "PHP"))
        dialog = open_dialog(qtbot, ctx, intent)
        posts = count_refund_posts(ctx)
        dialog.amount_edit.setText("4.00")
        httpx.post(f"{fresh_sandbox.base_url}/_sandbox/faults", json={"drop_next": 1}, timeout=10).raise_for_status()
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
        retry = dialog.findChild(type(dialog.retry_button), "retryRefundButton")
        qtbot.waitUntil(lambda: retry.isVisibleTo(dialog), timeout=10_000)
        assert dialog.message_label.property("error")
        assert not dialog.confirm_button.isEnabled()
        assert dialog.amount_edit.isReadOnly()  # the request is fixed now
        key = dialog.request_handle.key
        assert ctx.ledger.get(key).state == "pending"

        with qtbot.waitSignal(dialog.refundCreated, timeout=10_000) as created:
            qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
        assert posts == [key, key]
        on_server = run_async(server_refunds(ctx.client, intent.id))
        assert [r.id for r in on_server] == [created.args[0].id] and on_server[0].amount == 400
        assert ctx.ledger.get(key).state == "done"
        assert [e.object_id for e in ctx.ledger.audit_entries(ctx.name) if e.action == "refund.created"] == [
            on_server[0].id]


def test_unpaid_payment_is_not_refundable(qtbot, ctx):
    intent = run_async(create_intent(ctx.client, 1000, "PHP"))
    dialog = open_dialog(qtbot, ctx, intent)
    assert not dialog.confirm_button.isEnabled()
    assert "succeeded" in dialog.message_label.text()
    assert dialog.remainder_label.text() == "₱0.00"


def test_the_dialog_cannot_be_closed_while_the_refund_is_out(qtbot, ctx):
    """Close, Esc or the window's × while the request is in flight would hide whether money left."""
    import asyncio

    intent = run_async(paid_intent(ctx.client, 1000, "PHP"))
    dialog = open_dialog(qtbot, ctx, intent)
    release = asyncio.Event()
    original = ctx.client.request

    async def slow(method, path, **kwargs):
        if method == "POST" and path == "/v1/refunds":
            await release.wait()
        return await original(method, path, **kwargs)

    ctx.client.request = slow
    try:
        dialog.amount_edit.setText("2.00")
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.busy and not dialog.cancel_button.isEnabled(), timeout=5_000)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        dialog.reject()
        dialog.close()
        assert dialog.isVisible() and dialog.result() == 0
        with qtbot.waitSignal(dialog.refundCreated, timeout=10_000):
            release.set()
        assert dialog.result() == QDialog.DialogCode.Accepted
    finally:
        ctx.client.request = original
