"""The events page: the account's events (GET /v1/events, newest first) with a type filter and the raw
JSON of the selected one; in sandbox mode also the webhooks the local inspector received, each marked
verified or not."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from merchant_desk.services.events import EVENT_TYPES, EventPage
from merchant_desk.services.webhook_inspector import ReceivedWebhook
from merchant_desk.ui import words
from merchant_desk.ui.frame.page import Page
from merchant_desk.ui.widgets.buttons import button
from merchant_desk.ui.widgets.code_filter import code_filter
from merchant_desk.ui.widgets.field_errors import error_label
from merchant_desk.ui.widgets.json_view import JsonView
from merchant_desk.ui.widgets.ops import cancel_ops, run_op
from merchant_desk.ui.widgets.page_tabs import page_tabs
from merchant_desk.ui.widgets.tables import list_table_widget, selected_item

log = logging.getLogger(__name__)

PAGE_SIZE = 25
_VERIFIED = QColor("#15803d")
_UNVERIFIED = QColor("#b91c1c")


class EventsPage(Page):
    eventsLoaded = Signal(int)  # rows shown
    webhookReceived = Signal(object)  # ReceivedWebhook

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("eventsPage")
        self._events: list[Any] = []
        self._has_more = False
        self._last_cursor: str | None = None
        self._webhooks: list[ReceivedWebhook] = []
        self.inspector = ctx.inspector
        self._build()
        self._unsubscribe = None
        if self.inspector is not None:
            for webhook in self.inspector.received:
                self._add_webhook(webhook)
            unsubscribe = self.inspector.subscribe(self._on_webhook)
            self._unsubscribe = unsubscribe
            self.destroyed.connect(lambda *_: unsubscribe())
        self.load_when_shown()

    # -- layout --------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.tabs = page_tabs(self, "eventsTabs", self.tr("Events and received webhooks"))

        events_tab = QWidget(self.tabs)
        layout = QVBoxLayout(events_tab)
        bar = QHBoxLayout()
        self.type_combo = code_filter(events_tab, "eventTypeFilter", self.tr("Filter by event type"),
                                      self.tr("All types"), EVENT_TYPES, words.event_type, code_tooltips=True)
        self.type_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        type_label = QLabel(self.tr("&Type:"), events_tab)
        type_label.setBuddy(self.type_combo)
        self.refresh_button = button(
            events_tab, "refreshEventsButton", self.tr("Refresh"), self.tr("Refresh events"), self.refresh
        )
        self.count_label = QLabel(events_tab)
        self.count_label.setObjectName("eventsCount")
        bar.addWidget(type_label)
        bar.addWidget(self.type_combo)
        bar.addWidget(self.count_label, 1)
        bar.addWidget(self.refresh_button)
        layout.addLayout(bar)

        self.notice_label = error_label(events_tab, "eventsNotice")
        layout.addWidget(self.notice_label)

        splitter = QSplitter(Qt.Orientation.Vertical, events_tab)
        self.events_table = list_table_widget(splitter, "eventsTable", self.tr("Events"),
                                             [self.tr("Created"), self.tr("Type"), self.tr("Object"), self.tr("Event ID")])
        self.events_table.itemSelectionChanged.connect(self._show_event)
        self.event_detail = JsonView(splitter, "eventDetail", self.tr("Raw JSON of the selected event"), wrap=False)
        self.event_detail.setPlaceholderText(self.tr("Select an event to see its raw JSON."))
        splitter.addWidget(self.events_table)
        splitter.addWidget(self.event_detail)
        splitter.setSizes([320, 240])
        layout.addWidget(splitter, 1)

        self.load_more_button = button(
            events_tab, "loadMoreEventsButton", self.tr("Load older events"), self.tr("Load older events"), self.load_more
        )
        self.load_more_button.hide()
        layout.addWidget(self.load_more_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.tabs.addTab(events_tab, self.tr("Events"))

        received_tab = QWidget(self.tabs)
        received_layout = QVBoxLayout(received_tab)
        explain = QLabel(received_tab)
        explain.setObjectName("receivedWebhooksInfo")
        explain.setWordWrap(True)
        if self.inspector is not None:
            explain.setText(self.tr("Webhooks the local inspector received (start it on the Webhooks page). "
                                    "Verified means the Wooshpay-Signature matched a known signing secret."))
        else:
            explain.setText(self.tr("The local webhook inspector is available with the sandbox account only."))
        received_layout.addWidget(explain)
        received_split = QSplitter(Qt.Orientation.Vertical, received_tab)
        self.received_table = list_table_widget(
            received_split, "receivedWebhooksTable", self.tr("Received webhooks"),
            [self.tr("Received"), self.tr("Signature"), self.tr("Type"), self.tr("Event ID"), self.tr("Reason")])
        self.received_table.itemSelectionChanged.connect(self._show_webhook)
        self.received_detail = JsonView(received_split, "receivedWebhookDetail",
                                       self.tr("Headers and body of the selected webhook"), wrap=False)
        received_split.addWidget(self.received_table)
        received_split.addWidget(self.received_detail)
        received_split.setSizes([320, 240])
        received_layout.addWidget(received_split, 1)
        self.tabs.addTab(received_tab, self.tr("Received webhooks"))
        self._update_received_tab()

    # -- API events ----------------------------------------------------------------------------------

    def type_filter(self) -> str:
        return str(self.type_combo.currentData() or "")

    def refresh(self) -> None:
        cancel_ops(self)
        self._load(None)

    def load_more(self) -> None:
        if self._has_more and self._last_cursor:
            self._load(self._last_cursor)

    def _load(self, starting_after: str | None) -> None:
        run_op(
            self,
            self.ctx.events.list_page(event_type=self.type_filter() or None, starting_after=starting_after,
                                      limit=PAGE_SIZE),
            success=lambda page: self._show_page(page, more=starting_after is not None),
            failure=self._on_load_failed,
            progress=self._set_busy,
        )

    def _set_busy(self, busy: bool) -> None:
        self.refresh_button.setEnabled(not busy)
        self.load_more_button.setEnabled(not busy)

    def _on_load_failed(self, exc: BaseException) -> None:
        self.notice_label.setText(self.tr("Could not load events: %1").replace("%1", words.failure(exc)))
        self.notice_label.show()

    def _show_page(self, page: EventPage, *, more: bool) -> None:
        self.notice_label.hide()
        self._events = (self._events if more else []) + page.events
        self._has_more = page.has_more
        self._last_cursor = page.cursor
        self._fill_events()

    def _fill_events(self) -> None:
        table = self.events_table
        table.setRowCount(len(self._events))
        for row, event in enumerate(self._events):
            created = event.created.astimezone().strftime("%Y-%m-%d %H:%M:%S") if event.created else ""
            object_id = str(event.data_object.get("id") or "")
            for col, text in enumerate((created, words.event_type(event.type), object_id, event.id)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row)
                if col == 1:
                    item.setToolTip(event.type or "")
                table.setItem(row, col, item)
        self.load_more_button.setVisible(self._has_more)
        self.count_label.setText(self.tr("%n event(s)", "", len(self._events)))
        self.eventsLoaded.emit(len(self._events))

    def event_ids(self) -> list[str]:
        return [e.id for e in self._events]

    def event_types(self) -> list[str]:
        return [e.type or "" for e in self._events]

    def _show_event(self) -> None:
        event = selected_item(self.events_table, self._events)
        if event is None:
            self.event_detail.clear()
            return
        self.event_detail.show_json(event.raw)

    # -- received webhooks ---------------------------------------------------------------------------

    def _on_webhook(self, webhook: ReceivedWebhook) -> None:
        try:
            self._add_webhook(webhook)
            self._update_received_tab()
        except RuntimeError:  # the page is being deleted; its listener goes with it
            return
        self.webhookReceived.emit(webhook)

    def _add_webhook(self, webhook: ReceivedWebhook) -> None:
        # Newest on top, as with the events.
        self._webhooks.insert(0, webhook)
        table = self.received_table
        table.insertRow(0)
        mark = self.tr("✓ Verified") if webhook.verified else self.tr("✗ Unverified")
        cells = (
            webhook.received_at.astimezone().strftime("%H:%M:%S"),
            mark,
            words.event_type(webhook.event_type) if webhook.event_type else "",
            webhook.event_id or "",
            webhook.reason or "",
        )
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if col == 1:
                item.setForeground(_VERIFIED if webhook.verified else _UNVERIFIED)
                item.setData(Qt.ItemDataRole.UserRole, webhook.verified)
            if col == 4 and text:
                item.setToolTip(text)
            table.setItem(0, col, item)

    def _update_received_tab(self) -> None:
        count = len(self._webhooks)
        self.tabs.setTabText(1, self.tr("Received webhooks (%1)").replace("%1", str(count)) if count
                             else self.tr("Received webhooks"))

    def received_webhooks(self) -> list[ReceivedWebhook]:
        """Newest first, as the table shows them."""
        return list(self._webhooks)

    def _show_webhook(self) -> None:
        webhook = selected_item(self.received_table, self._webhooks)
        if webhook is None:
            self.received_detail.clear()
            return
        status = self.tr("Verified with the secret of %1").replace("%1", webhook.secret_label or "?") \
            if webhook.verified else self.tr("NOT verified: %1").replace("%1", webhook.reason or "")
        headers = "\n".join(f"{k}: {v}" for k, v in webhook.headers.items())
        self.received_detail.setPlainText(
            f"{status}\n\n{webhook.method} {webhook.path}\n{headers}\n\n{webhook.body_text()}"
        )

    def shutdown(self) -> list[asyncio.Task[object]]:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        return super().shutdown()
