"""The Payments page: take a payment (form → QR → live status) and browse the payments taken."""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget

from merchant_desk.services.outbox import InProgressElsewhere, RequestFailed, RequestHandle
from merchant_desk.services.payments import DEFAULT_CANCELLATION_REASON, DEFAULT_RETURN_URL, search_query
from merchant_desk.services.shop.guard import ApprovalRequired
from merchant_desk.services.shop.policy import CANCEL_PAYMENT
from merchant_desk.services.shop.session import approved
from merchant_desk.ui import words
from merchant_desk.ui.frame.page import Page
from merchant_desk.ui.payments.payment_form import PaymentForm, PaymentRequest
from merchant_desk.ui.payments.payment_result import PaymentResult
from merchant_desk.ui.payments.payments_list import PaymentsList
from merchant_desk.ui.shop.approvals import approval_if_needed
from merchant_desk.ui.widgets.ops import run_op
from merchant_desk.wooshpay.errors import InvalidRequestError, ModelError
from merchant_desk.wooshpay.models import Event, PaymentIntent

log = logging.getLogger(__name__)

__all__ = ["PaymentsPage", "search_query"]


class PaymentsPage(Page):
    refundCreated = Signal(object)  # a Refund made from the payment detail
    paymentCreated = Signal(object)  # a PaymentIntent created from the form
    # (first delay, cap, growth) of the status poll; tests shorten it.
    # Capped at 3 s: a customer who has just paid should not stand waiting for the screen to notice.
    watch_timing: tuple[float, float, float] = (1.0, 3.0, 1.4)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("paymentsPage")
        self._create_task: asyncio.Task[object] | None = None
        # After a create whose outcome is unknown (network, 5xx, 409), pressing Create again with the same
        # request retries that request (its handle), so a second press cannot make a second intent.
        self._open_request: tuple[PaymentRequest, RequestHandle] | None = None
        self._list_stale = False  # the list's tab is to be reloaded when next shown
        self._watch_task: asyncio.Task[object] | None = None

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("paymentsTabs")
        self.tabs.addTab(self._build_take_tab(), self.tr("New payment"))
        self.list = PaymentsList(ctx, self)
        self.list.refundCreated.connect(self.refundCreated)
        self.tabs.addTab(self.list, self.tr("Payments"))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        # The parts tests and the window reach by name.
        self.model, self.table, self.detail = self.list.model, self.list.table, self.list.detail
        self.search, self.list_message, self.refund_action = (
            self.list.search, self.list.list_message, self.list.refund_action)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.result.show_intent(None)

    def _build_take_tab(self) -> QWidget:
        tab = QWidget(self)
        self.form = PaymentForm(default_return_url=DEFAULT_RETURN_URL, parent=tab)
        self.form.createRequested.connect(self._on_create_requested)
        form_scroll = QScrollArea(tab)
        form_scroll.setObjectName("paymentFormScroll")
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        form_scroll.setWidget(self.form)
        # The form is never narrower than its fields need: it scrolls vertically on a short screen but
        # never sideways, and the QR side takes the rest of the width.
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form_scroll.setMinimumWidth(
            self.form.minimumSizeHint().width() + form_scroll.verticalScrollBar().sizeHint().width()
        )
        self.result = PaymentResult(tab)
        self.result.cancelRequested.connect(self.cancel_payment)
        r = self.result
        self.qr_view, self.cashier_url, self.amount_label, self.status_view = (
            r.qr_view, r.cashier_url, r.amount_label, r.status_view)
        self.code_stack, self.done_panel, self.done_text, self.cancel_button = (
            r.code_stack, r.done_panel, r.done_text, r.cancel_button)
        self.action_message = r.action_message

        splitter = QSplitter(Qt.Orientation.Horizontal, tab)
        splitter.setObjectName("paymentTakeSplitter")
        splitter.addWidget(form_scroll)
        splitter.addWidget(self.result)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(tab)
        layout.addWidget(splitter)
        return tab

    @property
    def intent(self) -> PaymentIntent | None:
        """The payment being taken."""
        return self.result.intent

    @property
    def customer_display(self):  # type: ignore[no-untyped-def]
        return self.result.customer_display

    def shutdown(self) -> list[asyncio.Task[object]]:
        """Stop every background task (the page is going away or the account changes); returns the
        cancelled tasks for the caller to await."""
        tasks = super().shutdown()
        self.list.shutdown()
        self.result.close_customer_display()
        return tasks

    # -- creating --------------------------------------------------------------------------------

    def is_creating(self) -> bool:
        return self._create_task is not None

    def _on_create_requested(self, request: PaymentRequest) -> None:
        # The guard lives here, not only in the button's enabled state: a queued second click, Enter
        # in a field or a script must not send a second intent while the first is in flight.
        if self._create_task is not None:
            return
        self.form.create_button.setEnabled(False)
        self._create_task = run_op(
            self, self._create(request),
            success=self._on_created,
            failure=lambda exc: self._on_create_failed(request, exc),
            progress=self._on_create_busy,
        )
        # The spinner and its text (a new layout of the form) come after the task's first step, which hands
        # the request to the ledger's worker thread: the disk write then runs while the form is laid out and
        # painted, not after it.
        asyncio.get_running_loop().call_soon(self._show_creating)

    def _show_creating(self) -> None:
        if self._create_task is not None:  # not over already
            self.form.set_busy(True, self.tr("Creating payment…"))

    async def _create(self, request: PaymentRequest) -> PaymentIntent:
        open_request, self._open_request = self._open_request, None
        if open_request is not None and open_request[0] == request:
            return await self.ctx.payments.retry(open_request[1])
        return await self.ctx.payments.create_payment(
            request.amount_minor,
            request.currency,
            terminal_type=request.terminal_type,
            description=request.description,
            merchant_order_id=request.merchant_order_id,
            return_url=request.return_url,
            metadata=request.metadata or None,
            on_answer=self._show_answer,
        )

    def _on_create_busy(self, busy: bool) -> None:
        if not busy:
            self._create_task = None
            self.form.set_busy(False)

    def _on_create_failed(self, request: PaymentRequest, exc: BaseException) -> None:
        # The outbox decided whether the request stays open; only then is Create a retry of it.
        if isinstance(exc, RequestFailed) and exc.open:
            self._open_request = (request, exc.handle)
            self.form.show_form_error(
                self.tr("WooshPay did not answer (%1). Press Create again to retry the same payment "
                        "safely.").replace("%1", str(words.failure(exc)))
            )
            return
        error = exc.error if isinstance(exc, RequestFailed) else exc
        if isinstance(error, InvalidRequestError):
            self.form.show_server_error(error.param, str(error))
        else:
            self.form.show_form_error(
                self.tr("The payment was not created: %1").replace("%1", str(words.failure(error))))

    def _show_answer(self, intent: PaymentIntent) -> asyncio.Task[object] | None:
        """The server's answer, before the ledger has recorded it: the code goes on screen now (the
        customer can scan it; the recording waits for its encoding), the creation finishes in ``_on_created``."""
        if self._create_task is not None:
            return self.result.show_code_early(intent)
        return None

    def _on_created(self, intent: PaymentIntent) -> None:
        self._stop_watch()
        self.result.show_intent(intent)
        self.apply_update(intent)
        self._start_watch()
        self.paymentCreated.emit(intent)

    def prefill_charge(self, amount_text: str, currency: str, order_id: str, description: str | None) -> None:
        """Fill the form with a payment another program asked for; Create (focused) confirms it."""
        self.tabs.setCurrentIndex(0)
        form = self.form
        form.amount.setText(amount_text)
        form.currency.setCurrentIndex(max(form.currency.findData(currency), 0))
        form.order_id.setText(order_id)
        form.description.setText(description or "")
        form.create_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- the payment being taken -----------------------------------------------------------------

    def apply_update(self, intent: PaymentIntent | None) -> None:
        """A newer state of the payment being taken (from the poll, a cancel, or a webhook event)."""
        if intent is not None and self.intent is not None and intent.id != self.intent.id:
            return
        self.result.update_intent(intent)
        if intent is not None:
            self.list.upsert(intent)
            if intent.is_final:
                self._stop_watch()

    def apply_event(self, event: Event) -> None:
        """Webhook event seen by the app: update the payment it is about."""
        data = event.data_object or {}
        if self.intent is None or data.get("id") != self.intent.id:
            return
        try:
            intent = PaymentIntent.from_dict(data)
        except ModelError:  # a malformed event must not break the page; the poll still runs
            log.warning("could not read the payment in event %s", event.id)
            return
        self.apply_update(intent)

    def _start_watch(self) -> None:
        intent = self.intent
        if intent is None or intent.is_final or self._watch_task is not None:
            return
        first, cap, factor = self.watch_timing
        task = run_op(
            self,
            self.ctx.payments.watch(intent.id, self.apply_update, first_delay=first, max_delay=cap, factor=factor),
            failure=self._on_watch_failed,
        )
        self._watch_task = task
        task.add_done_callback(lambda t: self._forget_watch(t))

    def _forget_watch(self, task: asyncio.Task[object]) -> None:
        if self._watch_task is task:
            self._watch_task = None

    def _on_watch_failed(self, exc: BaseException) -> None:
        self.status_view.set_message(
            self.status_view.title_text(),
            self.tr("Stopped watching the payment: %1").replace("%1", str(words.failure(exc))),
        )

    def _stop_watch(self) -> None:
        if self._watch_task is not None:
            self._watch_task.cancel()
            self._watch_task = None

    def is_watching(self) -> bool:
        return self._watch_task is not None

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self._start_watch()
        if self.tabs.currentIndex() == 1:
            self.list.refresh_if_never_loaded()

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        # Leaving the page stops the poll; coming back resumes it.
        self._stop_watch()
        super().hideEvent(event)

    # -- cancelling ------------------------------------------------------------------------------

    def cancel_payment(self, intent_id: str, reason: str) -> None:
        reason = reason.strip() or DEFAULT_CANCELLATION_REASON
        if self.result.cancelling:
            return
        self.result.cancelling = True
        self.result.sync_cancel()
        run_op(
            self, self._cancel(intent_id, reason),
            success=self.apply_update,
            failure=self._on_cancel_failed,
            progress=self._on_cancel_busy,
        )

    async def _cancel(self, intent_id: str, reason: str) -> PaymentIntent:
        # Shop mode: the policy may want a manager's PIN first; the cancel's audit row then names them.
        allowed, approval = await approval_if_needed(self, self.ctx, CANCEL_PAYMENT)
        if not allowed:
            raise ApprovalRequired(CANCEL_PAYMENT)
        with approved(approval):
            return await self.ctx.payments.cancel(intent_id, reason)

    def _on_cancel_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ApprovalRequired):
            text = self.tr("Not cancelled: a manager's approval is needed.")
        elif isinstance(exc, InProgressElsewhere):
            text = self.tr("Not cancelled: a refund or cancel of this payment is in progress at %1.").replace(
                "%1", exc.till or self.tr("another till"))
        else:
            text = self.tr("Could not cancel: %1").replace("%1", str(words.failure(exc)))
        self.result.show_action_message(text)

    def _on_cancel_busy(self, busy: bool) -> None:
        if not busy:
            self.result.cancelling = False
            self.result.sync_cancel()

    # -- the list --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the list (or rerun the search) from the newest payment; while the list's tab is hidden,
        the next time it is shown."""
        if self.tabs.currentIndex() == 1:
            self._list_stale = False
            self.list.refresh()
        else:
            self._list_stale = True

    def _on_tab_changed(self, index: int) -> None:
        if index == 1:
            if self._list_stale:
                self._list_stale = False
                self.list.refresh()
            else:
                self.list.refresh_if_never_loaded()

    def follow_refunds(self, intent_id: str) -> None:
        """A refund of ``intent_id`` was made: if it is the payment on the panel, the panel says so."""
        intent = self.intent
        if intent is None or intent.id != intent_id:
            return
        run_op(self, self.ctx.refunds.refund_summary(intent_id),
               success=lambda summary: self.result.show_refunded(
                   intent_id, summary.refunded_minor, summary.remainder_minor))

    def show_payment(self, intent_id: str) -> None:
        """Open the Payments list with ``intent_id``'s detail (e.g. from a refund's row)."""
        self.tabs.setCurrentIndex(1)
        self.list.show_payment(intent_id)
