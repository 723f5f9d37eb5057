"""The events page against the real sandbox: events newest first, the type filter, raw JSON, paging, and
the inspector's received webhooks marked verified or not."""

from __future__ import annotations

import json
import time

import httpx
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QPushButton, QTableWidget

from merchant_desk.ui.events.events_page import EventsPage
from merchant_desk.ui.webhooks.webhooks_page import WebhooksPage
from merchant_desk.wooshpay.webhooks import sign
from tests.customer import pay
from tests.qt_support import run_async
from tests.services.helpers import create_intent
from tests.ui.helpers import settled, show_page, w


def new_intent(ctx, amount=1000, currency="PHP"):
    return run_async(create_intent(ctx.client, amount, currency))


def make_page(qtbot, cls, ctx):
    return show_page(qtbot, cls(ctx))


def test_lists_events_newest_first_with_filter_and_raw_json(qtbot, ctx):
    first = new_intent(ctx)
    second = new_intent(ctx)
    pay(second, "GCash")
    server = run_async(ctx.client.events.list(limit=100)).data
    assert server, "the sandbox records events"

    page = make_page(qtbot, EventsPage, ctx)
    qtbot.waitUntil(lambda: len(page.event_ids()) == len(server), timeout=10000)
    assert page.event_ids() == [e.id for e in sorted(server, key=lambda e: e.created, reverse=True)]
    table = w(page, QTableWidget, "eventsTable")
    assert table.rowCount() == len(server)
    assert "payment_intent.succeeded" in page.event_types()

    combo = w(page, QComboBox, "eventTypeFilter")
    with qtbot.waitSignal(page.eventsLoaded, timeout=10000):
        combo.setCurrentIndex(combo.findData("payment_intent.succeeded"))
    assert page.event_types() == ["payment_intent.succeeded"]
    assert table.item(0, 2).text() == second.id

    table.selectRow(0)
    detail = w(page, QPlainTextEdit, "eventDetail")
    raw = json.loads(detail.toPlainText())
    assert raw["type"] == "payment_intent.succeeded" and raw["data"]["object"]["id"] == second.id

    with qtbot.waitSignal(page.eventsLoaded, timeout=10000):
        combo.setCurrentIndex(combo.findData("payment_intent.created"))
    assert len(page.event_ids()) == 2 and set(page.event_types()) == {"payment_intent.created"}
    assert {table.item(r, 2).text() for r in range(2)} == {first.id, second.id}
    page.shutdown()


def test_load_older_events_pages_on(qtbot, ctx, monkeypatch):
    from merchant_desk.ui.events import events_page

    monkeypatch.setattr(events_page, "PAGE_SIZE", 3)
    for _ in range(3):
        new_intent(ctx)  # at least two events each
    total = len(run_async(ctx.client.events.list(limit=100)).data)
    assert total > 3
    page = make_page(qtbot, EventsPage, ctx)
    qtbot.waitUntil(lambda: len(page.event_ids()) == 3, timeout=10000)
    more = w(page, QPushButton, "loadMoreEventsButton")
    assert more.isVisible()
    while more.isVisible():
        count = len(page.event_ids())
        with qtbot.waitSignal(page.eventsLoaded, timeout=10000):
            more.click()
        assert len(page.event_ids()) > count
    assert len(page.event_ids()) == total == len(set(page.event_ids()))
    page.shutdown()


def test_received_webhooks_are_marked_verified_or_not(qtbot, ctx):
    webhooks = make_page(qtbot, WebhooksPage, ctx)
    events = make_page(qtbot, EventsPage, ctx)
    with qtbot.waitSignal(webhooks.inspectorChanged, timeout=10000):
        w(webhooks, QPushButton, "startInspectorButton").click()
    inspector = webhooks.inspector
    assert inspector is events.inspector and inspector.running

    intent = new_intent(ctx)
    pay(intent, "GCash")
    qtbot.waitUntil(lambda: any(r.event_type == "payment_intent.succeeded" for r in events.received_webhooks()),
                    timeout=15000)
    succeeded = next(r for r in events.received_webhooks() if r.event_type == "payment_intent.succeeded")
    assert succeeded.verified and succeeded.object_id == intent.id

    # A body changed after signing is shown, but marked unverified with the reason.
    body = json.dumps({"id": "evt_forged", "type": "payment_intent.succeeded"}).encode()
    header = sign(body, "whsec_" + "x" * 32, int(time.time()))
    # The inspector answers on this thread's loop, so the forged POST must not block it.
    forged = run_async(_post(inspector.url, body + b" ", {"Wooshpay-Signature": header}))
    assert forged.status_code == 200
    qtbot.waitUntil(lambda: events.received_webhooks()[0].event_id == "evt_forged", timeout=5000)
    table = w(events, QTableWidget, "receivedWebhooksTable")
    assert table.item(0, 1).text().endswith("Unverified") and "does not match" in table.item(0, 4).text()
    row = next(r for r, hook in enumerate(events.received_webhooks()) if hook is succeeded)
    assert table.item(row, 1).text().endswith("Verified")
    table.selectRow(row)
    detail = w(events, QPlainTextEdit, "receivedWebhookDetail").toPlainText()
    assert "Verified with the secret of we_" in detail and intent.id in detail
    assert "Received webhooks (" in events.tabs.tabText(1)

    # A page built later (e.g. after switching pages) still shows what arrived before it.
    late = make_page(qtbot, EventsPage, ctx)
    assert [h.event_id for h in late.received_webhooks()] == [h.event_id for h in events.received_webhooks()]

    run_async(settled(webhooks.shutdown()))
    assert not inspector.running
    events.shutdown()
    late.shutdown()


async def _post(url, content, headers):
    async with httpx.AsyncClient(timeout=5) as http:
        return await http.post(url, content=content, headers=headers)

