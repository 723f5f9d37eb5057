"""The Payments page: take a payment (form → QR → live status) and browse the payments taken."""

from __future__ import annotations

import asyncio
import logging
import uuid
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QFont,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from merchant_desk import money
from merchant_desk.services.outbox import is_retryable
from merchant_desk.services.payments import (
    DEFAULT_CANCELLATION_REASON,
    DEFAULT_RETURN_URL,
)
from merchant_desk.ui.payments.customer_display import CustomerDisplay
from merchant_desk.ui.payments.payment_detail import PaymentDetail
from merchant_desk.ui.payments.payment_form import PaymentForm, PaymentRequest
from merchant_desk.ui.payments.payment_status import PaymentStatusView, StatusIcon, look_of
from merchant_desk.ui.payments.payments_model import PaymentsModel
from merchant_desk.ui.widgets.qr_view import QrView
from merchant_desk.ui.widgets.tables import make_list_table
from merchant_desk.ui.widgets.tasks import TaskGroup
from merchant_desk.wooshpay.errors import InvalidRequestError, ModelError, WooshPayError
from merchant_desk.wooshpay.models import PaymentIntent

log = logging.getLogger(__name__)

# The cancel endpoint only accepts these (docs/wooshpay-api.md §3.7).
CANCELLABLE = ("requires_payment_method", "requires_confirmation", "requires_action", "requires_capture")


def search_query(order_id: str) -> str:
    # Quotes escaped with a backslash: likely as Stripe's search syntax; WooshPay shows only the plain form.
    escaped = order_id.replace("\\", "\\\\").replace("'", "\\'")
    return f"merchant_order_id:'{escaped}'"


class PaymentsPage(QWidget):
    refundCreated = Signal(object)  # a Refund made from the payment detail
    paymentCreated = Signal(object)  # a PaymentIntent created from the form
    # (first delay, cap, growth) of the status poll; tests shorten it.
    # Capped at 3 s: a customer who has just paid should not stand waiting for the screen to notice.
    watch_timing: tuple[float, float, float] = (1.0, 3.0, 1.4)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("paymentsPage")
        self.intent = None  # the payment being taken
        self._create_task: asyncio.Task | None = None
        # After a create whose outcome is unknown (network, 5xx), the same request is retried with the
        # same idempotency key, so a second press cannot make a second intent.
        self._unsettled: tuple[PaymentRequest, str] | None = None
        self._watch_task: asyncio.Task | None = None
        self._cancel_task: asyncio.Task | None = None
        self._tasks = TaskGroup("payments page")
        self._customer_display: CustomerDisplay | None = None
        self._dialog = None

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("paymentsTabs")
        self.tabs.addTab(self._build_take_tab(), self.tr("New payment"))
        self.tabs.addTab(self._build_list_tab(), self.tr("Payments"))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self._show_result(None)

    # -- building --------------------------------------------------------------------------------

    def _button(self, name: str, text: str, accessible: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.clicked.connect(slot)
        return button

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

        self.amount_label = QLabel(tab)
        self.amount_label.setObjectName("paymentAmountDisplay")
        self.amount_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        big = QFont(self.amount_label.font())
        big.setPointSizeF(max(big.pointSizeF(), 9.0) * 2.6)
        big.setBold(True)
        self.amount_label.setFont(big)
        self.qr_view = QrView(tab)
        # A finished payment's code must not be scanned again: it gives way to a large outcome.
        self.done_panel = QWidget(tab)
        self.done_panel.setObjectName("paymentDonePanel")
        self.done_icon = StatusIcon(self.done_panel, size=160)
        self.done_text = QLabel(self.done_panel)
        self.done_text.setObjectName("paymentDoneText")
        self.done_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        huge = QFont(big)
        huge.setPointSizeF(big.pointSizeF() * 1.4)
        self.done_text.setFont(huge)
        done_layout = QVBoxLayout(self.done_panel)
        done_layout.addStretch(1)
        done_layout.addWidget(self.done_icon, 0, Qt.AlignmentFlag.AlignHCenter)
        done_layout.addWidget(self.done_text)
        done_layout.addStretch(2)
        self.code_stack = QStackedWidget(tab)
        self.code_stack.setObjectName("paymentCodeStack")
        self.code_stack.addWidget(self.qr_view)
        self.code_stack.addWidget(self.done_panel)
        self.cashier_url = QLineEdit(tab)
        self.cashier_url.setObjectName("paymentCashierUrl")
        self.cashier_url.setAccessibleName(self.tr("Cashier URL"))
        self.cashier_url.setReadOnly(True)

        self.copy_button = self._button(
            "copyCashierUrlButton", self.tr("Copy URL"), self.tr("Copy the cashier URL"), self._copy_url
        )
        self.open_button = self._button(
            "openCashierUrlButton", self.tr("Open in browser"), self.tr("Open the cashier URL in a browser"),
            self._open_url,
        )
        self.save_button = self._button(
            "saveQrButton", self.tr("Save PNG/SVG…"), self.tr("Save the QR code as PNG or SVG"), self._save_qr
        )
        self.print_button = self._button(
            "printQrButton", self.tr("Print…"), self.tr("Print the QR code"), self._print_qr
        )
        self.display_button = self._button(
            "customerDisplayButton", self.tr("Customer display"),
            self.tr("Show the amount and QR code full screen for the customer"), self._show_customer_display,
        )
        self.cancel_button = self._button(
            "cancelPaymentButton", self.tr("Cancel payment…"), self.tr("Cancel this payment"), self._ask_cancel
        )
        self.status_view = PaymentStatusView(tab)
        self.action_message = QLabel(tab)
        self.action_message.setObjectName("paymentActionMessage")
        self.action_message.setWordWrap(True)

        actions = QHBoxLayout()
        for button in (self.copy_button, self.open_button, self.save_button, self.print_button, self.display_button):
            actions.addWidget(button)
        actions.addStretch(1)
        url_row = QHBoxLayout()
        url_row.addWidget(QLabel(self.tr("URL"), tab))
        url_row.addWidget(self.cashier_url, 1)

        result = QWidget(tab)
        result.setObjectName("paymentResult")
        result_layout = QVBoxLayout(result)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_layout.addWidget(self.status_view)
        result_layout.addWidget(self.amount_label)
        result_layout.addWidget(self.code_stack, 1)
        result_layout.addLayout(url_row)
        result_layout.addLayout(actions)
        cancel_row = QHBoxLayout()
        cancel_row.addWidget(self.action_message, 1)
        cancel_row.addWidget(self.cancel_button)
        result_layout.addLayout(cancel_row)

        splitter = QSplitter(Qt.Orientation.Horizontal, tab)
        splitter.setObjectName("paymentTakeSplitter")
        splitter.addWidget(form_scroll)
        splitter.addWidget(result)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(tab)
        layout.addWidget(splitter)
        return tab

    def _build_list_tab(self) -> QWidget:
        tab = QWidget(self)
        self.search = QLineEdit(tab)
        self.search.setObjectName("paymentSearch")
        self.search.setAccessibleName(self.tr("Search by merchant order ID"))
        self.search.setPlaceholderText(self.tr("Search by merchant order ID"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self._run_search)
        # Typing searches after a pause; Enter searches at once.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(400)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textEdited.connect(lambda _t: self._search_timer.start())
        self.refresh_button = self._button(
            "refreshPaymentsButton", self.tr("Refresh"), self.tr("Reload the payments list"), self.refresh
        )
        self.list_message = QLabel(tab)
        self.list_message.setObjectName("paymentsListMessage")

        self.model = PaymentsModel(self.ctx.client, self)
        self.model.loadingChanged.connect(self._on_list_loading)
        self.model.loadFailed.connect(self._on_list_failed)
        self.model.rowsInserted.connect(lambda *_: self._on_list_loading(self.model.loading))
        self.table = QTableView(tab)
        # Fixed row heights and no content-sized columns: nothing has to look at 100,000 rows.
        make_list_table(self.table, "paymentsTable", self.tr("Payments"), fixed_row_height=True)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 110, 70, 170, 140)):
            header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_table_menu)

        self.detail = PaymentDetail(self.ctx, tab)
        self.detail.refundCreated.connect(self.refundCreated)
        self.refund_action = QAction(self.tr("&Refund…"), self)
        self.refund_action.setObjectName("refundPaymentAction")
        self.refund_action.setShortcut(QKeySequence("Ctrl+R"))
        self.refund_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refund_action.triggered.connect(lambda _checked=False: self.detail.open_refund_dialog())
        self.table.addAction(self.refund_action)
        self.detail.addAction(self.refund_action)
        self.detail.intentLoaded.connect(self._sync_refund_action)
        self._sync_refund_action()

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.refresh_button)
        splitter = QSplitter(Qt.Orientation.Horizontal, tab)
        splitter.setObjectName("paymentsListSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.list_message)
        return tab

    # -- tasks -----------------------------------------------------------------------------------

    def _spawn(self, coro) -> asyncio.Task:
        return self._tasks.spawn(coro)

    def shutdown(self) -> list[asyncio.Task]:
        """Stop every background task (the page is going away or the account changes); returns the
        cancelled tasks for the caller to await."""
        tasks = self._tasks.cancel_all()
        self.model.shutdown()
        self.detail.shutdown()
        if self._customer_display is not None:
            self._customer_display.close()
        return tasks

    # -- creating --------------------------------------------------------------------------------

    def is_creating(self) -> bool:
        return self._create_task is not None

    def _on_create_requested(self, request: PaymentRequest) -> None:
        # The guard lives here, not only in the button's enabled state: a queued second click, Enter
        # in a field or a script must not send a second intent while the first is in flight.
        if self._create_task is not None:
            return
        self.form.set_busy(True, self.tr("Creating payment…"))
        self._create_task = self._spawn(self._create(request))

    async def _create(self, request: PaymentRequest) -> None:
        if self._unsettled is not None and self._unsettled[0] == request:
            key = self._unsettled[1]
        else:
            key = str(uuid.uuid4())
        self._unsettled = None
        try:
            intent = await self.ctx.payments.create_payment(
                request.amount_minor,
                request.currency,
                terminal_type=request.terminal_type,
                description=request.description,
                merchant_order_id=request.merchant_order_id,
                return_url=request.return_url,
                metadata=request.metadata or None,
                idempotency_key=key,
            )
        except WooshPayError as exc:
            # The same test the outbox uses to keep the ledger entry pending: the key is kept exactly when
            # the ledger keeps the request open, so a retry can never become a second payment.
            if is_retryable(exc):
                self._unsettled = (request, key)
                self.form.show_form_error(
                    self.tr("WooshPay did not answer ({error}). Press Create again to retry the same payment "
                            "safely.").format(error=exc)
                )
            elif isinstance(exc, InvalidRequestError):
                self.form.show_server_error(getattr(exc, "param", None), str(exc))
            else:
                self.form.show_form_error(self.tr("The payment was not created: {error}").format(error=exc))
            return
        finally:
            self._create_task = None
            self.form.set_busy(False)
        self._stop_watch()
        self._show_result(intent)
        if self.model.mode != "idle":
            self.model.upsert(intent)
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

    def _show_result(self, intent) -> None:
        self.intent = intent
        url = (intent.cashier_url or "") if intent is not None else ""
        self.qr_view.set_data(url)
        self.cashier_url.setText(url)
        self.amount_label.setText(money.format_minor(intent.amount, intent.currency) if intent is not None else "")
        self.action_message.clear()
        if intent is not None and not url and not intent.is_final:
            self.action_message.setText(self.tr("WooshPay returned no cashier URL for this payment."))
        self.apply_update(intent)

    def apply_update(self, intent) -> None:
        """A newer state of the payment being taken (from the poll, a cancel, or a webhook event)."""
        if intent is not None and self.intent is not None and intent.id != self.intent.id:
            return
        if intent is not None:
            self.intent = intent
        self.status_view.set_intent(intent)
        final = intent is not None and intent.is_final
        payable = bool(self.qr_view.data()) and not final
        for button in (self.copy_button, self.open_button, self.save_button, self.print_button, self.display_button):
            button.setEnabled(payable)
        self.code_stack.setVisible(intent is not None)
        if final:
            outcome = "succeeded" if intent.status == "succeeded" else "canceled"
            self.done_icon.set_look(*look_of(outcome))
            self.done_text.setText(self.tr("Paid") if outcome == "succeeded" else self.tr("Canceled"))
            self.code_stack.setCurrentWidget(self.done_panel)
        else:
            self.code_stack.setCurrentWidget(self.qr_view)
        can_cancel = intent is not None and intent.status in CANCELLABLE and self._cancel_task is None
        self.cancel_button.setEnabled(can_cancel)
        self.cancel_button.setToolTip(
            "" if can_cancel else self.tr("Only a payment that is not finished can be canceled.")
        )
        if intent is not None:
            if self.model.mode != "idle":
                self.model.upsert(intent)
            if final:
                self._stop_watch()
                if self._customer_display is not None:
                    self._customer_display.close()

    def apply_event(self, event) -> None:
        """Webhook event (``wooshpay.Event``) seen by the app: update the payment it is about."""
        data = getattr(event, "data_object", None) or {}
        if self.intent is None or data.get("id") != self.intent.id:
            return
        try:
            intent = PaymentIntent.from_dict(data)
        except ModelError:  # a malformed event must not break the page; the poll still runs
            log.warning("could not read the payment in event %s", getattr(event, "id", "?"))
            return
        self.apply_update(intent)

    def _start_watch(self) -> None:
        intent = self.intent
        if intent is None or intent.is_final or self._watch_task is not None:
            return
        first, cap, factor = self.watch_timing
        self._watch_task = self._spawn(
            self.ctx.payments.watch(intent.id, self.apply_update, first_delay=first, max_delay=cap, factor=factor)
        )
        self._watch_task.add_done_callback(self._on_watch_done)

    def _on_watch_done(self, task: asyncio.Task) -> None:
        if self._watch_task is task:
            self._watch_task = None
        if not task.cancelled() and task.exception() is not None:
            self.status_view.set_message(
                self.status_view.title_text(),
                self.tr("Stopped watching the payment: {error}").format(error=task.exception()),
            )

    def _stop_watch(self) -> None:
        if self._watch_task is not None:
            self._watch_task.cancel()
            self._watch_task = None

    def is_watching(self) -> bool:
        return self._watch_task is not None

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._start_watch()
        if self.tabs.currentIndex() == 1 and self.model.mode == "idle":
            self.refresh()

    def hideEvent(self, event) -> None:
        # Leaving the page stops the poll; coming back resumes it.
        self._stop_watch()
        super().hideEvent(event)

    # -- actions on the QR -----------------------------------------------------------------------

    def _copy_url(self) -> None:
        QGuiApplication.clipboard().setText(self.cashier_url.text())
        self.action_message.setText(self.tr("Cashier URL copied."))

    def _open_url(self) -> None:
        if not QDesktopServices.openUrl(QUrl(self.cashier_url.text())):
            self.action_message.setText(self.tr("No browser could open the URL."))

    def _save_qr(self) -> None:
        if self.intent is None or self.qr_view.qr() is None:
            return
        dialog = QFileDialog(self, self.tr("Save QR code"))
        dialog.setObjectName("saveQrDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        png, svg = self.tr("PNG image (*.png)"), self.tr("SVG image (*.svg)")
        dialog.setNameFilters([png, svg])
        dialog.selectFile(f"{self.intent.id}.png")
        dialog.setDefaultSuffix("png")
        dialog.filterSelected.connect(lambda f: dialog.setDefaultSuffix("svg" if f == svg else "png"))
        dialog.fileSelected.connect(lambda path: self._spawn(self._write_qr(path)))
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()

    async def _write_qr(self, path: str) -> None:
        if Path(path).suffix.lower() not in (".png", ".svg"):
            path += ".png"
        try:
            await self.qr_view.save(path)
        except (OSError, ValueError) as exc:
            self.action_message.setText(self.tr("Could not save the QR code: {error}").format(error=exc))
            return
        self.action_message.setText(self.tr("Saved {path}").format(path=path))

    def _print_qr(self) -> None:
        if self.qr_view.qr() is None:
            return
        # Loaded on demand: the print stack is only needed by those who print.
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("printQrDialog")
        dialog.accepted.connect(lambda: self.qr_view.print_to(printer))
        dialog.finished.connect(dialog.deleteLater)
        self._printer = printer  # the dialog holds no Python reference to it
        self._dialog = dialog
        dialog.open()

    def _show_customer_display(self) -> None:
        if self.intent is None or not self.intent.cashier_url:
            return
        if self._customer_display is not None:
            self._customer_display.close()
        display = CustomerDisplay(
            money.format_minor(self.intent.amount, self.intent.currency), self.intent.cashier_url, self
        )
        display.destroyed.connect(lambda *_: self._forget_display(display))
        self._customer_display = display
        display.show_on_customer_screen(self.window())

    def _forget_display(self, display) -> None:
        if self._customer_display is display:
            self._customer_display = None

    @property
    def customer_display(self) -> CustomerDisplay | None:
        return self._customer_display

    # -- cancelling ------------------------------------------------------------------------------

    def _ask_cancel(self) -> None:
        if self.intent is None or self.intent.status not in CANCELLABLE:
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("cancelReasonDialog")
        dialog.setWindowTitle(self.tr("Cancel payment"))
        dialog.setLabelText(self.tr("Why is this payment canceled? (sent to WooshPay)"))
        dialog.setTextValue(DEFAULT_CANCELLATION_REASON)
        dialog.setOkButtonText(self.tr("Cancel payment"))
        dialog.setCancelButtonText(self.tr("Keep payment"))
        intent_id = self.intent.id
        dialog.textValueSelected.connect(lambda reason: self.cancel_payment(intent_id, reason))
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()

    def cancel_payment(self, intent_id: str, reason: str) -> None:
        reason = reason.strip() or DEFAULT_CANCELLATION_REASON
        if self._cancel_task is not None:
            return
        self.cancel_button.setEnabled(False)
        self._cancel_task = self._spawn(self._cancel(intent_id, reason))

    async def _cancel(self, intent_id: str, reason: str) -> None:
        try:
            intent = await self.ctx.payments.cancel(intent_id, reason)
        except WooshPayError as exc:
            self.action_message.setText(self.tr("Could not cancel: {error}").format(error=exc))
            intent = None
        finally:
            self._cancel_task = None
        if intent is not None:
            self.apply_update(intent)
        else:
            self.apply_update(self.intent)

    # -- the list --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the list (or rerun the search) from the newest payment."""
        text = self.search.text().strip()
        if text:
            self.model.show_search(search_query(text))
        else:
            self.model.refresh()

    def _run_search(self) -> None:
        self._search_timer.stop()
        self.refresh()

    def _on_tab_changed(self, index: int) -> None:
        if index == 1 and self.model.mode == "idle":
            self.refresh()

    def _show_table_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        menu = QMenu(self.table)
        menu.addAction(self.refund_action)
        menu.popup(self.table.viewport().mapToGlobal(pos))
        self._menu = menu

    def _sync_refund_action(self, _intent=None) -> None:
        # The action says what the Refund button says, including why it is unavailable.
        self.refund_action.setEnabled(self.detail.refund_button.isEnabled())
        self.refund_action.setToolTip(self.detail.refund_button.toolTip())

    def show_payment(self, intent_id: str) -> None:
        """Open the Payments list with ``intent_id``'s detail (e.g. from a refund's row)."""
        self.tabs.setCurrentIndex(1)
        self.table.clearSelection()
        self.detail.show_intent(intent_id)

    def _on_row_changed(self, current, _previous) -> None:
        self.detail.show_intent(self.model.intent_id(current.row()) if current.isValid() else None)

    def _on_list_loading(self, loading: bool) -> None:
        if loading:
            self.list_message.setText(self.tr("Loading…"))
        elif not self.model.failed:
            self.list_message.setText(self.tr("%n payment(s) shown", "", self.model.rowCount()))

    def _on_list_failed(self, message: str) -> None:
        self.list_message.setText(self.tr("Could not load payments: {error}").format(error=message))
