"""probe(): what the connected server confirms of docs/api-assumptions.md, with read-only calls only."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest

from merchant_desk.services import api_probe
from merchant_desk.services.api_probe import ASSUMPTION_IDS, probe
from merchant_desk.wooshpay import AuthenticationError, Client, NetworkError
from tests.services.helpers import make_client

pytestmark = pytest.mark.asyncio

ASSUMPTIONS_DOC = Path(__file__).resolve().parents[2] / "docs" / "api-assumptions.md"


async def test_every_assumption_has_one_result_in_the_documents_order(fresh_sandbox):
    async with make_client(fresh_sandbox) as client:
        report = await probe(client)
    assert [r.assumption_id for r in report.results] == list(ASSUMPTION_IDS)
    documented = re.findall(r"^### (A-[A-Z0-9-]+)", ASSUMPTIONS_DOC.read_text(encoding="utf-8"), re.MULTILINE)
    assert len(documented) == len(set(documented))  # each listed once
    assert [d for d in documented if d in ASSUMPTION_IDS] == list(ASSUMPTION_IDS)


async def test_an_empty_sandbox_confirms_what_it_can_and_says_so_for_the_rest(fresh_sandbox):
    async with make_client(fresh_sandbox) as client:
        report = await probe(client)
    assert set(report.confirmed) >= {
        api_probe.ERROR_ENVELOPE, api_probe.ERROR_STATUS, api_probe.REFUND_LIST, api_probe.EVENT_LIST,
        api_probe.SEARCH, api_probe.REQUEST_ID,
    }
    assert report.contradicted == []
    for unknown in (api_probe.LIST_QUERY, api_probe.CREATED_MS, api_probe.ENABLED_EVENTS_STAR, api_probe.WAP,
                    api_probe.IDR_DECIMALS, api_probe.SIGNATURE_TOLERANCE, api_probe.IDEMPOTENCY_WINDOW):
        assert report.get(unknown).confirmed is None, report.get(unknown)


async def test_an_account_in_use_confirms_more(fresh_sandbox):
    async with make_client(fresh_sandbox) as client:
        for terminal in ("WEB", "WAP"):
            await client.payment_intents.create(
                amount=1000, currency="HKD", confirm=True, payment_method_data={"type": "alipayplus"},
                payment_method_options={"alipayplus": {"terminal_type": terminal}}, return_url="https://e.com/r")
        await client.webhook_endpoints.create("https://example.com/hook", ["*"])
        report = await probe(client)
    assert report.contradicted == []
    for confirmed in (api_probe.LIST_QUERY, api_probe.CREATED_MS, api_probe.ENABLED_EVENTS_STAR, api_probe.WAP,
                      api_probe.IDEMPOTENCY_KEY):
        assert report.get(confirmed).confirmed is True, report.get(confirmed)


def _other_api(request: httpx.Request) -> httpx.Response:
    """A server that is not what the app assumes: plain-text errors, no refund or event lists, ``limit``
    ignored, ``created`` in seconds."""
    path = request.url.path
    if path.startswith("/v1/payment_intents/pi_"):
        return httpx.Response(404, text="Not Found")
    if path in ("/v1/refunds", "/v1/events", "/v1/payment_intents/search"):
        return httpx.Response(404, text="<html><title>404 Not Found</title></html>")
    if path == "/v1/payment_intents":
        items = [{"id": f"pi_{i}", "object": "payment_intent", "created": 1_700_000_000 + i} for i in range(3)]
        return httpx.Response(200, json={"object": "list", "data": items, "has_more": False})
    return httpx.Response(200, json={"object": "list", "data": [], "has_more": False})


async def test_a_server_unlike_the_assumptions_contradicts_them():
    transport = httpx.MockTransport(_other_api)
    async with Client("sk_test_" + "P" * 24, base_url="https://api.example.test", transport=transport) as client:
        report = await probe(client)
    assert set(report.contradicted) == {
        api_probe.ERROR_ENVELOPE, api_probe.REFUND_LIST, api_probe.EVENT_LIST, api_probe.SEARCH,
        api_probe.LIST_QUERY, api_probe.CREATED_MS,
    }
    assert report.get(api_probe.ERROR_STATUS).confirmed is True  # a 404 is still a refusal
    assert report.get(api_probe.REQUEST_ID).confirmed is None
    assert "Not Found" in report.get(api_probe.ERROR_ENVELOPE).detail


async def test_probe_only_reads():
    methods: list[str] = []

    def record(request: httpx.Request) -> httpx.Response:
        methods.append(request.method)
        return _other_api(request)

    async with Client("sk_test_" + "P" * 24, base_url="https://api.example.test",
                      transport=httpx.MockTransport(record)) as client:
        await probe(client)
    assert methods and set(methods) == {"GET"}


async def test_a_wrong_key_or_no_network_is_raised_for_the_caller_to_word(fresh_sandbox):
    async with Client("sk_test_" + "W" * 24, base_url=fresh_sandbox.base_url) as client:
        with pytest.raises(AuthenticationError):
            await probe(client)
    async with Client("sk_test_" + "W" * 24, base_url="http://127.0.0.1:9", max_attempts=1) as client:
        with pytest.raises(NetworkError):
            await probe(client)


async def test_raw_request_is_for_reading_only(fresh_sandbox):
    async with make_client(fresh_sandbox) as client:
        with pytest.raises(ValueError):
            await client.raw_request("POST", "/v1/refunds")
        response = await client.raw_request("GET", "/v1/payment_intents/pi_0000000000000000000")
    assert response.status_code == 404 and json.loads(response.content)["error"]["type"]
