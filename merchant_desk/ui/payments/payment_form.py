"""The "new payment" form: amount, currency, terminal type, texts, return URL, metadata rows.

It only validates and hands over a ``PaymentRequest``; sending is the page's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from merchant_desk import money
from merchant_desk.services.payments import DEFAULT_RETURN_URL, TERMINAL_TYPES
from merchant_desk.ui import words
from merchant_desk.ui.widgets.buttons import button
from merchant_desk.ui.widgets.field_errors import (
    error_label,
    install_invalid_style,
    set_field_error,
    show_message,
)

# Limits as Stripe documents them; WooshPay copies Stripe's metadata rules (likely as Stripe, §14).
METADATA_MAX_KEYS = 50
METADATA_KEY_MAX = 40
METADATA_VALUE_MAX = 500
TEXT_MAX = 255


@dataclass(frozen=True)
class PaymentRequest:
    amount_minor: int
    currency: str
    terminal_type: str
    description: str | None
    merchant_order_id: str | None
    return_url: str
    metadata: dict[str, str] = field(default_factory=dict)


def validate_return_url(text: str) -> str | None:
    """None when fine, else the reason in plain words."""
    if not text:
        return QCoreApplication.translate("PaymentForm", "Enter the address the customer returns to after paying.")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return QCoreApplication.translate("PaymentForm", "Enter a full web address starting with https://")
    if any(ch.isspace() for ch in text):
        return QCoreApplication.translate("PaymentForm", "The address cannot contain spaces.")
    return None


def validate_metadata_key(key: str, seen: set[str]) -> str | None:
    if not key:
        return QCoreApplication.translate("PaymentForm", "A metadata value needs a key.")
    if len(key) > METADATA_KEY_MAX:
        return QCoreApplication.translate("PaymentForm", "Keys can be at most %1 characters.").replace(
            "%1", str(METADATA_KEY_MAX))
    if "[" in key or "]" in key:
        return QCoreApplication.translate("PaymentForm", "Keys cannot contain square brackets.")
    if key != key.strip():
        return QCoreApplication.translate("PaymentForm", "Keys cannot start or end with spaces.")
    if key in seen:
        return QCoreApplication.translate("PaymentForm", "This key is already used.")
    return None


class MetadataRow(QWidget):
    removeRequested = Signal(object)

    def __init__(self, index: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.key = QLineEdit(self)
        self.key.setObjectName(f"metadataKey{index}")
        self.key.setAccessibleName(self.tr("Metadata key %1").replace("%1", str(index + 1)))
        self.key.setPlaceholderText(self.tr("key"))
        self.key.setMaxLength(METADATA_KEY_MAX + 20)  # room to type and see the error, not silent cut
        self.value = QLineEdit(self)
        self.value.setObjectName(f"metadataValue{index}")
        self.value.setAccessibleName(self.tr("Metadata value %1").replace("%1", str(index + 1)))
        self.value.setPlaceholderText(self.tr("value"))
        self.value.setMaxLength(METADATA_VALUE_MAX)
        self.remove = QPushButton(self.tr("Remove"), self)
        self.remove.setObjectName(f"removeMetadataButton{index}")
        self.remove.setAccessibleName(self.tr("Remove metadata row %1").replace("%1", str(index + 1)))
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self))
        self.error = error_label(self, f"metadataError{index}")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.key, 0, 0)
        grid.addWidget(self.value, 0, 1)
        grid.addWidget(self.remove, 0, 2)
        grid.addWidget(self.error, 1, 0, 1, 3)


class PaymentForm(QWidget):
    """Emits ``createRequested(PaymentRequest)`` when Create is pressed with valid input."""

    createRequested = Signal(object)

    def __init__(self, *, default_return_url: str = DEFAULT_RETURN_URL, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentForm")
        install_invalid_style(self)
        self._rows: list[MetadataRow] = []
        self._next_row = 0

        self.amount = QLineEdit(self)
        self.amount.setObjectName("paymentAmount")
        self.amount.setAccessibleName(self.tr("Amount"))
        self.amount.setPlaceholderText("0.00")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount_error = error_label(self, "paymentAmountError")

        self.currency = QComboBox(self)
        self.currency.setObjectName("paymentCurrency")
        self.currency.setAccessibleName(self.tr("Currency"))
        codes = money.currency_codes()
        for code in codes:
            if code not in money.ALIPAYPLUS_CURRENCIES and self.currency.count() == len(money.ALIPAYPLUS_CURRENCIES):
                self.currency.insertSeparator(self.currency.count())
            self.currency.addItem(code, code)
        self.currency.setToolTip(self.tr("Alipay+ wallets are offered in CNY, HKD, GBP, IDR, MYR, PHP and THB."))
        self.currency.currentIndexChanged.connect(self._on_currency_changed)

        self.terminal_type = QComboBox(self)
        self.terminal_type.setObjectName("paymentTerminalType")
        self.terminal_type.setAccessibleName(self.tr("Terminal type"))
        labels = {
            "WEB": self.tr("Desktop page with a QR code"),
            "WAP": self.tr("Mobile browser (unconfirmed)"),
            "APP": self.tr("In-app redirect"),
        }
        for value in TERMINAL_TYPES:
            self.terminal_type.addItem(labels[value], value)
            # The API's own word for it, for people who read WooshPay's documentation.
            self.terminal_type.setItemData(self.terminal_type.count() - 1, value, Qt.ItemDataRole.ToolTipRole)
        self.terminal_type.setToolTip(
            self.tr(
                "A desktop page shows a QR code for the customer to scan: the only kind WooshPay documents for "
                "Alipay+ (terminal type WEB). The in-app redirect (APP) is documented for WooshPay's Alipay "
                "method; the mobile browser (WAP) is not confirmed by WooshPay."
            )
        )

        self.description = QLineEdit(self)
        self.description.setObjectName("paymentDescription")
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setMaxLength(TEXT_MAX)
        self.order_id = QLineEdit(self)
        self.order_id.setObjectName("paymentOrderId")
        self.order_id.setAccessibleName(self.tr("Merchant order ID"))
        self.order_id.setMaxLength(TEXT_MAX)
        self.return_url = QLineEdit(default_return_url, self)
        self.return_url.setObjectName("paymentReturnUrl")
        self.return_url.setAccessibleName(self.tr("Return URL"))
        self.return_url_error = error_label(self, "paymentReturnUrlError")

        self.metadata_box = QVBoxLayout()
        self.metadata_box.setSpacing(4)
        self.add_metadata = button(
            self, "addMetadataButton", self.tr("Add metadata"), self.tr("Add a metadata row"), self.add_metadata_row
        )

        self.create_button = button(self, "createPaymentButton", self.tr("Create payment"), self.tr("Create payment"))
        self.create_button.setDefault(True)
        self.create_button.setMinimumHeight(36)
        self.create_button.setMinimumWidth(160)
        self.create_button.clicked.connect(self.submit)
        # An indeterminate progress bar is Qt's spinner: it animates while a request is in flight.
        self.busy = QProgressBar(self)
        self.busy.setObjectName("paymentBusy")
        self.busy.setAccessibleName(self.tr("Creating the payment"))
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(120)
        self.busy.setVisible(False)
        self.busy_text = QLabel(self)
        self.busy_text.setObjectName("paymentBusyText")
        # Showing the spinner and its words must not lay the page out again: that repaints the whole page
        # just as the request is about to go out. The spinner keeps its place while hidden, and the words
        # take the row's free width instead of asking for their own.
        keep_place = self.busy.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)
        self.busy.setSizePolicy(keep_place)
        self.busy_text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.form_error = error_label(self, "paymentFormError")

        amount_box = QVBoxLayout()
        amount_box.setSpacing(2)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount, 1)
        amount_row.addWidget(self.currency)
        amount_box.addLayout(amount_row)
        amount_box.addWidget(self.amount_error)
        url_box = QVBoxLayout()
        url_box.setSpacing(2)
        url_box.addWidget(self.return_url)
        url_box.addWidget(self.return_url_error)
        metadata_wrap = QVBoxLayout()
        metadata_wrap.addLayout(self.metadata_box)
        metadata_wrap.addWidget(self.add_metadata, 0, Qt.AlignmentFlag.AlignLeft)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._label(self.tr("&Amount"), self.amount), amount_box)
        form.addRow(self._label(self.tr("&Terminal"), self.terminal_type), self.terminal_type)
        form.addRow(self._label(self.tr("&Description"), self.description), self.description)
        form.addRow(self._label(self.tr("&Order ID"), self.order_id), self.order_id)
        form.addRow(self._label(self.tr("&Return URL"), self.return_url), url_box)
        form.addRow(QLabel(self.tr("Metadata"), self), metadata_wrap)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.busy)
        buttons.addWidget(self.busy_text, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addLayout(buttons)
        outer.addWidget(self.form_error)
        outer.addStretch(1)

        for edit in (self.amount, self.return_url):
            edit.textEdited.connect(lambda _text, e=edit: self._clear_error(e))
            edit.returnPressed.connect(self.submit)
        self._on_currency_changed()

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    # -- metadata rows ---------------------------------------------------------------------------

    def add_metadata_row(self, key: str = "", value: str = "") -> MetadataRow:
        row = MetadataRow(self._next_row, self)
        self._next_row += 1
        row.key.setText(key if isinstance(key, str) else "")
        row.value.setText(value)
        row.key.textEdited.connect(lambda _t, r=row: self._clear_error(r.key, r.error))
        row.removeRequested.connect(self._remove_row)
        self._rows.append(row)
        self.metadata_box.addWidget(row)
        self.add_metadata.setEnabled(len(self._rows) < METADATA_MAX_KEYS)
        return row

    def metadata_rows(self) -> list[MetadataRow]:
        return list(self._rows)

    def _remove_row(self, row: MetadataRow) -> None:
        self._rows.remove(row)
        row.deleteLater()
        self.add_metadata.setEnabled(True)

    # -- state -----------------------------------------------------------------------------------

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.create_button.setEnabled(not busy)
        self.busy.setVisible(busy)
        self.busy_text.setText(text if busy else "")

    def show_form_error(self, message: str) -> None:
        show_message(self.form_error, message)

    def selected_currency(self) -> str:
        return self.currency.currentData() or "CNY"

    def _on_currency_changed(self) -> None:
        code = self.selected_currency()
        places = money.decimals(code)
        self.amount.setPlaceholderText("0" if places == 0 else "0." + "0" * places)
        if self.amount.property("error"):
            self._validate_amount()

    def _clear_error(self, widget: QWidget, label: QLabel | None = None) -> None:
        if widget is self.amount:
            label = self.amount_error
        elif widget is self.return_url:
            label = self.return_url_error
        if widget.property("error"):
            set_field_error(widget, label, "")

    # -- validation ------------------------------------------------------------------------------

    def _validate_amount(self) -> int | None:
        text = self.amount.text().strip()
        code = self.selected_currency()
        try:
            minor = money.to_minor(text, code)
        except ValueError as exc:
            set_field_error(self.amount, self.amount_error, words.amount_error(exc))
            return None
        if minor <= 0:
            set_field_error(self.amount, self.amount_error, self.tr("The amount must be more than zero."))
            return None
        set_field_error(self.amount, self.amount_error, "")
        return minor

    def validate(self) -> PaymentRequest | None:
        """Flag every invalid field (property ``error`` + message) and return the request, or None."""
        show_message(self.form_error, "")
        amount = self._validate_amount()

        url = self.return_url.text().strip()
        url_problem = validate_return_url(url) or ""
        set_field_error(self.return_url, self.return_url_error, url_problem)

        metadata: dict[str, str] = {}
        metadata_ok = True
        for row in self._rows:
            key, value = row.key.text(), row.value.text()
            if not key and not value:
                set_field_error(row.key, row.error, "")
                continue
            problem = validate_metadata_key(key, set(metadata)) or ""
            set_field_error(row.key, row.error, problem)
            if problem:
                metadata_ok = False
            else:
                metadata[key] = value

        if amount is None or url_problem or not metadata_ok:
            return None
        return PaymentRequest(
            amount_minor=amount,
            currency=self.selected_currency(),
            terminal_type=self.terminal_type.currentData(),
            description=self.description.text().strip() or None,
            merchant_order_id=self.order_id.text().strip() or None,
            return_url=url,
            metadata=metadata,
        )

    def submit(self) -> None:
        if not self.create_button.isEnabled():
            return
        request = self.validate()
        if request is not None:
            self.createRequested.emit(request)

    def show_server_error(self, param: str | None, message: str) -> None:
        """Put an API validation error next to the field it names, else under the form."""
        targets = {
            "amount": (self.amount, self.amount_error),
            "currency": (self.amount, self.amount_error),
            "return_url": (self.return_url, self.return_url_error),
        }
        if param in targets:
            set_field_error(*targets[param], message)
        else:
            self.show_form_error(message)
