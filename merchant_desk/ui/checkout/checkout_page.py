"""The checkout page: a Checkout Session of several line items in one currency, offered to Alipay+
wallets, shown as a QR of the session's hosted page and watched until it is paid or expires."""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from merchant_desk import money
from merchant_desk.services.checkout import (
    LineItemInput,
    create_session,
    expire_session,
    session_body,
)
from merchant_desk.services.outbox import is_retryable
from merchant_desk.ui.widgets.field_errors import (
    error_label,
    install_invalid_style,
    set_field_error,
)
from merchant_desk.ui.widgets.qr_view import QrView
from merchant_desk.ui.widgets.tasks import TaskGroup
from merchant_desk.wooshpay import CheckoutSession, WooshPayError

log = logging.getLogger(__name__)

DEFAULT_SUCCESS_URL = "https://example.com/checkout/success"
DEFAULT_CANCEL_URL = "https://example.com/checkout/cancel"
MAX_QUANTITY = 9999
NAME_COL, PRICE_COL, QTY_COL = 0, 1, 2

_INVALID_CELL = QColor("#fee2e2")

_STATUS_STYLE = {
    # colour, background
    "open": ("#1d4ed8", "#dbeafe"),
    "complete": ("#15803d", "#dcfce7"),
    "expired": ("#6b7280", "#f3f4f6"),
}


def url_problem(text: str) -> str | None:
    text = text.strip()
    if not text:
        return QCoreApplication.translate("CheckoutPage", "Enter the address the customer returns to.")
    try:
        parts = urlsplit(text)
    except ValueError:
        return QCoreApplication.translate("CheckoutPage", "This is not a valid URL.")
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in text):
        return QCoreApplication.translate("CheckoutPage", "Use an http:// or https:// address.")
    return None


class _QuantityDelegate(QStyledItemDelegate):
    """Quantities are edited with a spin box, so only whole numbers in range can be typed."""

    def createEditor(self, parent, option, index):  # type: ignore[no-untyped-def]
        editor = QSpinBox(parent)
        editor.setRange(1, MAX_QUANTITY)
        editor.setObjectName("lineItemQuantityEditor")
        editor.setAccessibleName(QCoreApplication.translate("CheckoutPage", "Quantity"))
        return editor

    def setEditorData(self, editor, index):  # type: ignore[no-untyped-def]
        try:
            editor.setValue(int(str(index.data() or "1")))
        except ValueError:
            editor.setValue(1)

    def setModelData(self, editor, model, index):  # type: ignore[no-untyped-def]
        editor.interpretText()
        model.setData(index, str(editor.value()))


class CheckoutPage(QWidget):
    sessionCreated = Signal(str)
    statusChanged = Signal(str, str)  # status, payment_status

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("checkoutPage")
        self._tasks = TaskGroup("checkout page")
        self._watch_task: asyncio.Task[Any] | None = None
        self._busy = False
        self._retry: tuple[dict[str, Any], str] | None = None
        self.session: CheckoutSession | None = None
        # Polling pace in seconds: first pause, growth factor and ceiling. Tests shorten them.
        self.poll_interval = 1.0
        self.poll_max = 5.0
        self._build()
        tasks = self._tasks
        self.destroyed.connect(lambda *_: tasks.cancel_all())
        self.add_line_item()
        self._show_session(None)

    # -- layout --------------------------------------------------------------------------------------

    def _build(self) -> None:
        install_invalid_style(self)
        outer = QHBoxLayout(self)

        form_box = QGroupBox(self.tr("New checkout session"), self)
        form_layout = QVBoxLayout(form_box)
        top = QFormLayout()
        self.checkoutCurrency = QComboBox(form_box)
        self.checkoutCurrency.setObjectName("checkoutCurrency")
        self.checkoutCurrency.setAccessibleName(self.tr("Currency of every line item"))
        for code in money.ALIPAYPLUS_CURRENCIES:
            self.checkoutCurrency.addItem(code, code)
        self.checkoutCurrency.setToolTip(self.tr("Alipay+ checkout takes one currency per session; "
                                                 "the currency decides which wallets the customer sees."))
        self.checkoutCurrency.currentIndexChanged.connect(self._on_currency_changed)
        currency_label = QLabel(self.tr("C&urrency:"), form_box)
        currency_label.setBuddy(self.checkoutCurrency)
        top.addRow(currency_label, self.checkoutCurrency)
        form_layout.addLayout(top)

        self.checkoutLineItems = QTableWidget(0, 3, form_box)
        self.checkoutLineItems.setObjectName("checkoutLineItems")
        self.checkoutLineItems.setAccessibleName(self.tr("Line items"))
        self.checkoutLineItems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.checkoutLineItems.verticalHeader().hide()
        header = self.checkoutLineItems.horizontalHeader()
        header.setSectionResizeMode(NAME_COL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PRICE_COL, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(QTY_COL, QHeaderView.ResizeMode.ResizeToContents)
        self.checkoutLineItems.setItemDelegateForColumn(QTY_COL, _QuantityDelegate(self.checkoutLineItems))
        self.checkoutLineItems.itemChanged.connect(self._on_item_changed)
        self.checkoutLineItems.itemSelectionChanged.connect(self._update_buttons)
        form_layout.addWidget(self.checkoutLineItems, 1)
        self.lineItemsError = error_label(form_box, "checkoutLineItemsError")
        form_layout.addWidget(self.lineItemsError)

        item_buttons = QHBoxLayout()
        self.addLineItemButton = QPushButton(self.tr("Add item"), form_box)
        self.addLineItemButton.setObjectName("addLineItemButton")
        self.addLineItemButton.setAccessibleName(self.tr("Add a line item"))
        self.addLineItemButton.clicked.connect(self._on_add_clicked)
        self.removeLineItemButton = QPushButton(self.tr("Remove item"), form_box)
        self.removeLineItemButton.setObjectName("removeLineItemButton")
        self.removeLineItemButton.setAccessibleName(self.tr("Remove the selected line item"))
        self.removeLineItemButton.clicked.connect(self.remove_selected_line_item)
        self.checkoutTotal = QLabel(form_box)
        self.checkoutTotal.setObjectName("checkoutTotal")
        self.checkoutTotal.setAccessibleName(self.tr("Total"))
        self.checkoutTotal.setStyleSheet("font-size: 14pt; font-weight: 600;")
        item_buttons.addWidget(self.addLineItemButton)
        item_buttons.addWidget(self.removeLineItemButton)
        item_buttons.addStretch(1)
        item_buttons.addWidget(self.checkoutTotal)
        form_layout.addLayout(item_buttons)

        urls = QFormLayout()
        self.checkoutSuccessUrl = QLineEdit(DEFAULT_SUCCESS_URL, form_box)
        self.checkoutSuccessUrl.setObjectName("checkoutSuccessUrl")
        self.checkoutSuccessUrl.setAccessibleName(self.tr("Success URL"))
        self.checkoutSuccessUrl.textEdited.connect(lambda _t: self._validate_urls())
        self.successUrlError = error_label(form_box, "checkoutSuccessUrlError")
        self.checkoutCancelUrl = QLineEdit(DEFAULT_CANCEL_URL, form_box)
        self.checkoutCancelUrl.setObjectName("checkoutCancelUrl")
        self.checkoutCancelUrl.setAccessibleName(self.tr("Cancel URL"))
        self.checkoutCancelUrl.textEdited.connect(lambda _t: self._validate_urls())
        self.cancelUrlError = error_label(form_box, "checkoutCancelUrlError")
        success_label = QLabel(self.tr("&Success URL:"), form_box)
        success_label.setBuddy(self.checkoutSuccessUrl)
        cancel_label = QLabel(self.tr("Ca&ncel URL:"), form_box)
        cancel_label.setBuddy(self.checkoutCancelUrl)
        urls.addRow(success_label, self.checkoutSuccessUrl)
        urls.addRow("", self.successUrlError)
        urls.addRow(cancel_label, self.checkoutCancelUrl)
        urls.addRow("", self.cancelUrlError)
        form_layout.addLayout(urls)

        self.createSessionButton = QPushButton(self.tr("Create checkout session"), form_box)
        self.createSessionButton.setObjectName("createSessionButton")
        self.createSessionButton.setAccessibleName(self.tr("Create checkout session"))
        self.createSessionButton.setDefault(True)
        self.createSessionButton.setMinimumHeight(36)
        self.createSessionButton.clicked.connect(self.create_from_form)
        self.createError = error_label(form_box, "createSessionError")
        form_layout.addWidget(self.createSessionButton)
        form_layout.addWidget(self.createError)
        outer.addWidget(form_box, 1)

        result = QGroupBox(self.tr("Customer scans"), self)
        result_layout = QVBoxLayout(result)
        self.amountLabel = QLabel(result)
        self.amountLabel.setObjectName("checkoutAmount")
        self.amountLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.amountLabel.setStyleSheet("font-size: 22pt; font-weight: 700;")
        result_layout.addWidget(self.amountLabel)
        self.checkoutQrView = QrView(result, object_name="checkoutQrView")
        self.checkoutQrView.setAccessibleName(self.tr("Checkout QR code"))
        self.checkoutQrView.setMinimumSize(260, 260)
        result_layout.addWidget(self.checkoutQrView, 1)
        self.qrPlaceholder = QLabel(self.tr("Create a session to show its QR code here."), result)
        self.qrPlaceholder.setObjectName("checkoutQrPlaceholder")
        self.qrPlaceholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qrPlaceholder.setWordWrap(True)
        self.qrPlaceholder.setFrameShape(QFrame.Shape.StyledPanel)
        self.qrPlaceholder.setMinimumHeight(120)
        self.qrPlaceholder.setStyleSheet("font-size: 13pt; color: #4b5563;")
        result_layout.addWidget(self.qrPlaceholder, 1)

        self.checkoutStatus = QLabel(result)
        self.checkoutStatus.setObjectName("checkoutStatus")
        self.checkoutStatus.setAccessibleName(self.tr("Session status"))
        self.checkoutStatus.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.checkoutStatus.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        result_layout.addWidget(self.checkoutStatus)

        url_row = QHBoxLayout()
        self.checkoutUrl = QLineEdit(result)
        self.checkoutUrl.setObjectName("checkoutUrl")
        self.checkoutUrl.setAccessibleName(self.tr("Checkout page URL"))
        self.checkoutUrl.setReadOnly(True)
        self.copyUrlButton = QPushButton(self.tr("Copy"), result)
        self.copyUrlButton.setObjectName("copyCheckoutUrlButton")
        self.copyUrlButton.setAccessibleName(self.tr("Copy the checkout URL"))
        self.copyUrlButton.clicked.connect(self._copy_url)
        self.openUrlButton = QPushButton(self.tr("Open"), result)
        self.openUrlButton.setObjectName("openCheckoutUrlButton")
        self.openUrlButton.setAccessibleName(self.tr("Open the checkout page in the browser"))
        self.openUrlButton.clicked.connect(self._open_url)
        url_row.addWidget(self.checkoutUrl, 1)
        url_row.addWidget(self.copyUrlButton)
        url_row.addWidget(self.openUrlButton)
        result_layout.addLayout(url_row)

        self.detailLabel = QLabel(result)
        self.detailLabel.setObjectName("checkoutDetail")
        self.detailLabel.setWordWrap(True)
        self.detailLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detailLabel.setStyleSheet("color: #4b5563;")
        result_layout.addWidget(self.detailLabel)

        self.expireSessionButton = QPushButton(self.tr("Expire session"), result)
        self.expireSessionButton.setObjectName("expireSessionButton")
        self.expireSessionButton.setAccessibleName(self.tr("Expire the checkout session"))
        self.expireSessionButton.setToolTip(self.tr("Close the session so that nobody can pay it any more"))
        self.expireSessionButton.clicked.connect(self.expire_current)
        self.expireError = error_label(result, "expireSessionError")
        result_layout.addWidget(self.expireSessionButton)
        result_layout.addWidget(self.expireError)
        outer.addWidget(result, 1)

    # -- line items ----------------------------------------------------------------------------------

    def currency(self) -> str:
        return str(self.checkoutCurrency.currentData())

    def _on_add_clicked(self) -> None:
        row = self.add_line_item()
        self.checkoutLineItems.setCurrentCell(row, NAME_COL)
        self.checkoutLineItems.editItem(self.checkoutLineItems.item(row, NAME_COL))

    def add_line_item(self, name: str = "", unit_price: str = "", quantity: int = 1) -> int:
        """Append a row (prices in major units of the session currency); returns its index."""
        table = self.checkoutLineItems
        row = table.rowCount()
        table.blockSignals(True)
        table.insertRow(row)
        table.setItem(row, NAME_COL, QTableWidgetItem(name))
        price = QTableWidgetItem(unit_price)
        price.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        table.setItem(row, PRICE_COL, price)
        qty = QTableWidgetItem(str(quantity))
        qty.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        table.setItem(row, QTY_COL, qty)
        table.blockSignals(False)
        self._update_header()
        self._refresh_items(flag=False)
        return row

    def remove_selected_line_item(self) -> None:
        rows = sorted({index.row() for index in self.checkoutLineItems.selectedIndexes()}, reverse=True)
        if not rows and self.checkoutLineItems.currentRow() >= 0:
            rows = [self.checkoutLineItems.currentRow()]
        for row in rows:
            self.checkoutLineItems.removeRow(row)
        self._refresh_items(flag=bool(self.checkoutLineItems.property("error")))

    def _update_header(self) -> None:
        self.checkoutLineItems.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Unit price (%1)").replace("%1", self.currency()), self.tr("Quantity")]
        )

    def _on_currency_changed(self, _index: int) -> None:
        self._update_header()
        # Decimals differ between currencies ("12.50" is fine in HKD, not in IDR): judge again.
        self._refresh_items(flag=any(self._row_problem(r) for r in range(self.checkoutLineItems.rowCount())
                                     if not self._row_blank(r)))

    def _on_item_changed(self, _item: QTableWidgetItem) -> None:
        self._refresh_items(flag=True)

    def _cell(self, row: int, col: int) -> str:
        item = self.checkoutLineItems.item(row, col)
        return item.text().strip() if item is not None else ""

    def _row_blank(self, row: int) -> bool:
        return not self._cell(row, NAME_COL) and not self._cell(row, PRICE_COL)

    def _row_problem(self, row: int) -> tuple[int, str] | None:
        """``(column, reason)`` of the first problem in ``row``, or None."""
        if not self._cell(row, NAME_COL):
            return NAME_COL, QCoreApplication.translate("CheckoutPage", "Give the item a name.")
        price = self._cell(row, PRICE_COL)
        if not price:
            return PRICE_COL, QCoreApplication.translate("CheckoutPage", "Enter the unit price.")
        try:
            minor = money.to_minor(price, self.currency())
        except ValueError as exc:
            return PRICE_COL, str(exc)
        if minor <= 0:
            return PRICE_COL, QCoreApplication.translate("CheckoutPage", "The unit price must be more than zero.")
        try:
            quantity = int(self._cell(row, QTY_COL))
        except ValueError:
            return QTY_COL, QCoreApplication.translate("CheckoutPage", "The quantity must be a whole number.")
        if not 1 <= quantity <= MAX_QUANTITY:
            return QTY_COL, QCoreApplication.translate("CheckoutPage", "The quantity must be between 1 and %1.").replace("%1", str(MAX_QUANTITY))
        return None

    def line_items(self) -> tuple[list[LineItemInput], str | None]:
        """The valid items, and the first problem (None when every non-blank row is fine)."""
        items: list[LineItemInput] = []
        first: str | None = None
        for row in range(self.checkoutLineItems.rowCount()):
            if self._row_blank(row):
                continue
            problem = self._row_problem(row)
            if problem is not None:
                if first is None:
                    first = self.tr("Item %1: %2").replace("%1", str(row + 1)).replace("%2", problem[1])
                continue
            items.append(LineItemInput(
                name=self._cell(row, NAME_COL),
                unit_amount=money.to_minor(self._cell(row, PRICE_COL), self.currency()),
                quantity=int(self._cell(row, QTY_COL)),
            ))
        if first is None and not items:
            first = self.tr("Add at least one line item with a name and a price.")
        return items, first

    def _refresh_items(self, *, flag: bool) -> None:
        """Recompute the total; with ``flag``, mark the problem cells and the table."""
        table = self.checkoutLineItems
        table.blockSignals(True)
        for row in range(table.rowCount()):
            problem = None if (self._row_blank(row) or not flag) else self._row_problem(row)
            for col in (NAME_COL, PRICE_COL, QTY_COL):
                item = table.item(row, col)
                if item is None:
                    continue
                bad = problem is not None and problem[0] == col
                item.setBackground(QBrush(_INVALID_CELL) if bad else QBrush())
                item.setToolTip(problem[1] if bad and problem else "")
        table.blockSignals(False)
        items, problem = self.line_items()
        total = sum(i.unit_amount * i.quantity for i in items)
        self.checkoutTotal.setText(self.tr("Total: %1").replace("%1", money.format_minor(total, self.currency())))
        set_field_error(table, self.lineItemsError, problem if flag else None)
        self._update_buttons()

    def total_minor(self) -> int:
        items, _ = self.line_items()
        return sum(i.unit_amount * i.quantity for i in items)

    def _validate_urls(self) -> bool:
        ok = True
        for field, label in ((self.checkoutSuccessUrl, self.successUrlError),
                             (self.checkoutCancelUrl, self.cancelUrlError)):
            problem = url_problem(field.text())
            set_field_error(field, label, problem)
            ok = ok and problem is None
        return ok

    # -- create --------------------------------------------------------------------------------------

    def create_from_form(self) -> None:
        self._refresh_items(flag=True)
        items, problem = self.line_items()
        urls_ok = self._validate_urls()
        if problem is not None or not urls_ok or self._busy:
            return
        body = session_body(self.currency(), items, self.checkoutSuccessUrl.text(), self.checkoutCancelUrl.text())
        key = self._retry[1] if self._retry is not None and self._retry[0] == body else None
        # Busy from this moment, not from when the task first runs: a second click in between is ignored.
        self._set_busy(True)
        self._tasks.spawn(self._create(body, key or str(uuid.uuid4())))

    async def _create(self, body: dict[str, Any], key: str) -> None:
        set_field_error(self.createSessionButton, self.createError, None)
        try:
            session = await create_session(self.ctx.client, self.ctx.ledger, self.ctx.name, body, key)
        except WooshPayError as exc:
            self._retry = (body, key) if is_retryable(exc) else None
            message = str(exc) or type(exc).__name__
            if self._retry is not None:
                message = self.tr("No answer from WooshPay (%1). Press Create again to retry the same "
                                  "request; it will not make a second session.").replace("%1", message)
            set_field_error(self.createSessionButton, self.createError, message)
            return
        finally:
            self._set_busy(False)
        self._retry = None
        self._show_session(session)
        self.sessionCreated.emit(session.id)
        self._start_watch(session.id)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.createSessionButton.setEnabled(not busy)
        self.createSessionButton.setText(self.tr("Creating…") if busy else self.tr("Create checkout session"))

    # -- the session ---------------------------------------------------------------------------------

    def _show_session(self, session: CheckoutSession | None) -> None:
        self.session = session
        if session is None:
            self.checkoutQrView.set_data("")
            self.checkoutQrView.hide()
            self.qrPlaceholder.show()
            self.checkoutUrl.clear()
            self.amountLabel.clear()
            self.detailLabel.clear()
            self._set_status("", "")
            self._update_buttons()
            return
        is_open = session.status == "open"
        url = session.url or ""
        if is_open and url:
            if self.checkoutQrView.data() != url:
                self.checkoutQrView.set_data(url)
            self.checkoutQrView.show()
            self.qrPlaceholder.hide()
        else:
            # A paid or expired session's page takes no payment: nobody should scan it any more.
            self.checkoutQrView.hide()
            self.qrPlaceholder.setText(self.tr("Paid — thank you.") if session.status == "complete"
                                       else self.tr("This session is closed."))
            self.qrPlaceholder.show()
        if url:
            self.checkoutUrl.setText(url)
            self.checkoutUrl.setCursorPosition(0)
        currency = session.currency or self.currency()
        if session.amount_total is not None:
            self.amountLabel.setText(money.format_minor(session.amount_total, currency))
        lines = [self.tr("Session %1").replace("%1", session.id)]
        if session.payment_intent:
            lines.append(self.tr("Payment %1").replace("%1", session.payment_intent))
        if session.expires_at:
            lines.append(self.tr("Expires %1").replace(
                "%1", session.expires_at.astimezone().strftime("%Y-%m-%d %H:%M")))
        self.detailLabel.setText("\n".join(lines))
        self._set_status(session.status or "", session.payment_status or "")
        self._update_buttons()

    def _set_status(self, status: str, payment_status: str) -> None:
        label = self.checkoutStatus
        changed = (label.property("status"), label.property("paymentStatus")) != (status, payment_status)
        label.setProperty("status", status)
        label.setProperty("paymentStatus", payment_status)
        texts = {
            "open": self.tr("Waiting for the customer to pay"),
            "complete": self.tr("Paid") if payment_status == "paid" else self.tr("Complete"),
            "expired": self.tr("Expired"),
        }
        text = texts.get(status, status)
        if status and payment_status and status != "complete":
            text += f" · {payment_status}"
        label.setText(text)
        fg, bg = _STATUS_STYLE.get(status, ("#374151", "transparent"))
        label.setStyleSheet(f"QLabel {{ color: {fg}; background: {bg}; border-radius: 4px; padding: 6px;"
                            " font-size: 14pt; font-weight: 600; }")
        label.setVisible(bool(status))
        if changed and status:
            self.statusChanged.emit(status, payment_status)

    def _update_buttons(self) -> None:
        is_open = self.session is not None and self.session.status == "open"
        self.expireSessionButton.setEnabled(is_open)
        has_url = bool(self.checkoutUrl.text())
        self.copyUrlButton.setEnabled(has_url)
        self.openUrlButton.setEnabled(has_url)
        self.removeLineItemButton.setEnabled(self.checkoutLineItems.rowCount() > 0)

    def _copy_url(self) -> None:
        if self.checkoutUrl.text():
            QGuiApplication.clipboard().setText(self.checkoutUrl.text())

    def _open_url(self) -> None:
        if self.checkoutUrl.text():
            QDesktopServices.openUrl(QUrl(self.checkoutUrl.text()))

    # -- watching and expiring -----------------------------------------------------------------------

    def _start_watch(self, session_id: str) -> None:
        if self._watch_task is not None:
            self._watch_task.cancel()
        self._watch_task = self._tasks.spawn(self._watch(session_id))

    async def _watch(self, session_id: str) -> None:
        """Poll until the session is complete or expired; pauses grow from ``poll_interval``."""
        delay = self.poll_interval
        while True:
            await asyncio.sleep(delay)
            delay = min(delay * 1.5, self.poll_max)
            try:
                session = await self.ctx.client.checkout_sessions.retrieve(session_id)
            except WooshPayError as exc:
                if not is_retryable(exc):
                    log.warning("stopped watching %s: %s", session_id, exc)
                    return
                continue
            if self.session is None or self.session.id != session_id:
                return
            self._show_session(session)
            if session.status != "open":
                return

    def expire_current(self) -> None:
        if self.session is None or self.session.status != "open":
            return
        self.expireSessionButton.setEnabled(False)
        self._tasks.spawn(self._expire(self.session.id))

    async def _expire(self, session_id: str) -> None:
        set_field_error(self.expireSessionButton, self.expireError, None)
        try:
            session = await expire_session(self.ctx.client, self.ctx.ledger, self.ctx.name, session_id)
        except WooshPayError as exc:
            set_field_error(self.expireSessionButton, self.expireError,
                            self.tr("Could not expire the session: %1").replace("%1", str(exc)))
            self._update_buttons()
            return
        if self.session is not None and self.session.id == session_id:
            self._show_session(session)

    def shutdown(self) -> list[asyncio.Task[Any]]:
        return self._tasks.cancel_all()
