"""Test connection also shows which of the app's API assumptions the connected server confirms."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QListWidget

from merchant_desk.services import api_probe
from merchant_desk.services.api_probe import ProbeReport, ProbeResult
from merchant_desk.ui.settings.api_checks import ApiChecksView
from merchant_desk.ui.settings.settings_page import SettingsPage
from tests.app.fakes import MemoryKeyStore
from tests.qt_support import run_async
from tests.ui.helpers import make_context


@pytest.fixture
def page(qtbot, tmp_path, sandbox):
    from merchant_desk.profiles import ProfileStore

    settings = SettingsPage(make_context(sandbox), profiles=ProfileStore(tmp_path / "p.json"),
                            keystore=MemoryKeyStore())
    qtbot.addWidget(settings)
    settings.show()
    yield settings
    settings.shutdown()
    run_async(settings.ctx.client.aclose())


def test_test_connection_lists_what_the_sandbox_confirms(page, sandbox):
    page.profile_name.setText("Local")
    page.secret_key.setText(sandbox.secret_key)
    page.base_url.setText(sandbox.base_url)
    assert not page.api_checks.isVisible()
    result = run_async(page.test_connection())
    assert result is not None and result.ok
    checks = page.findChild(ApiChecksView, "apiChecks")
    assert checks.isVisible()
    states = checks.states()
    assert list(states) == list(api_probe.ASSUMPTION_IDS)
    assert states[api_probe.ERROR_ENVELOPE] == "confirmed" and states[api_probe.REFUND_LIST] == "confirmed"
    assert "contradicted" not in states.values()
    listing = page.findChild(QListWidget, "apiChecksList")
    first = listing.item(0)
    # Plain words in the list; the id and the technical detail only in the tooltip.
    assert first.text() == "✓ Confirmed — Errors arrive in WooshPay's error format"
    assert "A-ERR-" not in first.text() and first.toolTip().startswith("A-ERR-ENVELOPE: HTTP 404")
    assert page.last_probe is not None and page.last_probe.get(api_probe.ERROR_ENVELOPE).confirmed


def test_a_failed_connection_shows_no_checks(page):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    page.profile_name.setText("Nowhere")
    page.secret_key.setText("sk_test_" + "n" * 28)
    page.base_url.setText(f"http://127.0.0.1:{port}")
    result = run_async(page.test_connection())
    assert result.state == "offline"
    assert not page.api_checks.isVisible() and page.api_checks.list.count() == 0


def test_every_outcome_has_words(qtbot):
    view = ApiChecksView()
    qtbot.addWidget(view)
    report = ProbeReport([ProbeResult(api_probe.ERROR_ENVELOPE, False, "HTTP 404 without an envelope"),
                          ProbeResult(api_probe.WAP, None, "no WAP payment"),
                          ProbeResult(api_probe.SEARCH, True, "search answered")])
    view.show_report(report)
    texts = [view.list.item(i).text() for i in range(view.list.count())]
    assert texts == ["✗ Not as assumed — Errors arrive in WooshPay's error format",
                     "– Cannot tell — Alipay+ accepts the mobile browser terminal (WAP)",
                     "✓ Confirmed — Payments can be searched by order number"]
    assert "1 confirmed, 1 not as assumed, 1 cannot tell" in view.heading.text()
    view.clear()
    assert view.list.count() == 0 and view.isHidden()
