"""The local webhook inspector's box (sandbox only): what it is doing, and the button that starts or stops it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from merchant_desk.services.webhook_inspector import WebhookInspector
from merchant_desk.ui.widgets.text_labels import paragraph_label


class InspectorBox(QGroupBox):
    """``toggleRequested()`` when the button is pressed; the page starts or stops the inspector."""

    toggleRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Local webhook inspector (sandbox)"))
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph_label(self.tr(
            "Receives the sandbox's webhooks on this computer and checks their signatures. Starting it registers "
            "an endpoint for all events; the Events page lists what arrives."), self))
        row = QHBoxLayout()
        self.inspector_state = QLabel(self)
        self.inspector_state.setObjectName("inspectorState")
        self.inspector_state.setWordWrap(True)
        self.inspector_state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.inspector_button = QPushButton(self)
        self.inspector_button.setObjectName("startInspectorButton")
        self.inspector_button.setAccessibleName(self.tr("Start or stop the webhook inspector"))
        self.inspector_button.clicked.connect(self.toggleRequested)
        row.addWidget(self.inspector_state, 1)
        row.addWidget(self.inspector_button)
        layout.addLayout(row)

    def show_state(self, inspector: WebhookInspector) -> None:
        if inspector.running:
            received = inspector.received
            verified = sum(1 for w in received if w.verified)
            self.inspector_state.setText(
                self.tr("Listening at %1 — %2 received, %3 verified")
                .replace("%1", inspector.url).replace("%2", str(len(received))).replace("%3", str(verified))
            )
            self.inspector_button.setText(self.tr("Stop inspector"))
        else:
            self.inspector_state.setText(self.tr("Not running."))
            self.inspector_button.setText(self.tr("Start inspector"))
        self.inspector_button.setProperty("running", inspector.running)
