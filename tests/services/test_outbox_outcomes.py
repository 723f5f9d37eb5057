"""The server made the refund but the ledger was locked when its answer came: the caller learns that it was
made (not that it failed), the entry stays pending, and resolving it later - by two resolvers at once -
records it with one audit row."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from merchant_desk.ledger import Ledger
from merchant_desk.services.late_retry import tag_request
from merchant_desk.services.outbox import reconcile_pending, send_entry
from merchant_desk.services.outcomes import SentNotRecorded
from merchant_desk.services.refunds import REFUND_KIND, RefundInProgress, RefundService
from tests.services.helpers import make_client, paid_intent, server_refunds

ACCOUNT = "Sandbox"


@pytest.mark.asyncio
async def test_a_locked_ledger_after_the_answer_is_reported_as_made_and_recorded_later(fresh_sandbox, tmp_path):
    path = tmp_path / "ledger.sqlite3"
    with Ledger(path, busy_timeout=0.2) as ledger:
        async with make_client(fresh_sandbox) as client:
            intent = await paid_intent(client, 1000, "HKD")
            key = "locked-0001"
            body = tag_request({"payment_intent": intent.id, "amount": 400, "reason": "duplicate"}, key)
            entry = ledger.begin(REFUND_KIND, "POST", "/v1/refunds", body, account=ACCOUNT, idempotency_key=key)

            other_process = sqlite3.connect(path, isolation_level=None)
            real_request = client.request

            async def answered_while_locked(*args, **kwargs):
                answer = await real_request(*args, **kwargs)
                other_process.execute("BEGIN IMMEDIATE")  # takes the write lock as the answer arrives
                return answer

            client.request = answered_while_locked
            try:
                with pytest.raises(SentNotRecorded) as caught:
                    await send_entry(client, ledger, entry, account=ACCOUNT)
            finally:
                client.request = real_request
                if other_process.in_transaction:
                    other_process.execute("ROLLBACK")
                other_process.close()

            [made] = await server_refunds(client, intent.id)
            assert caught.value.object_id == made.id and caught.value.kind == REFUND_KIND
            assert ledger.get(key).state == "pending" and ledger.audit_entries(ACCOUNT) == []

            # The start-up reconcile and the dialog's Retry try to resolve it at the same moment: the payment's
            # claim lets one of them through, the other is told it is in progress (nothing sent twice).
            service = RefundService(client, ledger, ACCOUNT)
            report, retried = await asyncio.gather(
                reconcile_pending(client, ledger, ACCOUNT),
                service.refund(intent, 400, idempotency_key=key),
                return_exceptions=True,
            )
            assert not isinstance(report, BaseException), report
            if isinstance(retried, BaseException):
                assert isinstance(retried, RefundInProgress) and report.resolved == [key], retried
                retried = await service.refund(intent, 400, idempotency_key=key)  # the Retry, a moment later
            assert retried.id == made.id
            assert ledger.get(key).state == "done" and ledger.get(key).object_id == made.id
            assert [(a.action, a.object_id) for a in ledger.audit_entries(ACCOUNT)] == [("refund.created", made.id)]
            assert [r.id for r in await server_refunds(client, intent.id)] == [made.id]
