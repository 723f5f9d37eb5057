"""The app's QSettings (window geometry, last page, the sandbox's network setting), in a module of its own
so the window frame reads them without loading the pages."""

from __future__ import annotations

from PySide6.QtCore import QSettings

SETTINGS_SANDBOX_LAN = "sandbox/lan"


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "MerchantDesk", "merchant-desk")
