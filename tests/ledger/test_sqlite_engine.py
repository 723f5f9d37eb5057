"""What only the SQLite engine promises: WAL, fsync on commit, the schema version in user_version, and
a v1 ledger (before shop mode) upgraded in place."""

from __future__ import annotations

import sqlite3

from merchant_desk.ledger import SCHEMA_VERSION, Ledger, migrations


def test_the_database_is_wal_fsynced_and_versioned(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    with Ledger(path) as ledger:
        db = ledger._engine.db
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert ledger.engine_name == "sqlite" and ledger.schema_version == SCHEMA_VERSION
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    finally:
        raw.close()


def test_claims_commit_without_a_sync_and_every_request_still_with_one(tmp_path):
    with Ledger(tmp_path / "ledger.sqlite3") as ledger:
        db = ledger._engine.db
        levels: list[int] = []
        db.set_trace_callback(lambda sql: levels.append(db.execute("PRAGMA synchronous").fetchone()[0])
                              if sql == "COMMIT" else None)
        ledger.claim("payment:pi_1")
        ledger.begin("refund", "POST", "/v1/refunds", {"amount": 1}, account="a")
        ledger.release("payment:pi_1")
        db.set_trace_callback(None)
        assert levels == [1, 2, 1]  # NORMAL for the claim, FULL for the request, NORMAL for giving it back
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2


def test_a_version_1_ledger_is_upgraded_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.sqlite3"
    raw = sqlite3.connect(path)
    raw.executescript(migrations.SQLITE[0])
    raw.execute("INSERT INTO audit (ts, account, action, object_id, details) VALUES"
                " ('2026-01-02T03:04:05.000000+00:00', 'shop', 'refund.created', 're_1', '{}')")
    raw.execute("PRAGMA user_version=1")
    raw.commit()
    raw.close()
    with Ledger(path) as ledger:
        [old] = ledger.audit_entries()
        assert (old.action, old.object_id, old.till, old.person, old.approver) == (
            "refund.created", "re_1", None, None, None)
        ledger.till = "Till 2"
        new = ledger.audit("refund.created", "re_2", account="shop", person="Ana")
        assert ledger.audit_entries(till="Till 2") == [new]
        assert ledger.schema_version == SCHEMA_VERSION
