"""What the refund dialog says under its fields: the wallet's one-refund rule, a refund of this payment that
needs a decision, and the one message about loading or sending (progress, the refund made, or why not)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from merchant_desk.services.outcomes import SentNotRecorded
from merchant_desk.services.refunds import RefundSummary
from merchant_desk.services.wallet_rules import WalletRuleRefusal, wallet_rule
from merchant_desk.ui.widgets.field_errors import ERROR_TEXT_STYLE


class RefundOutcome(QVBoxLayout):
    """A layout rather than a widget: while all its lines are hidden it takes no room and no spacing, as the
    lines did when they stood in the dialog's own layout."""

    def __init__(self, dialog: QWidget) -> None:
        super().__init__()
        self.setContentsMargins(0, 0, 0, 0)
        self.wallet_rule_label = QLabel(dialog)
        self.wallet_rule_label.setObjectName("refundWalletRule")
        self.wallet_rule_label.setWordWrap(True)
        self.wallet_rule_label.hide()
        self.addWidget(self.wallet_rule_label)
        self.decision_note_label = QLabel(self.tr(
            "A refund of this payment requested long ago never got an answer and needs your decision before "
            "another refund can be sent."
        ), dialog)
        self.decision_note_label.setObjectName("refundDecisionNote")
        self.decision_note_label.setWordWrap(True)
        self.decision_note_label.setStyleSheet(ERROR_TEXT_STYLE)
        self.decision_note_label.hide()
        self.addWidget(self.decision_note_label)

        self.message_label = QLabel(dialog)
        self.message_label.setObjectName("refundMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.message_label.hide()
        self.addWidget(self.message_label)

    def show_message(self, text: str, *, error: bool = False) -> bool:
        """Show ``text`` (hidden when empty); True when the line appeared or disappeared."""
        label = self.message_label
        label.setText(text)
        label.setStyleSheet(ERROR_TEXT_STYLE if error else "")
        label.setProperty("error", text if error else "")
        if label.isVisibleTo(label.parentWidget()) != bool(text):
            label.setVisible(bool(text))
            return True
        return False

    def show_wallet_rule(self, summary: RefundSummary) -> None:
        rule = wallet_rule(summary)
        if rule is not None and not rule.multiple_partial:
            self.wallet_rule_label.setText(
                self.tr("%1 allows one refund per payment: refund the whole remainder or one partial amount.")
                .replace("%1", rule.wallet)
            )
        self.wallet_rule_label.setVisible(rule is not None and not rule.multiple_partial)

    def wallet_refusal_text(self, refused: WalletRuleRefusal | None) -> str:
        wallet = refused.rule.wallet if refused is not None else ""
        return self.tr("%1 allows one refund per payment, and this payment has already been refunded.").replace(
            "%1", wallet
        )

    def sent_not_recorded_text(self, exc: SentNotRecorded) -> str:
        return self.tr(
            "The refund was sent: WooshPay made refund %1. This app could not write it to its ledger yet "
            "(%2); it will be recorded automatically. Do not refund it again."
        ).replace("%1", exc.object_id or "").replace("%2", str(exc.cause) or type(exc.cause).__name__)

    def needs_decision_text(self) -> str:
        return self.tr(
            "This refund was requested more than a day ago and its answer never came. WooshPay may have "
            "forgotten it, so it was not sent again: decide what to do."
        )

    def no_answer_text(self, failure: str) -> str:
        return self.tr(
            "No answer from WooshPay: %1\nThe refund may or may not have been made. Retry sends the "
            "same request again and can never refund twice."
        ).replace("%1", failure)
