from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class RefundsPage(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("refundsPage")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Not available yet"), self))
