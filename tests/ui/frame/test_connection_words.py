"""The connection check's words for answers that do not come from the WooshPay API."""

from __future__ import annotations

import httpx

from merchant_desk.services.session import AccountSession
from merchant_desk.ui.frame.connection import ERROR, ONLINE, check_connection
from merchant_desk.wooshpay import Client
from tests.qt_support import run_async


def _check(answer: httpx.Response):
    async def go():
        transport = httpx.MockTransport(lambda request: answer)
        async with Client("sk_test_" + "c" * 24, base_url="https://shop.example.test", transport=transport,
                          max_attempts=1) as client:
            ctx = AccountSession("Shop", "test", "https://shop.example.test", client, ledger=None)  # type: ignore[arg-type]
            return await check_connection(ctx)

    return run_async(go())


def test_a_web_servers_not_found_page_means_a_wrong_base_url(qtbot):
    result = _check(httpx.Response(404, text="<html><title>404 Not Found</title></html>"))
    assert result.state == ERROR and "does not answer like the WooshPay API" in result.message


def test_wooshpays_own_404_is_not_called_a_wrong_address(qtbot):
    result = _check(httpx.Response(404, json={"error": {"type": "invalid_request_error", "code": "resource_missing",
                                                        "message": "Unrecognized request URL"}}))
    assert result.state == ERROR and "does not answer like" not in result.message


def test_a_list_is_online(qtbot):
    result = _check(httpx.Response(200, json={"object": "list", "data": [], "has_more": False}))
    assert result.state == ONLINE
