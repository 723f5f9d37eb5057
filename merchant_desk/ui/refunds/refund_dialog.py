"""The refund dialog: how much of a payment to give back, why, and one confirm that can never refund twice.

When the answer to a refund is lost, the refund service hands back the request's handle; Retry sends that
same request again (``ctx.refunds.retry``), so the server answers with the refund it already made instead
of making another.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from merchant_desk import money
from merchant_desk.services.outbox import RequestFailed, RequestHandle
from merchant_desk.services.outcomes import NeedsDecision, SentNotRecorded
from merchant_desk.services.refunds import RefundRefused, RefundSummary, amount_refusal, refusal
from merchant_desk.services.shop.guard import ApprovalRequired
from merchant_desk.services.shop.policy import REFUND
from merchant_desk.services.shop.session import approved
from merchant_desk.services.wallet_rules import WalletRuleRefusal, wallet_refusal
from merchant_desk.ui import words
from merchant_desk.ui.refunds.refund_facts import RefundFacts
from merchant_desk.ui.refunds.refund_form import RefundForm
from merchant_desk.ui.refunds.refund_outcome import RefundOutcome
from merchant_desk.ui.shop.pin_dialog import ask_manager_approval
from merchant_desk.ui.widgets.buttons import button
from merchant_desk.ui.widgets.field_errors import install_invalid_style, set_field_error
from merchant_desk.ui.widgets.ops import run_op
from merchant_desk.ui.widgets.text_labels import title_label
from merchant_desk.wooshpay import ModelError, Refund

log = logging.getLogger(__name__)


class RefundDialog(QDialog):
    """Show with ``open()``; ``refundCreated(Refund)`` fires once the server has made the refund."""

    refundCreated = Signal(object)

    def __init__(self, ctx: Any, intent: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.intent = intent
        self.summary: RefundSummary | None = None
        self._sending = False
        self._done = False
        # The refund sent whose outcome is unknown: only Retry may send it (again), never Confirm.
        self._open_request: RequestHandle | None = None
        self._load_task: asyncio.Task[object] | None = None
        self._retry_action: Callable[[], object] | None = None
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
        layout.addWidget(title_label(self.tr("Refund payment"), self, 1.3))

        self.facts = RefundFacts(getattr(self.intent, "id", str(self.intent)), self)
        f = self.facts
        self.payment_label, self.paid_label, self.refunded_label, self.remainder_label, self.history_label = (
            f.payment_label, f.paid_label, f.refunded_label, f.remainder_label, f.history_label)
        layout.addWidget(self.facts)

        self.form = RefundForm(self._currency() or "", self)
        self.form.amount_edit.textChanged.connect(self._validate)
        # The form's fields, by the names tests know.
        self.amount_edit, self.amount_error = self.form.amount_edit, self.form.amount_error
        layout.addWidget(self.form)

        self.outcome = RefundOutcome(self)
        self.wallet_rule_label, self.message_label = self.outcome.wallet_rule_label, self.outcome.message_label
        layout.addLayout(self.outcome)
        layout.addStretch(1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = button(
            self, "cancelRefundButton", self.tr("Close"), self.tr("Close without refunding"), self.reject
        )
        self.retry_button = button(self, "retryRefundButton", self.tr("Retry"), self.tr("Retry"), self._on_retry)
        self.retry_button.hide()
        self.decide_button = button(self, "decideRefundButton", self.tr("Decide…"),
                                   self.tr("Decide what to do with the unanswered refund"), self.open_decisions)
        self.decide_button.hide()
        self.confirm_button = button(self, "confirmRefundButton", self.tr("Refund"), self.tr("Confirm refund"))
        self.confirm_button.setEnabled(False)
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self._on_confirm)
        for each in (self.cancel_button, self.retry_button, self.decide_button, self.confirm_button):
            buttons.addWidget(each)
        layout.addLayout(buttons)

    # -- state -------------------------------------------------------------------------------------

    @property
    def request_handle(self) -> RequestHandle | None:
        """The refund request whose answer was lost (Retry re-sends it), if any."""
        return self._open_request

    @property
    def busy(self) -> bool:
        return self._sending or self._load_task is not None and not self._load_task.done()

    def _currency(self) -> str | None:
        if self.summary is not None and self.summary.currency:
            return self.summary.currency
        currency = getattr(self.intent, "currency", None)
        return currency.upper() if currency else None

    def _money(self, amount: int) -> str:
        return words.amount_text(amount, self._currency())

    def reload(self) -> None:
        """Fetch the payment's current state and refunds again."""
        if self._load_task is not None and not self._load_task.done():
            return
        self.confirm_button.setEnabled(False)
        self._load_task = run_op(self, self.ctx.refunds.refund_summary(self.intent), success=self._apply_summary,
                                 failure=self._on_load_failed)

    def _on_load_failed(self, exc: BaseException) -> None:
        # Shown in the dialog; Retry loads again.
        log.warning("loading refunds of %s failed: %s", getattr(self.intent, "id", self.intent), exc)
        self._show_message(
            self.tr("Could not load this payment's refunds: %1").replace("%1", words.failure(exc)), error=True)
        self._offer_retry(self.reload)

    def _apply_summary(self, summary: RefundSummary) -> None:
        self.summary = summary
        if summary.intent is not None:
            self.intent = summary.intent
        self.form.currency_label.setText(self._currency() or "")
        self.facts.show_summary(summary, self._money)
        self._fit()
        self._hide_retry()
        # A refusal from the last attempt stays visible over the refreshed figures.
        self._show_message(self._last_error, error=bool(self._last_error))
        self.outcome.show_wallet_rule(summary)
        self.decide_button.setVisible(bool(summary.decision_keys))
        self.outcome.decision_note_label.setVisible(bool(summary.decision_keys))
        cannot = refusal(summary, None)
        if not cannot and wallet_refusal(summary) is not None:
            self._show_message(self.outcome.wallet_refusal_text(wallet_refusal(summary)), error=True)
            self.amount_edit.setEnabled(False)
            self.amount_edit.setText("")
        elif cannot and not summary.pending_keys:
            self._show_message(words.refund_refusal(cannot), error=True)
            self.amount_edit.setEnabled(False)
            self.amount_edit.setText("")
        else:
            self.amount_edit.setEnabled(True)
            try:
                self.amount_edit.setText(money.major_text(summary.remainder_minor, self._currency() or ""))
            except ValueError:
                self.amount_edit.setText(str(summary.remainder_minor))
            self.amount_edit.selectAll()
            self.amount_edit.setFocus()
        self._validate()

    # -- validation --------------------------------------------------------------------------------

    def amount_minor(self) -> int | None:
        """The typed amount in minor units, or None while it is not a valid refund amount."""
        amount, problem = self._parse_amount()
        return None if problem else amount

    def _parse_amount(self) -> tuple[int | None, str]:
        if self.summary is None:
            return None, ""
        currency = self._currency() or ""
        text = self.amount_edit.text()
        try:
            amount = money.to_minor(text, currency)
        except ValueError as exc:
            return None, words.amount_error(exc)
        problem = amount_refusal(self.summary, amount)
        if problem is not None:
            return None, words.refund_refusal(problem)
        return amount, ""

    def _validate(self) -> None:
        amount, problem = self._parse_amount()
        if not self.amount_edit.isEnabled():
            problem = ""
        was_shown = self.amount_error.isVisibleTo(self)
        set_field_error(self.amount_edit, self.amount_error, problem)
        if was_shown != bool(problem):
            self._fit()
        can_send = (
            amount is not None
            and not self._sending
            and not self._done
            and self._open_request is None
            and self.summary is not None
        )
        self.confirm_button.setEnabled(can_send)
        if amount is not None:
            self.confirm_button.setText(self.tr("Refund %1").replace("%1", self._money(amount)))
        else:
            self.confirm_button.setText(self.tr("Refund"))

    # -- sending -----------------------------------------------------------------------------------

    def _on_confirm(self) -> None:
        if self._sending or self._done or self._open_request is not None:
            return
        amount = self.amount_minor()
        if amount is None or self.summary is None:
            return
        reason, note = self.form.reason(), self.form.note()
        self._send(lambda: self._refund_with_approval(amount, reason, note))

    async def _refund_with_approval(self, amount: int, reason: str, note: str | None) -> Refund:
        # Shop mode: above the policy's threshold a cashier's refund waits for a manager's PIN; nothing is
        # written or sent before it, and the refund's audit row names the manager.
        shop = getattr(self.ctx, "shop", None)
        currency = self.summary.currency if self.summary is not None else None
        approval = None
        if shop is not None and shop.needs_approval(REFUND, amount, currency):
            approval = await ask_manager_approval(self, shop, REFUND)
            if approval is None:
                raise ApprovalRequired(REFUND, amount, currency)
        with approved(approval):
            return await self.ctx.refunds.refund(self.intent, amount, reason, note)

    def _on_retry(self) -> None:
        action = self._retry_action
        if action is not None:
            action()

    def _retry_open_request(self) -> None:
        handle = self._open_request
        if handle is not None:
            self._send(lambda: self.ctx.refunds.retry(handle))

    def _send(self, request: Callable[[], Awaitable[Refund]]) -> None:
        if self._sending or self._done:
            return
        self._sending = True
        self._set_fields_locked(True)
        self.confirm_button.setEnabled(False)
        self._hide_retry()
        self._last_error = ""
        self._show_message(self.tr("Sending the refund…"))
        run_op(self, request, success=self._on_refunded, failure=self._on_send_failed)

    def _on_send_failed(self, exc: BaseException) -> None:
        self._sending = False
        self._sync_close_button()
        if isinstance(exc, SentNotRecorded):
            # The server made it; only our record is late. Saying "failed" here would invite a second refund.
            self._done = True
            self._open_request = None
            self._show_message(self.outcome.sent_not_recorded_text(exc))
            self._validate()
            if isinstance(exc.response, dict):
                try:
                    self.refundCreated.emit(Refund.from_dict(exc.response))
                except ModelError:
                    log.warning("the unrecorded refund's answer cannot be read")
        elif isinstance(exc, NeedsDecision):
            self._show_message(self.outcome.needs_decision_text(), error=True)
            self._hide_retry()
            self.decide_button.show()
        elif isinstance(exc, WalletRuleRefusal):
            self._restart(self.outcome.wallet_refusal_text(exc))
            self.reload()
        elif isinstance(exc, RefundRefused):
            # Refused before anything was sent: a new attempt is a new request.
            self._restart(words.refund_refusal(exc))
            self.reload()
        elif isinstance(exc, ApprovalRequired):
            self._restart(self.tr("Not refunded: this refund needs a manager's approval."))
        elif isinstance(exc, RequestFailed) and exc.open:
            self._open_request = exc.handle
            self._show_message(self.outcome.no_answer_text(words.failure(exc)), error=True)
            self._offer_retry(self._retry_open_request)
        elif isinstance(exc, RequestFailed):
            self._restart(self.tr("WooshPay refused the refund: %1").replace("%1", str(exc)))
            self.reload()  # show the payment as it is now before anything else is tried
        else:  # never leave the dialog stuck in "Sending…"
            log.error("refund failed", exc_info=exc)
            self._show_message(self.tr("The refund failed: %1").replace("%1", words.failure(exc)), error=True)
            self._offer_retry(self._retry_open_request if self._open_request else self._on_confirm_again)

    def _on_confirm_again(self) -> None:
        self._set_fields_locked(False)
        self._on_confirm()

    def _on_refunded(self, refund: Refund) -> None:
        self._sending = False
        self._sync_close_button()
        self._done = True
        self._open_request = None
        self._show_message(self.tr("Refunded %1.").replace("%1", self._money(int(refund.amount or 0))))
        self.refundCreated.emit(refund)
        self.accept()

    def open_decisions(self) -> Any:
        """The dialog for refunds that need a decision; this one reloads once it is closed."""
        from merchant_desk.ui.refunds.decision_dialog import DecisionDialog

        self._decisions = DecisionDialog(self.ctx, self)
        self._decisions.finished.connect(lambda _r: self.reload())
        self._decisions.open()
        return self._decisions

    def _restart(self, message: str) -> None:
        self._last_error = message
        self._open_request = None
        self._set_fields_locked(False)
        self._show_message(message, error=True)
        self._validate()

    def _set_fields_locked(self, locked: bool) -> None:
        self.form.set_locked(locked)
        self._sync_close_button()

    def _offer_retry(self, action: Callable[[], object]) -> None:
        self._retry_action = action
        self.retry_button.show()
        self.retry_button.setEnabled(True)
        self.retry_button.setFocus()

    def _hide_retry(self) -> None:
        self._retry_action = None
        self.retry_button.hide()

    def _show_message(self, text: str, *, error: bool = False) -> None:
        if self.outcome.show_message(text, error=error):
            self._fit()

    def _fit(self) -> None:
        # Lines appear and disappear (errors, history): grow so that no row is squeezed, never shrink
        # below what the user made it.
        self.layout().activate()
        hint = self.sizeHint()
        if hint.height() > self.height() or hint.width() > self.width():
            self.resize(max(hint.width(), self.width()), max(hint.height(), self.height()))

    def _sync_close_button(self) -> None:
        self.cancel_button.setEnabled(not self._sending)
        self.cancel_button.setToolTip(
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
