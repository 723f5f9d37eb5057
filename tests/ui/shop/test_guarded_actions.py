"""Guarded actions other than refunds: with the policy set, a cashier's webhook endpoint change and account
settings change wait for a manager's PIN; without it nothing is sent or saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from merchant_desk.services.shop.policy import ManagerPolicy
from merchant_desk.services.shop.session import ShopSession
from merchant_desk.ui.shop.pin_dialog import PinDialog
from merchant_desk.ui.webhooks.webhooks_page import WebhooksPage
from tests.qt_support import run_async
from tests.ui.helpers import shown


@pytest.fixture
def shop(ctx):
    session = ShopSession(ctx.ledger, "Front till")

    async def setup() -> None:
        await session.load()
        await session.save_policy(ManagerPolicy(webhook_endpoints=True, settings=True))
        await session.save_person("Ana", "cashier", "1111")
        await session.save_person("Mia", "manager", "7777")
        await session.sign_in("Ana", "1111")

    run_async(setup())
    return session


def answer_prompt(qtbot, parent, pin: str | None) -> None:
    qtbot.waitUntil(lambda: (p := parent.findChild(PinDialog, "pinDialog")) is not None and p.isVisible(),
                    timeout=10_000)
    prompt = parent.findChild(PinDialog, "pinDialog")
    if pin is None:
        qtbot.mouseClick(prompt.cancel_button, Qt.MouseButton.LeftButton)
    else:
        prompt.pin_edit.setText(pin)
        qtbot.mouseClick(prompt.ok_button, Qt.MouseButton.LeftButton)


def test_a_webhook_endpoint_is_created_only_with_a_managers_pin(qtbot, ctx, shop):
    page = WebhooksPage(ctx)
    with shown(qtbot, page, 1200, 760):
        qtbot.waitUntil(lambda: page.count_label.text() != "", timeout=10_000)
        page.webhook_url.setText("https://shop.example.com/hooks")
        page.create_webhook_button.click()
        answer_prompt(qtbot, page, None)
        qtbot.waitUntil(lambda: "manager's approval" in (page.create_webhook_button.property("error") or ""),
                        timeout=10_000)
        assert run_async(ctx.client.webhook_endpoints.list(limit=100)).data == []

        with qtbot.waitSignal(page.endpointCreated, timeout=15_000) as created:
            page.create_webhook_button.click()
            answer_prompt(qtbot, page, "7777")
        endpoint_id = created.args[0]
        [row] = ctx.ledger.audit_entries(action="webhook_endpoint.created")
        assert (row.object_id, row.person, row.approver) == (endpoint_id, "Ana", "Mia")
