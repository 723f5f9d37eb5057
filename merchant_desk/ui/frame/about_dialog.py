"""Help → About: what is running (versions) and where the log file is, for support requests."""

from __future__ import annotations

import platform
import sys
from importlib import metadata
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

import merchant_desk


def _version_of(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def version_rows(log_path: Path | None) -> list[tuple[str, str]]:
    return [
        ("Merchant Desk", merchant_desk.__version__),
        ("Python", f"{platform.python_version()} ({sys.platform})"),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("qasync", _version_of("qasync")),
        ("httpx", _version_of("httpx")),
        ("keyring", _version_of("keyring")),
    ] + [("Log file", str(log_path) if log_path else "—")]


class AboutDialog(QDialog):
    def __init__(self, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Merchant Desk"))
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("<b>Merchant Desk</b> — a back office for WooshPay merchants"), self)
        layout.addWidget(title)
        form = QFormLayout()
        labels = {"Log file": self.tr("Log file")}
        for name, value in version_rows(log_path):
            value_label = QLabel(value, self)
            value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value_label.setObjectName("aboutLogPath" if name == "Log file" else f"aboutVersion{name}")
            form.addRow(labels.get(name, name) + ":", value_label)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("aboutButtons")
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
