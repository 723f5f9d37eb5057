"""The client reads every published example: the documented request goes out as documented, and the
documented answer comes back as a typed model with the right values (ms and s timestamps both)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from merchant_desk.wooshpay import (
    CheckoutSession,
    Client,
    Event,
    ListPage,
    PaymentIntent,
    Refund,
    WebhookEndpoint,
)

from .examples import Example, all_examples

EXAMPLES = all_examples()
SECRET = "sk_test_" + "C0ntract" * 3


async def call(client: Client, example: Example) -> Any:
    request, response = example.request, example.response
    body = request.get("body", {})
    object_id = response.get("id", "")
    match example.model, request["method"]:
        case "PaymentIntent", "POST":
            return await client.payment_intents.create(**body)
        case "Refund", "POST":
            return await client.refunds.create(**body)
        case "WebhookEndpoint", "POST":
            return await client.webhook_endpoints.create(**body)
        case "WebhookEndpoint", "GET":
            return await client.webhook_endpoints.retrieve(object_id)
        case "ListPage[WebhookEndpoint]", "GET":
            return await client.webhook_endpoints.list(**request.get("query", {}))
        case "Event", "GET":
            return await client.events.retrieve(object_id)
        case "CheckoutSession", "POST":
            return await client.checkout_sessions.create(**body)
        case "CheckoutSession", "GET":
            return await client.checkout_sessions.retrieve(object_id)
    raise AssertionError(f"no client call for {example.name}")


def plausible(moment: datetime | None) -> bool:
    # Every published example is from 2022-2024: a unit mix-up (ms read as s or back) lands far outside.
    return moment is not None and datetime(2021, 1, 1, tzinfo=UTC) < moment < datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.asyncio
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
async def test_the_client_reads_the_published_answer(example):
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=example.response)

    async with Client(SECRET, base_url="https://apitest.wooshpay.com", transport=httpx.MockTransport(answer)) as client:
        result = await call(client, example)

    (request,) = sent
    assert request.method == example.request["method"]
    expected_path = example.request["path"].replace("{id}", example.response.get("id", ""))
    assert request.url.path == expected_path
    if request.method == "POST":
        assert json.loads(request.content) == example.request["body"]
        assert request.headers["Idempotency-Key"]

    if isinstance(result, ListPage):
        assert result.raw == example.response and result.has_more is False
        assert [item.id for item in result.data] == [item["id"] for item in example.response["data"]]
        assert all(plausible(item.created) for item in result.data)
        return
    assert result.id == example.response["id"] and result.raw == example.response
    assert plausible(result.created)
    if isinstance(result, PaymentIntent):
        assert result.status == "requires_action" and result.amount == example.response["amount"]
        assert result.currency == example.response["currency"]
        assert result.cashier_url == example.expect["cashier_url"]
        assert not result.is_final
    elif isinstance(result, Refund):
        assert (result.amount, result.currency, result.status) == (20, "CNY", "succeeded")
        assert result.payment_intent == example.request["body"]["payment_intent"] and result.metadata == {}
    elif isinstance(result, WebhookEndpoint):
        assert result.enabled_events == example.response["enabled_events"]
        assert result.status == "enabled" and result.url == example.response["url"]
    elif isinstance(result, Event):
        assert result.data_object["object"] == "dispute" and result.data_object["amount"] == 66
    elif isinstance(result, CheckoutSession):
        assert result.amount_total == example.response["amount_total"]
        assert result.status in (None, "open") and result.currency == "GBP"
        assert plausible(result.expires_at)
        if "line_items" in example.expect:
            assert len(result.line_items) == example.expect["line_items"]
            item = result.line_items[0]
            assert item.price is not None and item.price.unit_amount == 5 and item.price.type == "one_time"
            assert item.price.product is not None and item.price.product.name == "taiwan fengli"
    else:  # pragma: no cover - a new model needs its own checks
        raise AssertionError(type(result))
