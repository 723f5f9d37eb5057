"""A person's three choices for a request parked as needs_decision: each is recorded once, and only "send
again" sends anything (a new request with a new key)."""

from __future__ import annotations

import pytest

from merchant_desk.ledger import Ledger
from merchant_desk.services import decisions
from merchant_desk.services.outbox import reconcile_pending
from merchant_desk.wooshpay import Client
from tests.services.helpers import make_client, paid_intent, server_refunds
from tests.services.test_late_retry import ACCOUNT, ForgetfulServer, a_day_passes, refund_whose_answer_is_lost


@pytest.fixture
def ledger():
    with Ledger(":memory:") as led:
        yield led


async def parked_refund(sandbox, ledger, monkeypatch, client, amount: int = 300):
    intent = await paid_intent(client, 1000, "HKD")
    key = await refund_whose_answer_is_lost(sandbox, ledger, intent, amount)
    a_day_passes(sandbox, monkeypatch)
    transport = ForgetfulServer(sandbox, 404)
    async with Client(sandbox.secret_key, base_url=sandbox.base_url, transport=transport) as forgetful:
        assert (await reconcile_pending(forgetful, ledger, ACCOUNT)).needs_decision == [key]
    return intent, key


def actions(ledger, key):
    return [a.action for a in reversed(ledger.audit_entries(ACCOUNT)) if a.outbox_key == key]


@pytest.mark.asyncio
async def test_mark_done_records_it_without_sending(fresh_sandbox, ledger, monkeypatch):
    async with make_client(fresh_sandbox) as client:
        intent, key = await parked_refund(fresh_sandbox, ledger, monkeypatch, client)
        entry = await decisions.mark_done(ledger, key)
        assert entry.state == "done" and ledger.awaiting_decision(ACCOUNT) == []
        assert actions(ledger, key) == ["outbox.needs_decision", "outbox.marked_done"]
        with pytest.raises(decisions.NotAwaitingDecision):  # a second window deciding too changes nothing
            await decisions.drop(ledger, key)
        assert [r.amount for r in await server_refunds(client, intent.id)] == [300]


@pytest.mark.asyncio
async def test_drop_closes_it_without_sending(fresh_sandbox, ledger, monkeypatch):
    async with make_client(fresh_sandbox) as client:
        intent, key = await parked_refund(fresh_sandbox, ledger, monkeypatch, client)
        entry = await decisions.drop(ledger, key)
        assert entry.state == "failed" and ledger.pending(ACCOUNT) == []
        assert actions(ledger, key) == ["outbox.needs_decision", "outbox.dropped"]
        assert (await reconcile_pending(client, ledger, ACCOUNT)).resolved == []
        assert [r.amount for r in await server_refunds(client, intent.id)] == [300]


@pytest.mark.asyncio
async def test_send_again_makes_a_new_request_with_a_new_key(fresh_sandbox, ledger, monkeypatch):
    async with make_client(fresh_sandbox) as client:
        intent, key = await parked_refund(fresh_sandbox, ledger, monkeypatch, client)
        answer = await decisions.send_as_new(client, ledger, key, account=ACCOUNT)
        refunds = await server_refunds(client, intent.id)
        assert sorted(r.amount for r in refunds) == [300, 300]  # the person chose this, knowingly
        new = ledger.get(answer["metadata"]["md_request"])
        assert new.idempotency_key != key and new.state == "done" and new.object_id == answer["id"]
        assert ledger.get(key).state == "failed"
        assert actions(ledger, key) == ["outbox.needs_decision", "outbox.sent_again"]
        assert actions(ledger, new.idempotency_key) == ["refund.created"]
