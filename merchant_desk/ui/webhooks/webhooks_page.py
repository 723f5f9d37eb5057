"""The webhooks page: register endpoints (the signing secret is shown once), list and remove them, and in
sandbox mode run a local webhook inspector that registers itself as an endpoint."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from merchant_desk.services.outbox import RequestFailed, RequestHandle
from merchant_desk.services.shop.guard import ApprovalRequired
from merchant_desk.services.shop.policy import WEBHOOK_ENDPOINTS
from merchant_desk.services.shop.session import approved
from merchant_desk.services.webhook_endpoints import endpoint_body
from merchant_desk.services.webhook_inspector import ReceivedWebhook, WebhookInspector
from merchant_desk.ui import words
from merchant_desk.ui.frame.page import Page
from merchant_desk.ui.shop.approvals import approval_if_needed
from merchant_desk.ui.webhooks.endpoint_form import EndpointForm, url_problem
from merchant_desk.ui.webhooks.inspector_box import InspectorBox
from merchant_desk.ui.widgets.buttons import button
from merchant_desk.ui.widgets.field_errors import install_invalid_style, set_field_error
from merchant_desk.ui.widgets.layout_rows import summary_row
from merchant_desk.ui.widgets.ops import run_op
from merchant_desk.ui.widgets.tables import make_list_table
from merchant_desk.wooshpay import WebhookEndpoint

log = logging.getLogger(__name__)

T = TypeVar("T")

__all__ = ["WebhooksPage", "url_problem"]


class WebhooksPage(Page):
    endpointCreated = Signal(str)  # endpoint id
    endpointDeleted = Signal(str)
    endpointsLoaded = Signal(int)
    inspectorChanged = Signal(bool)  # running

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("webhooksPage")
        self._busy = False
        # A create whose answer never came: pressing Create again with the same form retries that request.
        self._open_request: tuple[dict[str, object], RequestHandle] | None = None
        self._endpoints: list[WebhookEndpoint] = []
        self.confirm_box: QMessageBox | None = None
        self.inspector: WebhookInspector | None = ctx.inspector
        self._unsubscribe = None
        self._build()
        f = self.form
        # The form's parts, by the names tests and the window know.
        self.webhook_url, self.url_error, self.webhook_events, self.events_error = (
            f.webhook_url, f.url_error, f.webhook_events, f.events_error)
        self.webhook_description, self.webhook_api_version, self.create_webhook_button, self.create_error = (
            f.webhook_description, f.webhook_api_version, f.create_webhook_button, f.create_error)
        self.secret_panel, self.secret_warning, self.webhook_secret = f.secret_panel, f.secret_warning, f.webhook_secret
        self.checked_events, self.show_secret, self.hide_secret = f.checked_events, f.show_secret, f.hide_secret
        if self.inspector is not None:
            unsubscribe = self.inspector.subscribe(self._on_webhook_received)
            self._unsubscribe = unsubscribe
            self.destroyed.connect(lambda *_: unsubscribe())
        self._update_inspector()
        self.load_when_shown()

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
        self.form = EndpointForm(lambda: self.ctx.mode == "live", left)
        self.form.submitted.connect(self.create_from_form)
        left_layout.addWidget(self.form)
        if self.inspector is not None:
            self.inspector_box = InspectorBox(left)
            self.inspector_box.toggleRequested.connect(self._toggle_inspector)
            self.inspector_state, self.inspector_button = (
                self.inspector_box.inspector_state, self.inspector_box.inspector_button)
            left_layout.addWidget(self.inspector_box)
        left_layout.addStretch(1)

        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        columns = [self.tr("URL"), self.tr("Events"), self.tr("Status"), self.tr("API version"),
                   self.tr("Created"), self.tr("ID")]
        self.webhooks_table = QTableWidget(0, len(columns), right)
        make_list_table(
            self.webhooks_table, "webhooksTable", self.tr("Registered webhook endpoints"), alternating_rows=False
        )
        self.webhooks_table.setHorizontalHeaderLabels(columns)
        header = self.webhooks_table.horizontalHeader()
        # Columns follow their contents (tables.ColumnFitter), the events take what is left; text that does
        # not fit is elided at its end and shown whole in the tooltip.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        # The API version (the same for every endpoint) and the id make room for the URL: both are in the
        # URL's tooltip.
        self.webhooks_table.setColumnHidden(3, True)
        self.webhooks_table.setColumnHidden(5, True)
        self.webhooks_table.itemSelectionChanged.connect(self._update_buttons)
        right_layout.addWidget(self.webhooks_table, 1)

        self.refresh_button = button(
            right, "refreshWebhooksButton", self.tr("Refresh"), self.tr("Refresh webhook endpoints"), self.refresh
        )
        self.delete_webhook_button = button(
            right, "deleteWebhookButton", self.tr("Delete endpoint…"), self.tr("Delete the selected webhook endpoint"), self._confirm_delete
        )
        self.delete_webhook_button.setEnabled(False)
        self.count_label = QLabel(right)
        self.count_label.setObjectName("webhooksCount")
        right_layout.addLayout(summary_row(self.count_label, self.refresh_button, self.delete_webhook_button))

        self.notice_label = QLabel(right)
        self.notice_label.setObjectName("webhooksNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_label.hide()
        right_layout.addWidget(self.notice_label)

        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 700])

    # -- create --------------------------------------------------------------------------------------

    def create_from_form(self) -> None:
        """Validate every field; send only when all are fine."""
        if not self.form.validate() or self._busy:
            return
        f = self.form
        url, events = f.webhook_url.text(), f.checked_events()
        description, version = f.webhook_description.text(), f.webhook_api_version.text()
        body = endpoint_body(url, events, description, version)
        open_request, self._open_request = self._open_request, None
        # Busy from this moment, not from when the op first runs: a second click in between is ignored.
        self._set_busy(True)
        set_field_error(self.create_webhook_button, self.create_error, None)
        if open_request is not None and open_request[0] == body:
            op = self.ctx.webhooks.retry(open_request[1])
        else:
            op = self._with_approval(lambda: self.ctx.webhooks.create(url, events, description, version))
        run_op(self, op, success=self._on_created, failure=lambda exc: self._on_create_failed(body, exc),
               progress=lambda busy: busy or self._set_busy(False))

    async def _with_approval(self, make: Callable[[], Awaitable[T]]) -> T:
        # Shop mode: the policy may want a manager's PIN for endpoint changes; the audit row names them.
        allowed, approval = await approval_if_needed(self, self.ctx, WEBHOOK_ENDPOINTS)
        if not allowed:
            raise ApprovalRequired(WEBHOOK_ENDPOINTS)
        with approved(approval):
            return await make()

    def _on_create_failed(self, body: dict[str, object], exc: BaseException) -> None:
        if isinstance(exc, ApprovalRequired):
            set_field_error(self.create_webhook_button, self.create_error,
                            self.tr("Not created: a manager's approval is needed."))
            return
        message = words.failure(exc)
        if isinstance(exc, RequestFailed) and exc.open:
            self._open_request = (body, exc.handle)
            message = self.tr("No answer from WooshPay (%1). Press Create again to retry the same "
                              "request; it will not make a second endpoint.").replace("%1", message)
        param = exc.param if isinstance(exc, RequestFailed) else None
        if param == "url":
            set_field_error(self.webhook_url, self.url_error, message)
        elif param == "enabled_events":
            set_field_error(self.webhook_events, self.events_error, message)
        else:
            set_field_error(self.create_webhook_button, self.create_error, message)

    def _on_created(self, endpoint: WebhookEndpoint) -> None:
        if self.inspector is not None and self.inspector.running and endpoint.url == self.inspector.url:
            self.inspector.add_secret(endpoint.id, endpoint.secret or "")
        self.show_secret(endpoint.id, endpoint.secret)
        self.form.clear()
        self.endpointCreated.emit(endpoint.id)
        self.refresh()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.form.set_busy(busy)

    # -- list ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        run_op(self, self.ctx.webhooks.endpoints(), success=self._on_loaded, failure=self._on_load_failed,
               progress=lambda busy: self.refresh_button.setEnabled(not busy))

    def _on_load_failed(self, exc: BaseException) -> None:
        self._notice(self.tr("Could not load the endpoints: %1").replace("%1", words.failure(exc)))

    def _on_loaded(self, endpoints: list[WebhookEndpoint]) -> None:
        self._notice(None)
        self._fill(endpoints)
        self.endpointsLoaded.emit(len(endpoints))

    def _fill(self, endpoints: list[Any]) -> None:
        selected = self.selected_endpoint_id()
        self._endpoints = endpoints
        table = self.webhooks_table
        table.setRowCount(len(endpoints))
        for row, ep in enumerate(endpoints):
            created = ep.created.astimezone().strftime("%Y-%m-%d %H:%M") if ep.created else ""
            events = ", ".join(words.event_type(e) for e in ep.enabled_events or [])
            cells = (ep.url or "", events, words.endpoint_status(ep.status), ep.api_version or "", created, ep.id)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, ep.id)
                if col == 0:  # the id and API version, whose columns are hidden to leave the URL room
                    item.setToolTip("\n".join((
                        text, self.tr("ID: %1").replace("%1", ep.id),
                        self.tr("API version: %1").replace("%1", ep.api_version or "")))
                    )
                elif col in (1, 2):
                    item.setToolTip(("\n".join(ep.enabled_events or []), ep.status or "")[col - 1])
                if col == 2 and ep.status != "enabled":
                    item.setForeground(Qt.GlobalColor.darkGray)
                table.setItem(row, col, item)
            if ep.id == selected:
                table.selectRow(row)
        self.count_label.setText(self.tr("%n endpoint(s)", "", len(endpoints)))
        self._update_buttons()

    def endpoint_ids(self) -> list[str]:
        return [ep.id for ep in self._endpoints]

    def selected_endpoint_id(self) -> str | None:
        rows = self.webhooks_table.selectionModel().selectedRows() if self.webhooks_table.selectionModel() else []
        if not rows:
            return None
        item = self.webhooks_table.item(rows[0].row(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select_endpoint(self, endpoint_id: str) -> bool:
        for row, ep in enumerate(self._endpoints):
            if ep.id == endpoint_id:
                self.webhooks_table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        self.delete_webhook_button.setEnabled(self.selected_endpoint_id() is not None)

    def _notice(self, text: str | None) -> None:
        self.notice_label.setText(text or "")
        self.notice_label.setStyleSheet("color: #b91c1c;")
        self.notice_label.setVisible(bool(text))

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
            self._delete(endpoint_id, url)

    def _delete(self, endpoint_id: str, url: str) -> None:
        self.delete_webhook_button.setEnabled(False)
        run_op(self, self._with_approval(lambda: self.ctx.webhooks.delete(endpoint_id, url)),
               success=lambda existed: self._on_deleted(endpoint_id, existed),
               failure=lambda exc: self._on_delete_failed(endpoint_id, exc))

    def _on_delete_failed(self, endpoint_id: str, exc: BaseException) -> None:
        if isinstance(exc, ApprovalRequired):
            self._notice(self.tr("Not deleted: a manager's approval is needed."))
            self._update_buttons()
            return
        self._notice(self.tr("Could not delete %1: %2").replace("%1", endpoint_id).replace("%2", words.failure(exc)))
        self._update_buttons()

    def _on_deleted(self, endpoint_id: str, existed: bool) -> None:
        if not existed:
            self._notice(self.tr("Endpoint %1 was already gone.").replace("%1", endpoint_id))
        if self.inspector is not None:
            self.inspector.remove_secret(endpoint_id)
            if self.inspector.endpoint_id == endpoint_id:
                self.inspector.endpoint_id = None
        self.endpointDeleted.emit(endpoint_id)
        self.refresh()
        self._update_inspector()

    # -- inspector -----------------------------------------------------------------------------------

    def _toggle_inspector(self) -> None:
        if self.inspector is None or self._busy:
            return
        run_op(self, self.stop_inspector() if self.inspector.running else self.start_inspector())

    async def start_inspector(self) -> None:
        """Listen locally and register an endpoint for every event pointing at the listener."""
        inspector = self.inspector
        assert inspector is not None
        self.inspector_button.setEnabled(False)
        try:
            await self.ctx.webhooks.start_inspector(inspector, self.webhook_api_version.text())
        except RequestFailed as exc:
            self._notice(self.tr("Could not register the inspector: %1").replace("%1", words.failure(exc)))
            return
        finally:
            self.inspector_button.setEnabled(True)
            self._update_inspector()
        self.inspectorChanged.emit(True)
        self.refresh()

    async def stop_inspector(self) -> None:
        inspector = self.inspector
        if inspector is None:
            return
        self.inspector_button.setEnabled(False)
        try:
            await self.ctx.webhooks.stop_inspector(inspector)
        finally:
            self.inspector_button.setEnabled(True)
            self._update_inspector()
        self.inspectorChanged.emit(False)
        self.refresh()

    def _on_webhook_received(self, _webhook: ReceivedWebhook) -> None:
        try:
            self._update_inspector()
        except RuntimeError:  # the page was deleted; its listener is being removed
            pass

    def _update_inspector(self) -> None:
        if self.inspector is not None:
            self.inspector_box.show_state(self.inspector)

    def shutdown(self) -> list[asyncio.Task[object]]:
        """Called when the page goes away: stop loading, and take the inspector down with its endpoint."""
        tasks = super().shutdown()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        inspector = self.inspector
        if inspector is not None and inspector.running:
            # Started after the page's ops were cancelled: it outlives that, and the caller awaits it.
            tasks.append(run_op(self, self.ctx.webhooks.close_inspector(inspector)))
        return tasks
