"""Walking the whole interface as a person meets it, for the language and accessibility tests.

Nothing here knows a page's insides: the walk goes by widget classes and the contract object names, so it
keeps working when pages are rebuilt or split. ``open_everything`` shows every page, every tab and the
dialogs and menus a person can open from them, calling ``visit`` at each stop; ``texts`` reads everything
a widget shows (texts, headers, combo items, table cells, tooltips, the status bar's message).
"""

from __future__ import annotations

import re
import socket
import zoneinfo
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollBar,
    QTabBar,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from merchant_desk import money, wallets
from merchant_desk.sandbox.cashier import ALL_WALLETS

MAX_ROWS = 40  # cells read per table: enough to meet every state the sample data holds


@dataclass(frozen=True)
class Seen:
    where: str  # the widget (objectName or class) and what part of it
    text: str
    kind: str  # "text", "cell", "header", "item", "tooltip", "status", "title", "placeholder", "action"


def _name(widget: QWidget | QAction) -> str:
    name = widget.objectName()
    parent = widget.parent()
    while not name and parent is not None:
        name = parent.objectName() and f"{parent.objectName()}>{type(widget).__name__}"
        parent = parent.parent()
    return name or type(widget).__name__


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        text = re.sub(r"<[^>]+>", " ", text)
        text = text.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    text = re.sub(r"[(（]&\w[)）]", "", text)  # a mnemonic after a Chinese label: "退款(&R)"
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def is_json_view(widget: QWidget) -> bool:
    """The JSON tabs show what the server sent, raw codes and all, on purpose."""
    text = widget.toPlainText().lstrip() if isinstance(widget, (QPlainTextEdit, QTextEdit)) else ""
    return "json" in widget.objectName().lower() or text.startswith(("{", "["))


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list model (QListWidget's) keeps columnCount private: one column
        return 1


def _model_texts(view: QAbstractItemView, where: str) -> Iterator[Seen]:
    model: QAbstractItemModel | None = view.model()
    if model is None:
        return
    for orientation in (Qt.Orientation.Horizontal,):
        for section in range(_columns(model, QModelIndex()) if not isinstance(view, QListView) else 0):
            header = model.headerData(section, orientation, Qt.ItemDataRole.DisplayRole)
            if header:
                yield Seen(f"{where} header {section}", str(header), "header")

    def cells(parent: QModelIndex, depth: int) -> Iterator[Seen]:
        for row in range(min(model.rowCount(parent), MAX_ROWS)):
            for column in range(max(1, _columns(model, parent))):
                index = model.index(row, column, parent)
                shown = index.data(Qt.ItemDataRole.DisplayRole)
                if shown not in (None, ""):
                    yield Seen(f"{where} cell {row},{column}", str(shown), "cell")
                tip = index.data(Qt.ItemDataRole.ToolTipRole)
                if tip:
                    yield Seen(f"{where} cell {row},{column} tooltip", str(tip), "tooltip")
            if depth < 3 and model.rowCount(model.index(row, 0, parent)) > 0:
                yield from cells(model.index(row, 0, parent), depth + 1)

    yield from cells(QModelIndex(), 0)


def is_json(text: str) -> bool:
    return text.lstrip().startswith(("{", "["))


def texts(root: QWidget) -> Iterator[Seen]:
    """Everything ``root`` and its children show or tell (JSON shown on purpose left out)."""
    for seen in _texts(root):
        if not is_json(seen.text):
            yield seen


def _texts(root: QWidget) -> Iterator[Seen]:
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if widget.objectName().startswith("qt_") and not isinstance(widget, QLabel):
            continue
        where = _name(widget)
        tip = widget.toolTip()
        if tip:
            yield Seen(f"{where} tooltip", _plain(tip), "tooltip")
        if widget.isWindow() and widget.windowTitle():
            yield Seen(f"{where} title", widget.windowTitle(), "title")
        if isinstance(widget, QLabel):
            if widget.text():
                yield Seen(where, _plain(widget.text()), "text")
        elif isinstance(widget, QAbstractButton):
            if widget.text():
                yield Seen(where, _plain(widget.text()), "text")
        elif isinstance(widget, QLineEdit):
            if widget.placeholderText():
                yield Seen(f"{where} placeholder", widget.placeholderText(), "placeholder")
            if widget.isReadOnly() and widget.text():
                yield Seen(where, widget.text(), "text")
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield Seen(f"{where} item {i}", widget.itemText(i), "item")
        elif isinstance(widget, QGroupBox):
            if widget.title():
                yield Seen(f"{where} title", _plain(widget.title()), "text")
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                yield Seen(f"{where} tab {i}", _plain(widget.tabText(i)), "text")
                if widget.tabToolTip(i):
                    yield Seen(f"{where} tab {i} tooltip", widget.tabToolTip(i), "tooltip")
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            if widget.isReadOnly() and not is_json_view(widget) and widget.toPlainText():
                yield Seen(where, widget.toPlainText(), "text")
            if widget.placeholderText():
                yield Seen(f"{where} placeholder", widget.placeholderText(), "placeholder")
        elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView) and not _is_internal(
            widget
        ):
            yield from _model_texts(widget, where)
        if isinstance(widget, QMainWindow):
            message = widget.statusBar().currentMessage()
            if message:
                yield Seen(f"{where} status bar", message, "status")
        for action in widget.actions():
            if action.text() and not action.isSeparator():
                yield Seen(f"{_name(action)} action", _plain(action.text()), "action")
            if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
                yield Seen(f"{_name(action)} action tooltip", _plain(action.toolTip()), "tooltip")
            menu = action.menu()
            if isinstance(menu, QMenu):
                yield from _texts(menu)


# ---- words that may stay English in a Chinese interface --------------------------------------------

ALLOWED_WORDS = {
    "WooshPay", "Alipay", "Alipay+", "JSON", "CSV", "API", "QR", "ID", "URL", "PNG", "SVG", "HTTP", "HTTPS",
    "TLS", "PDF", "POST", "Wooshpay-Signature", "Ctrl", "Shift", "Alt", "Esc", "Enter", "Tab", "Webhook", "Webhooks",
    # the product's name; English named in itself in the language choice
    "Merchant", "Desk", "English",
    # the About box names the software it runs on
    "Qt", "PySide", "PySide6", "Python", "httpx", "qasync", "keyring", "segno", "babel", "linux", "Linux",
    # shop mode: the shared ledger's engine, and "PIN" (kept as is in Chinese: "PIN 码")
    "PostgreSQL", "PIN",
    # this till's name, which is the computer's name until the shop names it
    *re.findall(r"[A-Za-z][A-Za-z+'’_-]*", socket.gethostname()),
} | set(money.CURRENCIES) | {word for wallet in ALL_WALLETS for word in wallet.split()} | {
    rule.wallet for rule in wallets._RULES.values()
}
_URL = re.compile(r"\b(?:https?|file|postgresql)://\S+|\b[\w.-]+@[\w-]+\.[\w.]+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|local)\S*")
_ID = re.compile(r"\b(?:pi|re|we|cs|evt|pm|ch|price|prod|li|whsec|sk|pk)_(?:…|[A-Za-z0-9_]*\d[A-Za-z0-9_]*)")
_ORDER = re.compile(r"\b[A-Z]{2,5}-\d[\d-]*")  # a merchant's order number (the sample data's)
_ZONES = frozenset(zoneinfo.available_timezones()) | {"UTC"}  # time zone ids are identifiers, like codes
_KEY = re.compile(r"\b(?:sk|pk)_(?:test|live)_\S*")
_PATH = re.compile(r"(?:~|/)[\w./-]+")
_VERSION = re.compile(r"\bv?\d+(?:\.\d+)+\b")
_MONEY = re.compile(r"\b(?:[A-Z]{1,3}[$¥£€₱฿₩]|Rp|RM)(?=\s?\d)")  # the symbol of a formatted amount
_WORD = re.compile(r"[A-Za-z][A-Za-z+'’_-]*")


def english_words(text: str, *, extra_allowed: frozenset[str] = frozenset()) -> list[str]:
    """The English words in ``text`` that a Chinese interface should not show."""
    text = " ".join(" " if word in _ZONES else word for word in re.split(r"(\s+|[()（）,，])", text))
    for pattern in (_MONEY, _URL, _KEY, _ID, _ORDER, _PATH, _VERSION):
        text = pattern.sub(" ", text)
    found = []
    for word in _WORD.findall(text):
        word = word.strip("'’_-")
        if len(word) < 2 and word not in ("a", "I"):
            continue
        if word in ALLOWED_WORDS or word.rstrip("+") in ALLOWED_WORDS or word in extra_allowed:
            continue
        if word.upper() == word and word in money.CURRENCIES:
            continue
        found.append(word)
    return found


# ---- raw API codes that must not reach a table cell or a label ---------------------------------------

# Lists whose items are event types by contract (DESIGN.md: webhookEvents' checkable items).
EVENT_TYPE_LISTS = ("webhookEvents ",)

RAW_CODE_TOKENS = {
    "succeeded", "requires_payment_method", "requires_action", "requires_confirmation", "requires_capture",
    "requested_by_customer", "resolved_dispute", "no_payment_required", "unpaid", "abandoned",
}
RAW_CODE_WHOLE = {"canceled", "failed", "pending", "duplicate", "fraudulent", "open", "complete", "expired",
                  "paid", "processing", "enabled", "disabled"}
_EVENT_TYPE = re.compile(r"\b(?:payment_intent|charge|checkout\.session|refund|customer)\.[a-z_.]+\b")


def raw_codes(text: str) -> list[str]:
    """Raw codes in ``text``: event types, snake_case codes, and a lone code word standing as a text or as
    one part of it ("… sent (succeeded)", "… · unpaid"); an English phrase ("Payment succeeded") is fine."""
    if text.strip() in _ZONES:
        return []
    text = _KEY.sub(" ", _URL.sub(" ", text))
    found = [m.group(0) for m in _EVENT_TYPE.finditer(text)]
    rest = _EVENT_TYPE.sub(" ", text)
    found += [w for w in re.findall(r"[a-z]+(?:_[a-z]+)+", rest) if w in RAW_CODE_TOKENS or "_" in w]
    for part in re.split(r"[()（）·:：,，;；\n–—]", rest):
        if part.strip().rstrip(".。") in RAW_CODE_TOKENS | RAW_CODE_WHOLE:
            found.append(part.strip().rstrip(".。"))
    return list(dict.fromkeys(found))


def without_codes(text: str) -> str:
    """``text`` with the raw codes taken out (tooltips may show them beside the words)."""
    text = re.sub(r"\b[a-z_]+(?:\.[a-z_]+)+\b", " ", _EVENT_TYPE.sub(" ", _URL.sub(" ", text)))
    text = re.sub(r"\b[a-z]+(?:_[a-z]+)+\b", " ", text)
    return re.sub(r"\b[a-z]+\b", lambda m: " " if m.group(0) in RAW_CODE_TOKENS | RAW_CODE_WHOLE else m.group(0), text)


# ---- accessibility -------------------------------------------------------------------------------

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QPlainTextEdit,
               QTextEdit, QTabBar)


def _is_internal(widget: QWidget) -> bool:
    """Parts Qt builds inside its own widgets (a combo's list, a spin box's editor, a table's headers and
    scroll bars): they are announced as part of the widget that holds them."""
    if widget.objectName().startswith("qt_") or isinstance(widget, (QHeaderView, QScrollBar)):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QTabBar, QScrollBar, QHeaderView, QLineEdit)):
            return True
        parent = parent.parentWidget()
    return False


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces: the accessible name, else what Qt derives (button text, the
    label whose buddy the field is)."""
    if widget.accessibleName():
        return widget.accessibleName()
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or _is_internal(widget):
            continue
        if isinstance(widget, QTabBar) and isinstance(widget.parentWidget(), QTabWidget):
            widget = widget.parentWidget()
        if not accessible_name(widget).replace("&", "").strip():
            missing.append(f"{_name(widget)} ({type(widget).__name__})")
    return sorted(set(missing))


# ---- opening everything --------------------------------------------------------------------------

def visible_dialogs() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets()
            if w.isVisible() and isinstance(w, (QDialog, QMessageBox)) or (w.isWindow() and w.isVisible()
                                                                           and not isinstance(w, (QMainWindow, QMenu)))]


def each_tab(root: QWidget, visit: Callable[[str], None], label: str) -> None:
    for tabs in root.findChildren(QTabWidget):
        if not tabs.isVisibleTo(root.window()):
            continue
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            visit(f"{label} / {tabs.objectName() or 'tabs'} {index}")
        tabs.setCurrentIndex(0)


def find_button(root: QWidget, name: str) -> QPushButton:
    button = root.findChild(QPushButton, name)
    assert button is not None, name
    return button


# ---- the tour ------------------------------------------------------------------------------------

Visit = Callable[[str, QWidget], None]


def _wait_rows(qtbot, root: QWidget, name: str, rows: int, timeout: int = 15_000) -> None:
    view = root.findChild(QAbstractItemView, name)
    assert view is not None, name
    qtbot.waitUntil(lambda: view.model() is not None and view.model().rowCount() >= rows, timeout=timeout)


def _windows(visit: Visit, label: str, main: QWidget) -> None:
    """Every other window that is open now (dialogs, the customer display)."""
    for widget in QApplication.topLevelWidgets():
        if widget is not main and widget.isVisible() and not isinstance(widget, QMenu):
            visit(f"{label} / {widget.objectName() or type(widget).__name__}", widget)


def _close_windows(main: QWidget) -> None:
    for widget in QApplication.topLevelWidgets():
        if widget is not main and widget.isVisible() and not isinstance(widget, QMenu):
            if isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()
    QApplication.processEvents()


def _type(qtbot, widget: QLineEdit, text: str) -> None:
    widget.clear()
    qtbot.keyClicks(widget, text)


def tour(window: QMainWindow, qtbot, data, visit: Visit) -> None:
    """Show every page, tab, dialog and menu of ``window`` (an account seeded with ``data``), calling
    ``visit(where, widget)`` at each stop; ``widget`` is the window, or the dialog that is open."""
    from tests.customer import pay

    visit("menus", window)
    # Payments: a payment being taken, its customer display, the amount errors, a cancel, a paid one.
    window.show_page_named("paymentsPage")
    page = window.current_page()
    tabs = page.findChild(QTabWidget, "paymentsTabs")
    tabs.setCurrentIndex(0)
    amount = page.findChild(QLineEdit, "paymentAmount")
    create = find_button(page, "createPaymentButton")
    for wrong in ("abc", "-5", "1.234", ""):
        _type(qtbot, amount, wrong)
        create.click()
        visit(f"payments / amount {wrong!r}", window)
    _type(qtbot, amount, "12.34")
    create.click()
    qtbot.waitUntil(lambda: getattr(page, "intent", None) is not None, timeout=30_000)
    visit("payments / waiting", window)
    find_button(page, "customerDisplayButton").click()
    QApplication.processEvents()
    _windows(visit, "payments / customer display", window)
    _close_windows(window)
    find_button(page, "cancelPaymentButton").click()
    qtbot.waitUntil(lambda: any(isinstance(w, QDialog) and w.isVisible() for w in QApplication.topLevelWidgets()))
    _windows(visit, "payments / cancel dialog", window)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible())
    dialog.accept()
    qtbot.waitUntil(lambda: page.intent.status == "canceled", timeout=30_000)
    visit("payments / canceled", window)
    _type(qtbot, amount, "20.00")
    create.click()
    qtbot.waitUntil(lambda: page.intent is not None and page.intent.status != "canceled", timeout=30_000)
    pay(page.intent)
    qtbot.waitUntil(lambda: page.intent.status == "succeeded", timeout=20_000)
    visit("payments / paid", window)

    # The list: every payment's detail with each of its tabs.
    tabs.setCurrentIndex(1)
    window.refresh_current()
    _wait_rows(qtbot, page, "paymentsTable", len(data.payments) + 2)
    table = page.findChild(QAbstractItemView, "paymentsTable")
    for row in range(table.model().rowCount()):
        table.selectRow(row)
        QApplication.processEvents()
        qtbot.wait(300)
        each_tab(page.findChild(QWidget, "paymentDetail") or page, lambda where: visit(where, window),
                 f"payments / row {row}")
    # The refund dialog of the partly refunded payment, and a refund sent from it.
    wanted = data.payments["partially_refunded"].id
    model = table.model()

    def shows(r: int) -> set[str]:
        cells = {str(model.index(r, c).data(Qt.ItemDataRole.DisplayRole)) for c in range(model.columnCount())}
        return cells | {getattr(model, "intent_id", lambda _r: "")(r)}

    row = next(r for r in range(model.rowCount()) if wanted in shows(r))
    table.selectRow(row)
    refund = find_button(page, "refundButton")
    qtbot.waitUntil(refund.isEnabled, timeout=30_000)
    refund.click()
    qtbot.waitUntil(lambda: any(isinstance(w, QDialog) and w.isVisible() for w in QApplication.topLevelWidgets()))
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible())
    _windows(visit, "refund dialog", window)
    refund_amount = dialog.findChild(QLineEdit, "refundAmount")
    qtbot.waitUntil(lambda: find_button(dialog, "confirmRefundButton").isEnabled(), timeout=30_000)
    for wrong in ("abc", "-5", "1.234", "99999"):
        _type(qtbot, refund_amount, wrong)
        find_button(dialog, "confirmRefundButton").click()
        visit(f"refund dialog / amount {wrong!r}", dialog)
    _type(qtbot, refund_amount, "1.00")
    confirm = find_button(dialog, "confirmRefundButton")
    qtbot.waitUntil(confirm.isEnabled, timeout=30_000)
    confirm.click()
    qtbot.waitUntil(lambda: bool(window.statusBar().currentMessage()), timeout=30_000)
    visit("refund sent", window)
    _windows(visit, "refund dialog after sending", window)
    _close_windows(window)

    # The other pages, refreshed, with each of their tabs.
    for name, table_name, rows in (
        ("overviewPage", None, 0),
        ("reportPage", None, 0),
        ("checkoutPage", None, 0),
        ("refundsPage", "refundsTable", len(data.refunds) + 1),
        ("webhooksPage", "webhooksTable", len(data.endpoints)),
        ("eventsPage", "eventsTable", 1),
        ("settingsPage", None, 0),
    ):
        window.show_page_named(name)
        page = window.current_page()
        window.refresh_current()
        if table_name:
            _wait_rows(qtbot, page, table_name, rows)
        qtbot.wait(300)
        visit(name, window)
        each_tab(page, lambda where: visit(where, window), name)
        if name == "refundsPage":
            _wait_rows(qtbot, page, "auditTable", 1)
            each_tab(page, lambda where: visit(where, window), name)
        if name == "webhooksPage":
            page.findChild(QAbstractItemView, "webhooksTable").selectRow(0)
            find_button(page, "deleteWebhookButton").click()
            QApplication.processEvents()
            _windows(visit, "delete endpoint", window)
            _close_windows(window)
        if name == "checkoutPage":
            find_button(page, "createSessionButton").click()
            visit("checkout / nothing filled in", window)
            items = page.findChild(QTableWidget, "checkoutLineItems")
            if items.rowCount() == 0:
                find_button(page, "addLineItemButton").click()
            for column, text in enumerate((data.item_name, "28.50", "2")):
                items.item(0, column).setText(text)
            find_button(page, "createSessionButton").click()
            qtbot.waitUntil(lambda p=page: bool(p.findChild(QLineEdit, "checkoutUrl").text()), timeout=30_000)
            visit("checkout / session open", window)

    about = window.findChild(QAction, "aboutAction")
    about.trigger()
    QApplication.processEvents()
    _windows(visit, "about", window)
    _close_windows(window)
