"""Small status-bar widgets: the account's mode as a coloured badge and the connection state."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from merchant_desk.ui.frame import connection

_MODE_STYLE = {
    # Amber, blue, red: sandbox is play money, test is the real test system, live is real money.
    "sandbox": ("#b45309", "#fef3c7"),
    "test": ("#1d4ed8", "#dbeafe"),
    "live": ("#b91c1c", "#fee2e2"),
}

_STATE_COLOUR = {
    connection.ONLINE: "#15803d",
    connection.OFFLINE: "#6b7280",
    connection.WRONG_KEY: "#b91c1c",
    connection.TLS_ERROR: "#b91c1c",
    connection.ERROR: "#b45309",
    "checking": "#6b7280",
}


class ModeBadge(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modeBadge")
        self.setAccessibleName(self.tr("Account mode"))
        self.set_mode("sandbox")

    def set_mode(self, mode: str) -> None:
        texts = {"sandbox": self.tr("SANDBOX"), "test": self.tr("TEST"), "live": self.tr("LIVE")}
        self.setText(texts.get(mode, mode.upper()))
        self.setProperty("mode", mode)
        fg, bg = _MODE_STYLE.get(mode, ("#374151", "#e5e7eb"))
        self.setStyleSheet(
            f"QLabel {{ color: {fg}; background: {bg}; border: 1px solid {fg};"
            " border-radius: 3px; padding: 1px 8px; font-weight: bold; }"
        )
        self.setToolTip(
            {
                "sandbox": self.tr("Built-in sandbox: nothing here is real money."),
                "test": self.tr("WooshPay test mode: no real money moves."),
                "live": self.tr("Live mode: payments and refunds move real money."),
            }.get(mode, "")
        )


class ConnectionIndicator(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionState")
        self.setAccessibleName(self.tr("Connection state"))
        self.set_checking()

    def _show(self, state: str, text: str, detail: str = "") -> None:
        self.setProperty("state", state)
        self.setText("● " + text)
        self.setToolTip(detail)
        self.setStyleSheet(f"QLabel {{ color: {_STATE_COLOUR.get(state, '#374151')}; padding: 0 6px; }}")

    def set_checking(self) -> None:
        self._show("checking", self.tr("Checking…"))

    def set_result(self, result: connection.ConnectionResult) -> None:
        texts = {
            connection.ONLINE: self.tr("Online"),
            connection.OFFLINE: self.tr("Offline"),
            connection.WRONG_KEY: self.tr("Wrong key"),
            connection.TLS_ERROR: self.tr("TLS error"),
            connection.ERROR: self.tr("Server problem"),
        }
        self._show(result.state, texts.get(result.state, result.state), result.message)
