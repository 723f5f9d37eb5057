"""The refund dialog: how much of a payment to give back, why, and one confirm that can never refund twice.

The dialog owns one idempotency key for the refund it is about to make. A Retry after a lost answer
sends the same key (and, through the ledger, the same body), so the server answers with the refund it
already made instead of making another.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any

import qasync
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from merchant_desk import money
from merchant_desk.services.outbox import is_retryable
from merchant_desk.services.refunds import (
    DEFAULT_REASON,
    NOTE_MAX_LENGTH,
    REFUND_REASONS,
    RefundInProgress,
    RefundNotAllowed,
    RefundSummary,
    refusal,
)
from merchant_desk.services.shop.guard import ApprovalRequired
from merchant_desk.services.shop.policy import REFUND
from merchant_desk.services.shop.session import approved
from merchant_desk.ui.refunds.refunds_model import (
    amount_text,
    local_time_text,
    reason_text,
    status_text,
)
from merchant_desk.ui.shop.pin_dialog import ask_manager_approval
from merchant_desk.ui.widgets.field_errors import (
    ERROR_TEXT_STYLE,
    error_label,
    install_invalid_style,
    set_field_error,
)
from merchant_desk.wooshpay import WooshPayError

log = logging.getLogger(__name__)



class RefundDialog(QDialog):
    """Show with ``open()``; ``refundCreated(Refund)`` fires once the server has made the refund."""

    refundCreated = Signal(object)

    def __init__(self, ctx: Any, intent: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.intent = intent
        self.summary: RefundSummary | None = None
        self._key = str(uuid.uuid4())
        self._sending = False
        self._done = False
        self._sent_once = False  # a request with the current key may have reached the server
        self._load_task: asyncio.Task | None = None
        self._last_error = ""
        self.setObjectName("refundDialog")
        install_invalid_style(self)
        self.setWindowTitle(self.tr("Refund payment"))
        self.setModal(True)
        self.setMinimumWidth(540)
        self._build()
        self.finished.connect(self._on_finished)
        self.reload()

    # -- layout ------------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Refund payment"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)

        facts = QFormLayout()
        facts.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.paymentLabel = self._value_label("refundPaymentId", getattr(self.intent, "id", str(self.intent)))
        self.paidLabel = self._value_label("refundPaidAmount", self.tr("…"))
        self.refundedLabel = self._value_label("refundAlreadyRefunded", self.tr("…"))
        self.remainderLabel = self._value_label("refundRemainder", self.tr("…"))
        facts.addRow(self.tr("Payment:"), self.paymentLabel)
        facts.addRow(self.tr("Paid:"), self.paidLabel)
        facts.addRow(self.tr("Already refunded:"), self.refundedLabel)
        facts.addRow(self.tr("Left to refund:"), self.remainderLabel)
        layout.addLayout(facts)

        self.historyLabel = QLabel(self)
        self.historyLabel.setObjectName("refundHistory")
        self.historyLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.historyLabel.setWordWrap(True)
        self.historyLabel.setStyleSheet("color: palette(placeholder-text);")
        self.historyLabel.hide()
        layout.addWidget(self.historyLabel)

        form = QFormLayout()
        amount_row = QHBoxLayout()
        self.amountEdit = QLineEdit(self)
        self.amountEdit.setObjectName("refundAmount")
        self.amountEdit.setAccessibleName(self.tr("Refund amount"))
        self.amountEdit.setPlaceholderText(self.tr("Amount to refund"))
        self.amountEdit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amountEdit.textChanged.connect(self._validate)
        self.currencyLabel = QLabel(self._currency() or "", self)
        self.currencyLabel.setObjectName("refundCurrency")
        amount_row.addWidget(self.amountEdit, 1)
        amount_row.addWidget(self.currencyLabel)
        amount_label = QLabel(self.tr("&Amount:"), self)
        amount_label.setBuddy(self.amountEdit)
        form.addRow(amount_label, amount_row)
        self.amountError = error_label(self, "refundAmountError")
        form.addRow("", self.amountError)

        self.reasonCombo = QComboBox(self)
        self.reasonCombo.setObjectName("refundReason")
        self.reasonCombo.setAccessibleName(self.tr("Refund reason"))
        for reason in REFUND_REASONS:
            self.reasonCombo.addItem(reason_text(reason), reason)
        self.reasonCombo.setCurrentIndex(self.reasonCombo.findData(DEFAULT_REASON))
        reason_label = QLabel(self.tr("&Reason:"), self)
        reason_label.setBuddy(self.reasonCombo)
        form.addRow(reason_label, self.reasonCombo)

        self.noteEdit = QLineEdit(self)
        self.noteEdit.setObjectName("refundNote")
        self.noteEdit.setAccessibleName(self.tr("Refund note"))
        self.noteEdit.setPlaceholderText(self.tr("Optional, kept with the refund"))
        self.noteEdit.setMaxLength(NOTE_MAX_LENGTH)
        note_label = QLabel(self.tr("&Note:"), self)
        note_label.setBuddy(self.noteEdit)
        form.addRow(note_label, self.noteEdit)
        layout.addLayout(form)

        self.messageLabel = QLabel(self)
        self.messageLabel.setObjectName("refundMessage")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.messageLabel.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.messageLabel.hide()
        layout.addWidget(self.messageLabel)
        layout.addStretch(1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancelButton = QPushButton(self.tr("Close"), self)
        self.cancelButton.setObjectName("cancelRefundButton")
        self.cancelButton.setAccessibleName(self.tr("Close without refunding"))
        self.cancelButton.clicked.connect(self.reject)
        self.retryButton = QPushButton(self.tr("Retry"), self)
        self.retryButton.setObjectName("retryRefundButton")
        self.retryButton.setAccessibleName(self.tr("Retry"))
        self.retryButton.clicked.connect(self._on_retry)
        self.retryButton.hide()
        self.confirmButton = QPushButton(self.tr("Refund"), self)
        self.confirmButton.setObjectName("confirmRefundButton")
        self.confirmButton.setAccessibleName(self.tr("Confirm refund"))
        self.confirmButton.setEnabled(False)
        self.confirmButton.setDefault(True)
        self.confirmButton.clicked.connect(self._on_confirm)
        buttons.addWidget(self.cancelButton)
        buttons.addWidget(self.retryButton)
        buttons.addWidget(self.confirmButton)
        layout.addLayout(buttons)

    def _value_label(self, name: str, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # -- state -------------------------------------------------------------------------------------

    @property
    def idempotency_key(self) -> str:
        """The key the next send uses; it changes only after a refusal proved nothing was made."""
        return self._key

    @property
    def busy(self) -> bool:
        return self._sending or self._load_task is not None and not self._load_task.done()

    def _currency(self) -> str | None:
        if self.summary is not None and self.summary.currency:
            return self.summary.currency
        currency = getattr(self.intent, "currency", None)
        return currency.upper() if currency else None

    def _money(self, amount: int) -> str:
        return amount_text(amount, self._currency())

    def reload(self) -> None:
        """Fetch the payment's current state and refunds again."""
        if self._load_task is not None and not self._load_task.done():
            return
        self.confirmButton.setEnabled(False)
        self._load_task = asyncio.ensure_future(self._load())

    async def _load(self) -> None:
        try:
            summary = await self.ctx.refunds.refund_summary(self.intent)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # shown in the dialog; Retry loads again
            log.warning("loading refunds of %s failed: %s", getattr(self.intent, "id", self.intent), exc)
            self._show_message(self.tr("Could not load this payment's refunds: %1").replace("%1", str(exc)), error=True)
            self._offer_retry(self.reload)
            return
        self._apply_summary(summary)

    def _apply_summary(self, summary: RefundSummary) -> None:
        self.summary = summary
        if summary.intent is not None:
            self.intent = summary.intent
        self.currencyLabel.setText(self._currency() or "")
        intent = summary.intent
        paid = getattr(intent, "amount_received", None) or getattr(intent, "amount", None) or 0
        self.paidLabel.setText(self._money(int(paid)))
        self.refundedLabel.setText(self._money(summary.refunded_minor))
        self.remainderLabel.setText(self._money(summary.remainder_minor))
        lines = [
            f"{self._money(int(r.amount or 0))} · {status_text(r.status)} · {local_time_text(r.created)} · {r.id}"
            for r in summary.refunds
        ]
        if lines:
            lines.insert(0, self.tr("Earlier refunds:"))
        if summary.from_ledger:
            lines.append(self.tr("This server has no refunds list: shown are the refunds made from this app."))
        if summary.pending_keys:
            lines.append(
                self.tr("A refund of %1 is still unresolved; it is retried before a new refund is sent.").replace(
                    "%1", self._money(summary.pending_minor)
                )
            )
        self.historyLabel.setText("\n".join(lines))
        self.historyLabel.setVisible(bool(lines))
        self._fit()
        self._hide_retry()
        # A refusal from the last attempt stays visible over the refreshed figures.
        self._show_message(self._last_error, error=bool(self._last_error))
        cannot = refusal(summary, None)
        if cannot and not summary.pending_keys:
            self._show_message(self._translated_refusal(summary), error=True)
            self.amountEdit.setEnabled(False)
            self.amountEdit.setText("")
        else:
            self.amountEdit.setEnabled(True)
            try:
                self.amountEdit.setText(money.major_text(summary.remainder_minor, self._currency() or ""))
            except ValueError:
                self.amountEdit.setText(str(summary.remainder_minor))
            self.amountEdit.selectAll()
            self.amountEdit.setFocus()
        self._validate()

    def _translated_refusal(self, summary: RefundSummary) -> str:
        intent = summary.intent
        if intent is not None and intent.status != "succeeded":
            return self.tr("Only succeeded payments can be refunded; this one is “%1”.").replace("%1", str(intent.status))
        return self.tr("This payment has been refunded in full.")

    # -- validation --------------------------------------------------------------------------------

    def amount_minor(self) -> int | None:
        """The typed amount in minor units, or None while it is not a valid refund amount."""
        amount, problem = self._parse_amount()
        return None if problem else amount

    def _parse_amount(self) -> tuple[int | None, str]:
        if self.summary is None:
            return None, ""
        currency = self._currency() or ""
        text = self.amountEdit.text()
        try:
            amount = money.to_minor(text, currency)
        except (ValueError, TypeError) as exc:
            return None, str(exc)
        if amount <= 0:
            return None, self.tr("The refund amount must be more than zero.")
        if amount > self.summary.remainder_minor:
            return None, self.tr("At most %1 is left to refund.").replace("%1", self._money(self.summary.remainder_minor))
        return amount, ""

    def _validate(self) -> None:
        amount, problem = self._parse_amount()
        if not self.amountEdit.isEnabled():
            problem = ""
        was_shown = self.amountError.isVisibleTo(self)
        set_field_error(self.amountEdit, self.amountError, problem)
        if was_shown != bool(problem):
            self._fit()
        can_send = (
            amount is not None
            and not self._sending
            and not self._done
            and not self._sent_once
            and self.summary is not None
        )
        self.confirmButton.setEnabled(can_send)
        if amount is not None:
            self.confirmButton.setText(self.tr("Refund %1").replace("%1", self._money(amount)))
        else:
            self.confirmButton.setText(self.tr("Refund"))

    # -- sending -----------------------------------------------------------------------------------

    @qasync.asyncSlot()
    async def _on_confirm(self) -> None:
        if self._sending or self._done or self._sent_once:
            return
        amount = self.amount_minor()
        if amount is None or self.summary is None:
            return
        await self._send(amount)

    @qasync.asyncSlot()
    async def _on_retry(self) -> None:
        action = getattr(self, "_retry_action", None)
        if action is not None:
            result = action()
            if asyncio.iscoroutine(result):
                await result

    async def _send(self, amount: int | None) -> None:
        if self._sending or self._done:
            return
        self._sending = True
        self._set_fields_locked(True)
        self.confirmButton.setEnabled(False)
        self._hide_retry()
        self._last_error = ""
        self._show_message(self.tr("Sending the refund…"))
        reason = self.reasonCombo.currentData() or DEFAULT_REASON
        note = self.noteEdit.text().strip() or None
        approval = None
        shop = getattr(self.ctx, "shop", None)
        wanted = amount if amount is not None else (self.summary.remainder_minor if self.summary else None)
        currency = self.summary.currency if self.summary else None
        if not self._sent_once and shop is not None and shop.needs_approval(REFUND, wanted, currency):
            approval = await ask_manager_approval(self, shop, REFUND)
            if approval is None:
                self._restart_with_new_key(self.tr("Not refunded: this refund needs a manager's approval."))
                return
        self._sent_once = True
        try:
            with approved(approval):
                refund = await self.ctx.refunds.refund(self.intent, amount, reason, note, idempotency_key=self._key)
        except RefundInProgress as exc:
            self._restart_with_new_key(
                self.tr("A refund of this payment is in progress at %1.").replace("%1", exc.till or self.tr("another till"))
            )
            self.reload()
            return
        except ApprovalRequired:
            self._restart_with_new_key(self.tr("Not refunded: this refund needs a manager's approval."))
            return
        except RefundNotAllowed as exc:
            # Refused before anything was sent: a new attempt is a new request with a new key.
            self._restart_with_new_key(str(exc))
            self.reload()
            return
        except WooshPayError as exc:
            if is_retryable(exc):
                self._sending = False
                self._sync_close_button()
                self._show_message(
                    self.tr(
                        "No answer from WooshPay: %1\nThe refund may or may not have been made. Retry sends the "
                        "same request again and can never refund twice."
                    ).replace("%1", str(exc) or type(exc).__name__),
                    error=True,
                )
                self._offer_retry(lambda: self._send(amount))
                return
            self._restart_with_new_key(self.tr("WooshPay refused the refund: %1").replace("%1", str(exc)))
            self.reload()  # show the payment as it is now before anything else is tried
            return
        except Exception as exc:  # never leave the dialog stuck in "Sending…"
            log.exception("refund failed")
            self._sending = False
            self._sync_close_button()
            self._show_message(self.tr("The refund failed: %1").replace("%1", str(exc)), error=True)
            self._offer_retry(lambda: self._send(amount))
            return
        self._sending = False
        self._sync_close_button()
        self._done = True
        self._show_message(self.tr("Refunded %1.").replace("%1", self._money(int(refund.amount or 0))))
        self.refundCreated.emit(refund)
        self.accept()

    def _restart_with_new_key(self, message: str) -> None:
        self._last_error = message
        self._key = str(uuid.uuid4())
        self._sending = False
        self._sent_once = False
        self._set_fields_locked(False)
        self._show_message(message, error=True)
        self._validate()

    def _set_fields_locked(self, locked: bool) -> None:
        # After a send, the request is fixed: a retry must carry exactly what was first sent.
        self.amountEdit.setReadOnly(locked)
        self._sync_close_button()
        self.reasonCombo.setEnabled(not locked)
        self.noteEdit.setReadOnly(locked)

    def _offer_retry(self, action) -> None:
        self._retry_action = action
        self.retryButton.show()
        self.retryButton.setEnabled(True)
        self.retryButton.setFocus()

    def _hide_retry(self) -> None:
        self._retry_action = None
        self.retryButton.hide()

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.messageLabel.setText(text)
        self.messageLabel.setStyleSheet(ERROR_TEXT_STYLE if error else "")
        self.messageLabel.setProperty("error", text if error else "")
        if self.messageLabel.isVisibleTo(self) != bool(text):
            self.messageLabel.setVisible(bool(text))
            self._fit()

    def _fit(self) -> None:
        # Lines appear and disappear (errors, history): grow so that no row is squeezed, never shrink
        # below what the user made it.
        self.layout().activate()
        hint = self.sizeHint()
        if hint.height() > self.height() or hint.width() > self.width():
            self.resize(max(hint.width(), self.width()), max(hint.height(), self.height()))

    def _sync_close_button(self) -> None:
        self.cancelButton.setEnabled(not self._sending)
        self.cancelButton.setToolTip(
            self.tr("Wait for WooshPay's answer to the refund.") if self._sending else ""
        )

    def reject(self) -> None:
        # While the request is out (Close, Esc, the window's ×), the dialog stays: closing it would
        # hide whether the refund was made and leave the answer with nobody to record it on screen.
        if self._sending:
            self._show_message(self.tr("Sending the refund… wait for the answer before closing."))
            return
        super().reject()

    def closeEvent(self, event) -> None:
        if self._sending:
            event.ignore()
            return
        super().closeEvent(event)

    def _on_finished(self, _result: int) -> None:
        if self._load_task is not None and not self._load_task.done():
            self._load_task.cancel()
