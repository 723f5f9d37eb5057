"""The webhooks page against the real sandbox: create (secret shown once), list, delete with a confirm
box, field validation that keeps bad requests from leaving, and the local inspector's registration."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
)

from merchant_desk.ui.webhooks.webhooks_page import WebhooksPage, url_problem
from tests.qt_support import run_async
from tests.ui.helpers import click, shown, w


@pytest.fixture
def page(qtbot, ctx):
    page = WebhooksPage(ctx)
    with shown(qtbot, page, 1200, 760):
        qtbot.waitUntil(lambda: page.count_label.text() != "", timeout=10000)  # first load finished
        yield page


def check_only(page, events: list[str]) -> None:
    lst = w(page, QListWidget, "webhookEvents")
    for i in range(lst.count()):
        item = lst.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.text() in events else Qt.CheckState.Unchecked)


def server_endpoints(ctx):
    return run_async(ctx.client.webhook_endpoints.list(limit=100)).data


def test_contract_names_and_defaults(page):
    for cls, name in [(QLineEdit, "webhookUrl"), (QLineEdit, "webhookDescription"), (QListWidget, "webhookEvents"),
                      (QLineEdit, "webhookApiVersion"), (QPushButton, "createWebhookButton"),
                      (QTableWidget, "webhooksTable"), (QPushButton, "deleteWebhookButton")]:
        widget = w(page, cls, name)
        assert widget.accessibleName(), name
    assert w(page, QLineEdit, "webhookApiVersion").text() == "1.0.1"
    events = w(page, QListWidget, "webhookEvents")
    texts = [events.item(i).text() for i in range(events.count())]
    assert {"payment_intent.created", "payment_intent.succeeded", "payment_intent.payment_failed",
            "payment_intent.canceled", "payment_intent.requires_action", "charge.refund.updated",
            "checkout.session.completed", "checkout.session.expired", "*"} == set(texts)
    assert all(events.item(i).flags() & Qt.ItemFlag.ItemIsUserCheckable for i in range(events.count()))
    assert not w(page, QPushButton, "deleteWebhookButton").isEnabled()


def test_create_shows_the_secret_once_and_lists_the_endpoint(qtbot, page, ctx):
    qtbot.keyClicks(w(page, QLineEdit, "webhookUrl"), "https://shop.example.com/hooks")
    qtbot.keyClicks(w(page, QLineEdit, "webhookDescription"), "Order system")
    check_only(page, ["payment_intent.succeeded", "checkout.session.completed"])
    with qtbot.waitSignal(page.endpointCreated, timeout=10000) as created:
        click(qtbot, page, "createWebhookButton")
    endpoint_id = created.args[0]

    (on_server,) = server_endpoints(ctx)
    assert on_server.id == endpoint_id
    assert on_server.url == "https://shop.example.com/hooks"
    assert sorted(on_server.enabled_events) == ["checkout.session.completed", "payment_intent.succeeded"]
    assert on_server.description == "Order system"
    assert on_server.api_version == "1.0.1"

    secret = w(page, QLineEdit, "webhookSecret").text()
    assert secret.startswith("whsec_") and page.secret_panel.isVisible()
    assert "only" in page.secret_warning.text()
    click(qtbot, page, "copySecretButton")
    from PySide6.QtGui import QGuiApplication
    assert QGuiApplication.clipboard().text() == secret
    click(qtbot, page, "dismissSecretButton")
    assert not page.secret_panel.isVisible() and w(page, QLineEdit, "webhookSecret").text() == ""

    qtbot.waitUntil(lambda: page.endpoint_ids() == [endpoint_id], timeout=5000)
    table = w(page, QTableWidget, "webhooksTable")
    assert table.item(0, 0).text() == "https://shop.example.com/hooks"
    assert "Payment succeeded" in table.item(0, 1).text()  # in words; the codes are the tooltip
    assert "payment_intent.succeeded" in table.item(0, 1).toolTip()
    assert endpoint_id in table.item(0, 0).toolTip()

    # Ledger first, and the secret stays out of it.
    (entry,) = ctx.ledger.entries(kind="webhook_endpoint")
    assert entry.state == "done" and entry.object_id == endpoint_id
    assert entry.body["url"] == "https://shop.example.com/hooks"
    assert "secret" not in entry.response and secret not in str(entry.response)
    actions = [(a.action, a.object_id) for a in ctx.ledger.audit_entries()]
    assert ("webhook_endpoint.created", endpoint_id) in actions
    assert all(secret not in str(a.details) for a in ctx.ledger.audit_entries())


def test_delete_asks_first_and_removes_it_from_the_server(qtbot, page, ctx):
    keep = run_async(ctx.client.webhook_endpoints.create(url="https://a.example.com/h", enabled_events=["*"]))
    gone = run_async(ctx.client.webhook_endpoints.create(url="https://b.example.com/h",
                                                         enabled_events=["payment_intent.created"]))
    page.refresh()
    qtbot.waitUntil(lambda: sorted(page.endpoint_ids()) == sorted([keep.id, gone.id]), timeout=5000)

    # Cancel leaves everything in place.
    assert page.select_endpoint(gone.id)
    click(qtbot, page, "deleteWebhookButton")
    box = page.confirm_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: page.confirm_box is None, timeout=2000)
    assert {e.id for e in server_endpoints(ctx)} == {keep.id, gone.id}

    assert page.select_endpoint(gone.id)
    click(qtbot, page, "deleteWebhookButton")
    with qtbot.waitSignal(page.endpointDeleted, timeout=10000):
        page.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    assert [e.id for e in server_endpoints(ctx)] == [keep.id]
    qtbot.waitUntil(lambda: page.endpoint_ids() == [keep.id], timeout=5000)
    actions = [(a.action, a.object_id) for a in ctx.ledger.audit_entries()]
    assert ("webhook_endpoint.deleted", gone.id) in actions


@pytest.mark.parametrize("url", ["", "ftp://example.com/hook", "example.com/hook", "https://", "http://exa mple.com"])
def test_invalid_url_is_flagged_and_nothing_is_sent(qtbot, page, ctx, url):
    field = w(page, QLineEdit, "webhookUrl")
    field.setText(url)
    click(qtbot, page, "createWebhookButton")
    assert field.property("error")
    assert page.url_error.isVisible() and page.url_error.text()
    qtbot.wait(100)
    assert server_endpoints(ctx) == []
    assert ctx.ledger.entries(kind="webhook_endpoint") == []
    # Fixing it clears the flag as the user types.
    field.clear()
    qtbot.keyClicks(field, "https://example.com/ok")
    assert not field.property("error")


def test_no_event_is_flagged_and_nothing_is_sent(qtbot, page, ctx):
    w(page, QLineEdit, "webhookUrl").setText("https://example.com/hooks")
    check_only(page, [])
    click(qtbot, page, "createWebhookButton")
    events = w(page, QListWidget, "webhookEvents")
    assert events.property("error")
    qtbot.wait(100)
    assert server_endpoints(ctx) == []
    check_only(page, ["charge.refund.updated"])
    assert not events.property("error")


def test_all_events_sends_only_the_wildcard(qtbot, page, ctx):
    w(page, QLineEdit, "webhookUrl").setText("https://example.com/all")
    check_only(page, ["payment_intent.created", "*"])
    assert page.checked_events() == ["*"]
    with qtbot.waitSignal(page.endpointCreated, timeout=10000):
        click(qtbot, page, "createWebhookButton")
    assert server_endpoints(ctx)[0].enabled_events == ["*"]


def test_double_click_creates_one_endpoint(qtbot, page, ctx):
    w(page, QLineEdit, "webhookUrl").setText("https://example.com/once")
    button = w(page, QPushButton, "createWebhookButton")
    with qtbot.waitSignal(page.endpointCreated, timeout=10000):
        page.create_from_form()
        page.create_from_form()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.wait(200)
    assert len(server_endpoints(ctx)) == 1


def test_url_rules_for_live_accounts():
    assert url_problem("http://example.com/h", live=False) is None
    assert url_problem("http://example.com/h", live=True)
    assert url_problem("https://example.com/h", live=True) is None
    assert url_problem("http://127.0.0.1:8080/h", live=True) is None
    assert url_problem("http://localhost/h", live=True) is None
    assert url_problem("http://[::1]:9/h", live=True) is None
    assert url_problem("http://example.com:99999/h", live=False)


def test_live_account_flags_plain_http(qtbot, page, ctx):
    ctx.mode = "live"
    field = w(page, QLineEdit, "webhookUrl")
    field.setText("http://shop.example.com/hooks")
    click(qtbot, page, "createWebhookButton")
    assert "https" in field.property("error")
    qtbot.wait(100)
    assert server_endpoints(ctx) == []


def test_inspector_registers_and_unregisters_itself(qtbot, page, ctx):
    button = w(page, QPushButton, "startInspectorButton")
    assert button.text() == "Start inspector"
    with qtbot.waitSignal(page.inspectorChanged, timeout=10000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    inspector = page.inspector
    assert inspector.running
    (endpoint,) = server_endpoints(ctx)
    assert endpoint.url == inspector.url and endpoint.enabled_events == ["*"]
    assert inspector.secret_labels() == [endpoint.id]
    assert button.text() == "Stop inspector" and inspector.url in page.inspector_state.text()
    qtbot.waitUntil(lambda: page.endpoint_ids() == [endpoint.id], timeout=5000)

    with qtbot.waitSignal(page.inspectorChanged, timeout=10000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not inspector.running
    assert server_endpoints(ctx) == []
    assert button.text() == "Start inspector"
