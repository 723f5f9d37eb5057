"""The window before its first account: painted in a starting state, then given the account through the
path an account switch takes; hidden pages load nothing until shown."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from merchant_desk.ui.frame.main_window import MainWindow
from tests.app.fakes import MemoryKeyStore
from tests.qt_support import run_async
from tests.ui.helpers import make_context


def count_requests(ctx) -> list[str]:
    seen: list[str] = []
    original = ctx.client.request

    async def counting(method, path, **kwargs):
        seen.append(f"{method} {path}")
        return await original(method, path, **kwargs)

    ctx.client.request = counting
    return seen


def test_a_window_without_an_account_says_it_is_starting_then_takes_one(qtbot, sandbox):
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.show_starting(sandbox=True)
    window.show()
    qtbot.waitExposed(window)
    assert window.ctx is None and window.findChild(QWidget, "paymentsPage") is None
    assert window.starting_label is not None and window.starting_label.text() == "Starting the sandbox…"
    assert window.sandbox_banner.isVisible()
    window.new_payment()  # nothing to do yet, and no error
    window.check_connection()
    assert window.connection_state.isHidden()

    ctx = make_context(sandbox)
    seen = count_requests(ctx)
    window.set_services(accounts=None, profiles=None, keystore=MemoryKeyStore())
    window.set_context(ctx)
    try:
        assert window.starting_label is None
        assert window.findChild(QWidget, "paymentsPage") is not None
        assert window.pages.count() == len(window.page_widgets()) and window.findChild(QWidget, "startingLabel") is None
        qtbot.waitUntil(lambda: window.connection_state.property("state") == "online", timeout=10_000)
        qtbot.wait(200)
        # The connection check and the page on screen only: the hidden Webhooks and Events pages have
        # fetched nothing.
        assert not [r for r in seen if "webhook_endpoints" in r or "events" in r], seen
        window.show_page_named("eventsPage")
        qtbot.waitUntil(lambda: any("/v1/events" in r for r in seen), timeout=10_000)
        window.show_page_named("webhooksPage")
        qtbot.waitUntil(lambda: any("/v1/webhook_endpoints" in r for r in seen), timeout=10_000)
    finally:
        run_async(window.shutdown())
        run_async(ctx.client.aclose())
        ctx.ledger.close()
