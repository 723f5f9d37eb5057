"""One instance, and a charge from any program: real second launches (``python -m merchant_desk …`` in a
subprocess) talk to a window running in this test process, over the real local socket."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from merchant_desk.ui.frame.charge_requests import ChargeRequests
from merchant_desk.ui.frame.single_instance import SingleInstanceServer, connect, instance_name
from tests.customer import decline, pay
from tests.qt_support import run_async
from tests.ui.frame.test_main_window import open_window  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[3]


def launch(*args: str) -> subprocess.Popen:
    """A second launch, with this test's MERCHANT_DESK_HOME (hence this test's instance name)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [sys.executable, "-m", "merchant_desk", *args], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def finished(qtbot, process: subprocess.Popen, timeout: int = 30_000) -> tuple[int, str, str]:
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=timeout)
    out, err = process.communicate()
    return process.returncode, out, err


async def payments_for(client, order: str) -> list:
    page = await client.payment_intents.list(limit=100)
    return [p for p in page.data if p.merchant_order_id == order]


@pytest.fixture
def running(open_window, fresh_sandbox, qtbot):  # noqa: F811
    """A window with the single-instance server, as ``app.main`` wires them."""
    window = open_window(base_url=fresh_sandbox.base_url, secret_key=fresh_sandbox.secret_key)
    window.payments_page.watch_timing = (0.05, 0.2, 1.5)
    server = SingleInstanceServer()
    assert server.listen()
    requests = ChargeRequests(server)
    requests.set_window(window)
    yield window, server, requests
    requests.shutdown()
    server.close()


def test_the_name_is_per_user_and_data_folder(tmp_path):
    a = instance_name({"MERCHANT_DESK_HOME": str(tmp_path / "a")})
    assert a == instance_name({"MERCHANT_DESK_HOME": str(tmp_path / "a")})
    assert a != instance_name({"MERCHANT_DESK_HOME": str(tmp_path / "b")})
    assert a != instance_name({})


def test_a_second_launch_hands_over_and_exits(running, qtbot):
    window, server, _requests = running
    window.showMinimized()
    with qtbot.waitSignal(server.activateRequested, timeout=30_000):
        process = launch()
    status, out, err = finished(qtbot, process)
    assert status == 0, err
    assert not window.isMinimized()
    # The second launch is gone and the first still listens: one process.
    assert connect(server.name) is not None


def test_second_instance_server_does_not_take_the_name(running):
    _window, server, _requests = running
    second = SingleInstanceServer(server.name)
    assert not second.listen()


def test_a_charge_creates_exactly_one_payment_after_one_click_and_reports_it(running, qtbot):
    window, _server, _requests = running
    page = window.payments_page
    window.show_page_named("settingsPage")
    process = launch("charge", "12.50", "CNY", "--order", "ORD-1", "--description", "Two teas", "--wait")
    qtbot.waitUntil(lambda: page.form.order_id.text() == "ORD-1", timeout=30_000)
    assert window.current_page() is page
    assert page.form.amount.text() == "12.50"
    assert page.form.selected_currency() == "CNY"
    assert page.form.description.text() == "Two teas"
    assert "ORD-1" in window.statusBar().currentMessage()
    # Prefilled, not created: the click is the merchant's confirmation.
    assert run_async(payments_for(window.ctx.client, "ORD-1")) == []
    assert process.poll() is None  # still waiting for the outcome

    page.form.create_button.click()
    qtbot.waitUntil(lambda: page.intent is not None, timeout=20_000)
    pay(page.intent)
    status, out, err = finished(qtbot, process)
    assert status == 0, err
    outcome = json.loads(out.strip())
    assert outcome["status"] == "succeeded"
    assert outcome["payment_intent"] == page.intent.id
    assert (outcome["order"], outcome["amount"], outcome["currency"]) == ("ORD-1", 1250, "CNY")
    created = run_async(payments_for(window.ctx.client, "ORD-1"))
    assert [p.id for p in created] == [page.intent.id]


def test_a_declined_charge_reports_failed_with_status_1(running, qtbot):
    window, _server, _requests = running
    page = window.payments_page
    process = launch("merchant-desk:charge?amount=8&currency=HKD&order=ORD-2", "--wait")
    qtbot.waitUntil(lambda: page.form.order_id.text() == "ORD-2", timeout=30_000)
    page.form.create_button.click()
    qtbot.waitUntil(lambda: page.intent is not None, timeout=20_000)
    decline(page.intent)
    status, out, err = finished(qtbot, process)
    assert status == 1, err
    assert json.loads(out.strip())["status"] == "failed"


def test_a_charge_without_wait_returns_at_once(running, qtbot):
    window, _server, _requests = running
    status, out, err = finished(qtbot, launch("merchant-desk:charge?amount=3.20&currency=GBP&order=ORD-3"))
    assert (status, out) == (0, ""), err
    qtbot.waitUntil(lambda: window.payments_page.form.order_id.text() == "ORD-3", timeout=10_000)
    assert window.payments_page.form.amount.text() == "3.20"


@pytest.mark.parametrize(
    "args",
    [
        ("charge", "12.505", "CNY", "--order", "BAD-1"),
        ("charge", "12.50", "CNY"),
        ("merchant-desk:charge?amount=12.50&currency=ZZZ&order=BAD-1",),
    ],
)
def test_a_bad_request_is_one_line_and_reaches_nothing(running, qtbot, args):
    window, _server, _requests = running
    status, out, err = finished(qtbot, launch(*args))
    assert status == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("merchant-desk charge: "), err
    assert window.payments_page.form.amount.text() == ""
    assert run_async(payments_for(window.ctx.client, "BAD-1")) == []


def test_quitting_tells_a_waiting_launcher(running, qtbot):
    window, _server, requests = running
    process = launch("charge", "1", "CNY", "--order", "ORD-4", "--wait")
    qtbot.waitUntil(lambda: window.payments_page.form.order_id.text() == "ORD-4", timeout=30_000)
    requests.shutdown()
    status, out, _err = finished(qtbot, process)
    assert status == 1
    assert json.loads(out)["status"] == "canceled"


def test_a_launcher_that_gives_up_waiting_does_not_disturb_the_payment(running, qtbot, caplog):
    window, _server, requests = running
    page = window.payments_page
    process = launch("charge", "2", "CNY", "--order", "ORD-5", "--wait")
    qtbot.waitUntil(lambda: page.form.order_id.text() == "ORD-5", timeout=30_000)
    process.kill()
    process.communicate(timeout=10)
    page.form.create_button.click()
    qtbot.waitUntil(lambda: page.intent is not None, timeout=20_000)
    assert len(requests._tasks) == 1  # the payment is followed for the launcher
    pay(page.intent)
    qtbot.waitUntil(lambda: len(requests._tasks) == 0, timeout=20_000)
    assert page.intent.status == "succeeded"
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]
