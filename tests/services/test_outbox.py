"""reconcile_pending against the real sandbox: pending entries are re-sent with their own key, the server
replays or acts once, and afterwards nothing is unresolved unless the network is down."""

from __future__ import annotations

import pytest

from merchant_desk.ledger import Ledger
from merchant_desk.services.outbox import audit_action, is_retryable, reconcile_pending
from merchant_desk.services.refunds import REFUND_KIND
from merchant_desk.wooshpay import (
    APIError,
    Client,
    IdempotencyError,
    InvalidRequestError,
    NetworkError,
)
from tests.services.helpers import make_client, paid_intent, server_refunds

ACCOUNT = "Sandbox"


def refund_body(intent_id: str, amount: int) -> dict:
    return {"payment_intent": intent_id, "amount": amount, "reason": "requested_by_customer"}


@pytest.fixture
def ledger():
    with Ledger(":memory:") as led:
        yield led


@pytest.mark.asyncio
async def test_network_down_keeps_entries_pending_then_a_later_pass_resolves_them(sandbox, ledger):
    async with make_client(sandbox) as client:
        intent = await paid_intent(client, 1000)
        first = ledger.begin(REFUND_KIND, "POST", "/v1/refunds", refund_body(intent.id, 100), account=ACCOUNT)
        second = ledger.begin(REFUND_KIND, "POST", "/v1/refunds", refund_body(intent.id, 200), account=ACCOUNT)

        async with Client(sandbox.secret_key, base_url="http://127.0.0.1:9", max_attempts=1) as dead:
            report = await reconcile_pending(dead, ledger, ACCOUNT)
        assert report.unresolved == [first.idempotency_key, second.idempotency_key]
        assert not report.clean and report.resolved == []
        assert [e.idempotency_key for e in ledger.pending(ACCOUNT)] == [first.idempotency_key, second.idempotency_key]
        assert await server_refunds(client, intent.id) == []

        report = await reconcile_pending(client, ledger, ACCOUNT)
        assert report.clean and report.resolved == [first.idempotency_key, second.idempotency_key]
        assert ledger.pending(ACCOUNT) == []
        amounts = sorted(r.amount for r in await server_refunds(client, intent.id))
        assert amounts == [100, 200]
        assert sorted(a.object_id for a in ledger.audit_entries(ACCOUNT) if a.action == "refund.created") == sorted(
            e.object_id for e in ledger.entries(ACCOUNT, kind=REFUND_KIND)
        )


@pytest.mark.asyncio
async def test_a_request_the_server_already_made_is_replayed_not_repeated(sandbox, ledger):
    async with make_client(sandbox) as client:
        intent = await paid_intent(client, 1000)
        entry = ledger.begin(REFUND_KIND, "POST", "/v1/refunds", refund_body(intent.id, 300), account=ACCOUNT)
        # The request went out and the server made the refund, but the answer never reached the ledger.
        made = await client.request("POST", "/v1/refunds", json=entry.body, idempotency_key=entry.idempotency_key)

        report = await reconcile_pending(client, ledger, ACCOUNT)
        assert report.resolved == [entry.idempotency_key]
        assert ledger.get(entry.idempotency_key).object_id == made["id"]
        assert [r.id for r in await server_refunds(client, intent.id)] == [made["id"]]


@pytest.mark.asyncio
async def test_a_refused_request_is_marked_failed_and_the_others_still_run(sandbox, ledger):
    async with make_client(sandbox) as client:
        intent = await paid_intent(client, 1000)
        too_much = ledger.begin(REFUND_KIND, "POST", "/v1/refunds", refund_body(intent.id, 5000), account=ACCOUNT)
        fine = ledger.begin(REFUND_KIND, "POST", "/v1/refunds", refund_body(intent.id, 10), account=ACCOUNT)
        other_account = ledger.begin(REFUND_KIND, "POST", "/v1/refunds", refund_body(intent.id, 20), account="Other")

        report = await reconcile_pending(client, ledger, ACCOUNT)
        assert report.failed == [too_much.idempotency_key] and report.resolved == [fine.idempotency_key]
        assert report.clean
        assert ledger.get(too_much.idempotency_key).state == "failed"
        assert ledger.get(other_account.idempotency_key).state == "pending"  # another account's business
        assert [r.amount for r in await server_refunds(client, intent.id)] == [10]


@pytest.mark.asyncio
async def test_payment_intents_are_reconciled_too(fresh_sandbox, ledger):
    body = {
        "amount": 4200,
        "currency": "HKD",
        "confirm": True,
        "payment_method_data": {"type": "alipayplus"},
        "payment_method_options": {"alipayplus": {"terminal_type": "WEB"}},
        "return_url": "https://example.com/return",
    }
    entry = ledger.begin("payment_intent.create", "POST", "/v1/payment_intents", body, account=ACCOUNT)
    async with make_client(fresh_sandbox) as client:
        report = await reconcile_pending(client, ledger, ACCOUNT)
        assert report.resolved == [entry.idempotency_key]
        done = ledger.get(entry.idempotency_key)
        assert done.state == "done" and done.object_id.startswith("pi_")
        assert (await reconcile_pending(client, ledger, ACCOUNT)).resolved == []  # nothing left to do
        intents = (await client.payment_intents.list(limit=100)).data
        assert [i.id for i in intents] == [done.object_id]
    assert [a.action for a in ledger.audit_entries(ACCOUNT)] == ["payment_intent.created"]


def test_audit_action_names():
    assert audit_action("refund") == "refund.created"
    assert audit_action("payment_intent.create") == "payment_intent.created"
    assert audit_action("payment_intent.cancel") == "payment_intent.canceled"
    assert audit_action("checkout_session.expire") == "checkout_session.expired"
    assert audit_action("expire") == "outbox.expired"


def test_which_errors_leave_an_entry_pending():
    assert is_retryable(NetworkError("connection reset"))
    assert is_retryable(APIError("boom", http_status=503))
    assert is_retryable(IdempotencyError("in flight", http_status=409))
    assert not is_retryable(IdempotencyError("key reused with other parameters", http_status=400))
    assert not is_retryable(InvalidRequestError("amount_too_large", http_status=400))


@pytest.mark.asyncio
async def test_a_resent_webhook_endpoint_keeps_its_signing_secret_off_disk(sandbox, ledger):
    body = {"url": "http://127.0.0.1:9/hooks", "enabled_events": ["payment_intent.succeeded"]}
    entry = ledger.begin("webhook_endpoint", "POST", "/v1/webhook_endpoints", body, account=ACCOUNT)
    async with make_client(sandbox) as client:
        report = await reconcile_pending(client, ledger, ACCOUNT)
        assert report.resolved == [entry.idempotency_key]
        stored = ledger.get(entry.idempotency_key)
        assert stored.state == "done"
        assert "secret" not in stored.response
        assert "whsec_" not in repr(stored.response)
        assert all("whsec_" not in repr(a.details) for a in ledger.audit_entries(ACCOUNT))
        await client.webhook_endpoints.delete(stored.object_id)


@pytest.mark.asyncio
async def test_a_claim_and_what_follows_it_take_one_trip_and_a_failure_gives_the_claim_back(tmp_path):
    import threading

    from merchant_desk.services.outbox import claimed

    with Ledger(tmp_path / "ledger.sqlite3") as ledger:
        threads: list[int] = []
        real_claim = ledger.claim

        def claim(key, **kw):
            threads.append(threading.get_ident())
            return real_claim(key, **kw)

        ledger.claim = claim

        def write():
            threads.append(threading.get_ident())
            return "written"

        async with claimed(ledger, "entry:k1", then=write) as result:
            assert result == "written" and ledger.holds("entry:k1")
        assert len(threads) == 2 and threads[0] == threads[1] != threading.get_ident()
        assert not ledger.holds("entry:k1")

        def broken():
            raise OSError("disk full")

        with pytest.raises(OSError):
            async with claimed(ledger, "entry:k2", then=broken):
                pytest.fail("the block must not run when writing failed")
        assert not ledger.holds("entry:k2") and ledger.who_holds("entry:k2") is None


@pytest.mark.asyncio
async def test_the_claim_trip_starts_at_once_and_carries_the_approver(tmp_path):
    """The claim and the write are handed to the worker when the block is entered, not a loop turn later
    (the disk is busy while the loop goes on), and in this context: audit rows written there name the
    approver set around the action."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from merchant_desk.ledger import approved_by, current_approver
    from merchant_desk.services.outbox import claimed

    submitted: list[object] = []

    class Recording(ThreadPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):
            submitted.append(fn)
            return super().submit(fn, *args, **kwargs)

    loop = asyncio.get_running_loop()
    loop.set_default_executor(Recording(max_workers=2))
    with Ledger(tmp_path / "ledger.sqlite3") as ledger:
        seen: list[str | None] = []
        at_next_turn: list[int] = []

        def write():
            seen.append(current_approver())
            return "written"

        loop.call_soon(lambda: at_next_turn.append(len(submitted)))
        with approved_by("Mei (manager)"):
            async with claimed(ledger, "entry:k3", then=write) as result:
                assert result == "written"
        assert at_next_turn == [1]
        assert seen == ["Mei (manager)"]
