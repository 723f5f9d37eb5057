"""The figures a refund is decided on: the payment, what was paid, what is refunded already, what is left,
and the earlier refunds."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from merchant_desk.services.refunds import RefundSummary
from merchant_desk.ui import words
from merchant_desk.ui.refunds.refunds_model import local_time_text


class RefundFacts(QWidget):
    def __init__(self, payment_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        facts = QFormLayout()
        facts.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.payment_label = self._value_label("refundPaymentId", payment_id)
        self.paid_label = self._value_label("refundPaidAmount", self.tr("…"))
        self.refunded_label = self._value_label("refundAlreadyRefunded", self.tr("…"))
        self.remainder_label = self._value_label("refundRemainder", self.tr("…"))
        facts.addRow(self.tr("Payment:"), self.payment_label)
        facts.addRow(self.tr("Paid:"), self.paid_label)
        facts.addRow(self.tr("Already refunded:"), self.refunded_label)
        facts.addRow(self.tr("Left to refund:"), self.remainder_label)
        layout.addLayout(facts)

        self.history_label = QLabel(self)
        self.history_label.setObjectName("refundHistory")
        self.history_label.setTextFormat(Qt.TextFormat.PlainText)
        self.history_label.setWordWrap(True)
        self.history_label.setStyleSheet("color: palette(placeholder-text);")
        self.history_label.hide()
        layout.addWidget(self.history_label)

    def _value_label(self, name: str, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def show_summary(self, summary: RefundSummary, money_text: Callable[[int], str]) -> None:
        intent = summary.intent
        paid = getattr(intent, "amount_received", None) or getattr(intent, "amount", None) or 0
        self.paid_label.setText(money_text(int(paid)))
        self.refunded_label.setText(money_text(summary.refunded_minor))
        self.remainder_label.setText(money_text(summary.remainder_minor))
        lines = [
            f"{money_text(int(r.amount or 0))} · {words.refund_status(r.status)} · {local_time_text(r.created)} · {r.id}"
            for r in summary.refunds
        ]
        if lines:
            lines.insert(0, self.tr("Earlier refunds:"))
        if summary.from_ledger:
            lines.append(self.tr("This server has no refunds list: shown are the refunds made from this app."))
        if summary.pending_keys:
            lines.append(
                self.tr("A refund of %1 is still unresolved; it is retried before a new refund is sent.").replace(
                    "%1", money_text(summary.pending_minor)
                )
            )
        self.history_label.setText("\n".join(lines))
        self.history_label.setVisible(bool(lines))
