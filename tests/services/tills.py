"""A till in a process of its own, for the tests where several tills share one ledger: it opens the
ledger under its name, and refunds the payments it is handed, all tills at the same moment."""

from __future__ import annotations

import asyncio
from typing import Any

from merchant_desk.ledger import Ledger
from merchant_desk.services.refunds import RefundInProgress, RefundNotAllowed, RefundService
from merchant_desk.wooshpay import Client

ACCOUNT = "Sandbox"


def refunding_till(ledger_url: str, till: str, base_url: str, secret_key: str, jobs: Any, start: Any,
                   results: Any) -> None:
    """Take payment ids from ``jobs`` (None ends), wait at ``start`` for the other tills, refund the whole
    payment, and report ``(till, payment, outcome, detail)`` on ``results``."""
    asyncio.run(_refunding_till(ledger_url, till, base_url, secret_key, jobs, start, results))


async def _refunding_till(ledger_url: str, till: str, base_url: str, secret_key: str, jobs: Any, start: Any,
                          results: Any) -> None:
    ledger = Ledger.open(ledger_url, till=till)
    try:
        async with Client(secret_key, base_url=base_url, timeout=30, backoff_base=0.02, backoff_cap=0.1) as client:
            service = RefundService(client, ledger, ACCOUNT)
            while True:
                payment = await asyncio.to_thread(jobs.get, True, 120)
                if payment is None:
                    return
                await asyncio.to_thread(start.wait, 60)
                try:
                    refund = await service.refund(payment, None)
                except RefundInProgress as busy:
                    results.put((till, payment, "in_progress", busy.till))
                except RefundNotAllowed as refused:
                    results.put((till, payment, "not_allowed", str(refused)))
                except Exception as exc:  # noqa: BLE001 - reported to the test
                    results.put((till, payment, "error", repr(exc)))
                else:
                    results.put((till, payment, "refunded", refund.id))
    finally:
        ledger.close()
