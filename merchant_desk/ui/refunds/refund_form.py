"""What a refund asks for: the amount (with its error next to it), the reason and a note."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from merchant_desk.services.refunds import DEFAULT_REASON, NOTE_MAX_LENGTH, REFUND_REASONS
from merchant_desk.ui import words
from merchant_desk.ui.widgets.field_errors import error_label


class RefundForm(QWidget):
    """The refund dialog's fields; the dialog reads and checks them."""

    def __init__(self, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        amount_row = QHBoxLayout()
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setObjectName("refundAmount")
        self.amount_edit.setAccessibleName(self.tr("Refund amount"))
        self.amount_edit.setPlaceholderText(self.tr("Amount to refund"))
        self.amount_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.currency_label = QLabel(currency, self)
        self.currency_label.setObjectName("refundCurrency")
        amount_row.addWidget(self.amount_edit, 1)
        amount_row.addWidget(self.currency_label)
        self._add_row(form, self.tr("&Amount:"), self.amount_edit, amount_row)
        self.amount_error = error_label(self, "refundAmountError")
        form.addRow("", self.amount_error)

        self.reason_combo = QComboBox(self)
        self.reason_combo.setObjectName("refundReason")
        self.reason_combo.setAccessibleName(self.tr("Refund reason"))
        for reason in REFUND_REASONS:
            self.reason_combo.addItem(words.refund_reason(reason), reason)
        self.reason_combo.setCurrentIndex(self.reason_combo.findData(DEFAULT_REASON))
        self._add_row(form, self.tr("&Reason:"), self.reason_combo)

        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("refundNote")
        self.note_edit.setAccessibleName(self.tr("Refund note"))
        self.note_edit.setPlaceholderText(self.tr("Optional, kept with the refund"))
        self.note_edit.setMaxLength(NOTE_MAX_LENGTH)
        self._add_row(form, self.tr("&Note:"), self.note_edit)

    def _add_row(self, form: QFormLayout, text: str, field: QWidget, row: QHBoxLayout | None = None) -> None:
        label = QLabel(text, self)
        label.setBuddy(field)
        if row is None:
            form.addRow(label, field)
        else:
            form.addRow(label, row)

    def reason(self) -> str:
        return self.reason_combo.currentData() or DEFAULT_REASON

    def note(self) -> str | None:
        return self.note_edit.text().strip() or None

    def set_locked(self, locked: bool) -> None:
        # After a send, the request is fixed: a retry must carry exactly what was first sent.
        self.amount_edit.setReadOnly(locked)
        self.reason_combo.setEnabled(not locked)
        self.note_edit.setReadOnly(locked)
