"""Playing the customer on the sandbox's cashier page (`/cashier/<pi>`) or checkout page (`/pay/<cs>`): the
form post a browser sends when the wallet pays or declines. Sync for GUI tests, async for core tests."""

from __future__ import annotations

import re
from typing import Any

import httpx

_OFFERED = re.compile(r'name="wallet" value="([^"]+)"')


def _url(target: Any) -> str:
    """A page address, or an intent whose cashier page is meant."""
    if isinstance(target, str):
        return target
    assert target.cashier_url, target.raw
    return target.cashier_url


def _first_offered(page_html: str) -> str:
    offered = _OFFERED.findall(page_html)
    assert offered, page_html
    return offered[0]


def _check(answer: httpx.Response) -> None:
    assert answer.status_code < 400, answer.text


def _act(target: Any, action: str, wallet: str | None) -> None:
    url = _url(target)
    with httpx.Client(timeout=10) as http:
        if wallet is None:
            wallet = _first_offered(http.get(url).text)
        _check(http.post(url, data={"action": action, "wallet": wallet}))


async def _act_async(target: Any, action: str, wallet: str | None) -> None:
    url = _url(target)
    async with httpx.AsyncClient(timeout=10) as http:
        if wallet is None:
            wallet = _first_offered((await http.get(url)).text)
        _check(await http.post(url, data={"action": action, "wallet": wallet}))


def pay(target: Any, wallet: str | None = None) -> None:
    """Pay with ``wallet``, or with the first wallet the page offers for the currency."""
    _act(target, "pay", wallet)


def decline(target: Any, wallet: str | None = None) -> None:
    _act(target, "decline", wallet)


async def pay_async(target: Any, wallet: str | None = None) -> None:
    await _act_async(target, "pay", wallet)


async def decline_async(target: Any, wallet: str | None = None) -> None:
    await _act_async(target, "decline", wallet)
