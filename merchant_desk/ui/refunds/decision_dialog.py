"""Requests that need a person's decision: an old request whose answer never came, which the app did not
send again because the server may have forgotten its key and could make it a second time.

``DecisionDialog`` shows one such request at a time with the evidence (what was refunded of the payment
when it was requested, and now) and three explicit choices; ``DecisionBanner`` is the line on the refunds
page that leads there; ``show_startup_notice`` tells the person at start-up.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

import qasync
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from merchant_desk import money
from merchant_desk.services import decisions
from merchant_desk.services.outcomes import SentNotRecorded
from merchant_desk.ui.refunds.refunds_model import local_time_text
from merchant_desk.ui.widgets.field_errors import ERROR_TEXT_STYLE
from merchant_desk.ui.widgets.text_labels import message_label
from merchant_desk.wooshpay import WooshPayError

log = logging.getLogger(__name__)


def amount_text(amount: Any, currency: str | None) -> str:
    if amount is None:
        return ""
    try:
        return money.format_minor(int(amount), currency or "")
    except (TypeError, ValueError):
        return f"{amount} {currency or ''}".strip()


def _when(text: Any) -> str:
    try:
        return local_time_text(datetime.fromisoformat(str(text)))
    except ValueError:
        return str(text or "")


class DecisionDialog(QDialog):
    """One parked request after another, oldest first; closes itself when none is left.
    ``decided(key, choice)`` fires after each recorded choice ("done", "sent", "dropped")."""

    decided = Signal(str, str)

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entry: Any = None
        self._busy = False
        self._task: asyncio.Task | None = None
        self.setObjectName("decisionDialog")
        self.setWindowTitle(self.tr("A request needs your decision"))
        self.setMinimumWidth(560)
        self._build()
        self.finished.connect(self._on_finished)
        self.reload()

    def _button(self, name: str, text: str, tooltip: str, slot: Callable[[], object]) -> QPushButton:
        made = QPushButton(text, self)
        made.setObjectName(name)
        made.setToolTip(tooltip)
        made.clicked.connect(slot)
        return made

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("decisionTitle")
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        layout.addWidget(self.title_label)
        self.evidence_label = QLabel(self)
        self.evidence_label.setObjectName("decisionEvidence")
        self.evidence_label.setTextFormat(Qt.TextFormat.PlainText)
        self.evidence_label.setWordWrap(True)
        self.evidence_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.evidence_label)
        self.message_label = message_label(self, "decisionMessage")
        layout.addWidget(self.message_label)
        layout.addStretch(1)

        self.mark_done_button = self._button("markDoneButton", self.tr("It was made: mark as done"),
                                           self.tr("Record it as made. Nothing is sent."), self._on_mark_done)
        self.send_again_button = self._button(
            "sendAgainButton", self.tr("It was not made: send again as a new request"),
            self.tr("Send the same request again with a new key. If it had been made, it is made twice."),
            self._on_send_again)
        self.drop_button = self._button("dropRequestButton", self.tr("Drop it: send nothing"), self.tr(
            "Stop trying. Nothing is sent; the request stays in the audit log."), self._on_drop)
        self.later_button = self._button("decideLaterButton", self.tr("Decide later"), "", self.reject)
        for button in (self.mark_done_button, self.send_again_button, self.drop_button):
            layout.addWidget(button)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.later_button)
        layout.addLayout(row)
        self._set_enabled(False)

    # -- loading -----------------------------------------------------------------------------------

    def reload(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.ensure_future(self._load())

    async def _load(self) -> None:
        parked = await decisions.awaiting(self.ctx.ledger, self.ctx.name)
        if not parked:
            self.entry = None
            self.accept()
            return
        self.entry = parked[0]
        self.title_label.setText(self._title(self.entry, len(parked)))
        self.evidence_label.setText(self._evidence_text(self.entry))
        self._set_enabled(True)
        # The evidence arrives after the dialog is shown: grow to it so that no line is cut off.
        self.layout().activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def _title(self, entry: Any, count: int) -> str:
        if count > 1:
            return self.tr("%1 requests need your decision. The oldest:").replace("%1", str(count))
        return self.tr("This request needs your decision:")

    def _evidence_text(self, entry: Any) -> str:
        evidence = entry.evidence if isinstance(entry.evidence, dict) else {}
        currency = evidence.get("currency")
        lines = []
        if entry.kind == "refund":
            lines.append(
                self.tr("A refund of %1 of payment %2 was requested on %3, and its answer never came.")
                .replace("%1", amount_text(evidence.get("amount"), currency))
                .replace("%2", str(evidence.get("payment_intent") or ""))
                .replace("%3", local_time_text(entry.created_at))
            )
        else:
            lines.append(
                self.tr("A request (%1) was sent on %2, and its answer never came.")
                .replace("%1", self._kind_text(entry.kind))
                .replace("%2", local_time_text(entry.created_at))
            )
        lines.append(self.tr(
            "More than a day has passed, so WooshPay may have forgotten it: sending it again could make it twice. "
            "It was not sent again."
        ))
        if entry.kind == "refund":
            lines.append("")
            lines.append(self.tr("Refunded of this payment when it was requested (as recorded here): %1").replace(
                "%1", amount_text(evidence.get("refunded_before"), currency)
                if evidence.get("refunded_before") is not None else self.tr("not known")
            ))
            now = evidence.get("refunded_now")
            lines.append(self.tr("Refunded now (as WooshPay reports it, %1): %2")
                         .replace("%1", _when(evidence.get("checked_at")))
                         .replace("%2", amount_text(now, currency) if now is not None
                                  else self.tr("WooshPay could not be asked")))
            if evidence.get("lookalike_refunds"):
                lines.append(self.tr("A refund of the same amount exists that this app cannot tell apart: %1")
                             .replace("%1", ", ".join(str(r) for r in evidence["lookalike_refunds"])))
        if evidence.get("lookup_error"):
            lines.append(self.tr("The check failed: %1").replace("%1", str(evidence["lookup_error"])))
        lines.append("")
        lines.append(self.tr("Look it up in WooshPay's dashboard, then choose."))
        return "\n".join(lines)

    def _kind_text(self, kind: str) -> str:
        if kind.startswith("payment_intent.cancel"):
            return self.tr("cancel a payment")
        if kind.startswith("payment_intent"):
            return self.tr("create a payment")
        if kind.endswith("expire"):
            return self.tr("expire a checkout session")
        if kind.startswith("checkout_session"):
            return self.tr("create a checkout session")
        if kind.startswith("webhook_endpoint"):
            return self.tr("register a webhook endpoint")
        return self.tr("change something on the account")

    # -- choices -----------------------------------------------------------------------------------

    @qasync.asyncSlot()
    async def _on_mark_done(self) -> None:
        await self._decide("done", lambda key: decisions.mark_done(self.ctx.ledger, key))

    @qasync.asyncSlot()
    async def _on_drop(self) -> None:
        await self._decide("dropped", lambda key: decisions.drop(self.ctx.ledger, key))

    @qasync.asyncSlot()
    async def _on_send_again(self) -> None:
        await self._decide(
            "sent", lambda key: decisions.send_as_new(self.ctx.client, self.ctx.ledger, key, account=self.ctx.name)
        )

    async def _decide(self, choice: str, action: Any) -> None:
        if self._busy or self.entry is None:
            return
        key = self.entry.key
        self._busy = True
        self._set_enabled(False)
        try:
            await action(key)
        except decisions.NotAwaitingDecision:
            self._show(self.tr("This request was decided elsewhere meanwhile."))
        except SentNotRecorded:
            self._show(self.tr("Sent: WooshPay made it. It will be recorded in the ledger as soon as the ledger "
                               "can be written."))
        except WooshPayError as exc:
            if decisions.outcome_unknown(exc):
                self._show(self.tr("Sent, but no answer came: %1. It is retried with the same key, so it is not "
                                   "made twice.").replace("%1", str(exc) or type(exc).__name__), error=True)
            else:
                self._show(self.tr("WooshPay refused it: %1").replace("%1", str(exc)), error=True)
        except Exception as exc:  # the ledger could not be written: said here, nothing lost
            log.exception("recording a decision failed")
            self._show(self.tr("The decision could not be recorded: %1").replace("%1", str(exc)), error=True)
            self._busy = False
            self._set_enabled(True)
            return
        else:
            self._show("")
        self._busy = False
        self.decided.emit(key, choice)
        self.reload()

    def _set_enabled(self, enabled: bool) -> None:
        for button in (self.mark_done_button, self.send_again_button, self.drop_button):
            button.setEnabled(enabled)

    def _show(self, text: str, *, error: bool = False) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet(ERROR_TEXT_STYLE if error else "")
        self.message_label.setVisible(bool(text))

    def _on_finished(self, _result: int) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()


class DecisionBanner(QWidget):
    """The refunds page's line "N requests need your decision" with a Decide… button; hidden when none."""

    decided = Signal()

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: DecisionDialog | None = None
        self.setObjectName("decisionBanner")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setObjectName("decisionsLabel")
        self.label.setWordWrap(True)
        self.label.setStyleSheet(ERROR_TEXT_STYLE)
        self.decide_button = QPushButton(self.tr("Decide…"), self)
        self.decide_button.setObjectName("decideButton")
        self.decide_button.setAccessibleName(self.tr("Decide what to do with requests that need a decision"))
        self.decide_button.clicked.connect(self.open_dialog)
        row.addWidget(self.label, 1)
        row.addWidget(self.decide_button)
        self.count = 0
        self.hide()

    async def reload(self) -> int:
        parked = await decisions.awaiting(self.ctx.ledger, self.ctx.name)
        self.count = len(parked)
        self.label.setText(self.tr(
            "%1 old request(s) were not sent again because their outcome is unknown: they need your decision."
        ).replace("%1", str(self.count)))
        self.setVisible(bool(parked))
        return self.count

    def open_dialog(self) -> DecisionDialog:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return self.dialog
        self.dialog = DecisionDialog(self.ctx, self.window())
        self.dialog.decided.connect(lambda *_: self.decided.emit())
        self.dialog.finished.connect(lambda _r: self.decided.emit())
        self.dialog.open()
        return self.dialog


def show_startup_notice(parent: QWidget, count: int, decide: Any) -> QMessageBox:
    """Non-modal: the app goes on; ``decide()`` is called when the person chooses to decide now."""
    box = QMessageBox(parent)
    box.setObjectName("decisionNotice")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("DecisionNotice", "Requests need your decision"))
    box.setText(QCoreApplication.translate(
        "DecisionNotice",
        "%1 request(s) sent more than a day ago never got an answer. They were not sent again, because "
        "WooshPay may have forgotten them and could make them twice."
    ).replace("%1", str(count)))
    box.setInformativeText(QCoreApplication.translate("DecisionNotice", "Decide now, or later from the Refunds page."))
    now = box.addButton(QCoreApplication.translate("DecisionNotice", "Decide now…"), QMessageBox.ButtonRole.AcceptRole)
    now.setObjectName("decideNowButton")
    later = box.addButton(QCoreApplication.translate("DecisionNotice", "Later"), QMessageBox.ButtonRole.RejectRole)
    later.setObjectName("decideLaterNoticeButton")
    now.clicked.connect(decide)
    box.setModal(False)
    box.open()
    return box
