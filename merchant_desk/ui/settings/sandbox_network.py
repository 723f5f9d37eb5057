"""Whether the built-in sandbox serves its cashier pages on the local network (read at the next start)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QVBoxLayout, QWidget

from merchant_desk.ui.app_settings import SETTINGS_SANDBOX_LAN, app_settings


class SandboxNetworkBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Sandbox"))
        layout = QVBoxLayout(self)
        self.sandbox_lan_check = QCheckBox(
            self.tr("Serve the sandbox's cashier pages on the local network, so a phone can scan and pay "
                    "(takes effect at the next start)"),
            self,
        )
        self.sandbox_lan_check.setObjectName("sandboxLanCheck")
        self.sandbox_lan_check.setAccessibleName(self.tr("Sandbox on the local network"))
        self.sandbox_lan_check.setChecked(app_settings().value(SETTINGS_SANDBOX_LAN, False, type=bool))
        self.sandbox_lan_check.toggled.connect(self._on_lan_toggled)
        layout.addWidget(self.sandbox_lan_check)

    def _on_lan_toggled(self, checked: bool) -> None:
        settings = app_settings()
        settings.setValue(SETTINGS_SANDBOX_LAN, checked)
        settings.sync()
