"""The manager-PIN prompt in the refund dialog: a cashier's refund above the threshold is not sent until a
manager types their PIN; wrong PINs lock the manager after the set number of tries; the audit row names
cashier, approver and till."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from merchant_desk.services.shop.policy import ManagerPolicy
from merchant_desk.services.shop.session import ShopSession
from merchant_desk.ui.refunds.refund_dialog import RefundDialog
from merchant_desk.ui.shop.pin_dialog import PinDialog
from tests.qt_support import run_async
from tests.services.helpers import paid_intent, server_refunds


@pytest.fixture
def ctx_sandbox(sandbox):
    return sandbox


@pytest.fixture
def shop(ctx):
    session = ShopSession(ctx.ledger, "Front till")

    async def setup() -> None:
        await session.load()
        await session.save_policy(ManagerPolicy(refunds="above", refund_above={"PHP": 500}, lock_after_tries=2))
        await session.save_person("Ana", "cashier", "1111")
        await session.save_person("Mia", "manager", "7777")
        await session.sign_in("Ana", "1111")

    run_async(setup())
    return session


def start_refund(qtbot, ctx, intent, amount_text: str) -> RefundDialog:
    dialog = RefundDialog(ctx, intent)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=10_000)
    dialog.amount_edit.setText(amount_text)
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    return dialog


def pin_prompt(qtbot, parent) -> PinDialog:
    qtbot.waitUntil(lambda: (p := parent.findChild(PinDialog, "pinDialog")) is not None and p.isVisible(),
                    timeout=10_000)
    return parent.findChild(PinDialog, "pinDialog")


def type_pin(qtbot, prompt: PinDialog, name: str, pin: str, *, wait: bool = True) -> None:
    prompt.person_combo.setCurrentIndex(prompt.person_combo.findData(name))
    prompt.pin_edit.setText(pin)
    if not wait:
        qtbot.mouseClick(prompt.ok_button, Qt.MouseButton.LeftButton)
        return
    with qtbot.waitSignal(prompt.checked, timeout=10_000):
        qtbot.mouseClick(prompt.ok_button, Qt.MouseButton.LeftButton)


def test_a_cashiers_refund_above_the_threshold_waits_for_a_managers_pin(qtbot, ctx, shop):
    intent = run_async(paid_intent(ctx.client, 1000, "PHP"))
    dialog = start_refund(qtbot, ctx, intent, "8.00")
    prompt = pin_prompt(qtbot, dialog)
    assert [prompt.person_combo.itemData(i) for i in range(prompt.person_combo.count())] == ["Mia"]  # managers only
    assert run_async(server_refunds(ctx.client, intent.id)) == []  # nothing sent while it asks

    type_pin(qtbot, prompt, "Mia", "0000")
    assert "Wrong PIN" in prompt.message_label.text() and prompt.isVisible()
    with qtbot.waitSignal(dialog.refundCreated, timeout=15_000) as created:
        type_pin(qtbot, prompt, "Mia", "7777", wait=False)
    refund = created.args[0]
    assert refund.amount == 800
    assert [r.id for r in run_async(server_refunds(ctx.client, intent.id))] == [refund.id]
    [row] = ctx.ledger.audit_entries(action="refund.created")
    assert (row.object_id, row.till, row.person, row.approver) == (refund.id, "Front till", "Ana", "Mia")


def test_wrong_manager_pins_lock_and_nothing_is_sent(qtbot, ctx, shop):
    intent = run_async(paid_intent(ctx.client, 1000, "PHP"))
    dialog = start_refund(qtbot, ctx, intent, "8.00")
    prompt = pin_prompt(qtbot, dialog)
    type_pin(qtbot, prompt, "Mia", "0000")
    assert "Wrong PIN" in prompt.message_label.text()
    type_pin(qtbot, prompt, "Mia", "0001")
    assert "locked until" in prompt.message_label.text()
    prompt.message_label.clear()
    type_pin(qtbot, prompt, "Mia", "7777")  # the right PIN, but locked now
    assert "locked until" in prompt.message_label.text() and prompt.isVisible()
    qtbot.mouseClick(prompt.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "manager's approval" in dialog.message_label.text(), timeout=10_000)
    assert run_async(server_refunds(ctx.client, intent.id)) == []
    assert ctx.ledger.entries(ctx.name, kind="refund") == []


def test_below_the_threshold_a_cashier_refunds_without_a_prompt(qtbot, ctx, shop):
    intent = run_async(paid_intent(ctx.client, 1000, "PHP"))
    dialog = RefundDialog(ctx, intent)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=10_000)
    dialog.amount_edit.setText("5.00")
    with qtbot.waitSignal(dialog.refundCreated, timeout=15_000):
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.findChild(PinDialog, "pinDialog") is None
