"""Several tills on one shared PostgreSQL ledger, against the real sandbox: two tills refunding the same
payment at the same moment make one refund (the other is told which till is at it), a till killed in the
middle of a refund leaves it for another till to reconcile, and reconciling never re-sends what a live
till is sending."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from merchant_desk.ledger import Ledger
from merchant_desk.services.outbox import reconcile_pending
from merchant_desk.services.refunds import REFUND_KIND
from tests.services.helpers import make_client, paid_intent, server_refunds
from tests.services.tills import ACCOUNT, refunding_till

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 20


def set_faults(sandbox, **settings) -> None:
    answer = httpx.post(f"{sandbox.base_url}/_sandbox/faults", json=settings, timeout=10)
    assert answer.status_code < 400, answer.text


@pytest_asyncio.fixture
async def client(fresh_sandbox):
    async with make_client(fresh_sandbox) as c:
        yield c


def refund_audit_rows(ledger: Ledger, payment: str) -> list:
    return [e for e in ledger.audit_entries(limit=None, action="refund.created")
            if e.details.get("request", {}).get("payment_intent") == payment]


@pytest.mark.asyncio
@pytest.mark.timeout(600)
async def test_two_tills_refunding_one_payment_at_the_same_moment_make_one_refund(fresh_sandbox, client, pg_url):
    Ledger.open(pg_url).close()  # the schema is there before the tills start
    # Answers take a moment, as over a real network: the first till's refund is in flight while the
    # second one tries.
    set_faults(fresh_sandbox, delay_ms=150)
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(2), ctx.Queue()
    tills = {"Till A": ctx.Queue(), "Till B": ctx.Queue()}
    procs = [ctx.Process(target=refunding_till, args=(pg_url, name, fresh_sandbox.base_url,
                                                      fresh_sandbox.secret_key, jobs, start, results))
             for name, jobs in tills.items()]
    for proc in procs:
        proc.start()
    outcomes: list[tuple[str, str, str, str]] = []
    try:
        for _ in range(ROUNDS):
            intent = await paid_intent(client, amount=1000, currency="PHP")
            for jobs in tills.values():
                jobs.put(intent.id)
            this_round = [await asyncio.to_thread(results.get, True, 120) for _ in tills]
            outcomes.extend(this_round)
            refunded = [o for o in this_round if o[2] == "refunded"]
            others = [o for o in this_round if o[2] != "refunded"]
            assert len(refunded) == 1, this_round
            [other] = others
            # the other till was refused before sending: told who is at it, or (came later) that
            # nothing is left
            if other[2] == "in_progress":
                assert other[3] == refunded[0][0], this_round
            else:
                assert other[2] == "not_allowed" and "refunded in full" in other[3], this_round
            assert len(await server_refunds(client, intent.id)) == 1
    finally:
        for jobs in tills.values():
            jobs.put(None)
        for proc in procs:
            proc.join(timeout=60)
            if proc.is_alive():
                proc.kill()
    assert all(proc.exitcode == 0 for proc in procs)
    with Ledger.open(pg_url) as ledger:
        payments = {o[1] for o in outcomes}
        assert len(payments) == ROUNDS
        for payment in payments:
            assert len(refund_audit_rows(ledger, payment)) == 1
        assert ledger.pending(ACCOUNT) == []
        refused = sum(1 for o in outcomes if o[2] == "in_progress")
        print(f"{ROUNDS} rounds: {refused} refused as in progress at the other till, "
              f"{ROUNDS - refused} as already refunded")


# The till that dies: a real RefundService on the shared ledger; the key travels in the environment.
REFUND_SCRIPT = """
import asyncio, os
from merchant_desk.ledger import Ledger
from merchant_desk.services.refunds import RefundService
from merchant_desk.wooshpay import Client

async def main():
    ledger = Ledger.open(os.environ["MD_LEDGER"], till=os.environ["MD_TILL"])
    async with Client(os.environ["MD_KEY"], base_url=os.environ["MD_URL"], timeout=60, max_attempts=1) as client:
        service = RefundService(client, ledger, os.environ["MD_ACCOUNT"])
        refund = await service.refund(os.environ["MD_INTENT"], int(os.environ["MD_AMOUNT"]))
        print("answered", refund.id, flush=True)

asyncio.run(main())
"""


def start_refund(sandbox, pg_url: str, intent_id: str, till: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MD_LEDGER": pg_url, "MD_TILL": till, "MD_KEY": sandbox.secret_key,
           "MD_URL": sandbox.base_url, "MD_ACCOUNT": ACCOUNT, "MD_INTENT": intent_id, "MD_AMOUNT": "400"}
    return subprocess.Popen([sys.executable, "-c", REFUND_SCRIPT], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


async def wait_for_pending_refund(ledger: Ledger, proc: subprocess.Popen) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        pending = [e for e in await asyncio.to_thread(ledger.pending, ACCOUNT) if e.kind == REFUND_KIND]
        if pending:
            return pending[0].idempotency_key
        await asyncio.sleep(0.02)
    raise AssertionError("the refunding till never wrote its outbox entry")


@pytest.mark.asyncio
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
async def test_a_till_killed_mid_refund_leaves_it_for_another_till(fresh_sandbox, client, pg_url):
    intent = await paid_intent(client, amount=1000, currency="PHP")
    with Ledger.open(pg_url, till="Back office") as survivor:
        set_faults(fresh_sandbox, delay_ms=3000)  # the server holds back its answer
        proc = start_refund(fresh_sandbox, pg_url, intent.id, "Front till")
        try:
            key = await wait_for_pending_refund(survivor, proc)
            # While the front till is alive and sending, reconciling here leaves its entry alone.
            report = await reconcile_pending(client, survivor, ACCOUNT)
            assert key in report.unresolved and "in progress at Front till" in report.errors[key]
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=30)
            proc.stdout.close()
            proc.stderr.close()
        set_faults(fresh_sandbox, delay_ms=0)
        # Its session (and claim) ends once the server sees the connection gone: retry until then.
        deadline = time.monotonic() + 60
        while True:
            report = await reconcile_pending(client, survivor, ACCOUNT)
            if report.resolved or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.05)
        assert report.resolved == [key], report
        done = survivor.get(key)
        assert done.state == "done"
        refunds = await server_refunds(client, intent.id)
        assert len(refunds) == 1 and refunds[0].amount == 400 and refunds[0].id == done.object_id
        assert len(refund_audit_rows(survivor, intent.id)) == 1
        [row] = refund_audit_rows(survivor, intent.id)
        assert row.till == "Back office"  # the till that resolved it records it


@pytest.mark.asyncio
async def test_a_cancel_while_another_till_holds_the_payment_is_refused_and_never_written(fresh_sandbox, client,
                                                                                          pg_url):
    from merchant_desk.ledger import payment_key
    from merchant_desk.services.outbox import InProgressElsewhere
    from merchant_desk.services.payments import PaymentService
    from tests.services.helpers import create_intent

    intent = await create_intent(client, amount=1000, currency="PHP")
    with Ledger.open(pg_url, till="Front till") as front, Ledger.open(pg_url, till="Back office") as back:
        front.claim(payment_key(intent.id))  # the front till is refunding or cancelling it right now
        with pytest.raises(InProgressElsewhere) as busy:
            await PaymentService(client, back, ACCOUNT).cancel(intent.id, "requested_by_customer")
        assert busy.value.till == "Front till"
        assert back.entries(ACCOUNT) == []  # not written, so no reconcile can send it later
        assert (await client.payment_intents.retrieve(intent.id)).status == "requires_action"
        front.release(payment_key(intent.id))
        canceled = await PaymentService(client, back, ACCOUNT).cancel(intent.id, "requested_by_customer")
        assert canceled.status == "canceled"
        [row] = back.audit_entries(action="payment_intent.canceled")
        assert row.till == "Back office"
