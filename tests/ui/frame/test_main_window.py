"""The shell: pages, navigation, shortcuts, sandbox banner, mode badge, connection state, remembered layout."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from merchant_desk.app import create_main_window
from tests.app.fakes import MemoryKeyStore
from tests.qt_support import run_async
from tests.ui.helpers import make_context

PAGES = ["overviewPage", "paymentsPage", "checkoutPage", "refundsPage", "reportPage", "webhooksPage", "eventsPage",
         "settingsPage"]


@pytest.fixture
def open_window(qtbot, tmp_path):
    windows = []

    def factory(**kwargs):
        kwargs.setdefault("ledger_path", tmp_path / f"ledger{len(windows)}.sqlite3")
        kwargs.setdefault("keystore", MemoryKeyStore())
        window = create_main_window(**kwargs)
        windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        return window

    yield factory
    for window in windows:
        run_async(window.shutdown())
        window.close()
        window.deleteLater()


@pytest.fixture
def window(open_window, sandbox):
    return open_window(base_url=sandbox.base_url, secret_key=sandbox.secret_key)


def test_every_page_is_there_with_its_object_name(window):
    assert window.objectName() == "mainWindow"
    assert window.pages.count() == len(PAGES)
    for index, name in enumerate(PAGES):
        page = window.findChild(QWidget, name)
        assert page is not None, name
        assert window.pages.widget(index) is page
    assert window.navigation.count() == len(PAGES)
    assert all(not window.navigation.item(i).icon().isNull() for i in range(len(PAGES)))


def test_navigation_list_switches_pages(window, qtbot):
    rect = window.navigation.visualItemRect(window.navigation.item(PAGES.index("webhooksPage")))
    qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page().objectName() == "webhooksPage"


@pytest.mark.parametrize("index", range(len(PAGES)))
def test_ctrl_number_shortcuts(window, qtbot, index):
    window.show_page(len(PAGES) - 1 if index == 0 else 0)
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{index + 1}"), Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().objectName() == PAGES[index]


def test_ctrl_n_goes_to_the_amount_field(window, qtbot):
    window.show_page(5)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().objectName() == "paymentsPage"
    amount = window.payments_page.findChild(QWidget, "paymentAmount")
    if amount is not None:  # the payments page may still be a placeholder
        qtbot.waitUntil(lambda: QApplication.focusWidget() is amount)


def test_f5_refreshes_the_current_page(window, qtbot):
    calls = []
    window.show_page(PAGES.index("eventsPage"))
    window.events_page.refresh = lambda: calls.append("events")
    window.refunds_page.refresh = lambda: calls.append("refunds")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert calls == ["events"]


def test_ctrl_q_closes_the_window(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_sandbox_banner_badge_and_connection(window, qtbot):
    banner = window.findChild(QLabel, "sandboxBanner")
    assert banner.isVisible()
    assert "SANDBOX — no real money" in banner.text()
    badge = window.findChild(QLabel, "modeBadge")
    assert badge.text() == "SANDBOX" and badge.property("mode") == "sandbox"
    assert window.findChild(QLabel, "accountName").text() == "Sandbox"
    state = window.findChild(QLabel, "connectionState")
    qtbot.waitUntil(lambda: state.property("state") == "online", timeout=10_000)
    assert "Online" in state.text()
    assert window.ctx.is_sandbox and window.ctx.sandbox_public_url == window.ctx.base_url


def test_test_mode_has_a_blue_badge_and_no_banner(open_window, sandbox):
    window = open_window(base_url=sandbox.base_url, secret_key=sandbox.secret_key, mode="test", name="Shop")
    assert not window.sandbox_banner.isVisible()
    assert window.mode_badge.text() == "TEST" and window.mode_badge.property("mode") == "test"
    assert "#1d4ed8" in window.mode_badge.styleSheet()
    assert window.account_name.text() == "Shop"


def test_lan_sandbox_shows_the_address_phones_must_reach(open_window, sandbox):
    window = open_window(
        base_url=sandbox.base_url, secret_key=sandbox.secret_key, sandbox_public_url="http://192.168.7.20:8765"
    )
    assert "http://192.168.7.20:8765" in window.sandbox_banner.text()


def test_wrong_key_is_reported_in_the_status_bar(open_window, sandbox, qtbot):
    window = open_window(base_url=sandbox.base_url, secret_key="sk_test_" + "x" * 24)
    qtbot.waitUntil(lambda: window.connection_state.property("state") == "wrong_key", timeout=10_000)
    assert "Wrong key" in window.connection_state.text()


def test_unreachable_server_is_offline(open_window, qtbot):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again at once: nothing listens there
    window = open_window(base_url=f"http://127.0.0.1:{port}", secret_key="sk_test_" + "y" * 24)
    qtbot.waitUntil(lambda: window.connection_state.property("state") == "offline", timeout=20_000)
    assert "Offline" in window.connection_state.text()


def test_an_untrusted_certificate_is_a_tls_error_not_offline(open_window, sandbox, qtbot):
    # https:// to a server that speaks plain http: reachable, but no trusted TLS handshake.
    window = open_window(base_url=sandbox.base_url.replace("http://", "https://"), secret_key="sk_test_" + "y" * 24)
    qtbot.waitUntil(lambda: window.connection_state.property("state") == "tls_error", timeout=20_000)
    assert "TLS error" in window.connection_state.text()
    assert window.connection_state.toolTip().startswith("TLS failure")


def test_connection_is_checked_again_on_a_timer(open_window, sandbox, qtbot):
    window = open_window(base_url=sandbox.base_url, secret_key=sandbox.secret_key, connection_check_ms=50)
    qtbot.waitUntil(lambda: window.connection_state.property("state") == "online", timeout=10_000)
    seen = []
    window.connection_state.set_checking = lambda: seen.append(True)  # type: ignore[method-assign]
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=5_000)


def test_geometry_and_last_page_are_restored(open_window, sandbox, qtbot):
    first = open_window(base_url=sandbox.base_url, secret_key=sandbox.secret_key)
    first.resize(QSize(700, 500))
    first.show_page(PAGES.index("webhooksPage"))
    first.close()
    second = open_window(base_url=sandbox.base_url, secret_key=sandbox.secret_key)
    assert second.current_page().objectName() == "webhooksPage"
    assert second.size() == QSize(700, 500)


def test_about_shows_versions_and_the_log_path(window, qtbot, tmp_path):
    import PySide6

    window.log_path = tmp_path / "logs" / "merchant-desk.log"
    window.about_action.trigger()
    dialog = window.findChild(QWidget, "aboutDialog")
    qtbot.waitUntil(lambda: dialog.isVisible())
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert str(window.log_path) in texts
    assert PySide6.__version__ in texts
    dialog.reject()


def test_set_context_rebuilds_the_pages(window, sandbox, qtbot):
    old_pages = window.page_widgets()
    old_client = window.ctx.client
    closed = []
    original_aclose = old_client.aclose

    async def spy_aclose():
        closed.append(True)
        await original_aclose()

    old_client.aclose = spy_aclose
    ctx = make_context(sandbox, name="Other")
    window.show_page(PAGES.index("refundsPage"))
    window.set_context(ctx)
    assert window.ctx is ctx
    assert window.account_name.text() == "Other"
    assert all(new is not old for new, old in zip(window.page_widgets(), old_pages, strict=True))
    assert window.current_page().objectName() == "refundsPage"
    assert window.findChild(QWidget, "paymentsPage").ctx is ctx
    qtbot.waitUntil(lambda: closed == [True])
    qtbot.waitUntil(lambda: window.connection_state.property("state") == "online", timeout=10_000)


def test_switching_to_a_stored_profile_and_back_to_the_sandbox(open_window, sandbox, qtbot):
    keystore = MemoryKeyStore()
    window = open_window(base_url=sandbox.base_url, secret_key=sandbox.secret_key, keystore=keystore)
    page = window.settings_page
    page.profile_name.setText("Local")
    page.secret_key.setText(sandbox.secret_key)
    page.base_url.setText(sandbox.base_url)
    assert run_async(page.save_profile())
    assert keystore.secrets == {"Local": sandbox.secret_key}

    window.settings_page.select_profile("Local")
    window.settings_page.switch_profile_button.click()
    qtbot.waitUntil(lambda: window.ctx.name == "Local", timeout=10_000)
    assert window.ctx.mode == "test" and window.mode_badge.text() == "TEST"
    assert not window.sandbox_banner.isVisible()
    qtbot.waitUntil(lambda: window.connection_state.property("state") == "online", timeout=10_000)

    window.settings_page.select_profile("\x00sandbox")
    window.settings_page.switch_profile_button.click()
    qtbot.waitUntil(lambda: window.ctx.is_sandbox, timeout=20_000)
    assert window.sandbox_banner.isVisible() and window.mode_badge.text() == "SANDBOX"
    qtbot.waitUntil(lambda: window.connection_state.property("state") == "online", timeout=10_000)


def test_switching_to_a_profile_without_a_key_says_so(open_window, sandbox, qtbot):
    from merchant_desk.profiles import Profile, ProfileStore

    ProfileStore().save(Profile("Empty", base_url=sandbox.base_url))
    window = open_window(base_url=sandbox.base_url, secret_key=sandbox.secret_key)
    window.switch_to_profile("Empty")
    qtbot.waitUntil(lambda: "no secret key is stored" in window.settings_page.status_message.text())
    assert window.ctx.is_sandbox


def test_the_launch_path_opens_the_ledger_off_the_gui_thread(qtbot, monkeypatch, tmp_path):
    import argparse
    import threading

    import merchant_desk.app as app_module

    threads = []
    real_ledger = app_module.Ledger

    class RecordingLedger(real_ledger):
        @classmethod
        def open(cls, *args, **kwargs):
            threads.append(threading.current_thread())
            return real_ledger.open(*args, **kwargs)

    monkeypatch.setattr(app_module, "Ledger", RecordingLedger)
    monkeypatch.setattr(app_module, "KeyStore", MemoryKeyStore)
    args = argparse.Namespace(sandbox=True, sandbox_lan=False, profile=None)
    window = run_async(app_module.launch(args), timeout=30)
    try:
        assert threads and all(t is not threading.main_thread() for t in threads), threads
        assert window.ctx.is_sandbox and window.isVisible()
    finally:
        run_async(window.shutdown())
        window.close()
        window.deleteLater()


def test_switching_closes_the_old_client_only_after_its_pages_have_shut_down(window, sandbox, qtbot):
    import asyncio

    old_client = window.ctx.client
    seen = []

    async def slow_page_shutdown():
        await asyncio.sleep(0.2)
        seen.append(old_client.closed)  # e.g. the webhook inspector deleting its endpoint

    window.webhooks_page.shutdown = lambda: [asyncio.ensure_future(slow_page_shutdown())]
    window.set_context(make_context(sandbox, name="Other"))
    qtbot.waitUntil(lambda: old_client.closed, timeout=5_000)
    assert seen == [False]


def test_switching_to_a_real_account_stops_the_sandbox(open_window, sandbox, qtbot):
    import httpx

    from merchant_desk.profiles import Profile, ProfileStore

    keystore = MemoryKeyStore()
    keystore.secrets["Local"] = sandbox.secret_key
    ProfileStore().save(Profile("Local", base_url=sandbox.base_url))
    window = open_window(base_url=sandbox.base_url, secret_key=sandbox.secret_key, keystore=keystore)
    window.switch_to_sandbox()  # the app's own sandbox, as at a launch without accounts
    qtbot.waitUntil(lambda: window.accounts.sandbox is not None and window.ctx.is_sandbox, timeout=20_000)
    own = window.accounts.sandbox
    assert own.base_url != sandbox.base_url
    window.switch_to_profile("Local")
    qtbot.waitUntil(lambda: window.ctx.name == "Local", timeout=10_000)

    def stopped() -> bool:
        try:
            httpx.get(own.base_url + "/v1/payment_intents", timeout=2)
        except httpx.TransportError:
            return True
        return False

    assert not stopped()  # still serving until the switch is complete
    qtbot.waitUntil(lambda: window.accounts.sandbox is None and stopped(), timeout=10_000)


def test_a_locked_keyring_at_launch_explains_and_runs_the_sandbox(qtbot, monkeypatch):
    import argparse

    import merchant_desk.app as app_module
    from merchant_desk import keystore
    from merchant_desk.profiles import Profile, ProfileStore

    ProfileStore().save(Profile("Shop"))
    monkeypatch.setattr(app_module, "KeyStore", lambda: MemoryKeyStore(unavailable=keystore.LOCKED))
    args = argparse.Namespace(sandbox=False, sandbox_lan=False, profile=None)
    window = run_async(app_module.launch(args), timeout=30)
    try:
        assert window.ctx.is_sandbox and window.sandbox_banner.isVisible()
        text = window.settings_page.status_message.text()
        assert "“Shop”" in text and keystore.LOCKED in text and "sandbox" in text
        qtbot.waitUntil(lambda: window.connection_state.property("state") == "online", timeout=10_000)
    finally:
        run_async(window.shutdown())
        window.close()
        window.deleteLater()
