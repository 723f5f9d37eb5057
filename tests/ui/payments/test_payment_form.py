"""Invalid input is flagged at the field and never sent; a double click sends exactly one intent."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QProgressBar, QPushButton

from tests.qt_support import run_async
from tests.ui.helpers import w


@pytest.fixture
def page(payments_page):
    return payments_page


def intents_on_server(ctx) -> list:
    return run_async(ctx.client.payment_intents.list(limit=100)).data


def fill(qtbot, page, *, amount="12.34", currency="HKD", return_url=None):
    amount_edit = w(page, QLineEdit, "paymentAmount")
    amount_edit.clear()
    qtbot.keyClicks(amount_edit, amount)
    combo = w(page, QComboBox, "paymentCurrency")
    combo.setCurrentIndex(combo.findData(currency))
    if return_url is not None:
        url = w(page, QLineEdit, "paymentReturnUrl")
        url.clear()
        qtbot.keyClicks(url, return_url)


def settle(qtbot, page):
    """Give a wrongly started request every chance to reach the server before counting."""
    qtbot.wait(150)
    assert not page.is_creating()


def test_currency_list_puts_alipayplus_first_with_iso_codes_as_data(page):
    combo = w(page, QComboBox, "paymentCurrency")
    codes = [combo.itemData(i) for i in range(combo.count()) if combo.itemData(i)]
    assert codes[:7] == ["CNY", "HKD", "GBP", "IDR", "MYR", "PHP", "THB"]
    assert "USD" in codes[7:]
    terminal = w(page, QComboBox, "paymentTerminalType")
    assert [terminal.itemData(i) for i in range(terminal.count())] == ["WEB", "WAP", "APP"]
    assert terminal.currentData() == "WEB"
    assert "not confirmed" in terminal.toolTip() and "WAP" in terminal.toolTip()
    assert w(page, QLineEdit, "paymentReturnUrl").text().startswith("http")


@pytest.mark.parametrize(
    "amount, currency",
    [
        ("", "HKD"),
        ("abc", "HKD"),
        ("12a", "HKD"),
        ("-5", "HKD"),
        ("0", "HKD"),
        ("1.234", "HKD"),
        ("1.5", "IDR"),  # IDR has no minor units in our table
        ("100000000000000", "CNY"),
    ],
)
def test_invalid_amount_is_flagged_and_nothing_is_sent(qtbot, page, ctx, amount, currency):
    fill(qtbot, page, amount=amount, currency=currency)
    qtbot.mouseClick(w(page, QPushButton, "createPaymentButton"), Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    field = w(page, QLineEdit, "paymentAmount")
    assert field.property("error"), f"{amount!r} {currency} should be refused"
    message = w(page, QLabel, "paymentAmountError")
    assert message.isVisible() and message.text() == field.property("error")
    assert intents_on_server(ctx) == []
    assert page.intent is None


@pytest.mark.parametrize("url", ["", "example.com/return", "ftp://example.com/x", "https://", "https://exa mple.com"])
def test_bad_return_url_is_flagged_and_nothing_is_sent(qtbot, page, ctx, url):
    fill(qtbot, page, return_url=url)
    qtbot.mouseClick(w(page, QPushButton, "createPaymentButton"), Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    field = w(page, QLineEdit, "paymentReturnUrl")
    assert field.property("error")
    assert w(page, QLabel, "paymentReturnUrlError").isVisible()
    assert not w(page, QLineEdit, "paymentAmount").property("error")
    assert intents_on_server(ctx) == []


@pytest.mark.parametrize(
    "rows",
    [
        [("bad[key]", "x")],
        [("", "value without a key")],
        [("k" * 41, "x")],
        [("same", "1"), ("same", "2")],
        [(" padded", "x")],
    ],
)
def test_bad_metadata_key_is_flagged_and_nothing_is_sent(qtbot, page, ctx, rows):
    fill(qtbot, page)
    for key, value in rows:
        page.form.add_metadata_row(key, value)
    qtbot.mouseClick(w(page, QPushButton, "createPaymentButton"), Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    flagged = [r for r in page.form.metadata_rows() if r.key.property("error")]
    assert len(flagged) == 1
    assert flagged[0].error.isVisible() and flagged[0].error.text()
    assert intents_on_server(ctx) == []


def test_fixing_the_input_clears_the_flag_and_sends_once(qtbot, page, ctx):
    fill(qtbot, page, amount="1.234")
    row = page.form.add_metadata_row("till[1]", "front")
    create = w(page, QPushButton, "createPaymentButton")
    qtbot.mouseClick(create, Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    assert w(page, QLineEdit, "paymentAmount").property("error")
    fill(qtbot, page, amount="1.23")
    assert not w(page, QLineEdit, "paymentAmount").property("error"), "typing clears the flag"
    row.key.clear()
    qtbot.keyClicks(row.key, "till")
    empty = page.form.add_metadata_row()  # an empty row is ignored, not an error
    qtbot.mouseClick(create, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.intent is not None, timeout=10000)
    assert not row.key.property("error") and not empty.key.property("error")
    (intent,) = intents_on_server(ctx)
    assert intent.amount == 123 and intent.currency == "HKD" and intent.metadata == {"till": "front", "md_request": ctx.ledger.entries()[0].idempotency_key}


def test_create_in_flight_disables_the_button_and_shows_a_spinner(qtbot, page, ctx):
    fill(qtbot, page)
    create = w(page, QPushButton, "createPaymentButton")
    qtbot.mouseClick(create, Qt.MouseButton.LeftButton)
    assert page.is_creating()
    assert not create.isEnabled()  # at once
    busy = w(page, QProgressBar, "paymentBusy")
    qtbot.waitUntil(busy.isVisible, timeout=5000)  # once the request is on its way to the ledger
    assert busy.maximum() == 0 and not create.isEnabled()  # indeterminate: Qt's spinner
    qtbot.waitUntil(lambda: page.intent is not None, timeout=10000)
    assert create.isEnabled() and not busy.isVisible()


def test_double_click_sends_exactly_one_intent(qtbot, page, ctx):
    fill(qtbot, page, amount="7.00", currency="CNY")
    create = w(page, QPushButton, "createPaymentButton")
    qtbot.mouseDClick(create, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(create, Qt.MouseButton.LeftButton)
    # Past the button's disabled state too: the form's signal fired twice in a row, and Enter in a field.
    request = page.form.validate()
    page.form.createRequested.emit(request)
    page.form.createRequested.emit(request)
    qtbot.keyClick(w(page, QLineEdit, "paymentAmount"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.intent is not None and not page.is_creating(), timeout=10000)
    qtbot.wait(200)
    intents = intents_on_server(ctx)
    assert len(intents) == 1
    assert intents[0].id == page.intent.id


def test_server_refusal_is_shown_and_the_form_stays_usable(qtbot, page, ctx, fresh_sandbox, monkeypatch):
    from merchant_desk.wooshpay.errors import InvalidRequestError

    async def refuse(*args, **kwargs):
        raise InvalidRequestError("Amount must be at least 1.00 HKD", http_status=400, param="amount")

    monkeypatch.setattr(ctx.payments, "create_payment", refuse)
    fill(qtbot, page, amount="0.01")
    qtbot.mouseClick(w(page, QPushButton, "createPaymentButton"), Qt.MouseButton.LeftButton)
    field = w(page, QLineEdit, "paymentAmount")
    qtbot.waitUntil(lambda: bool(field.property("error")), timeout=5000)
    assert "at least" in field.property("error")
    assert w(page, QPushButton, "createPaymentButton").isEnabled()
    assert page.intent is None


def test_an_answer_still_in_flight_keeps_the_key_so_pressing_again_makes_one_payment(qtbot, page, ctx):
    from merchant_desk.wooshpay.errors import IdempotencyError

    keys: list[str] = []
    original = ctx.client.request

    async def first_answer_is_409(method, path, **kwargs):
        if method == "POST" and path == "/v1/payment_intents":
            keys.append(kwargs["idempotency_key"])
            answer = await original(method, path, **kwargs)
            if len(keys) == 1:  # the server acted, but this client heard "the first request is still running"
                raise IdempotencyError("A request with this key is in progress.", http_status=409)
            return answer
        return await original(method, path, **kwargs)

    ctx.client.request = first_answer_is_409
    fill(qtbot, page, amount="9.00", currency="HKD")
    create = w(page, QPushButton, "createPaymentButton")
    qtbot.mouseClick(create, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(keys) == 1 and not page.is_creating(), timeout=10000)
    assert page.intent is None
    qtbot.mouseClick(create, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.intent is not None and not page.is_creating(), timeout=10000)
    assert keys[0] == keys[1]
    intents = intents_on_server(ctx)
    assert [i.id for i in intents] == [page.intent.id]
    assert not ctx.ledger.pending(account=ctx.name)


def test_every_interactive_widget_is_named(page):
    from PySide6.QtWidgets import QAbstractButton
    from PySide6.QtWidgets import QComboBox as Combo
    from PySide6.QtWidgets import QLineEdit as Edit

    for widget in page.findChildren(QAbstractButton) + page.findChildren(Combo) + page.findChildren(Edit):
        parent = widget.parent()
        if parent is not None and any(parent.inherits(c) for c in ("QComboBox", "QLineEdit", "QTabBar", "QAbstractItemView")):
            continue  # Qt's own parts of a widget: combo editor, clear button, tab scrollers, table corner
        if widget.objectName().startswith("qt_"):
            continue  # Qt's internal widgets (e.g. tab bar scroll buttons)
        assert widget.objectName(), widget
        assert widget.accessibleName(), widget.objectName()
