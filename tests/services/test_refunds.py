"""RefundService against the real sandbox: remainders, partial and full refunds, refusals before any
request, the ledger-first outbox entry, the audit entry, the list fallback, and a dropped connection."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import httpx
import pytest
import pytest_asyncio

from merchant_desk.ledger import Ledger
from merchant_desk.services.outbox import RequestFailed
from merchant_desk.services.refunds import (
    REFUND_KIND,
    RefundFilter,
    RefundNotAllowed,
    RefundService,
)
from merchant_desk.wooshpay import Client, NetworkError, NotFoundError
from tests.services.helpers import (
    create_intent,
    make_client,
    paid_intent,
    server_refunds,
)

ACCOUNT = "Sandbox"


# -- helpers ---------------------------------------------------------------------------------------------

async def set_faults(sandbox, **settings) -> None:
    async with httpx.AsyncClient(timeout=10) as http:
        answer = await http.post(f"{sandbox.base_url}/_sandbox/faults", json=settings)
    assert answer.status_code < 400, answer.text


# -- fixtures ------------------------------------------------------------------------------------------

@pytest_asyncio.fixture
async def client(sandbox):
    async with make_client(sandbox) as c:
        yield c


@pytest.fixture
def ledger():
    with Ledger(":memory:") as led:
        yield led


@pytest.fixture
def service(client, ledger):
    return RefundService(client, ledger, ACCOUNT)


# -- remainders and refunds ----------------------------------------------------------------------------

@pytest.mark.asyncio
async def test_summary_of_a_fresh_payment_offers_everything(service, client):
    intent = await paid_intent(client, 1250)
    summary = await service.refund_summary(intent)
    assert (summary.refunded_minor, summary.remainder_minor, summary.refunds) == (0, 1250, [])
    assert summary.currency == "PHP"
    assert not summary.from_ledger


@pytest.mark.asyncio
async def test_partial_then_rest_then_nothing_more(service, client, ledger):
    intent = await paid_intent(client, 1000)

    first = await service.refund(intent, 300, "requested_by_customer", note="damaged box")
    assert (first.amount, first.status, first.payment_intent) == (300, "succeeded", intent.id)
    assert first.metadata == {"note": "damaged box", "md_request": service.ledger.entries()[0].idempotency_key}
    summary = await service.refund_summary(intent)
    assert (summary.refunded_minor, summary.remainder_minor) == (300, 700)

    rest = await service.refund(intent, None, "duplicate")
    assert rest.amount == 700 and rest.reason == "duplicate"
    summary = await service.refund_summary(intent)
    assert (summary.refunded_minor, summary.remainder_minor) == (1000, 0)
    assert [r.id for r in summary.refunds] == [rest.id, first.id]  # newest first

    with pytest.raises(RefundNotAllowed, match="in full"):
        await service.refund(intent, None, "requested_by_customer")
    with pytest.raises(RefundNotAllowed):
        await service.refund(intent, 1, "requested_by_customer")
    assert len(await server_refunds(client, intent.id)) == 2

    entries = ledger.entries(ACCOUNT, kind=REFUND_KIND)
    assert [(e.state, e.object_id) for e in entries] == [("done", first.id), ("done", rest.id)]
    assert entries[0].body == {"payment_intent": intent.id, "amount": 300, "reason": "requested_by_customer",
                               "metadata": {"note": "damaged box", "md_request": entries[0].idempotency_key}}
    audited = [(a.action, a.object_id) for a in ledger.audit_entries(ACCOUNT)]
    assert audited == [("refund.created", rest.id), ("refund.created", first.id)]


@pytest.mark.asyncio
@pytest.mark.parametrize("amount, message", [(0, "more than zero"), (-5, "more than zero"), (1001, "At most")])
async def test_bad_amounts_are_refused_before_any_request(service, client, ledger, amount, message):
    intent = await paid_intent(client, 1000)
    with pytest.raises(RefundNotAllowed, match=message):
        await service.refund(intent, amount, "requested_by_customer")
    assert await server_refunds(client, intent.id) == []
    assert ledger.entries(ACCOUNT, kind=REFUND_KIND) == []


@pytest.mark.asyncio
async def test_unpaid_payment_and_unknown_reason_are_refused(service, client, ledger):
    unpaid = await create_intent(client, 500)
    with pytest.raises(RefundNotAllowed, match="succeeded"):
        await service.refund(unpaid, None, "requested_by_customer")
    summary = await service.refund_summary(unpaid)
    assert summary.remainder_minor == 0
    paid = await paid_intent(client, 500)
    with pytest.raises(RefundNotAllowed, match="reason"):
        await service.refund(paid, 100, "because")
    assert ledger.entries(ACCOUNT) == []


@pytest.mark.asyncio
async def test_the_entry_is_in_the_ledger_before_the_request_leaves(sandbox, ledger):
    seen = {}

    async with make_client(sandbox) as client:
        service = RefundService(client, ledger, ACCOUNT)
        intent = await paid_intent(client, 800)
        original = client.request

        async def spying_request(method, path, **kwargs):
            if method == "POST" and path == "/v1/refunds":
                entry = ledger.get(kwargs["idempotency_key"])
                seen["entry"] = entry
            return await original(method, path, **kwargs)

        client.request = spying_request
        refund = await service.refund(intent, 200, "requested_by_customer")

    entry = seen["entry"]
    assert entry is not None and entry.state == "pending" and entry.body["amount"] == 200
    assert ledger.get(entry.idempotency_key).object_id == refund.id


@pytest.mark.asyncio
async def test_same_key_again_returns_the_recorded_refund_without_a_new_one(service, client):
    intent = await paid_intent(client, 900)
    key = str(uuid.uuid4())
    first = await service.refund(intent, 400, "requested_by_customer", idempotency_key=key)
    again = await service.refund(intent, 400, "requested_by_customer", idempotency_key=key)
    assert again.id == first.id
    assert len(await server_refunds(client, intent.id)) == 1


@pytest.mark.asyncio
async def test_network_error_leaves_the_entry_pending_and_the_same_key_resolves_it(sandbox, ledger):
    async with make_client(sandbox) as good:
        intent = await paid_intent(good, 1000)
        # Nothing listens on port 9 of loopback: every request fails to connect.
        async with Client(sandbox.secret_key, base_url="http://127.0.0.1:9", max_attempts=1) as dead:
            offline = RefundService(dead, ledger, ACCOUNT)
            # The summary itself needs the network, so the offline service is handed a known-good one.
            offline.refund_summary = RefundService(good, ledger, ACCOUNT).refund_summary
            key = str(uuid.uuid4())
            with pytest.raises(RequestFailed) as failed:
                await offline.refund(intent, 250, "requested_by_customer", idempotency_key=key)
            assert isinstance(failed.value.error, NetworkError)
        assert ledger.get(key).state == "pending"
        assert await server_refunds(good, intent.id) == []

        online = RefundService(good, ledger, ACCOUNT)
        summary = await online.refund_summary(intent)
        assert summary.pending_minor == 250 and summary.remainder_minor == 750  # never over-promises
        refund = await online.refund(intent, 999, "fraudulent", idempotency_key=key)  # args ignored on retry
        assert (refund.amount, refund.reason) == (250, "requested_by_customer")
        assert ledger.get(key).state == "done"
        assert [r.id for r in await server_refunds(good, intent.id)] == [refund.id]


@pytest.mark.asyncio
async def test_a_new_refund_settles_an_unresolved_one_first(sandbox, ledger):
    async with make_client(sandbox) as client:
        intent = await paid_intent(client, 1000)
        stuck = ledger.begin(REFUND_KIND, "POST", "/v1/refunds",
                             {"payment_intent": intent.id, "amount": 600, "reason": "requested_by_customer"},
                             account=ACCOUNT)
        service = RefundService(client, ledger, ACCOUNT)
        with pytest.raises(RefundNotAllowed, match="At most"):
            await service.refund(intent, 500, "requested_by_customer")
        assert ledger.get(stuck.idempotency_key).state == "done"
        refunds = await server_refunds(client, intent.id)
        assert [r.amount for r in refunds] == [600]


@pytest.mark.asyncio
async def test_dropped_connection_after_commit_gives_one_refund(fresh_sandbox):
    with Ledger(":memory:") as ledger:
        async with make_client(fresh_sandbox) as client:
            service = RefundService(client, ledger, ACCOUNT)
            intent = await paid_intent(client, 1000)
            await set_faults(fresh_sandbox, drop_next=1)
            key = str(uuid.uuid4())
            try:
                refund = await service.refund(intent, 400, "requested_by_customer", idempotency_key=key)
            except NetworkError:  # the client gave up: the dialog's Retry sends the same key
                refund = await service.refund(intent, 400, "requested_by_customer", idempotency_key=key)
            async with httpx.AsyncClient(timeout=10) as http:
                faults = (await http.get(f"{fresh_sandbox.base_url}/_sandbox/faults")).json()
            assert faults["injected_drops"] == 1  # the connection really was dropped after the commit
            await set_faults(fresh_sandbox, drop_next=0)

            on_server = await server_refunds(client, intent.id)
            assert [r.id for r in on_server] == [refund.id]
            all_refunds = [r async for r in client.refunds.list_all()]
            assert len(all_refunds) == 1
        entries = ledger.entries(ACCOUNT, kind=REFUND_KIND)
        assert [(e.state, e.object_id) for e in entries] == [("done", refund.id)]
        assert [a.object_id for a in ledger.audit_entries(ACCOUNT) if a.action == "refund.created"] == [refund.id]
        assert ledger.pending(ACCOUNT) == []


# -- listing -------------------------------------------------------------------------------------------

@pytest.mark.asyncio
async def test_list_page_filters_and_pages(fresh_sandbox):
    with Ledger(":memory:") as ledger:
        async with make_client(fresh_sandbox) as client:
            service = RefundService(client, ledger, ACCOUNT)
            a = await paid_intent(client, 1000)
            b = await paid_intent(client, 1000)
            r1 = await service.refund(a, 100, "requested_by_customer")
            r2 = await service.refund(b, 200, "duplicate")
            r3 = await service.refund(a, 300, "fraudulent")

            first = await service.list_page(RefundFilter(), limit=2)
            assert [r.id for r in first.refunds] == [r3.id, r2.id] and first.has_more
            second = await service.list_page(RefundFilter(), first.last_id, limit=2)
            assert [r.id for r in second.refunds] == [r1.id] and not second.has_more

            only_a = [r.id async for r in service.iter_refunds(RefundFilter(payment_intent=a.id), page_size=1)]
            assert only_a == [r3.id, r1.id]
            assert [r.id async for r in service.iter_refunds(RefundFilter(status="failed"))] == []
            future = datetime.now(timezone.utc) + timedelta(days=1)
            assert [r.id async for r in service.iter_refunds(RefundFilter(created_from=future))] == []
            past = datetime.now(timezone.utc) - timedelta(days=1)
            everything = [r.id async for r in service.iter_refunds(RefundFilter(created_from=past, created_before=future))]
            assert everything == [r3.id, r2.id, r1.id]


@pytest.mark.asyncio
async def test_without_a_server_list_the_ledger_refunds_are_shown_and_flagged(service, client, monkeypatch):
    intent = await paid_intent(client, 1000)
    made = await service.refund(intent, 100, "requested_by_customer")

    def no_list(*args, **kwargs):
        raise NotFoundError("Unrecognized request URL (GET: /v1/refunds)", http_status=404)

    async def no_list_all(*args, **kwargs):
        raise NotFoundError("Unrecognized request URL (GET: /v1/refunds)", http_status=404)
        yield  # pragma: no cover  (makes this an async generator)

    async def no_list_async(*args, **kwargs):
        no_list()

    monkeypatch.setattr(client.refunds, "list", no_list_async)
    monkeypatch.setattr(client.refunds, "list_all", no_list_all)

    summary = await service.refund_summary(intent)
    assert summary.from_ledger and [r.id for r in summary.refunds] == [made.id]
    assert (summary.refunded_minor, summary.remainder_minor) == (100, 900)
    page = await service.list_page(RefundFilter())
    assert page.from_ledger and [r.id for r in page.refunds] == [made.id] and not page.has_more
    assert (await service.list_page(RefundFilter(status="failed"))).refunds == []


def test_filter_matches_on_every_field():
    from merchant_desk.wooshpay import Refund

    refund = Refund.from_dict({"id": "re_1", "object": "refund", "amount": 5, "currency": "PHP", "status": "succeeded",
                               "payment_intent": "pi_1", "created": 1_700_000_000_000})
    moment = refund.created
    assert RefundFilter().matches(refund)
    assert RefundFilter(status="succeeded", payment_intent="pi_1").matches(refund)
    assert not RefundFilter(status="failed").matches(refund)
    assert not RefundFilter(payment_intent="pi_2").matches(refund)
    assert RefundFilter(created_from=moment, created_before=moment + timedelta(seconds=1)).matches(refund)
    assert not RefundFilter(created_before=moment).matches(refund)  # the upper bound is exclusive
    assert RefundFilter(created_from=moment).server_params() == {"created[gte]": 1_700_000_000_000}
