"""The project's own Client against the running sandbox: every resource, pagination, error paths, and
200 POSTs through 30 % injected faults."""

from __future__ import annotations

import httpx
import pytest

from merchant_desk.wooshpay import (
    AuthenticationError,
    Client,
    IdempotencyError,
    InvalidRequestError,
    NotFoundError,
)

from .conftest import cashier_url

pytestmark = pytest.mark.asyncio


async def _http(method: str, url: str, **kwargs) -> httpx.Response:
    """The customer's and the test harness's own calls, without blocking the loop."""
    async with httpx.AsyncClient() as http:
        return await http.request(method, url, **kwargs)


def _client(handle, **kwargs) -> Client:
    return Client(handle.secret_key, base_url=handle.base_url, backoff_base=0.001, backoff_cap=0.01, **kwargs)


async def test_every_resource(sandbox):
    async with _client(sandbox) as client:
        pi = await client.payment_intents.create(
            amount=1500, currency="hkd", confirm=True, payment_method_data={"type": "alipayplus"},
            payment_method_options={"alipayplus": {"terminal_type": "WEB"}}, merchant_order_id="client-1",
        )
        assert pi.status == "requires_action" and pi.currency == "HKD"
        assert pi.cashier_url == f"{sandbox.public_url}/cashier/{pi.id}"
        assert (await client.payment_intents.retrieve(pi.id)).id == pi.id
        updated = await client.payment_intents.update(pi.id, description="Updated")
        assert updated.description == "Updated"
        found = await client.payment_intents.search("merchant_order_id:'client-1'")
        assert pi.id in [i.id for i in found.data]
        await _http("POST", pi.cashier_url, data={"action": "pay", "wallet": "AlipayHK"})
        refund = await client.refunds.create(pi.id, amount=500, reason="requested_by_customer")
        assert (refund.amount, refund.payment_intent) == (500, pi.id)
        assert (await client.refunds.retrieve(refund.id)).amount == 500
        assert [r.id for r in (await client.refunds.list(payment_intent=pi.id)).data] == [refund.id]

        other = await client.payment_intents.create(amount=100, currency="PHP")
        confirmed = await client.payment_intents.confirm(other.id, payment_method_data={"type": "alipayplus"})
        assert confirmed.status == "requires_action"
        canceled = await client.payment_intents.cancel(other.id, "customer cancelled")
        assert canceled.status == "canceled" and canceled.cancellation_reason == "customer cancelled"

        manual = await client.payment_intents.create(
            amount=900, currency="GBP", confirm=True, capture_method="manual",
            payment_method_data={"type": "alipayplus"},
        )
        await _http("POST", manual.cashier_url, data={"action": "pay", "wallet": "GCash"})
        assert (await client.payment_intents.capture(manual.id, 600)).amount_received == 600

        we = await client.webhook_endpoints.create("https://hooks.example/x", ["payment_intent.succeeded"])
        assert we.secret and we.secret.startswith("whsec_")
        assert (await client.webhook_endpoints.update(we.id, description="d")).description == "d"
        assert we.id in [w.id for w in (await client.webhook_endpoints.list(limit=100)).data]
        deleted = await client.webhook_endpoints.delete(we.id)
        assert deleted.deleted is True

        cs = await client.checkout_sessions.create(
            mode="payment", success_url="https://s.example", cancel_url="https://c.example",
            payment_method_types=["alipayplus"],
            line_items=[{"price_data": {"currency": "IDR", "unit_amount": 10000,
                                        "product_data": {"name": "Kopi"}}, "quantity": 3}],
        )
        assert (cs.amount_total, cs.status, cs.line_items[0].price.product.name) == (30000, "open", "Kopi")
        assert (await client.checkout_sessions.retrieve(cs.id)).payment_intent == cs.payment_intent
        assert cs.id in [s.id for s in (await client.checkout_sessions.list(limit=100)).data]
        assert (await client.checkout_sessions.line_items(cs.id)).data[0].quantity == 3
        assert (await client.checkout_sessions.expire(cs.id)).status == "expired"

        events = await client.events.list(type="payment_intent.succeeded", limit=100)
        assert pi.id in [e.data_object["id"] for e in events.data]
        assert (await client.events.retrieve(events.data[0].id)).type == "payment_intent.succeeded"


async def test_list_all_over_250(fresh_sandbox):
    async with _client(fresh_sandbox) as client:
        ids = [(await client.payment_intents.create(amount=i + 1, currency="MYR")).id for i in range(250)]
        listed = [pi.id async for pi in client.payment_intents.list_all(limit=37)]
        assert listed == list(reversed(ids))
        page = await client.payment_intents.list(limit=100, starting_after=ids[-100])
        assert [pi.id for pi in page.data] == list(reversed(ids))[100:200] and page.has_more
        searched = [pi.id async for pi in client.payment_intents.search_all("currency:'MYR'", limit=100)]
        assert sorted(searched) == sorted(ids)


async def test_error_paths(sandbox):
    async with _client(sandbox) as client:
        with pytest.raises(InvalidRequestError) as e:
            await client.payment_intents.create(amount=0, currency="HKD")
        assert e.value.param == "amount" and e.value.code == "amount_too_small"
        with pytest.raises(NotFoundError):
            await client.payment_intents.retrieve("pi_1000000000000000000")
        paid = await client.payment_intents.create(
            amount=300, currency="HKD", confirm=True, payment_method_data={"type": "alipayplus"}
        )
        with pytest.raises(InvalidRequestError) as e:
            await client.refunds.create(paid.id)
        assert e.value.param == "payment_intent"
        await _http("POST", cashier_url(paid.raw), data={"action": "pay", "wallet": "AlipayHK"})
        for amount in (301, 0):
            with pytest.raises(InvalidRequestError) as e:
                await client.refunds.create(paid.id, amount=amount)
            assert e.value.param == "amount"
        with pytest.raises(InvalidRequestError) as e:
            await client.payment_intents.cancel(paid.id, "late")
        assert e.value.code == "payment_intent_unexpected_state"
        await client.payment_intents.create(amount=5, currency="HKD", idempotency_key="client-idem-1")
        with pytest.raises(IdempotencyError):
            await client.payment_intents.create(amount=6, currency="HKD", idempotency_key="client-idem-1")
    async with Client("sk_" + "test_" + "q" * 24, base_url=sandbox.base_url) as stranger:
        with pytest.raises(AuthenticationError):
            await stranger.events.list()


async def test_200_posts_through_30_percent_faults(fresh_sandbox):
    await _http(
        "POST",
        f"{fresh_sandbox.base_url}/_sandbox/faults",
        json={"fail_rate": 0.15, "fail_status": 503, "drop_rate": 0.15, "seed": 2024},
    )
    async with _client(fresh_sandbox, max_attempts=12) as client:
        for i in range(200):
            await client.payment_intents.create(amount=100 + i, currency="HKD", merchant_order_id=f"o-{i}")
        faults = (await _http("GET", f"{fresh_sandbox.base_url}/_sandbox/faults")).json()
        await _http("DELETE", f"{fresh_sandbox.base_url}/_sandbox/faults")
        intents = [pi async for pi in client.payment_intents.list_all(limit=100)]
    assert faults["injected_failures"] + faults["injected_drops"] >= 60
    assert faults["injected_drops"] > 0
    assert len(intents) == 200
    assert sorted(pi.merchant_order_id for pi in intents) == sorted(f"o-{i}" for i in range(200))
