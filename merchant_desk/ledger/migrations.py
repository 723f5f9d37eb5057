"""Versioned schema migrations, one list per engine; a ledger is at version N when steps 1..N have run.

Steps are only ever appended: a step that shipped is never edited, because ledgers in the field have
already run it. SQLite keeps the version in ``PRAGMA user_version``, PostgreSQL in ``ledger_schema``.
Timestamps are UTC ISO 8601 text in both engines (they sort as text, and the Python side stays one),
JSON is text (``begin`` compares a request's body byte for byte).
"""

from __future__ import annotations

SQLITE: tuple[str, ...] = (
    # 1: outbox + audit log
    """
    CREATE TABLE IF NOT EXISTS outbox (
        idempotency_key TEXT PRIMARY KEY,
        kind            TEXT NOT NULL,
        method          TEXT NOT NULL,
        path            TEXT NOT NULL,
        body            TEXT NOT NULL,
        account         TEXT NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
        object_id       TEXT,
        response        TEXT,
        error           TEXT,
        attempts        INTEGER NOT NULL DEFAULT 0,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS outbox_by_state ON outbox (state, created_at);
    CREATE INDEX IF NOT EXISTS outbox_by_account_kind ON outbox (account, kind, state);
    CREATE TABLE IF NOT EXISTS audit (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        ts        TEXT NOT NULL,
        account   TEXT NOT NULL,
        action    TEXT NOT NULL,
        object_id TEXT,
        details   TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS audit_by_ts ON audit (ts);
    CREATE INDEX IF NOT EXISTS audit_by_account_ts ON audit (account, ts);
    """,
    # 2: shop mode - who did it (till, person, approver), claims, people, shop settings
    """
    ALTER TABLE audit ADD COLUMN till TEXT;
    ALTER TABLE audit ADD COLUMN person TEXT;
    ALTER TABLE audit ADD COLUMN approver TEXT;
    CREATE INDEX audit_by_till_ts ON audit (till, ts);
    CREATE TABLE claims (
        claim_key  TEXT PRIMARY KEY,
        till       TEXT NOT NULL,
        holder     TEXT NOT NULL,
        host       TEXT NOT NULL,
        pid        INTEGER NOT NULL,
        claimed_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
    );
    CREATE TABLE people (
        name         TEXT PRIMARY KEY,
        role         TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
        pin_hash     TEXT NOT NULL,
        failed_tries INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        updated_at   TEXT NOT NULL
    );
    CREATE TABLE shop_settings (
        name  TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 3: late retries and honest outcomes - an outbox entry may wait for a person's decision (with the
    # evidence to decide on), and an audit row is written once per outbox entry and action. SQLite cannot
    # alter a CHECK, so the outbox is rebuilt.
    """
    CREATE TABLE outbox_v3 (
        idempotency_key TEXT PRIMARY KEY,
        kind            TEXT NOT NULL,
        method          TEXT NOT NULL,
        path            TEXT NOT NULL,
        body            TEXT NOT NULL,
        account         TEXT NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed', 'needs_decision')),
        object_id       TEXT,
        response        TEXT,
        error           TEXT,
        attempts        INTEGER NOT NULL DEFAULT 0,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        evidence        TEXT
    );
    INSERT INTO outbox_v3 (rowid, idempotency_key, kind, method, path, body, account, state, object_id, response,
        error, attempts, created_at, updated_at)
        SELECT rowid, idempotency_key, kind, method, path, body, account, state, object_id, response, error,
        attempts, created_at, updated_at FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_v3 RENAME TO outbox;
    CREATE INDEX outbox_by_state ON outbox (state, created_at);
    CREATE INDEX outbox_by_account_kind ON outbox (account, kind, state);
    ALTER TABLE audit ADD COLUMN outbox_key TEXT;
    CREATE UNIQUE INDEX audit_once_per_request ON audit (outbox_key, action) WHERE outbox_key IS NOT NULL;
    """,
)

POSTGRESQL: tuple[str, ...] = (
    # 1: outbox + audit log
    """
    CREATE TABLE outbox (
        idempotency_key TEXT PRIMARY KEY,
        seq             BIGINT GENERATED ALWAYS AS IDENTITY,
        kind            TEXT NOT NULL,
        method          TEXT NOT NULL,
        path            TEXT NOT NULL,
        body            TEXT NOT NULL,
        account         TEXT NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
        object_id       TEXT,
        response        TEXT,
        error           TEXT,
        attempts        INTEGER NOT NULL DEFAULT 0,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
    );
    CREATE INDEX outbox_by_state ON outbox (state, created_at);
    CREATE INDEX outbox_by_account_kind ON outbox (account, kind, state);
    CREATE TABLE audit (
        id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        ts        TEXT NOT NULL,
        account   TEXT NOT NULL,
        action    TEXT NOT NULL,
        object_id TEXT,
        details   TEXT NOT NULL
    );
    CREATE INDEX audit_by_ts ON audit (ts);
    CREATE INDEX audit_by_account_ts ON audit (account, ts);
    """,
    # 2: shop mode - who did it (till, person, approver), claims, people, shop settings
    """
    ALTER TABLE audit ADD COLUMN till TEXT;
    ALTER TABLE audit ADD COLUMN person TEXT;
    ALTER TABLE audit ADD COLUMN approver TEXT;
    CREATE INDEX audit_by_till_ts ON audit (till, ts);
    CREATE TABLE claims (
        claim_key  TEXT NOT NULL,
        backend    INTEGER NOT NULL,
        till       TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        PRIMARY KEY (claim_key, backend)
    );
    CREATE TABLE people (
        name         TEXT PRIMARY KEY,
        role         TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
        pin_hash     TEXT NOT NULL,
        failed_tries INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        updated_at   TEXT NOT NULL
    );
    CREATE TABLE shop_settings (
        name  TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 3: late retries and honest outcomes - an outbox entry may wait for a person's decision (with the
    # evidence to decide on), and an audit row is written once per outbox entry and action
    """
    ALTER TABLE outbox DROP CONSTRAINT outbox_state_check;
    ALTER TABLE outbox ADD CONSTRAINT outbox_state_check
        CHECK (state IN ('pending', 'done', 'failed', 'needs_decision'));
    ALTER TABLE outbox ADD COLUMN evidence TEXT;
    ALTER TABLE audit ADD COLUMN outbox_key TEXT;
    CREATE UNIQUE INDEX audit_once_per_request ON audit (outbox_key, action) WHERE outbox_key IS NOT NULL;
    """,
)

assert len(SQLITE) == len(POSTGRESQL)
SCHEMA_VERSION = len(SQLITE)


def statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
