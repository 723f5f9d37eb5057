"""A retry that comes after the server forgot the idempotency key (24 h) must not make a second object.

The sandbox's clock is moved with ``/_sandbox/clock`` and the app's with ``late_retry.utc_now``, as a day
passing would move both. Every test counts what the server holds afterwards.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from merchant_desk.ledger import Ledger
from merchant_desk.services import late_retry
from merchant_desk.services.outbox import reconcile_pending, send_entry
from merchant_desk.services.outcomes import NeedsDecision
from merchant_desk.services.payments import PaymentService
from merchant_desk.services.refunds import REFUND_KIND, RefundService
from merchant_desk.wooshpay import Client, NetworkError
from tests.services.helpers import create_intent, make_client, paid_intent, server_refunds

ACCOUNT = "Sandbox"
DAY_AND_AN_HOUR_MS = 90_000_000  # 25 h


def sandbox_post(sandbox, path: str, payload: dict) -> dict:
    answer = httpx.post(f"{sandbox.base_url}{path}", json=payload, timeout=10)
    assert answer.status_code < 400, answer.text
    return answer.json()


def lost_answer(raised: BaseException) -> bool:
    """The request's answer never came: the client's NetworkError, however a service wraps it."""
    return isinstance(getattr(raised, "error", raised), NetworkError)


def a_day_passes(sandbox, monkeypatch) -> None:
    sandbox_post(sandbox, "/_sandbox/clock", {"advance_ms": DAY_AND_AN_HOUR_MS})
    later = datetime.now(UTC) + timedelta(milliseconds=DAY_AND_AN_HOUR_MS)
    monkeypatch.setattr(late_retry, "utc_now", lambda: later)


@pytest.fixture
def ledger():
    with Ledger(":memory:") as led:
        yield led


async def refund_whose_answer_is_lost(sandbox, ledger, intent, amount: int) -> str:
    """The issue's reproduction: the refund is made, its answer dropped, the entry left pending."""
    sandbox_post(sandbox, "/_sandbox/faults", {"drop_next": 1})
    async with make_client(sandbox, max_attempts=1) as once:
        with pytest.raises(Exception) as raised:
            await RefundService(once, ledger, ACCOUNT).refund(intent, amount, "requested_by_customer")
        assert lost_answer(raised.value)
    [entry] = ledger.pending(ACCOUNT)
    assert entry.body["metadata"]["md_request"] == entry.idempotency_key
    return entry.idempotency_key


@pytest.mark.asyncio
@pytest.mark.parametrize("amount", [300, 1000], ids=["partial", "full"])
async def test_a_day_late_reconcile_finds_the_refund_and_makes_no_second_one(fresh_sandbox, ledger, monkeypatch,
                                                                            amount):
    async with make_client(fresh_sandbox) as client:
        intent = await paid_intent(client, 1000, "HKD")
        key = await refund_whose_answer_is_lost(fresh_sandbox, ledger, intent, amount)
        a_day_passes(fresh_sandbox, monkeypatch)

        report = await reconcile_pending(client, ledger, ACCOUNT)  # what reopening the account runs

        assert report.resolved == [key] and report.clean and not report.needs_decision
        refunds = await server_refunds(client, intent.id)
        assert [(r.amount, r.status) for r in refunds] == [(amount, "succeeded")]
        entry = ledger.get(key)
        assert (entry.state, entry.object_id, entry.response["status"]) == ("done", refunds[0].id, "succeeded")
        audited = [a for a in ledger.audit_entries(ACCOUNT) if a.action == "refund.created"]
        assert [(a.object_id, a.details["response"]["status"]) for a in audited] == [(refunds[0].id, "succeeded")]
        assert audited[0].details["found_by_lookup"] is True


@pytest.mark.asyncio
async def test_the_same_key_inside_the_window_is_simply_sent_again(fresh_sandbox, ledger):
    async with make_client(fresh_sandbox) as client:
        intent = await paid_intent(client, 1000, "HKD")
        key = await refund_whose_answer_is_lost(fresh_sandbox, ledger, intent, 300)
        report = await reconcile_pending(client, ledger, ACCOUNT)
        assert report.resolved == [key]
        assert [r.amount for r in await server_refunds(client, intent.id)] == [300]


@pytest.mark.asyncio
async def test_a_request_certainly_never_made_is_sent_once_after_the_window(fresh_sandbox, ledger, monkeypatch):
    async with make_client(fresh_sandbox) as client:
        intent = await paid_intent(client, 1000, "HKD")
        key = "never-sent-0001"
        body = late_retry.tag_request({"payment_intent": intent.id, "amount": 250, "reason": "duplicate"}, key)
        ledger.begin(REFUND_KIND, "POST", "/v1/refunds", body, account=ACCOUNT, idempotency_key=key)
        a_day_passes(fresh_sandbox, monkeypatch)
        report = await reconcile_pending(client, ledger, ACCOUNT)
        assert report.resolved == [key]
        [refund] = await server_refunds(client, intent.id)
        assert (refund.amount, refund.metadata["md_request"]) == (250, key)
        assert ledger.get(key).object_id == refund.id


class ForgetfulServer(httpx.AsyncBaseTransport):
    """The real sandbox behind a transport that answers ``status`` to the refund list (a server without the
    list, or one failing) and counts the refund requests that get through."""

    def __init__(self, sandbox, status: int) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.status = status
        self.refund_posts = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET" and request.url.path == "/v1/refunds":
            body = {"error": {"type": "invalid_request_error" if self.status < 500 else "api_error",
                              "message": "Unrecognized request URL (GET: /v1/refunds)."}}
            return httpx.Response(self.status, json=body, request=request)
        if request.method == "POST" and request.url.path == "/v1/refunds":
            self.refund_posts += 1
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


@pytest.mark.asyncio
@pytest.mark.parametrize("status", [404, 500])
async def test_when_the_lookup_cannot_answer_nothing_is_sent_and_a_person_decides(fresh_sandbox, ledger, monkeypatch,
                                                                                  status):
    async with make_client(fresh_sandbox) as client:
        intent = await paid_intent(client, 1000, "HKD")
        first = await RefundService(client, ledger, ACCOUNT).refund(intent, 200, "requested_by_customer")
        key = await refund_whose_answer_is_lost(fresh_sandbox, ledger, intent, 300)
        a_day_passes(fresh_sandbox, monkeypatch)

        transport = ForgetfulServer(fresh_sandbox, status)
        async with Client(fresh_sandbox.secret_key, base_url=fresh_sandbox.base_url, transport=transport,
                          backoff_base=0.01, backoff_cap=0.02) as forgetful:
            report = await reconcile_pending(forgetful, ledger, ACCOUNT)
            assert report.needs_decision == [key] and report.resolved == []
            again = await reconcile_pending(forgetful, ledger, ACCOUNT)  # a parked entry is not picked up again
            assert again.needs_decision == [] and again.resolved == []
            with pytest.raises(NeedsDecision):  # nor sent by the dialog's Retry with the same key
                await RefundService(forgetful, ledger, ACCOUNT).refund(intent, 300, idempotency_key=key)
        assert transport.refund_posts == 0
        assert sorted(r.amount for r in await server_refunds(client, intent.id)) == [200, 300]

        entry = ledger.get(key)
        assert entry.state == "needs_decision"
        evidence = entry.evidence
        assert (evidence["amount"], evidence["currency"], evidence["payment_intent"]) == (300, "HKD", intent.id)
        assert evidence["refunded_before"] == first.amount == 200
        assert evidence["refunded_now"] is None and evidence["lookup_error"]
        assert [a.action for a in ledger.audit_entries(ACCOUNT) if a.outbox_key == key] == ["outbox.needs_decision"]


@pytest.mark.asyncio
async def test_an_untagged_refund_of_the_same_amount_cannot_be_told_apart(fresh_sandbox, ledger, monkeypatch):
    async with make_client(fresh_sandbox) as client:
        intent = await paid_intent(client, 1000, "HKD")
        # An entry written before requests carried their key, and a refund of that amount made some other way.
        entry = ledger.begin(REFUND_KIND, "POST", "/v1/refunds",
                             {"payment_intent": intent.id, "amount": 300, "reason": "duplicate"}, account=ACCOUNT)
        other = await client.refunds.create(intent.id, amount=300)
        a_day_passes(fresh_sandbox, monkeypatch)
        report = await reconcile_pending(client, ledger, ACCOUNT)
        assert report.needs_decision == [entry.idempotency_key]
        parked = ledger.get(entry.idempotency_key)
        assert parked.evidence["refunded_now"] == 300 and parked.evidence["lookalike_refunds"] == [other.id]
        assert [r.id for r in await server_refunds(client, intent.id)] == [other.id]


@pytest.mark.asyncio
async def test_a_payment_whose_answer_was_lost_is_found_by_its_metadata_a_day_later(fresh_sandbox, ledger,
                                                                                   monkeypatch):
    async with make_client(fresh_sandbox) as client:
        sandbox_post(fresh_sandbox, "/_sandbox/faults", {"drop_next": 1})
        async with make_client(fresh_sandbox, max_attempts=1) as once:
            with pytest.raises(Exception) as raised:
                await PaymentService(once, ledger, ACCOUNT).create_payment(1234, "HKD", merchant_order_id="late-1")
            assert lost_answer(raised.value)
        [entry] = ledger.pending(ACCOUNT)
        a_day_passes(fresh_sandbox, monkeypatch)
        report = await reconcile_pending(client, ledger, ACCOUNT)
        assert report.resolved == [entry.idempotency_key]
        made = [i async for i in client.payment_intents.search_all("merchant_order_id:'late-1'")]
        assert len(made) == 1 and ledger.get(entry.idempotency_key).object_id == made[0].id


async def sent_with_lost_answer(sandbox, ledger, kind: str, path: str, body: dict, *, tag: bool = True) -> str:
    """Write ``body`` as an outbox entry and send it once; the server acts but the answer is dropped."""
    key = f"{kind}-lost-answer"
    if tag:
        body = late_retry.tag_request(body, key)
    entry = ledger.begin(kind, "POST", path, body, account=ACCOUNT, idempotency_key=key)
    sandbox_post(sandbox, "/_sandbox/faults", {"drop_next": 1})
    async with make_client(sandbox, max_attempts=1) as once:
        with pytest.raises(NetworkError):
            await send_entry(once, ledger, entry, account=ACCOUNT)
    return key


@pytest.mark.asyncio
async def test_a_checkout_session_and_a_webhook_endpoint_are_found_in_their_lists(fresh_sandbox, ledger, monkeypatch):
    async with make_client(fresh_sandbox) as client:
        session_key = await sent_with_lost_answer(fresh_sandbox, ledger, "checkout_session", "/v1/checkout/sessions", {
            "mode": "payment", "payment_method_types": ["alipayplus"],
            "line_items": [{"price_data": {"currency": "HKD", "unit_amount": 500, "product_data": {"name": "Tea"}},
                            "quantity": 1}],
            "success_url": "https://example.com/ok", "cancel_url": "https://example.com/cancel",
        })
        endpoint_key = await sent_with_lost_answer(fresh_sandbox, ledger, "webhook_endpoint", "/v1/webhook_endpoints",
                                                   {"url": "https://example.com/hooks", "enabled_events": ["*"]})
        a_day_passes(fresh_sandbox, monkeypatch)
        report = await reconcile_pending(client, ledger, ACCOUNT)
        assert report.resolved == [session_key, endpoint_key]
        sessions = [s async for s in client.checkout_sessions.list_all()]
        endpoints = [e async for e in client.webhook_endpoints.list_all()]
        assert [s.id for s in sessions] == [ledger.get(session_key).object_id]
        assert [e.id for e in endpoints] == [ledger.get(endpoint_key).object_id]


@pytest.mark.asyncio
async def test_a_cancel_whose_answer_was_lost_is_read_back_not_sent_again(fresh_sandbox, ledger, monkeypatch):
    async with make_client(fresh_sandbox) as client:
        intent = await create_intent(client, 700, "HKD")
        key = await sent_with_lost_answer(fresh_sandbox, ledger, "payment_intent.cancel",
                                          f"/v1/payment_intents/{intent.id}/cancel",
                                          {"cancellation_reason": "requested_by_customer"}, tag=False)
        a_day_passes(fresh_sandbox, monkeypatch)
        posts = []
        original = client.request

        async def counting(method, path, **kwargs):
            if method == "POST":
                posts.append(path)
            return await original(method, path, **kwargs)

        client.request = counting
        report = await reconcile_pending(client, ledger, ACCOUNT)
        assert report.resolved == [key] and posts == []
        assert ledger.get(key).response["status"] == "canceled"
