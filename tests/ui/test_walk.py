"""The whole interface walked as a person meets it, with sample data in every state: in Chinese no English
that the app wrote; in English no raw API code in a table cell or a label; every control has a name a
screen reader can announce."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QWidget

from merchant_desk import money
from merchant_desk.app import create_main_window
from merchant_desk.ui import i18n
from merchant_desk.ui.payments import payments_model
from tests.app.fakes import MemoryKeyStore
from tests.qt_support import run_async
from tests.sample_data import seed
from tests.ui import walk


@pytest.fixture
def language(qapp):
    translators: list = []
    previous = QLocale()

    def forget_words() -> None:
        # The list keeps the words of each status and amount (the app's language never changes while it
        # runs); a test that changes it must not leave them to the tests after it.
        for cached in (payments_model.status_text, payments_model.format_amount, payments_model.format_created):
            cached.cache_clear()

    def install(lang: str) -> None:
        translators.extend(i18n.install_translator(qapp, lang))
        forget_words()

    yield install
    i18n.remove_translators(qapp, translators)
    QLocale.setDefault(previous)
    money.set_display_locale("en_US")
    forget_words()


@pytest.fixture
def seeded_window(qtbot, tmp_path, fresh_sandbox):
    """A main window on a sandbox of its own, built after the language is chosen, with the sample data."""
    windows = []

    def build(lang: str = "en"):
        window = create_main_window(
            base_url=fresh_sandbox.base_url,
            secret_key=fresh_sandbox.secret_key,
            ledger_path=tmp_path / "ledger.sqlite3",
            keystore=MemoryKeyStore(),
        )
        windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        window.payments_page.watch_timing = (0.05, 0.2, 1.5)
        data = run_async(seed(window.ctx, lang), timeout=60)
        return window, data

    yield build
    for window in windows:
        run_async(window.shutdown())
        window.close()
        window.deleteLater()


def _report(problems: dict[str, set[str]]) -> str:
    # One line per text (the same cell in every row counts once: the row and column are dropped).
    lines = {re.sub(r" cell \d+,", " cell ", where) + ": " + ", ".join(sorted(found))
             for where, found in problems.items()}
    return "\n".join(sorted(lines))


@pytest.mark.timeout(300)
def test_chinese_interface_shows_no_english(language, seeded_window, qtbot):
    language("zh_CN")
    window, data = seeded_window("zh_CN")
    problems: dict[str, set[str]] = {}

    def visit(stop: str, widget: QWidget) -> None:
        for seen in walk.texts(widget):
            if seen.where.startswith(walk.EVENT_TYPE_LISTS):
                continue  # the UI contract: these checkable items' text is the event type itself
            # Tooltips may show the raw code beside the words (codes belong in JSON, tooltips, exports).
            found = walk.english_words(walk.without_codes(seen.text) if seen.kind == "tooltip" else seen.text)
            if found:
                problems.setdefault(f"{seen.text[:70]!r} [{seen.kind}] at {seen.where}", set()).update(found)

    walk.tour(window, qtbot, data, visit)
    assert not problems, f"{len(problems)} texts with English words in zh_CN:\n{_report(problems)}"


@pytest.mark.timeout(300)
def test_english_interface_shows_no_raw_api_codes(language, seeded_window, qtbot):
    language("en_US")
    window, data = seeded_window("en")
    problems: dict[str, set[str]] = {}

    def visit(stop: str, widget: QWidget) -> None:
        for seen in walk.texts(widget):
            if seen.where.startswith(walk.EVENT_TYPE_LISTS) or seen.kind not in ("cell", "text", "status", "item"):
                continue
            found = walk.raw_codes(seen.text)
            if found:
                problems.setdefault(f"{seen.text[:70]!r} at {seen.where}", set()).update(found)

    walk.tour(window, qtbot, data, visit)
    assert not problems, f"{len(problems)} texts show raw API codes:\n{_report(problems)}"


@pytest.mark.timeout(300)
def test_every_control_has_an_accessible_name(language, seeded_window, qtbot):
    language("en_US")
    window, data = seeded_window("en")
    problems: dict[str, list[str]] = {}

    def visit(stop: str, widget: QWidget) -> None:
        for name in walk.unnamed_controls(widget):
            problems.setdefault(name, []).append(stop)

    walk.tour(window, qtbot, data, visit)
    assert not problems, f"{len(problems)} controls without an accessible name:\n" + "\n".join(
        f"{name} (seen at {stops[0]})" for name, stops in sorted(problems.items())
    )


def test_the_walk_finds_english_and_raw_codes():
    """The detectors themselves: they must see what the walks look for, and let the allow-list through."""
    assert walk.english_words("已退款 Refunded") == ["Refunded"]
    assert walk.english_words("pi_123abc · https://example.com/x · HK$12.00 HKD · WooshPay · Alipay+ · DANA") == []
    assert walk.english_words("导出 CSV · JSON · API 版本") == []
    assert walk.raw_codes("requires_payment_method") == ["requires_payment_method"]
    assert walk.raw_codes("succeeded") == ["succeeded"]
    assert walk.raw_codes("Waiting for the customer to pay · unpaid") == ["unpaid"]
    assert walk.raw_codes("payment_intent.succeeded, charge.refunded") == [
        "payment_intent.succeeded", "charge.refunded"]
    assert walk.raw_codes("Refund re_1 of ¥1.00 sent (succeeded).") == ["succeeded"]
    assert walk.raw_codes("Reason: requested_by_customer") == ["requested_by_customer"]
    assert walk.raw_codes("Paid") == [] and walk.raw_codes("Canceled by the customer") == []
    assert walk.raw_codes("Payment succeeded") == []
