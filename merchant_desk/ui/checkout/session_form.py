"""The form for a new Checkout Session: one currency, line items (name, unit price, quantity) with a
running total, and where the customer returns to."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from merchant_desk import money
from merchant_desk.services import urls as service_urls
from merchant_desk.services.checkout import LineItemInput
from merchant_desk.ui import words
from merchant_desk.ui.widgets.buttons import button
from merchant_desk.ui.widgets.field_errors import error_label, set_field_error

DEFAULT_SUCCESS_URL = "https://example.com/checkout/success"
DEFAULT_CANCEL_URL = "https://example.com/checkout/cancel"
MAX_QUANTITY = 9999
NAME_COL, PRICE_COL, QTY_COL = 0, 1, 2

_INVALID_CELL = QColor("#fee2e2")


@dataclass(frozen=True)
class SessionRequest:
    currency: str
    items: tuple[LineItemInput, ...]
    success_url: str
    cancel_url: str


def url_problem(text: str) -> str | None:
    code = service_urls.url_problem(text)
    if code is None:
        return None
    if code == "empty":
        return QCoreApplication.translate("CheckoutPage", "Enter the address the customer returns to.")
    if code == "invalid":
        return QCoreApplication.translate("CheckoutPage", "This is not a valid URL.")
    return QCoreApplication.translate("CheckoutPage", "Use an http:// or https:// address.")


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




class SessionForm(QGroupBox):
    """``createRequested()`` when Create is pressed; ``request()`` gives what to send."""

    createRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build()
        self.add_line_item()

    def _build(self) -> None:
        form_box = self
        form_box.setTitle(self.tr("New checkout session"))
        form_layout = QVBoxLayout(form_box)
        top = QFormLayout()
        self.checkout_currency = QComboBox(form_box)
        self.checkout_currency.setObjectName("checkoutCurrency")
        self.checkout_currency.setAccessibleName(self.tr("Currency of every line item"))
        for code in money.ALIPAYPLUS_CURRENCIES:
            self.checkout_currency.addItem(code, code)
        self.checkout_currency.setToolTip(self.tr("Alipay+ checkout takes one currency per session; "
                                                 "the currency decides which wallets the customer sees."))
        self.checkout_currency.currentIndexChanged.connect(self._on_currency_changed)
        currency_label = QLabel(self.tr("C&urrency:"), form_box)
        currency_label.setBuddy(self.checkout_currency)
        top.addRow(currency_label, self.checkout_currency)
        form_layout.addLayout(top)

        self.checkout_line_items = QTableWidget(0, 3, form_box)
        self.checkout_line_items.setObjectName("checkoutLineItems")
        self.checkout_line_items.setAccessibleName(self.tr("Line items"))
        self.checkout_line_items.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.checkout_line_items.verticalHeader().hide()
        header = self.checkout_line_items.horizontalHeader()
        header.setSectionResizeMode(NAME_COL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PRICE_COL, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(QTY_COL, QHeaderView.ResizeMode.ResizeToContents)
        self.checkout_line_items.setItemDelegateForColumn(QTY_COL, _QuantityDelegate(self.checkout_line_items))
        self.checkout_line_items.itemChanged.connect(self._on_item_changed)
        self.checkout_line_items.itemSelectionChanged.connect(self._update_buttons)
        form_layout.addWidget(self.checkout_line_items, 1)
        self.line_items_error = error_label(form_box, "checkoutLineItemsError")
        form_layout.addWidget(self.line_items_error)

        item_buttons = QHBoxLayout()
        self.add_line_item_button = button(
            form_box, "addLineItemButton", self.tr("Add item"), self.tr("Add a line item"), self._on_add_clicked
        )
        self.remove_line_item_button = button(
            form_box, "removeLineItemButton", self.tr("Remove item"), self.tr("Remove the selected line item"), self.remove_selected_line_item
        )
        self.checkout_total = QLabel(form_box)
        self.checkout_total.setObjectName("checkoutTotal")
        self.checkout_total.setAccessibleName(self.tr("Total"))
        self.checkout_total.setStyleSheet("font-size: 14pt; font-weight: 600;")
        item_buttons.addWidget(self.add_line_item_button)
        item_buttons.addWidget(self.remove_line_item_button)
        item_buttons.addStretch(1)
        item_buttons.addWidget(self.checkout_total)
        form_layout.addLayout(item_buttons)

        urls = QFormLayout()
        self.checkout_success_url = QLineEdit(DEFAULT_SUCCESS_URL, form_box)
        self.checkout_success_url.setObjectName("checkoutSuccessUrl")
        self.checkout_success_url.setAccessibleName(self.tr("Success URL"))
        self.checkout_success_url.textEdited.connect(lambda _t: self._validate_urls())
        self.success_url_error = error_label(form_box, "checkoutSuccessUrlError")
        self.checkout_cancel_url = QLineEdit(DEFAULT_CANCEL_URL, form_box)
        self.checkout_cancel_url.setObjectName("checkoutCancelUrl")
        self.checkout_cancel_url.setAccessibleName(self.tr("Cancel URL"))
        self.checkout_cancel_url.textEdited.connect(lambda _t: self._validate_urls())
        self.cancel_url_error = error_label(form_box, "checkoutCancelUrlError")
        success_label = QLabel(self.tr("&Success URL:"), form_box)
        success_label.setBuddy(self.checkout_success_url)
        cancel_label = QLabel(self.tr("Ca&ncel URL:"), form_box)
        cancel_label.setBuddy(self.checkout_cancel_url)
        urls.addRow(success_label, self.checkout_success_url)
        urls.addRow("", self.success_url_error)
        urls.addRow(cancel_label, self.checkout_cancel_url)
        urls.addRow("", self.cancel_url_error)
        form_layout.addLayout(urls)

        self.create_session_button = button(
            form_box, "createSessionButton", self.tr("Create checkout session"), self.tr("Create checkout session")
        )
        self.create_session_button.setDefault(True)
        self.create_session_button.setMinimumHeight(36)
        self.create_session_button.clicked.connect(self.createRequested)
        self.create_error = error_label(form_box, "createSessionError")
        form_layout.addWidget(self.create_session_button)
        form_layout.addWidget(self.create_error)

    def currency(self) -> str:
        return str(self.checkout_currency.currentData())

    def _on_add_clicked(self) -> None:
        row = self.add_line_item()
        self.checkout_line_items.setCurrentCell(row, NAME_COL)
        self.checkout_line_items.editItem(self.checkout_line_items.item(row, NAME_COL))

    def add_line_item(self, name: str = "", unit_price: str = "", quantity: int = 1) -> int:
        """Append a row (prices in major units of the session currency); returns its index."""
        table = self.checkout_line_items
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
        rows = sorted({index.row() for index in self.checkout_line_items.selectedIndexes()}, reverse=True)
        if not rows and self.checkout_line_items.currentRow() >= 0:
            rows = [self.checkout_line_items.currentRow()]
        for row in rows:
            self.checkout_line_items.removeRow(row)
        self._refresh_items(flag=bool(self.checkout_line_items.property("error")))

    def _update_header(self) -> None:
        self.checkout_line_items.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Unit price (%1)").replace("%1", self.currency()), self.tr("Quantity")]
        )

    def _on_currency_changed(self, _index: int) -> None:
        self._update_header()
        # Decimals differ between currencies ("12.50" is fine in HKD, not in IDR): judge again.
        self._refresh_items(flag=any(self._row_problem(r) for r in range(self.checkout_line_items.rowCount())
                                     if not self._row_blank(r)))

    def _on_item_changed(self, _item: QTableWidgetItem) -> None:
        self._refresh_items(flag=True)

    def _cell(self, row: int, col: int) -> str:
        item = self.checkout_line_items.item(row, col)
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
            return PRICE_COL, words.amount_error(exc)
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
        for row in range(self.checkout_line_items.rowCount()):
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
        table = self.checkout_line_items
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
        self.checkout_total.setText(self.tr("Total: %1").replace("%1", money.format_minor(total, self.currency())))
        set_field_error(table, self.line_items_error, problem if flag else None)
        self._update_buttons()

    def total_minor(self) -> int:
        items, _ = self.line_items()
        return sum(i.unit_amount * i.quantity for i in items)

    def _update_buttons(self) -> None:
        self.remove_line_item_button.setEnabled(self.checkout_line_items.rowCount() > 0)

    def set_busy(self, busy: bool) -> None:
        self.create_session_button.setEnabled(not busy)
        self.create_session_button.setText(self.tr("Creating…") if busy else self.tr("Create checkout session"))

    def show_create_error(self, message: str | None) -> None:
        set_field_error(self.create_session_button, self.create_error, message)

    def request(self) -> SessionRequest | None:
        """What to send, once every field is fine (each problem flagged at its field); else None."""
        self._refresh_items(flag=True)
        items, problem = self.line_items()
        urls_ok = self._validate_urls()
        if problem is not None or not urls_ok:
            return None
        return SessionRequest(self.currency(), tuple(items), self.checkout_success_url.text(),
                              self.checkout_cancel_url.text())

    def _validate_urls(self) -> bool:
        ok = True
        for field, label in ((self.checkout_success_url, self.success_url_error),
                             (self.checkout_cancel_url, self.cancel_url_error)):
            problem = url_problem(field.text())
            set_field_error(field, label, problem)
            ok = ok and problem is None
        return ok

