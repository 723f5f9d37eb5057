"""The webhooks page: register endpoints (the signing secret is shown once), list and remove them, and in
sandbox mode run a local webhook inspector that registers itself as an endpoint."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import uuid
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from merchant_desk.services.outbox import is_retryable
from merchant_desk.services.shop.policy import WEBHOOK_ENDPOINTS
from merchant_desk.services.shop.session import approved
from merchant_desk.services.webhook_endpoints import (
    create_endpoint,
    delete_endpoint,
    endpoint_body,
)
from merchant_desk.services.webhook_inspector import (
    ReceivedWebhook,
    WebhookInspector,
    inspector_for,
)
from merchant_desk.ui.shop.approvals import approval_if_needed
from merchant_desk.ui.widgets.field_errors import (
    error_label,
    install_invalid_style,
    set_field_error,
)
from merchant_desk.ui.widgets.tables import make_list_table
from merchant_desk.ui.widgets.tasks import TaskGroup
from merchant_desk.wooshpay import WooshPayError

log = logging.getLogger(__name__)

# §0 and §10.4: the event types WooshPay shows, plus the two checkout events (likely as Stripe).
EVENT_TYPES: tuple[str, ...] = (
    "payment_intent.created",
    "payment_intent.succeeded",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
    "payment_intent.requires_action",
    "charge.refund.updated",
    "checkout.session.completed",
    "checkout.session.expired",
)
ALL_EVENTS = "*"  # every event type; likely as Stripe, the sandbox accepts it
DEFAULT_EVENTS = ("payment_intent.created", "payment_intent.succeeded", "payment_intent.payment_failed",
                  "charge.refund.updated")  # the §0 example
DEFAULT_API_VERSION = "1.0.1"
INSPECTOR_DESCRIPTION = "Merchant Desk webhook inspector"



def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_problem(text: str, *, live: bool) -> str | None:
    """Why ``text`` cannot be a webhook URL, in plain words; None when it can.

    WooshPay allows http during local development but wants https once public (§5); for a live account
    only https is accepted, except a loopback address, which only this machine can reach anyway.
    """
    text = text.strip()
    if not text:
        return QCoreApplication.translate("WebhooksPage", "Enter the URL that should receive the events.")
    if any(ch.isspace() for ch in text):
        return QCoreApplication.translate("WebhooksPage", "A URL cannot contain spaces.")
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        parts.port  # noqa: B018 — raises ValueError for a bad port
    except ValueError:
        return QCoreApplication.translate("WebhooksPage", "This is not a valid URL.")
    if parts.scheme not in ("http", "https"):
        return QCoreApplication.translate("WebhooksPage", "Use an http:// or https:// address.")
    if not host:
        return QCoreApplication.translate("WebhooksPage", "The URL needs a host name, e.g. https://example.com/webhooks.")
    if live and parts.scheme != "https" and not _is_loopback(host):
        return QCoreApplication.translate("WebhooksPage", "A live account sends webhooks over https only.")
    return None


class WebhooksPage(QWidget):
    endpointCreated = Signal(str)  # endpoint id
    endpointDeleted = Signal(str)
    endpointsLoaded = Signal(int)
    inspectorChanged = Signal(bool)  # running


    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("webhooksPage")
        self._tasks = TaskGroup("webhooks page")
        self._busy = False
        # A create whose answer never came is retried with the same key, so the server makes it once.
        self._retry: tuple[dict[str, Any], str] | None = None
        self._endpoints: list[Any] = []
        self.confirm_box: QMessageBox | None = None
        self.inspector: WebhookInspector | None = inspector_for(ctx) if ctx.is_sandbox else None
        self._unsubscribe = None
        self._build()
        if self.inspector is not None:
            unsubscribe = self.inspector.subscribe(self._on_webhook_received)
            self._unsubscribe = unsubscribe
            self.destroyed.connect(lambda *_: unsubscribe())
        tasks = self._tasks
        self.destroyed.connect(lambda *_: tasks.cancel_all())
        self._update_inspector()
        self.refresh()

    # -- layout --------------------------------------------------------------------------------------

    def _build(self) -> None:
        install_invalid_style(self)
        outer = QVBoxLayout(self)
        title = QLabel(self.tr("Webhook endpoints"), self)
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        outer.addWidget(title)
        intro = QLabel(self.tr("WooshPay POSTs a signed event to every enabled endpoint subscribed to it. "
                               "Register one per receiver; create separate endpoints for test and live."), self)
        intro.setWordWrap(True)
        outer.addWidget(intro)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)

        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self._build_form(left))
        left_layout.addWidget(self._build_secret_panel(left))
        if self.ctx.is_sandbox:
            left_layout.addWidget(self._build_inspector_box(left))
        left_layout.addStretch(1)

        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        columns = [self.tr("URL"), self.tr("Events"), self.tr("Status"), self.tr("API version"),
                   self.tr("Created"), self.tr("ID")]
        self.webhooksTable = QTableWidget(0, len(columns), right)
        make_list_table(
            self.webhooksTable, "webhooksTable", self.tr("Registered webhook endpoints"), alternating_rows=False
        )
        self.webhooksTable.setHorizontalHeaderLabels(columns)
        header = self.webhooksTable.horizontalHeader()
        # The URL takes what is left; the short columns fit their contents; events and id are elided.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.webhooksTable.setColumnWidth(1, 180)
        self.webhooksTable.setColumnWidth(5, 120)
        self.webhooksTable.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.webhooksTable.itemSelectionChanged.connect(self._update_buttons)
        right_layout.addWidget(self.webhooksTable, 1)

        buttons = QHBoxLayout()
        self.refreshButton = QPushButton(self.tr("Refresh"), right)
        self.refreshButton.setObjectName("refreshWebhooksButton")
        self.refreshButton.setAccessibleName(self.tr("Refresh webhook endpoints"))
        self.refreshButton.clicked.connect(self.refresh)
        self.deleteWebhookButton = QPushButton(self.tr("Delete endpoint…"), right)
        self.deleteWebhookButton.setObjectName("deleteWebhookButton")
        self.deleteWebhookButton.setAccessibleName(self.tr("Delete the selected webhook endpoint"))
        self.deleteWebhookButton.clicked.connect(self._confirm_delete)
        self.deleteWebhookButton.setEnabled(False)
        self.countLabel = QLabel(right)
        self.countLabel.setObjectName("webhooksCount")
        buttons.addWidget(self.countLabel, 1)
        buttons.addWidget(self.refreshButton)
        buttons.addWidget(self.deleteWebhookButton)
        right_layout.addLayout(buttons)

        self.noticeLabel = QLabel(right)
        self.noticeLabel.setObjectName("webhooksNotice")
        self.noticeLabel.setWordWrap(True)
        self.noticeLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.noticeLabel.hide()
        right_layout.addWidget(self.noticeLabel)

        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 700])

    def _build_form(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("New endpoint"), parent)
        form = QFormLayout(box)

        self.webhookUrl = QLineEdit(box)
        self.webhookUrl.setObjectName("webhookUrl")
        self.webhookUrl.setAccessibleName(self.tr("Endpoint URL"))
        self.webhookUrl.setPlaceholderText("https://example.com/wooshpay/webhooks")
        self.webhookUrl.textEdited.connect(lambda _t: self._validate_url())
        self.urlError = error_label(box, "webhookUrlError")
        url_label = QLabel(self.tr("&URL:"), box)
        url_label.setBuddy(self.webhookUrl)
        form.addRow(url_label, self.webhookUrl)
        form.addRow("", self.urlError)

        self.webhookDescription = QLineEdit(box)
        self.webhookDescription.setObjectName("webhookDescription")
        self.webhookDescription.setAccessibleName(self.tr("Endpoint description"))
        self.webhookDescription.setPlaceholderText(self.tr("Optional, e.g. Order system"))
        desc_label = QLabel(self.tr("&Description:"), box)
        desc_label.setBuddy(self.webhookDescription)
        form.addRow(desc_label, self.webhookDescription)

        self.webhookEvents = QListWidget(box)
        self.webhookEvents.setObjectName("webhookEvents")
        self.webhookEvents.setAccessibleName(self.tr("Events to send"))
        for event_type in (*EVENT_TYPES, ALL_EVENTS):
            item = QListWidgetItem(event_type, self.webhookEvents)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if event_type in DEFAULT_EVENTS else Qt.CheckState.Unchecked)
            if event_type == ALL_EVENTS:
                item.setToolTip(self.tr("Every event type, including ones added later"))
        # Tall enough for every type at once: no scrolling to find the one to tick.
        rows_height = self.webhookEvents.sizeHintForRow(0) * self.webhookEvents.count()
        self.webhookEvents.setFixedHeight(rows_height + 2 * self.webhookEvents.frameWidth() + 4)
        self.webhookEvents.itemChanged.connect(self._on_event_toggled)
        self.eventsError = error_label(box, "webhookEventsError")
        events_label = QLabel(self.tr("&Events:"), box)
        events_label.setBuddy(self.webhookEvents)
        form.addRow(events_label, self.webhookEvents)
        form.addRow("", self.eventsError)

        self.webhookApiVersion = QLineEdit(DEFAULT_API_VERSION, box)
        self.webhookApiVersion.setObjectName("webhookApiVersion")
        self.webhookApiVersion.setAccessibleName(self.tr("API version of the events"))
        version_label = QLabel(self.tr("API &version:"), box)
        version_label.setBuddy(self.webhookApiVersion)
        form.addRow(version_label, self.webhookApiVersion)

        self.createWebhookButton = QPushButton(self.tr("Create endpoint"), box)
        self.createWebhookButton.setObjectName("createWebhookButton")
        self.createWebhookButton.setAccessibleName(self.tr("Create webhook endpoint"))
        self.createWebhookButton.setDefault(True)
        self.createWebhookButton.clicked.connect(self.create_from_form)
        self.webhookUrl.returnPressed.connect(self.create_from_form)
        self.createError = error_label(box, "createWebhookError")
        form.addRow("", self.createWebhookButton)
        form.addRow("", self.createError)
        return box

    def _build_secret_panel(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Signing secret"), parent)
        box.setObjectName("webhookSecretPanel")
        box.setStyleSheet("QGroupBox#webhookSecretPanel { background: #fffbeb; border: 1px solid #d97706;"
                          " border-radius: 4px; margin-top: 1.2em; padding-top: 0.4em; }")
        layout = QVBoxLayout(box)
        self.secretWarning = QLabel(box)
        self.secretWarning.setObjectName("webhookSecretWarning")
        self.secretWarning.setWordWrap(True)
        self.secretWarning.setStyleSheet("color: #92400e; font-weight: 600;")
        layout.addWidget(self.secretWarning)
        row = QHBoxLayout()
        self.webhookSecret = QLineEdit(box)
        self.webhookSecret.setObjectName("webhookSecret")
        self.webhookSecret.setAccessibleName(self.tr("Signing secret"))
        self.webhookSecret.setReadOnly(True)
        self.copySecretButton = QPushButton(self.tr("Copy"), box)
        self.copySecretButton.setObjectName("copySecretButton")
        self.copySecretButton.setAccessibleName(self.tr("Copy the signing secret"))
        self.copySecretButton.clicked.connect(self._copy_secret)
        row.addWidget(self.webhookSecret, 1)
        row.addWidget(self.copySecretButton)
        layout.addLayout(row)
        self.dismissSecretButton = QPushButton(self.tr("I have stored it"), box)
        self.dismissSecretButton.setObjectName("dismissSecretButton")
        self.dismissSecretButton.setAccessibleName(self.tr("Hide the signing secret"))
        self.dismissSecretButton.clicked.connect(self.hide_secret)
        layout.addWidget(self.dismissSecretButton, 0, Qt.AlignmentFlag.AlignRight)
        self.secretPanel = box
        box.hide()
        return box

    def _build_inspector_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Local webhook inspector (sandbox)"), parent)
        layout = QVBoxLayout(box)
        explain = QLabel(self.tr("Receives the sandbox's webhooks on this computer and checks their "
                                 "signatures. Starting it registers an endpoint for all events; the "
                                 "Events page lists what arrives."), box)
        explain.setWordWrap(True)
        layout.addWidget(explain)
        row = QHBoxLayout()
        self.inspectorState = QLabel(box)
        self.inspectorState.setObjectName("inspectorState")
        self.inspectorState.setWordWrap(True)
        self.inspectorState.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.inspectorButton = QPushButton(box)
        self.inspectorButton.setObjectName("startInspectorButton")
        self.inspectorButton.setAccessibleName(self.tr("Start or stop the webhook inspector"))
        self.inspectorButton.clicked.connect(self._toggle_inspector)
        row.addWidget(self.inspectorState, 1)
        row.addWidget(self.inspectorButton)
        layout.addLayout(row)
        return box

    # -- validation ----------------------------------------------------------------------------------

    def _validate_url(self) -> bool:
        problem = url_problem(self.webhookUrl.text(), live=self.ctx.mode == "live")
        set_field_error(self.webhookUrl, self.urlError, problem)
        return problem is None

    def checked_events(self) -> list[str]:
        events = [self.webhookEvents.item(i).text() for i in range(self.webhookEvents.count())
                  if self.webhookEvents.item(i).checkState() == Qt.CheckState.Checked]
        # "*" covers everything; sending it alongside named types would only be noise.
        return [ALL_EVENTS] if ALL_EVENTS in events else events

    def _on_event_toggled(self, item: QListWidgetItem) -> None:
        if item.text() == ALL_EVENTS:
            everything = item.checkState() == Qt.CheckState.Checked
            self.webhookEvents.blockSignals(True)
            for i in range(self.webhookEvents.count()):
                other = self.webhookEvents.item(i)
                if other is not item:
                    flags = Qt.ItemFlag.ItemIsUserCheckable | (
                        Qt.ItemFlag.NoItemFlags if everything else Qt.ItemFlag.ItemIsEnabled)
                    other.setFlags(flags)
            self.webhookEvents.blockSignals(False)
        if self.webhookEvents.property("error"):
            self._validate_events()

    def _validate_events(self) -> bool:
        ok = bool(self.checked_events())
        set_field_error(self.webhookEvents, self.eventsError,
                        None if ok else self.tr("Choose at least one event to send."))
        return ok

    # -- create --------------------------------------------------------------------------------------

    def create_from_form(self) -> None:
        """Validate every field; send only when all are fine."""
        url_ok = self._validate_url()
        events_ok = self._validate_events()
        if not (url_ok and events_ok) or self._busy:
            return
        body = endpoint_body(self.webhookUrl.text(), self.checked_events(), self.webhookDescription.text(),
                             self.webhookApiVersion.text())
        key = self._retry[1] if self._retry is not None and self._retry[0] == body else None
        # Busy from this moment, not from when the task first runs: a second click in between is ignored.
        self._set_busy(True)
        self._tasks.spawn(self._create(body, key or str(uuid.uuid4())))

    async def _create(self, body: dict[str, Any], key: str) -> None:
        set_field_error(self.createWebhookButton, self.createError, None)
        allowed, approval = await approval_if_needed(self, self.ctx, WEBHOOK_ENDPOINTS)
        if not allowed:
            set_field_error(self.createWebhookButton, self.createError,
                            self.tr("Not created: a manager's approval is needed."))
            self._set_busy(False)
            return
        try:
            with approved(approval):
                endpoint = await create_endpoint(self.ctx.client, self.ctx.ledger, self.ctx.name, body, key)
        except WooshPayError as exc:
            self._retry = (body, key) if is_retryable(exc) else None
            message = str(exc) or type(exc).__name__
            if self._retry is not None:
                message = self.tr("No answer from WooshPay (%1). Press Create again to retry the same "
                                  "request; it will not make a second endpoint.").replace("%1", message)
            param = getattr(exc, "param", None)
            if param == "url":
                set_field_error(self.webhookUrl, self.urlError, message)
            elif param == "enabled_events":
                set_field_error(self.webhookEvents, self.eventsError, message)
            else:
                set_field_error(self.createWebhookButton, self.createError, message)
            return
        finally:
            self._set_busy(False)
        self._retry = None
        if self.inspector is not None and self.inspector.running and endpoint.url == self.inspector.url:
            self.inspector.add_secret(endpoint.id, endpoint.secret or "")
        self.show_secret(endpoint.id, endpoint.secret)
        self.webhookUrl.clear()
        self.webhookDescription.clear()
        self.endpointCreated.emit(endpoint.id)
        await self._load()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.createWebhookButton.setEnabled(not busy)
        self.createWebhookButton.setText(self.tr("Creating…") if busy else self.tr("Create endpoint"))

    # -- the secret, shown once ----------------------------------------------------------------------

    def show_secret(self, endpoint_id: str, secret: str | None) -> None:
        if not secret:
            self.secretWarning.setText(self.tr("Endpoint %1 was created, but WooshPay did not return its "
                                               "signing secret.").replace("%1", endpoint_id))
            self.webhookSecret.clear()
            self.copySecretButton.setEnabled(False)
        else:
            self.secretWarning.setText(self.tr(
                "Endpoint %1 was created. Its signing secret is shown only this once: copy it now and "
                "store it with your webhook receiver. It cannot be shown again.").replace("%1", endpoint_id))
            self.webhookSecret.setText(secret)
            self.webhookSecret.setCursorPosition(0)
            self.copySecretButton.setEnabled(True)
        self.secretPanel.show()

    def hide_secret(self) -> None:
        self.webhookSecret.clear()
        self.secretPanel.hide()

    def _copy_secret(self) -> None:
        if self.webhookSecret.text():
            QGuiApplication.clipboard().setText(self.webhookSecret.text())
            self.copySecretButton.setText(self.tr("Copied"))

    # -- list ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._tasks.spawn(self._load())

    async def _load(self) -> None:
        self.refreshButton.setEnabled(False)
        try:
            endpoints = [ep async for ep in self.ctx.client.webhook_endpoints.list_all(limit=100)]
        except WooshPayError as exc:
            self._notice(self.tr("Could not load the endpoints: %1").replace("%1", str(exc)))
            return
        finally:
            self.refreshButton.setEnabled(True)
        self._notice(None)
        endpoints.sort(key=lambda ep: (ep.created is not None, ep.created), reverse=True)
        self._fill(endpoints)
        self.endpointsLoaded.emit(len(endpoints))

    def _fill(self, endpoints: list[Any]) -> None:
        selected = self.selected_endpoint_id()
        self._endpoints = endpoints
        table = self.webhooksTable
        table.setRowCount(len(endpoints))
        for row, ep in enumerate(endpoints):
            created = ep.created.astimezone().strftime("%Y-%m-%d %H:%M") if ep.created else ""
            events = ", ".join(ep.enabled_events or [])
            cells = (ep.url or "", events, ep.status or "", ep.api_version or "", created, ep.id)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, ep.id)
                if col in (0, 1):
                    item.setToolTip(text if col == 0 else "\n".join(ep.enabled_events or []))
                if col == 2 and ep.status != "enabled":
                    item.setForeground(Qt.GlobalColor.darkGray)
                table.setItem(row, col, item)
            if ep.id == selected:
                table.selectRow(row)
        self.countLabel.setText(self.tr("%n endpoint(s)", "", len(endpoints)))
        self._update_buttons()

    def endpoint_ids(self) -> list[str]:
        return [ep.id for ep in self._endpoints]

    def selected_endpoint_id(self) -> str | None:
        rows = self.webhooksTable.selectionModel().selectedRows() if self.webhooksTable.selectionModel() else []
        if not rows:
            return None
        item = self.webhooksTable.item(rows[0].row(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select_endpoint(self, endpoint_id: str) -> bool:
        for row, ep in enumerate(self._endpoints):
            if ep.id == endpoint_id:
                self.webhooksTable.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        self.deleteWebhookButton.setEnabled(self.selected_endpoint_id() is not None)

    def _notice(self, text: str | None) -> None:
        self.noticeLabel.setText(text or "")
        self.noticeLabel.setStyleSheet("color: #b91c1c;")
        self.noticeLabel.setVisible(bool(text))

    # -- delete --------------------------------------------------------------------------------------

    def _confirm_delete(self) -> None:
        endpoint_id = self.selected_endpoint_id()
        if endpoint_id is None:
            return
        endpoint = next((ep for ep in self._endpoints if ep.id == endpoint_id), None)
        url = endpoint.url if endpoint else ""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete webhook endpoint"),
                          self.tr("Delete the endpoint for %1?\n\nWooshPay stops sending events to it at "
                                  "once. This cannot be undone.").replace("%1", url or endpoint_id),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("confirmDeleteWebhook")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Delete"))
        box.button(QMessageBox.StandardButton.Yes).setObjectName("confirmDeleteWebhookButton")
        box.finished.connect(lambda _result, b=box, i=endpoint_id, u=url: self._on_confirm(b, i, u))
        self.confirm_box = box
        box.open()

    def _on_confirm(self, box: QMessageBox, endpoint_id: str, url: str) -> None:
        confirmed = box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes
        self.confirm_box = None
        box.deleteLater()
        if confirmed:
            self._tasks.spawn(self._delete(endpoint_id, url))

    async def _delete(self, endpoint_id: str, url: str) -> None:
        self.deleteWebhookButton.setEnabled(False)
        allowed, approval = await approval_if_needed(self, self.ctx, WEBHOOK_ENDPOINTS)
        if not allowed:
            self._notice(self.tr("Not deleted: a manager's approval is needed."))
            self._update_buttons()
            return
        try:
            with approved(approval):
                existed = await delete_endpoint(self.ctx.client, self.ctx.ledger, self.ctx.name, endpoint_id, url)
        except WooshPayError as exc:
            self._notice(self.tr("Could not delete %1: %2").replace("%1", endpoint_id).replace("%2", str(exc)))
            self._update_buttons()
            return
        if not existed:
            self._notice(self.tr("Endpoint %1 was already gone.").replace("%1", endpoint_id))
        if self.inspector is not None:
            self.inspector.remove_secret(endpoint_id)
            if self.inspector.endpoint_id == endpoint_id:
                self.inspector.endpoint_id = None
        self.endpointDeleted.emit(endpoint_id)
        await self._load()
        self._update_inspector()

    # -- inspector -----------------------------------------------------------------------------------

    def _toggle_inspector(self) -> None:
        if self.inspector is None or self._busy:
            return
        if self.inspector.running:
            self._tasks.spawn(self.stop_inspector())
        else:
            self._tasks.spawn(self.start_inspector())

    async def start_inspector(self) -> None:
        """Listen locally and register an endpoint for every event pointing at the listener."""
        inspector = self.inspector
        assert inspector is not None
        self.inspectorButton.setEnabled(False)
        try:
            url = await inspector.start()
            body = endpoint_body(url, [ALL_EVENTS], INSPECTOR_DESCRIPTION, self.webhookApiVersion.text())
            try:
                endpoint = await create_endpoint(
                    self.ctx.client, self.ctx.ledger, self.ctx.name, body, str(uuid.uuid4())
                )
            except WooshPayError as exc:
                await inspector.stop()
                self._notice(self.tr("Could not register the inspector: %1").replace("%1", str(exc)))
                return
            inspector.add_secret(endpoint.id, endpoint.secret or "")
            inspector.endpoint_id = endpoint.id
        finally:
            self.inspectorButton.setEnabled(True)
            self._update_inspector()
        self.inspectorChanged.emit(True)
        await self._load()

    async def stop_inspector(self) -> None:
        inspector = self.inspector
        if inspector is None:
            return
        self.inspectorButton.setEnabled(False)
        try:
            if inspector.endpoint_id:
                try:
                    url = inspector.url if inspector.running else None
                    await delete_endpoint(self.ctx.client, self.ctx.ledger, self.ctx.name, inspector.endpoint_id, url)
                except WooshPayError as exc:
                    log.warning("could not delete the inspector's endpoint: %s", exc)
                inspector.remove_secret(inspector.endpoint_id)
                inspector.endpoint_id = None
            await inspector.stop()
        finally:
            self.inspectorButton.setEnabled(True)
            self._update_inspector()
        self.inspectorChanged.emit(False)
        await self._load()

    def _on_webhook_received(self, _webhook: ReceivedWebhook) -> None:
        try:
            self._update_inspector()
        except RuntimeError:  # the page was deleted; its listener is being removed
            pass

    def _update_inspector(self) -> None:
        inspector = self.inspector
        if inspector is None:
            return
        if inspector.running:
            received = inspector.received
            verified = sum(1 for w in received if w.verified)
            self.inspectorState.setText(
                self.tr("Listening at %1 — %2 received, %3 verified")
                .replace("%1", inspector.url).replace("%2", str(len(received))).replace("%3", str(verified))
            )
            self.inspectorButton.setText(self.tr("Stop inspector"))
        else:
            self.inspectorState.setText(self.tr("Not running."))
            self.inspectorButton.setText(self.tr("Start inspector"))
        self.inspectorButton.setProperty("running", inspector.running)

    def shutdown(self) -> list[asyncio.Task[Any]]:
        """Called when the page goes away: stop loading, and take the inspector down with its endpoint."""
        tasks = self._tasks.cancel_all()
        if self._unsubscribe is not None:
            self._unsubscribe()
        inspector = self.inspector
        if inspector is not None and inspector.running:
            tasks.append(asyncio.ensure_future(self._stop_inspector_quietly(self.ctx, inspector)))
        return tasks

    @staticmethod
    async def _stop_inspector_quietly(ctx: Any, inspector: WebhookInspector) -> None:
        endpoint_id, inspector.endpoint_id = inspector.endpoint_id, None
        inspector.close()
        if endpoint_id:
            try:
                await asyncio.wait_for(delete_endpoint(ctx.client, ctx.ledger, ctx.name, endpoint_id), 5)
            except (TimeoutError, WooshPayError, RuntimeError) as exc:
                log.warning("could not delete the inspector's endpoint %s: %s", endpoint_id, exc)
