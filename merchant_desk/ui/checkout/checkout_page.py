"""The checkout page: a Checkout Session of several line items in one currency, offered to Alipay+
wallets, shown as a QR of the session's hosted page and watched until it is paid or expires."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from merchant_desk.services.outbox import RequestFailed, RequestHandle
from merchant_desk.ui import words
from merchant_desk.ui.checkout.session_form import SessionForm, SessionRequest, url_problem
from merchant_desk.ui.checkout.session_view import SessionView
from merchant_desk.ui.frame.page import Page
from merchant_desk.ui.widgets.field_errors import install_invalid_style
from merchant_desk.ui.widgets.ops import run_op
from merchant_desk.wooshpay import CheckoutSession

__all__ = ["CheckoutPage", "url_problem"]


class CheckoutPage(Page):
    sessionCreated = Signal(str)
    statusChanged = Signal(str, str)  # status, payment_status

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("checkoutPage")
        self._watch_task: asyncio.Task[object] | None = None
        self._busy = False
        # A create whose answer never came: pressing Create again with the same form retries that request.
        self._open_request: tuple[SessionRequest, RequestHandle] | None = None
        # Polling pace in seconds: first pause, growth factor and ceiling. Tests shorten them.
        self.poll_interval = 1.0
        self.poll_max = 5.0
        install_invalid_style(self)
        layout = QHBoxLayout(self)
        self.form = SessionForm(self)
        self.form.createRequested.connect(self.create_from_form)
        self.view = SessionView(self)
        self.view.expireRequested.connect(self.expire_current)
        self.view.statusChanged.connect(self.statusChanged)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.view, 1)
        self.view.show_session(None, self.form.currency())

    @property
    def session(self) -> CheckoutSession | None:
        return self.view.session

    def add_line_item(self, name: str = "", unit_price: str = "", quantity: int = 1) -> int:
        return self.form.add_line_item(name, unit_price, quantity)

    def total_minor(self) -> int:
        return self.form.total_minor()

    def currency(self) -> str:
        return self.form.currency()

    # -- create --------------------------------------------------------------------------------------

    def create_from_form(self) -> None:
        request = self.form.request()
        if request is None or self._busy:
            return
        open_request, self._open_request = self._open_request, None
        # Busy from this moment, not from when the op first runs: a second click in between is ignored.
        self._set_busy(True)
        self.form.show_create_error(None)
        if open_request is not None and open_request[0] == request:
            op = self.ctx.checkout.retry(open_request[1])
        else:
            op = self.ctx.checkout.create(request.currency, list(request.items), request.success_url,
                                          request.cancel_url)
        run_op(self, op, success=self._on_created, failure=lambda exc: self._on_create_failed(request, exc),
               progress=lambda busy: busy or self._set_busy(False))

    def _on_create_failed(self, request: SessionRequest, exc: BaseException) -> None:
        message = words.failure(exc)
        if isinstance(exc, RequestFailed) and exc.open:
            self._open_request = (request, exc.handle)
            message = self.tr("No answer from WooshPay (%1). Press Create again to retry the same "
                              "request; it will not make a second session.").replace("%1", message)
        self.form.show_create_error(message)

    def _on_created(self, session: CheckoutSession) -> None:
        self._show(session)
        self.sessionCreated.emit(session.id)
        self._start_watch(session.id)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.form.set_busy(busy)

    def _show(self, session: CheckoutSession) -> None:
        self.view.show_session(session, self.form.currency())

    # -- watching and expiring -----------------------------------------------------------------------

    def _start_watch(self, session_id: str) -> None:
        if self._watch_task is not None:
            self._watch_task.cancel()
        self._watch_task = run_op(self, self.ctx.checkout.watch(
            session_id, lambda s: self._on_watched(session_id, s), first_delay=self.poll_interval,
            max_delay=self.poll_max))

    def _on_watched(self, session_id: str, session: CheckoutSession) -> None:
        if self.session is not None and self.session.id == session_id:
            self._show(session)
        elif self._watch_task is not None:
            self._watch_task.cancel()  # another session is shown now

    def expire_current(self) -> None:
        if self.session is None or self.session.status != "open":
            return
        session_id = self.session.id
        self.view.show_expire_error(None)
        self.view.expire_session_button.setEnabled(False)
        run_op(self, self.ctx.checkout.expire(session_id),
               success=lambda s: self._on_watched(session_id, s),
               failure=lambda exc: self.view.show_expire_error(
                   self.tr("Could not expire the session: %1").replace("%1", words.failure(exc))))
