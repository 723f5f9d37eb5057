"""PaymentService against the real sandbox: ledger-first creation and cancellation, and the watch loop."""

from __future__ import annotations

import asyncio

import httpx
import pytest
import pytest_asyncio

from merchant_desk.ledger import Ledger
from merchant_desk.services.outbox import RequestFailed
from merchant_desk.services.payments import (
    PaymentService,
    build_create_body,
    failure_message,
    is_failed,
)
from merchant_desk.wooshpay import Client
from merchant_desk.wooshpay.errors import InvalidRequestError, NetworkError
from tests.customer import decline_async, pay_async

pytestmark = pytest.mark.asyncio


class RecordingTransport(httpx.AsyncBaseTransport):
    """Passes requests through and remembers them, to see the headers that really left."""

    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


@pytest_asyncio.fixture
async def env(sandbox):
    transport = RecordingTransport()
    client = Client(sandbox.secret_key, base_url=sandbox.base_url, transport=transport, backoff_base=0.01, backoff_cap=0.05)
    ledger = Ledger(":memory:")
    service = PaymentService(client, ledger, "Sandbox")
    try:
        yield service, client, ledger, transport
    finally:
        await client.aclose()
        ledger.close()


async def test_create_body_is_the_documented_alipayplus_request():
    body = build_create_body(
        200, "idr", terminal_type="WEB", description=None, merchant_order_id=None,
        return_url="https://example.com/return", metadata=None,
    )
    assert body == {
        "amount": 200,
        "currency": "IDR",
        "confirm": True,
        "payment_method_data": {"type": "alipayplus"},
        "payment_method_options": {"alipayplus": {"terminal_type": "WEB"}},
        "return_url": "https://example.com/return",
    }


async def test_create_writes_the_outbox_first_and_sends_its_key(env):
    service, client, ledger, transport = env
    seen_at_send: list = []
    original = client.request

    async def request_spy(method, path, **kwargs):
        if method == "POST" and path == "/v1/payment_intents":
            seen_at_send.append(ledger.get(kwargs["idempotency_key"]))
        return await original(method, path, **kwargs)

    client.request = request_spy
    intent = await service.create_payment(
        1234, "HKD", description="Two coffees", merchant_order_id="order-create-1", metadata={"till": "3"}
    )

    entry_at_send = seen_at_send[0]
    assert entry_at_send is not None and entry_at_send.is_pending, "the outbox entry must exist before sending"
    posts = [r for r in transport.requests if r.method == "POST" and r.url.path == "/v1/payment_intents"]
    assert [r.headers["Idempotency-Key"] for r in posts] == [entry_at_send.idempotency_key]

    done = ledger.get(entry_at_send.idempotency_key)
    assert done.state == "done" and done.object_id == intent.id
    assert done.body["payment_method_data"] == {"type": "alipayplus"}
    assert intent.status == "requires_action"
    assert intent.amount == 1234 and intent.currency == "HKD"
    assert intent.merchant_order_id == "order-create-1" and intent.metadata == {"till": "3", "md_request": done.idempotency_key}
    assert intent.cashier_url and intent.id in intent.cashier_url
    audit = ledger.audit_entries("Sandbox")
    assert [(a.action, a.object_id) for a in audit] == [("payment_intent.created", intent.id)]


async def test_refused_create_is_failed_for_good_in_the_ledger(env):
    service, _client, ledger, _transport = env
    with pytest.raises(RequestFailed) as failed:
        await service.create_payment(100, "XXX")
    assert isinstance(failed.value.error, InvalidRequestError)
    (entry,) = ledger.entries("Sandbox")
    assert entry.state == "failed"
    assert ledger.audit_entries("Sandbox") == []


async def test_create_without_a_server_stays_pending_for_reconciliation():
    ledger = Ledger(":memory:")
    # Port 9 on loopback: nothing listens, so the connection is refused.
    client = Client("sk_test_" + "a" * 24, base_url="http://127.0.0.1:9", max_attempts=1)
    try:
        with pytest.raises(RequestFailed) as failed:
            await PaymentService(client, ledger, "Sandbox").create_payment(100, "CNY")
        assert isinstance(failed.value.error, NetworkError)
    finally:
        await client.aclose()
    (entry,) = ledger.pending("Sandbox")
    assert entry.kind == "payment_intent.create"


async def test_retry_with_the_same_key_returns_the_same_intent(env):
    service, client, _ledger, _transport = env
    first = await service.create_payment(500, "CNY", merchant_order_id="retry-1", idempotency_key="k-retry-1")
    again = await service.create_payment(500, "CNY", merchant_order_id="retry-1", idempotency_key="k-retry-1")
    assert again.id == first.id
    found = await client.payment_intents.search("merchant_order_id:'retry-1'")
    assert [i.id for i in found.data] == [first.id]


@pytest.mark.parametrize("amount", [0, -5, 1.5, True])
async def test_bad_amounts_never_reach_the_ledger(env, amount):
    service, _client, ledger, transport = env
    with pytest.raises(ValueError):
        await service.create_payment(amount, "CNY")
    assert ledger.entries("Sandbox") == [] and transport.requests == []


async def test_watch_reports_each_change_until_paid(env):
    service, _client, _ledger, _transport = env
    intent = await service.create_payment(888, "CNY")
    updates = []

    async def pay_soon():
        await asyncio.sleep(0.1)
        await pay_async(intent.cashier_url, "AlipayHK")

    payer = asyncio.ensure_future(pay_soon())
    final = await asyncio.wait_for(
        service.watch(intent.id, updates.append, first_delay=0.02, max_delay=0.05), timeout=10
    )
    await payer
    assert final.status == "succeeded"
    statuses = [u.status for u in updates]
    assert statuses[0] == "requires_action" and statuses[-1] == "succeeded"
    assert len(statuses) == len(set(statuses)), "unchanged polls must not be reported again"


async def test_watch_reports_a_decline_as_failed_and_keeps_watching(env):
    service, _client, _ledger, _transport = env
    intent = await service.create_payment(999, "PHP")
    updates = []
    watcher = asyncio.ensure_future(service.watch(intent.id, updates.append, first_delay=0.02, max_delay=0.05))
    await decline_async(intent.cashier_url, "GCash")
    for _ in range(200):
        if any(is_failed(u) for u in updates):
            break
        await asyncio.sleep(0.02)
    failed = next(u for u in updates if is_failed(u))
    assert failed.status == "requires_payment_method" and failure_message(failed)
    assert not watcher.done(), "a declined attempt is not the end: the customer may pay another way"
    await pay_async(intent.cashier_url, "GCash")
    final = await asyncio.wait_for(watcher, timeout=10)
    assert final.status == "succeeded"


async def test_watch_stops_when_cancelled_and_backs_off(env):
    service, client, _ledger, _transport = env
    delays: list[float] = []

    async def fake_sleep(delay: float) -> None:
        delays.append(delay)
        await asyncio.sleep(0)

    intent = await service.create_payment(100, "THB")
    watching = PaymentService(client, Ledger(":memory:"), "Sandbox", sleep=fake_sleep)
    task = asyncio.ensure_future(watching.watch(intent.id, lambda _i: None, first_delay=1.0, max_delay=8.0, factor=1.5))
    while len(delays) < 8:
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert delays[:6] == [1.0, 1.5, 2.25, 3.375, 5.0625, 7.59375]
    assert all(d == 8.0 for d in delays[6:8])


async def test_watch_rides_out_network_errors():
    calls = 0

    class FlakyIntents:
        async def retrieve(self, intent_id):
            nonlocal calls
            calls += 1
            if calls < 3:
                raise NetworkError("connection reset")
            from merchant_desk.wooshpay.models import PaymentIntent

            return PaymentIntent.from_dict(
                {"id": intent_id, "object": "payment_intent", "amount": 1, "currency": "CNY", "status": "succeeded"}
            )

    class FlakyClient:
        payment_intents = FlakyIntents()

    updates = []
    service = PaymentService(FlakyClient(), Ledger(":memory:"), "x")
    final = await service.watch("pi_1", updates.append, first_delay=0.001, max_delay=0.002)
    assert final.status == "succeeded" and calls == 3 and [u.status for u in updates] == ["succeeded"]


async def test_cancel_is_ledger_first_and_audited(env):
    service, client, ledger, transport = env
    intent = await service.create_payment(300, "MYR")
    canceled = await service.cancel(intent.id, "customer changed their mind")
    assert canceled.status == "canceled"
    assert canceled.cancellation_reason == "customer changed their mind"
    entry = next(e for e in ledger.entries("Sandbox") if e.kind == "payment_intent.cancel")
    assert entry.state == "done" and entry.body == {"cancellation_reason": "customer changed their mind"}
    post = next(r for r in transport.requests if r.url.path.endswith("/cancel"))
    assert post.headers["Idempotency-Key"] == entry.idempotency_key
    assert ("payment_intent.canceled", intent.id) in [(a.action, a.object_id) for a in ledger.audit_entries("Sandbox")]
    assert (await client.payment_intents.retrieve(intent.id)).status == "canceled"


async def test_cancel_needs_a_reason(env):
    service, _client, ledger, transport = env
    with pytest.raises(ValueError):
        await service.cancel("pi_123", "  ")
    assert ledger.entries("Sandbox") == [] and transport.requests == []


async def test_cancelling_a_paid_intent_is_refused_and_recorded(env):
    service, _client, ledger, _transport = env
    intent = await service.create_payment(400, "GBP")
    await pay_async(intent.cashier_url, "AlipayHK")
    with pytest.raises(RequestFailed) as failed:
        await service.cancel(intent.id, "too late")
    assert isinstance(failed.value.error, InvalidRequestError)
    entry = next(e for e in ledger.entries("Sandbox") if e.kind == "payment_intent.cancel")
    assert entry.state == "failed"
