"""The ledger's schema 2: entries that need a person's decision, audit rows written once per outbox entry and
action (atomically with the state change), and the upgrade of a schema-1 file."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from merchant_desk.ledger import SCHEMA_VERSION, Ledger

ACCOUNT = "Sandbox"
BODY = {"payment_intent": "pi_1", "amount": 300, "reason": "requested_by_customer"}

# The schema as version 1 wrote it (state CHECK without needs_decision, no evidence, no outbox_key).
SCHEMA_1 = """
CREATE TABLE outbox (
    idempotency_key TEXT PRIMARY KEY, kind TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL,
    body TEXT NOT NULL, account TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    object_id TEXT, response TEXT, error TEXT, attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX outbox_by_state ON outbox (state, created_at);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, ts TEXT NOT NULL, account TEXT NOT NULL, action TEXT NOT NULL,
    object_id TEXT, details TEXT NOT NULL
);
INSERT INTO outbox VALUES ('k-old', 'refund', 'POST', '/v1/refunds', '{"amount":300}', 'Sandbox', 'pending',
    NULL, NULL, NULL, 1, '2026-01-01T00:00:00.000000+00:00', '2026-01-01T00:00:00.000000+00:00');
INSERT INTO audit (ts, account, action, object_id, details)
    VALUES ('2026-01-01T00:00:00.000000+00:00', 'Sandbox', 'refund.created', 're_1', '{}');
PRAGMA user_version = 1;
"""


@pytest.fixture
def ledger():
    with Ledger(":memory:") as led:
        yield led


def test_a_schema_1_ledger_is_upgraded_keeping_its_entries_and_audit(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    raw = sqlite3.connect(path)
    raw.executescript(SCHEMA_1)
    raw.close()
    with Ledger(path) as led:
        assert led._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
        [entry] = led.pending(ACCOUNT)
        assert (entry.idempotency_key, entry.body, entry.attempts, entry.evidence) == ("k-old", {"amount": 300}, 1, None)
        assert [a.action for a in led.audit_entries()] == ["refund.created"]
        decided = led.mark_needs_decision("k-old", {"refunded_before": 0})
        assert decided.state == "needs_decision"
    with Ledger(path) as led:  # and opening it again is a no-op
        assert [e.state for e in led.entries()] == ["needs_decision"]


def test_complete_with_an_audit_action_writes_one_row_however_often_it_is_resolved(ledger):
    entry = ledger.begin("refund", "POST", "/v1/refunds", BODY, account=ACCOUNT)
    key = entry.idempotency_key
    for _ in range(2):  # the dialog's retry and the start-up reconcile both resolve it
        done = ledger.complete(key, "re_1", {"id": "re_1"}, audit_action="refund.created",
                               audit_details={"idempotency_key": key})
        assert done.state == "done"
    rows = ledger.audit_entries(ACCOUNT)
    assert [(a.action, a.object_id, a.outbox_key) for a in rows] == [("refund.created", "re_1", key)]


def test_concurrent_resolvers_leave_one_audit_row(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    with Ledger(path) as first, Ledger(path) as second:
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


def test_a_locked_ledger_answers_within_its_busy_timeout(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    with Ledger(path, busy_timeout=0.1) as led:
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
