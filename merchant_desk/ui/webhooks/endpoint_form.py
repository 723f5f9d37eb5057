"""The form for a new webhook endpoint (URL, description, events, API version), and the panel that shows
a created endpoint's signing secret once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from merchant_desk.services import urls
from merchant_desk.services.events import ALL_EVENTS, DEFAULT_EVENTS, WEBHOOK_EVENT_TYPES
from merchant_desk.services.webhook_endpoints import DEFAULT_API_VERSION
from merchant_desk.ui import words
from merchant_desk.ui.widgets.buttons import button
from merchant_desk.ui.widgets.field_errors import error_label, set_field_error
from merchant_desk.ui.widgets.layout_rows import summary_row
from merchant_desk.ui.widgets.text_labels import copyable_text


def url_problem(text: str, *, live: bool) -> str | None:
    """Why ``text`` cannot be a webhook URL, in plain words; None when it can.

    WooshPay allows http during local development but wants https once public (§5); for a live account
    only https is accepted, except a loopback address, which only this machine can reach anyway.
    """
    code = urls.url_problem(text, https_only=live)
    translate = QCoreApplication.translate
    if code is None:
        return None
    if code == "empty":
        return translate("WebhooksPage", "Enter the URL that should receive the events.")
    if code == "spaces":
        return translate("WebhooksPage", "A URL cannot contain spaces.")
    if code == "scheme":
        return translate("WebhooksPage", "Use an http:// or https:// address.")
    if code == "no_host":
        return translate("WebhooksPage", "The URL needs a host name, e.g. https://example.com/webhooks.")
    if code == "https_only":
        return translate("WebhooksPage", "A live account sends webhooks over https only.")
    return translate("WebhooksPage", "This is not a valid URL.")


class EndpointForm(QWidget):
    """``submitted()`` when Create is pressed (or Enter in the URL); the page validates and sends."""

    submitted = Signal()

    def __init__(self, live: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._live = live
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._build_form(self))
        layout.addWidget(self._build_secret_panel(self))

    def _build_form(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("New endpoint"), parent)
        form = QFormLayout(box)

        self.webhook_url = QLineEdit(box)
        self.webhook_url.setObjectName("webhookUrl")
        self.webhook_url.setAccessibleName(self.tr("Endpoint URL"))
        self.webhook_url.setPlaceholderText("https://example.com/wooshpay/webhooks")
        self.webhook_url.textEdited.connect(lambda _t: self._validate_url())
        self.url_error = error_label(box, "webhookUrlError")
        url_label = QLabel(self.tr("&URL:"), box)
        url_label.setBuddy(self.webhook_url)
        form.addRow(url_label, self.webhook_url)
        form.addRow("", self.url_error)

        self.webhook_description = QLineEdit(box)
        self.webhook_description.setObjectName("webhookDescription")
        self.webhook_description.setAccessibleName(self.tr("Endpoint description"))
        self.webhook_description.setPlaceholderText(self.tr("Optional, e.g. Order system"))
        desc_label = QLabel(self.tr("&Description:"), box)
        desc_label.setBuddy(self.webhook_description)
        form.addRow(desc_label, self.webhook_description)

        self.webhook_events = QListWidget(box)
        self.webhook_events.setObjectName("webhookEvents")
        self.webhook_events.setAccessibleName(self.tr("Events to send"))
        for event_type in (*WEBHOOK_EVENT_TYPES, ALL_EVENTS):
            # The types are listed as the API names them (what a receiver matches on); the words are a hint.
            item = QListWidgetItem(event_type, self.webhook_events)
            item.setToolTip(words.event_type(event_type))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if event_type in DEFAULT_EVENTS else Qt.CheckState.Unchecked)
            if event_type == ALL_EVENTS:
                item.setToolTip(self.tr("Every event type, including ones added later"))
        # Tall enough for every type at once: no scrolling to find the one to tick.
        rows_height = self.webhook_events.sizeHintForRow(0) * self.webhook_events.count()
        self.webhook_events.setFixedHeight(rows_height + 2 * self.webhook_events.frameWidth() + 4)
        self.webhook_events.itemChanged.connect(self._on_event_toggled)
        self.events_error = error_label(box, "webhookEventsError")
        events_label = QLabel(self.tr("&Events:"), box)
        events_label.setBuddy(self.webhook_events)
        form.addRow(events_label, self.webhook_events)
        form.addRow("", self.events_error)

        self.webhook_api_version = QLineEdit(DEFAULT_API_VERSION, box)
        self.webhook_api_version.setObjectName("webhookApiVersion")
        self.webhook_api_version.setAccessibleName(self.tr("API version of the events"))
        version_label = QLabel(self.tr("API &version:"), box)
        version_label.setBuddy(self.webhook_api_version)
        form.addRow(version_label, self.webhook_api_version)

        self.create_webhook_button = button(
            box, "createWebhookButton", self.tr("Create endpoint"), self.tr("Create webhook endpoint")
        )
        self.create_webhook_button.setDefault(True)
        self.create_webhook_button.clicked.connect(self.submitted.emit)
        self.webhook_url.returnPressed.connect(self.submitted.emit)
        self.create_error = error_label(box, "createWebhookError")
        form.addRow("", self.create_webhook_button)
        form.addRow("", self.create_error)
        return box

    def _build_secret_panel(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Signing secret"), parent)
        box.setObjectName("webhookSecretPanel")
        box.setStyleSheet("QGroupBox#webhookSecretPanel { background: #fffbeb; border: 1px solid #d97706;"
                          " border-radius: 4px; margin-top: 1.2em; padding-top: 0.4em; }")
        layout = QVBoxLayout(box)
        self.secret_warning = QLabel(box)
        self.secret_warning.setObjectName("webhookSecretWarning")
        self.secret_warning.setWordWrap(True)
        self.secret_warning.setStyleSheet("color: #92400e; font-weight: 600;")
        layout.addWidget(self.secret_warning)
        self.webhook_secret = copyable_text(box, "webhookSecret", self.tr("Signing secret"))
        self.copy_secret_button = button(
            box, "copySecretButton", self.tr("Copy"), self.tr("Copy the signing secret"), self._copy_secret
        )
        layout.addLayout(summary_row(self.webhook_secret, self.copy_secret_button))
        self.dismiss_secret_button = button(
            box, "dismissSecretButton", self.tr("I have stored it"), self.tr("Hide the signing secret"), self.hide_secret
        )
        layout.addWidget(self.dismiss_secret_button, 0, Qt.AlignmentFlag.AlignRight)
        self.secret_panel = box
        box.hide()
        return box

    def _validate_url(self) -> bool:
        problem = url_problem(self.webhook_url.text(), live=self._live())
        set_field_error(self.webhook_url, self.url_error, problem)
        return problem is None

    def checked_events(self) -> list[str]:
        events = [self.webhook_events.item(i).text() for i in range(self.webhook_events.count())
                  if self.webhook_events.item(i).checkState() == Qt.CheckState.Checked]
        # "*" covers everything; sending it alongside named types would only be noise.
        return [ALL_EVENTS] if ALL_EVENTS in events else events

    def _on_event_toggled(self, item: QListWidgetItem) -> None:
        if item.text() == ALL_EVENTS:
            everything = item.checkState() == Qt.CheckState.Checked
            self.webhook_events.blockSignals(True)
            for i in range(self.webhook_events.count()):
                other = self.webhook_events.item(i)
                if other is not item:
                    flags = Qt.ItemFlag.ItemIsUserCheckable | (
                        Qt.ItemFlag.NoItemFlags if everything else Qt.ItemFlag.ItemIsEnabled)
                    other.setFlags(flags)
            self.webhook_events.blockSignals(False)
        if self.webhook_events.property("error"):
            self._validate_events()

    def _validate_events(self) -> bool:
        ok = bool(self.checked_events())
        set_field_error(self.webhook_events, self.events_error,
                        None if ok else self.tr("Choose at least one event to send."))
        return ok

    def validate(self) -> bool:
        """Flag every field; True when all are fine."""
        url_ok = self._validate_url()
        events_ok = self._validate_events()
        return url_ok and events_ok

    def set_busy(self, busy: bool) -> None:
        self.create_webhook_button.setEnabled(not busy)
        self.create_webhook_button.setText(self.tr("Creating…") if busy else self.tr("Create endpoint"))

    def clear(self) -> None:
        self.webhook_url.clear()
        self.webhook_description.clear()

    def show_secret(self, endpoint_id: str, secret: str | None) -> None:
        if not secret:
            self.secret_warning.setText(self.tr("Endpoint %1 was created, but WooshPay did not return its "
                                               "signing secret.").replace("%1", endpoint_id))
            self.webhook_secret.clear()
            self.copy_secret_button.setEnabled(False)
        else:
            self.secret_warning.setText(self.tr(
                "Endpoint %1 was created. Its signing secret is shown only this once: copy it now and "
                "store it with your webhook receiver. It cannot be shown again.").replace("%1", endpoint_id))
            self.webhook_secret.setText(secret)
            self.webhook_secret.setCursorPosition(0)
            self.copy_secret_button.setEnabled(True)
        self.secret_panel.show()

    def hide_secret(self) -> None:
        self.webhook_secret.clear()
        self.secret_panel.hide()

    def _copy_secret(self) -> None:
        if self.webhook_secret.text():
            QGuiApplication.clipboard().setText(self.webhook_secret.text())
            self.copy_secret_button.setText(self.tr("Copied"))

