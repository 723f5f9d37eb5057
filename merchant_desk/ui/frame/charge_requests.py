"""What the running window does with requests from later launches: come to the front, and take a payment that
another program asked for (``merchant-desk charge …``).

The payment page is only prefilled: the payment is created when the user confirms it with a click, so a
program on this machine can ask for money but never take it on its own. For a launcher that waits, the
payment created for its order is watched here and the outcome goes back to it as one line.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from merchant_desk import money
from merchant_desk.charge_request import ChargeRequest
from merchant_desk.services.payments import failure_message, is_failed
from merchant_desk.ui.frame.single_instance import ChargeReply, SingleInstanceServer

log = logging.getLogger(__name__)


def bring_to_front(window: Any) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def outcome_of(intent: Any, request: ChargeRequest) -> dict[str, Any]:
    status = "succeeded" if intent.status == "succeeded" else "canceled" if intent.status == "canceled" else "failed"
    outcome: dict[str, Any] = {
        "status": status,
        "payment_intent": intent.id,
        "order": request.order_id,
        "amount": intent.amount,
        "currency": (intent.currency or request.currency).upper(),
    }
    if status == "failed":
        outcome["reason"] = failure_message(intent) or intent.status
    return outcome


class ChargeRequests(QObject):
    """Connects the single-instance server to the main window, which may not exist yet when the first request
    arrives (the sandbox is still starting): requests wait until ``set_window``."""

    def __init__(self, server: SingleInstanceServer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window: Any = None
        self._queued: list[tuple[str, ChargeRequest | None, ChargeReply | None]] = []
        # The request shown in the form and not yet created, and the reply of the one being watched.
        self._pending: tuple[ChargeRequest, ChargeReply | None, Any] | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        server.activateRequested.connect(lambda: self._handle("activate", None, None))
        server.chargeRequested.connect(lambda request, reply: self._handle("charge", request, reply))
        server.serve()

    def set_window(self, window: Any) -> None:
        self.window = window
        queued, self._queued = self._queued, []
        for kind, request, reply in queued:
            self._handle(kind, request, reply)

    def _handle(self, kind: str, request: ChargeRequest | None, reply: ChargeReply | None) -> None:
        if self.window is None:
            self._queued.append((kind, request, reply))
            return
        bring_to_front(self.window)
        if kind == "charge" and request is not None:
            self.charge(request, reply)

    def charge(self, request: ChargeRequest, reply: ChargeReply | None = None) -> None:
        window = self.window
        self._supersede()
        page = window.payments_page
        page.paymentCreated.connect(self._on_payment_created, Qt.ConnectionType.UniqueConnection)
        self._pending = (request, reply, page)
        window.request_charge(request)
        log.info("Payment page prefilled for order %r; waiting for the user to confirm", request.order_id)
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "ChargeRequests", "Another program asks for %1 for order %2: check it and press Create payment."
            )
            .replace("%1", money.format_minor(request.amount_minor, request.currency))
            .replace("%2", request.order_id),
            60_000,
        )

    def _supersede(self) -> None:
        if self._pending is None:
            return
        old, reply, _page = self._pending
        self._pending = None
        if reply is not None:
            reply.finish({"status": "canceled", "order": old.order_id, "reason": "another charge request replaced it"})

    def _on_payment_created(self, intent: Any) -> None:
        if self._pending is None:
            return
        request, reply, page = self._pending
        if page is not self.window.payments_page or (intent.merchant_order_id or "") != request.order_id:
            return
        self._pending = None
        self.window.statusBar().clearMessage()  # the request is answered: the page shows the payment now
        log.info("Payment %s created for the requested order %r", intent.id, request.order_id)
        if reply is not None:
            task = asyncio.ensure_future(self._watch(self.window.ctx, intent, request, reply))
            self._tasks.add(task)
            task.add_done_callback(self._watch_done)

    def _watch_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("Following a requested payment failed", exc_info=task.exception())

    async def _watch(self, ctx: Any, intent: Any, request: ChargeRequest, reply: ChargeReply) -> None:
        def on_update(current: Any) -> None:
            if is_failed(current):
                raise _Settled(current)

        try:
            if intent.is_final or is_failed(intent):
                final = intent
            else:
                final = await ctx.payments.watch(intent.id, on_update, first_delay=1.0, max_delay=3.0)
        except _Settled as settled:
            final = settled.intent
        except asyncio.CancelledError:
            reply.finish({"status": "failed", "payment_intent": intent.id, "order": request.order_id,
                          "reason": "Merchant Desk was closed before the payment finished"})
            raise
        except Exception as exc:  # the launcher must hear something; the payment itself is in the app
            log.warning("Watching the requested payment %s failed: %s", intent.id, exc)
            reply.finish({"status": "failed", "payment_intent": intent.id, "order": request.order_id,
                          "reason": f"the payment could not be followed: {exc}"})
            return
        reply.finish(outcome_of(final, request))

    def shutdown(self) -> list[Any]:
        """At quit: launchers still waiting hear that no outcome is coming."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if self._pending is not None:
            request, reply, _page = self._pending
            self._pending = None
            if reply is not None:
                reply.finish({"status": "canceled", "order": request.order_id,
                              "reason": "Merchant Desk was closed before the payment was created"})
        for _kind, request, reply in self._queued:
            if reply is not None and request is not None:
                reply.finish({"status": "canceled", "order": request.order_id,
                              "reason": "Merchant Desk was closed before the payment was created"})
        self._queued = []
        return tasks


class _Settled(Exception):
    """Ends a watch at a failed attempt: the launcher wants to hear about a declined payment at once."""

    def __init__(self, intent: Any) -> None:
        super().__init__(intent.id)
        self.intent = intent
