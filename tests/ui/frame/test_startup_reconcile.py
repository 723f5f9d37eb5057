"""The issue's reproduction end to end: a refund whose answer was lost, a day passes on both clocks, the app
is opened again; its start-up reconcile finds the refund instead of making a second one."""

from __future__ import annotations

from merchant_desk.app import create_main_window
from merchant_desk.ledger import Ledger
from tests.app.fakes import MemoryKeyStore
from tests.qt_support import run_async
from tests.services.helpers import make_client, paid_intent, server_refunds
from tests.services.test_late_retry import a_day_passes, refund_whose_answer_is_lost


def test_reopening_the_account_a_day_later_leaves_exactly_one_refund(qtbot, fresh_sandbox, tmp_path, monkeypatch):
    path = tmp_path / "ledger.sqlite3"

    async def lost_refund():
        async with make_client(fresh_sandbox) as client:
            intent = await paid_intent(client, 1000, "HKD")
            with Ledger(path) as ledger:
                key = await refund_whose_answer_is_lost(fresh_sandbox, ledger, intent, 1000)  # a full refund
            return intent, key

    intent, key = run_async(lost_refund())
    a_day_passes(fresh_sandbox, monkeypatch)
    window = create_main_window(base_url=fresh_sandbox.base_url, secret_key=fresh_sandbox.secret_key,
                                ledger_path=path, keystore=MemoryKeyStore())
    try:
        window.show()
        ledger = window.ctx.ledger
        qtbot.waitUntil(lambda: ledger.get(key).state != "pending", timeout=15_000)
        entry = ledger.get(key)
        assert (entry.state, entry.response["status"]) == ("done", "succeeded")
        audited = [a for a in ledger.audit_entries() if a.outbox_key == key]
        assert [(a.action, a.details["response"]["status"]) for a in audited] == [("refund.created", "succeeded")]
    finally:
        run_async(window.shutdown())
        window.close()
        window.deleteLater()

    async def count():
        async with make_client(fresh_sandbox) as client:
            return await server_refunds(client, intent.id)

    assert [(r.amount, r.status) for r in run_async(count())] == [(1000, "succeeded")]
