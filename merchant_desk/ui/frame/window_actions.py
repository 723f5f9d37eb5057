"""What the main window does for its menus, shortcuts and signals: start a payment, take a charge request,
find or open a payment, refresh the page on screen, and follow refunds and webhooks.

A part of ``MainWindow`` (a mixin): it works on the window's pages and status bar.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QTabWidget, QWidget

# Strings say their "MainWindow" context: self.tr here would give lupdate this mixin's name instead.

log = logging.getLogger("merchant_desk.ui.frame.main_window")


class WindowActions:
    """Mixed into MainWindow; expects its pages (``paymentsPage``, ``refundsPage``, ``overviewPage``), ``ctx``
    and the QMainWindow API."""

    def new_payment(self) -> None:
        if self.ctx is None:
            return
        self.show_page_named("paymentsPage")
        amount = self.payments_page.findChild(QWidget, "paymentAmount")
        if amount is not None:
            amount.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if hasattr(amount, "selectAll"):
                amount.selectAll()

    def request_charge(self, request) -> None:  # type: ignore[no-untyped-def]
        """A payment another program asked for (``merchant_desk.charge_request.ChargeRequest``): the payments
        page shows it prefilled; creating it still takes the user's click."""
        self.show_page_named("paymentsPage")
        self.payments_page.prefill_charge(request.amount_text, request.currency, request.order_id, request.description)

    def find_payment(self) -> None:
        """Ctrl+F: the payments list with the cursor in its search field (the keyboard way to a payment)."""
        self.show_page_named("paymentsPage")
        search = self.payments_page.findChild(QWidget, "paymentSearch")
        if search is None:
            return
        tabs = self.payments_page.findChild(QTabWidget)
        if tabs is not None:
            for index in range(tabs.count()):
                if tabs.widget(index).isAncestorOf(search):
                    tabs.setCurrentIndex(index)
        search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if hasattr(search, "selectAll"):
            search.selectAll()

    def refresh_current(self) -> None:
        from merchant_desk.ui.frame.page import Page

        page = self.current_page()
        if isinstance(page, Page):
            page.refresh()

    def open_payment(self, intent_id: str) -> None:
        self.show_page_named("paymentsPage")
        self.payments_page.show_payment(intent_id)

    def _on_refund_created(self, refund) -> None:
        from merchant_desk.ui import words
        from merchant_desk.ui.payments.payments_model import format_amount

        self.refunds_page.refresh()
        self.overview_page.note_activity()
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Refund %1 of %2 sent (%3).")
            .replace("%1", refund.id)
            .replace("%2", format_amount(refund.amount, refund.currency))
            .replace("%3", words.refund_status(refund.status)),
            15_000,
        )

    def _on_webhook(self, webhook) -> None:
        from merchant_desk.services.changes import Change
        from merchant_desk.wooshpay import Event, ModelError

        if not webhook.verified or not webhook.event:
            return
        try:
            event = Event.from_dict(webhook.event)
        except ModelError:
            log.warning("Ignoring a webhook whose event cannot be read")
            return
        if event.type.startswith("payment_intent."):
            self.payments_page.apply_event(event)
        obj = event.data_object if isinstance(event.data_object, dict) else {}
        intent = obj.get("id") if event.type.startswith("payment_intent.") else obj.get("payment_intent")
        self.ctx.changes.publish(Change("event", "received", event.id, intent if isinstance(intent, str) else None))
        if event.type in ("payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.canceled") \
                or event.type.startswith("charge.refund"):
            self.overview_page.note_activity()

    async def _reconcile(self, ctx) -> None:
        """Requests a previous run sent without seeing the answer are resolved before anything else."""
        try:
            report = await ctx.reconcile()
        except Exception:  # the refunds page offers Retry; start-up goes on
            log.exception("Reconciling unresolved requests failed")
            return
        if ctx is self.ctx and report.resolved:
            self.refunds_page.refresh()
        # Old requests parked for a decision (now or in an earlier run) are never left to a log line.
        from merchant_desk.services import decisions
        from merchant_desk.ui.refunds.decision_dialog import show_startup_notice

        parked = await decisions.awaiting(ctx.ledger, ctx.name)
        if ctx is self.ctx and parked:
            self.refunds_page.refresh()
            self.decision_notice = show_startup_notice(self, len(parked), self.refunds_page.decision_banner.open_dialog)

    def show_about(self) -> None:
        from merchant_desk.ui.frame.about_dialog import AboutDialog

        self._about = AboutDialog(self.log_path, self)
        self._about.open()
