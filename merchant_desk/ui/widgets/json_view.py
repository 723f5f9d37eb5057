"""A read-only view of an object's raw JSON, in the system's fixed-width font."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class JsonView(QPlainTextEdit):
    def __init__(self, parent: QWidget, name: str, accessible: str, *, wrap: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setReadOnly(True)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        if not wrap:
            self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

    def show_json(self, data: Any) -> None:
        """``data`` as indented JSON, keys sorted, non-ASCII text as it is."""
        self.setPlainText(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True))
