from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PaymentsPage(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("paymentsPage")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Not available yet"), self))
