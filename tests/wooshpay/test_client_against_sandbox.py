"""The client end to end against the real sandbox server (merchant_desk.sandbox) on loopback."""

from __future__ import annotations

import uuid

import httpx
import pytest

from merchant_desk.wooshpay import (
    AuthenticationError,
    CheckoutSession,
    Client,
    DeletedObject,
    IdempotencyError,
    InvalidRequestError,
    NetworkError,
    NotFoundError,
    PaymentIntent,
    RateLimitError,
    Refund,
    WebhookEndpoint,
)

from .helpers import FakeClock

pytestmark = pytest.mark.asyncio


def alipayplus_body(amount: int = 1000, currency: str = "HKD", **extra) -> dict:
    # The create request of docs/wooshpay-api.md §0.
    return {
        "amount": amount,
        "currency": currency,
        "confirm": True,
        "payment_method_options": {"alipayplus": {"terminal_type": "WEB"}},
        "payment_method_data": {"type": "alipayplus"},
        "return_url": "https://shop.example/return",
        **extra,
    }


def client_for(handle, **options) -> Client:
    options.setdefault("sleep", FakeClock())
    return Client(handle.secret_key, base_url=handle.base_url, timeout=10.0, **options)


async def set_faults(handle, **faults) -> None:
    async with httpx.AsyncClient(base_url=handle.base_url, timeout=10) as http:
        response = await http.post("/_sandbox/faults", json=faults)
        assert response.status_code == 200, response.text


async def pay(intent: PaymentIntent, wallet: str = "AlipayHK") -> None:
    async with httpx.AsyncClient(timeout=10) as http:
        answer = await http.post(intent.cashier_url, data={"action": "pay", "wallet": wallet})
    assert answer.status_code in (200, 303), answer.text


async def test_take_a_payment_and_refund_it(sandbox):
    async with client_for(sandbox) as client:
        assert client.mode == "test"
        intent = await client.payment_intents.create(**alipayplus_body(), merchant_order_id=f"o-{uuid.uuid4().hex[:8]}")
        assert intent.status == "requires_action" and intent.id.startswith("pi_")
        assert intent.cashier_url == intent.next_action["alipayplus_handle_redirect"]["normalUrl"]
        assert intent.created is not None and intent.currency == "HKD" and intent.amount == 1000
        await pay(intent)
        paid = await client.payment_intents.retrieve(intent.id)
        assert paid.status == "succeeded" and paid.is_final
        partial = await client.refunds.create(intent.id, amount=300, reason="requested_by_customer")
        assert isinstance(partial, Refund) and partial.amount == 300 and partial.payment_intent == intent.id
        assert (await client.refunds.retrieve(partial.id)).id == partial.id
        refunds = [r async for r in client.refunds.list_all(payment_intent=intent.id)]
        assert [r.id for r in refunds] == [partial.id]


async def test_search_by_merchant_order_id(sandbox):
    order = f"order-{uuid.uuid4().hex[:10]}"
    async with client_for(sandbox) as client:
        made = await client.payment_intents.create(**alipayplus_body(), merchant_order_id=order)
        found = await client.payment_intents.search(f"merchant_order_id:'{order}'")
        assert [i.id for i in found.data] == [made.id]
        assert [i.id async for i in client.payment_intents.search_all(f"merchant_order_id:'{order}'", limit=1)] == [made.id]


async def test_update_cancel_and_errors(sandbox):
    async with client_for(sandbox) as client:
        intent = await client.payment_intents.create(**alipayplus_body(amount=500))
        updated = await client.payment_intents.update(intent.id, description="table 4", metadata={"till": "2"})
        assert updated.description == "table 4" and updated.metadata == {"till": "2"}
        canceled = await client.payment_intents.cancel(intent.id, "customer cancelled")
        assert canceled.status == "canceled" and canceled.is_final
        with pytest.raises(InvalidRequestError) as caught:
            await client.payment_intents.cancel(intent.id, "again")
        assert caught.value.http_status == 400 and caught.value.code
        with pytest.raises(NotFoundError) as missing:
            await client.payment_intents.retrieve("pi_0000000000000000000")
        assert missing.value.code == "resource_missing"
        with pytest.raises(InvalidRequestError) as invalid:
            await client.payment_intents.create(currency="HKD")
        assert invalid.value.param == "amount"


async def test_wrong_key_is_an_authentication_error(sandbox):
    async with Client("sk_test_" + "w" * 32, base_url=sandbox.base_url, sleep=FakeClock()) as client:
        with pytest.raises(AuthenticationError) as caught:
            await client.payment_intents.list(limit=1)
    assert caught.value.http_status == 401


async def test_same_idempotency_key_replays_the_same_object(sandbox):
    key = str(uuid.uuid4())
    async with client_for(sandbox) as client:
        first = await client.payment_intents.create(**alipayplus_body(amount=700), idempotency_key=key)
        again = await client.payment_intents.create(**alipayplus_body(amount=700), idempotency_key=key)
        assert again.id == first.id
        with pytest.raises(IdempotencyError):
            await client.payment_intents.create(**alipayplus_body(amount=701), idempotency_key=key)


async def test_dropped_post_is_retried_with_the_same_key_and_creates_one_object(fresh_sandbox):
    clock = FakeClock()
    async with client_for(fresh_sandbox, sleep=clock) as client:
        await set_faults(fresh_sandbox, drop_next=1)
        intent = await client.payment_intents.create(**alipayplus_body())
        assert len(clock.sleeps) == 1
        everything = [i async for i in client.payment_intents.list_all()]
    assert [i.id for i in everything] == [intent.id]


async def test_server_errors_are_retried_until_success(fresh_sandbox):
    clock = FakeClock()
    async with client_for(fresh_sandbox, sleep=clock, random=lambda: 1.0, backoff_base=0.25) as client:
        await set_faults(fresh_sandbox, fail_next=2, fail_status=503)
        page = await client.payment_intents.list(limit=1)
    assert page.data == [] and clock.sleeps == [0.25, 0.5]


async def test_rate_limit_honours_retry_after(fresh_sandbox):
    clock = FakeClock()
    async with client_for(fresh_sandbox, sleep=clock, max_attempts=2) as client:
        await set_faults(fresh_sandbox, fail_next=2, fail_status=429, retry_after=2)
        with pytest.raises(RateLimitError):
            await client.events.list()
    assert clock.sleeps == [2.0]


async def test_unreachable_server_is_a_network_error():
    clock = FakeClock()
    async with Client("sk_test_" + "n" * 24, base_url="http://127.0.0.1:9", sleep=clock, max_attempts=2) as client:
        with pytest.raises(NetworkError):
            await client.payment_intents.list()
    assert len(clock.sleeps) == 1


async def test_pagination_across_pages(fresh_sandbox):
    async with client_for(fresh_sandbox) as client:
        made = [await client.payment_intents.create(**alipayplus_body(amount=100 + n)) for n in range(5)]
        first = await client.payment_intents.list(limit=2)
        assert len(first.data) == 2 and first.has_more
        walked = [i.id async for i in client.payment_intents.list_all(limit=2)]
        assert sorted(walked) == sorted(i.id for i in made) and len(walked) == 5
        assert walked == [i.id for i in reversed(made)]  # newest first
        since = made[2].raw["created"]
        recent = [i async for i in client.payment_intents.list_all(limit=2, created={"gte": since})]
        assert {made[2].id, made[3].id, made[4].id} <= {i.id for i in recent}
        assert all(i.raw["created"] >= since for i in recent)
        # a datetime filter is sent as milliseconds, the unit of `created`
        as_datetime = [i.id async for i in client.payment_intents.list_all(created={"gte": made[2].created})]
        assert sorted(as_datetime) == sorted(i.id for i in recent)


async def test_webhook_endpoint_lifecycle(sandbox):
    async with client_for(sandbox) as client:
        made = await client.webhook_endpoints.create(
            "https://shop.example/hooks", ["payment_intent.succeeded", "charge.refund.updated"],
            description="shop", api_version="1.0.1",
        )
        assert isinstance(made, WebhookEndpoint) and made.secret and made.secret.startswith("whsec_")
        assert made.enabled_events == ["payment_intent.succeeded", "charge.refund.updated"]
        got = await client.webhook_endpoints.retrieve(made.id)
        assert got.url == "https://shop.example/hooks" and got.status == "enabled"
        changed = await client.webhook_endpoints.update(made.id, description="renamed")
        assert changed.description == "renamed"
        assert made.id in [e.id async for e in client.webhook_endpoints.list_all()]
        deleted = await client.webhook_endpoints.delete(made.id)
        assert isinstance(deleted, DeletedObject) and deleted.deleted and deleted.id == made.id
        with pytest.raises(NotFoundError):
            await client.webhook_endpoints.retrieve(made.id)


async def test_checkout_session_lifecycle(sandbox):
    async with client_for(sandbox) as client:
        session = await client.checkout_sessions.create(
            mode="payment",
            success_url="https://shop.example/ok",
            cancel_url="https://shop.example/cancel",
            payment_method_options={"alipayplus": {"terminal_type": "WEB"}},
            line_items=[
                {"price_data": {"currency": "PHP", "unit_amount": 2500, "product_data": {"name": "Mango"}}, "quantity": 2},
                {"price_data": {"currency": "PHP", "unit_amount": 1000, "product_data": {"name": "Tea"}}, "quantity": 1},
            ],
        )
        assert isinstance(session, CheckoutSession)
        assert (session.status, session.payment_status, session.currency) == ("open", "unpaid", "PHP")
        assert session.amount_total == 6000 and session.url and session.payment_intent
        assert session.expires_at and session.created and session.expires_at > session.created
        items = await client.checkout_sessions.line_items(session.id)
        assert [i.price.product.name for i in items.data] == ["Mango", "Tea"]
        assert [i.price.unit_amount for i in items.data] == [2500, 1000]
        assert sum(i.amount_total for i in items.data) == 6000
        assert (await client.checkout_sessions.retrieve(session.id)).id == session.id
        assert session.id in [s.id async for s in client.checkout_sessions.list_all()]
        expired = await client.checkout_sessions.expire(session.id)
        assert expired.status == "expired"


async def test_events_are_listed_and_retrieved(sandbox):
    async with client_for(sandbox) as client:
        intent = await client.payment_intents.create(**alipayplus_body())
        events = [e async for e in client.events.list_all(limit=50)]
        mine = [e for e in events if e.data_object.get("id") == intent.id]
        assert mine, [e.type for e in events[:10]]
        event = await client.events.retrieve(mine[0].id)
        assert event.type and event.type.startswith("payment_intent.")
        assert PaymentIntent.from_dict(event.data_object).id == intent.id
