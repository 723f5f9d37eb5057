"""The list under Test connection: which of the app's unpublished assumptions about the WooshPay API the
connected server confirms (``services.api_probe``). Plain words in the list; the assumption's id and the
technical detail only in the tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from merchant_desk.services import api_probe
from merchant_desk.services.api_probe import ProbeReport

ID_ROLE = Qt.ItemDataRole.UserRole
STATE_ROLE = Qt.ItemDataRole.UserRole + 1  # "confirmed" | "contradicted" | "unknown"


class ApiChecksView(QWidget):
    """Hidden until a report is shown; ``clear()`` hides it again (another key, another server)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("apiChecks")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self)
        self.heading.setObjectName("apiChecksHeading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.list = QListWidget(self)
        self.list.setObjectName("apiChecksList")
        self.list.setAccessibleName(self.tr("API checks"))
        self.list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        layout.addWidget(self.list)
        self.hide()

    def _title(self, assumption_id: str) -> str:
        titles = {
            api_probe.ERROR_ENVELOPE: self.tr("Errors arrive in WooshPay's error format"),
            api_probe.ERROR_STATUS: self.tr("A refused request is answered with a 4xx status"),
            api_probe.IDEMPOTENCY_KEY: self.tr("Repeated requests are recognised by the key they carry"),
            api_probe.IDEMPOTENCY_WINDOW: self.tr("Idempotency keys are remembered for 24 hours"),
            api_probe.REFUND_LIST: self.tr("Refunds can be listed"),
            api_probe.EVENT_LIST: self.tr("Events can be listed"),
            api_probe.LIST_QUERY: self.tr("List filters are read from the address"),
            api_probe.CREATED_MS: self.tr("Date filters use milliseconds"),
            api_probe.SEARCH: self.tr("Payments can be searched by order number"),
            api_probe.ENABLED_EVENTS_STAR: self.tr("A webhook endpoint can receive all events (\"*\")"),
            api_probe.SIGNATURE_TOLERANCE: self.tr("Webhook signatures are valid for 5 minutes"),
            api_probe.IDR_DECIMALS: self.tr("IDR amounts have no decimals"),
            api_probe.WAP: self.tr("Alipay+ accepts the mobile browser terminal (WAP)"),
            api_probe.REQUEST_ID: self.tr("Answers carry a request id for support"),
        }
        return titles.get(assumption_id, assumption_id)

    def show_report(self, report: ProbeReport) -> None:
        self.list.clear()
        words = {
            "confirmed": self.tr("✓ Confirmed"),
            "contradicted": self.tr("✗ Not as assumed"),
            "unknown": self.tr("– Cannot tell"),
        }
        for result in report.results:
            state = "unknown" if result.confirmed is None else ("confirmed" if result.confirmed else "contradicted")
            text = self.tr("%1 — %2").replace("%1", words[state]).replace("%2", self._title(result.assumption_id))
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, result.assumption_id)
            item.setData(STATE_ROLE, state)
            item.setToolTip(f"{result.assumption_id}: {result.detail}")
            self.list.addItem(item)
        self.heading.setText(
            self.tr("What this server confirms of the app's assumptions about the WooshPay API "
                    "(%1 confirmed, %2 not as assumed, %3 cannot tell):")
            .replace("%1", str(len(report.confirmed)))
            .replace("%2", str(len(report.contradicted)))
            .replace("%3", str(len(report.results) - len(report.confirmed) - len(report.contradicted)))
        )
        self.show()

    def show_failure(self) -> None:
        self.list.clear()
        self.heading.setText(self.tr("The API checks could not be completed."))
        self.show()

    def clear(self) -> None:
        self.list.clear()
        self.heading.clear()
        self.hide()

    def states(self) -> dict[str, str]:
        """Assumption id → state, for tests and accessibility tools."""
        return {self.list.item(i).data(ID_ROLE): self.list.item(i).data(STATE_ROLE) for i in range(self.list.count())}
