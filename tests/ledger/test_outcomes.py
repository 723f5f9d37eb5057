"""Schema step 3 on both engines: entries that need a person's decision (with evidence), audit rows written
once per outbox entry and action (atomically with the state change), and the upgrade of a step-2 ledger."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from merchant_desk.ledger import SCHEMA_VERSION, Ledger, migrations

ACCOUNT = "Sandbox"
BODY = {"payment_intent": "pi_1", "amount": 300, "reason": "requested_by_customer"}

OLD_ENTRY = (
    "INSERT INTO outbox (idempotency_key, kind, method, path, body, account, state, attempts, created_at,"
    " updated_at) VALUES ('k-old', 'refund', 'POST', '/v1/refunds', '{\"amount\":300}', 'Sandbox', 'pending',"
    " 1, '2026-01-01T00:00:00.000000+00:00', '2026-01-01T00:00:00.000000+00:00')"
)
OLD_AUDIT = (
    "INSERT INTO audit (ts, account, action, object_id, details, till) VALUES"
    " ('2026-01-01T00:00:00.000000+00:00', 'Sandbox', 'refund.created', 're_1', '{}', 'Till 1')"
)


def write_step_2_ledger(ledger_url: str, engine: str) -> None:
    """A ledger as schema step 2 left it (state CHECK without needs_decision, no evidence, no outbox_key)."""
    if engine == "sqlite":
        from pathlib import Path

        Path(ledger_url).parent.mkdir(parents=True, exist_ok=True)
        raw = sqlite3.connect(ledger_url)
        for step in migrations.SQLITE[:2]:
            raw.executescript(step)
        raw.execute(OLD_ENTRY)
        raw.execute(OLD_AUDIT)
        raw.execute("PRAGMA user_version=2")
        raw.commit()
        raw.close()
        return
    import psycopg

    with psycopg.connect(ledger_url, autocommit=True) as conn:
        for step in migrations.POSTGRESQL[:2]:
            for statement in migrations.statements(step):
                conn.execute(statement)
        conn.execute(OLD_ENTRY)
        conn.execute(OLD_AUDIT)
        conn.execute("CREATE TABLE ledger_schema (version INTEGER NOT NULL)")
        conn.execute("INSERT INTO ledger_schema (version) VALUES (2)")


def test_a_step_2_ledger_is_upgraded_keeping_its_entries_and_audit(ledger_url, engine):
    write_step_2_ledger(ledger_url, engine)
    with Ledger.open(ledger_url) as led:
        assert led.schema_version == SCHEMA_VERSION == 3
        [entry] = led.pending(ACCOUNT)
        assert (entry.idempotency_key, entry.body, entry.attempts, entry.evidence) == ("k-old", {"amount": 300}, 1, None)
        [old] = led.audit_entries()
        assert (old.action, old.till, old.outbox_key) == ("refund.created", "Till 1", None)
        decided = led.mark_needs_decision("k-old", {"refunded_before": 0})
        assert decided.state == "needs_decision"
        fresh = led.begin("refund", "POST", "/v1/refunds", BODY, account=ACCOUNT)
        assert [e.idempotency_key for e in led.entries()] == ["k-old", fresh.idempotency_key]
    with Ledger.open(ledger_url) as led:  # and opening it again is a no-op
        assert [e.state for e in led.entries()] == ["needs_decision", "pending"]


def test_complete_with_an_audit_action_writes_one_row_however_often_it_is_resolved(ledger):
    entry = ledger.begin("refund", "POST", "/v1/refunds", BODY, account=ACCOUNT)
    key = entry.idempotency_key
    for _ in range(2):  # the dialog's retry and the start-up reconcile both resolve it
        done = ledger.complete(key, "re_1", {"id": "re_1"}, audit_action="refund.created",
                               audit_details={"idempotency_key": key})
        assert done.state == "done"
    rows = ledger.audit_entries(ACCOUNT)
    assert [(a.action, a.object_id, a.outbox_key) for a in rows] == [("refund.created", "re_1", key)]


def test_concurrent_resolvers_leave_one_audit_row(ledger_url):
    with Ledger.open(ledger_url) as first, Ledger.open(ledger_url) as second:
        key = first.begin("refund", "POST", "/v1/refunds", BODY, account=ACCOUNT).idempotency_key
        barrier = threading.Barrier(8)

        def resolve(led: Ledger) -> None:
            barrier.wait()
            led.complete(key, "re_1", {"id": "re_1"}, audit_action="refund.created")

        threads = [threading.Thread(target=resolve, args=(led,)) for led in [first, second] * 4]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(first.audit_entries(ACCOUNT)) == 1


def test_audit_with_an_outbox_key_is_kept_once_per_action_without_one_every_time(ledger):
    first = ledger.audit("refund.created", "re_1", {"n": 1}, account=ACCOUNT, outbox_key="k")
    again = ledger.audit("refund.created", "re_1", {"n": 2}, account=ACCOUNT, outbox_key="k")
    assert again.id == first.id and again.details == {"n": 1}
    ledger.audit("outbox.dropped", None, {}, account=ACCOUNT, outbox_key="k")  # another action: its own row
    ledger.audit("webhook_endpoint.deleted", "we_1", {}, account=ACCOUNT)
    ledger.audit("webhook_endpoint.deleted", "we_1", {}, account=ACCOUNT)
    assert sorted(a.action for a in ledger.audit_entries(ACCOUNT)) == [
        "outbox.dropped", "refund.created", "webhook_endpoint.deleted", "webhook_endpoint.deleted",
    ]


def test_needs_decision_parks_an_entry_with_its_evidence_and_never_overwrites_an_outcome(ledger):
    parked = ledger.begin("refund", "POST", "/v1/refunds", BODY, account=ACCOUNT)
    done = ledger.begin("refund", "POST", "/v1/refunds", dict(BODY, amount=100), account=ACCOUNT)
    ledger.complete(done.idempotency_key, "re_9", {"id": "re_9"})
    entry = ledger.mark_needs_decision(parked.idempotency_key, {"refunded_now": 300},
                                       audit_action="outbox.needs_decision")
    assert entry.needs_decision and not entry.is_pending and entry.evidence == {"refunded_now": 300}
    assert ledger.pending(ACCOUNT) == []
    assert [e.idempotency_key for e in ledger.awaiting_decision(ACCOUNT)] == [parked.idempotency_key]
    assert ledger.awaiting_decision("Other") == []
    assert ledger.mark_needs_decision(done.idempotency_key, {}).state == "done"
    assert [a.action for a in ledger.audit_entries(ACCOUNT)] == ["outbox.needs_decision"]
    # a person's "mark as done" or "drop" moves it on
    assert ledger.complete(parked.idempotency_key, None, None).state == "done"
    assert ledger.awaiting_decision(ACCOUNT) == []


def test_a_locked_sqlite_ledger_answers_within_its_busy_timeout(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    with Ledger.open(path, busy_timeout=0.1) as led:
        key = led.begin("refund", "POST", "/v1/refunds", BODY, account=ACCOUNT).idempotency_key
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                led.complete(key, "re_1", {"id": "re_1"}, audit_action="refund.created")
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert led.get(key).state == "pending" and led.audit_entries() == []
