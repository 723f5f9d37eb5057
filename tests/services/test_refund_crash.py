"""A process that sends a refund is SIGKILLed while the server holds back its answer; reconciling its ledger
afterwards leaves exactly one refund on the server and nothing unresolved in the ledger."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from merchant_desk.ledger import Ledger
from merchant_desk.services.outbox import reconcile_pending
from merchant_desk.services.refunds import REFUND_KIND
from tests.services.helpers import make_client, paid_intent, server_refunds

ACCOUNT = "Sandbox"
ROOT = Path(__file__).resolve().parents[2]

# The refunding process: a real RefundService with a file ledger. The key travels in the environment,
# never in argv.
REFUND_SCRIPT = """
import asyncio, os
from merchant_desk.ledger import Ledger
from merchant_desk.services.refunds import RefundService
from merchant_desk.wooshpay import Client

async def main():
    ledger = Ledger(os.environ["MD_LEDGER"])
    async with Client(os.environ["MD_KEY"], base_url=os.environ["MD_URL"], timeout=60, max_attempts=1) as client:
        service = RefundService(client, ledger, os.environ["MD_ACCOUNT"])
        print("refunding", flush=True)
        refund = await service.refund(os.environ["MD_INTENT"], int(os.environ["MD_AMOUNT"]), "requested_by_customer")
        print("answered", refund.id, flush=True)

asyncio.run(main())
"""

DELAY_MS = 1500


def set_faults(sandbox, **settings) -> None:
    answer = httpx.post(f"{sandbox.base_url}/_sandbox/faults", json=settings, timeout=10)
    assert answer.status_code < 400, answer.text


def wait_for_pending(ledger_path: Path, process: subprocess.Popen, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read() if process.stdout else ""
        if ledger_path.exists():
            with Ledger(ledger_path) as ledger:
                pending = [e for e in ledger.pending(ACCOUNT) if e.kind == REFUND_KIND]
            if pending:
                return pending[0].idempotency_key
        time.sleep(0.05)
    raise AssertionError("the refunding process never wrote its outbox entry")


@pytest.mark.timeout(90)
def test_killed_before_the_answer_then_reconciled_once(fresh_sandbox, tmp_path):
    async def pay():
        async with make_client(fresh_sandbox) as client:
            return await paid_intent(client, 1000)

    intent = asyncio.run(pay())
    ledger_path = tmp_path / "ledger.sqlite3"
    env = dict(os.environ, MD_LEDGER=str(ledger_path), MD_KEY=fresh_sandbox.secret_key, MD_URL=fresh_sandbox.base_url,
               MD_ACCOUNT=ACCOUNT, MD_INTENT=intent.id, MD_AMOUNT="400", PYTHONPATH=str(ROOT))
    set_faults(fresh_sandbox, delay_ms=DELAY_MS)  # every answer (the refund's too) is held back
    process = subprocess.Popen([sys.executable, "-c", REFUND_SCRIPT], env=env, cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        key = wait_for_pending(ledger_path, process)
        time.sleep(0.3)  # the POST is on the wire now, its answer still DELAY_MS away
        process.send_signal(signal.SIGKILL)
        output, _ = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    assert "answered" not in output, output
    set_faults(fresh_sandbox, delay_ms=0)

    async def reconcile():
        with Ledger(ledger_path) as ledger:  # what the next start of the app does
            assert [e.idempotency_key for e in ledger.pending(ACCOUNT)] == [key]
            async with make_client(fresh_sandbox) as client:
                report = await reconcile_pending(client, ledger, ACCOUNT)
                # The killed request may still be inside the server's delay: let it finish, then count.
                await asyncio.sleep(DELAY_MS / 1000 + 0.5)
                refunds = await server_refunds(client, intent.id)
                everything = [r async for r in client.refunds.list_all()]
            return report, refunds, everything, ledger.get(key), ledger.pending(ACCOUNT)

    report, refunds, everything, entry, pending = asyncio.run(reconcile())
    assert report.resolved == [key] and report.clean
    assert len(refunds) == 1 and len(everything) == 1
    assert refunds[0].amount == 400
    assert entry.state == "done" and entry.object_id == refunds[0].id
    assert pending == []
