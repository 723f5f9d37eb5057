"""Versioned schema migrations; a ledger is at version N when steps 1..N have run.

Steps are only ever appended: a step that shipped is never edited, because ledgers in the field have
already run it. SQLite keeps the version in ``PRAGMA user_version``, PostgreSQL in ``ledger_schema``.
Timestamps are UTC ISO 8601 text in both engines (they sort as text, and the Python side stays one),
JSON is text (``begin`` compares a request's body byte for byte).

Each step is written once for both engines; the few places where they differ are named below the steps:
how rows are numbered, ``IF NOT EXISTS`` on the first tables, the claims table (a lease row, or the
session that holds an advisory lock), and how step 3 widens the outbox's states.
"""

from __future__ import annotations

from merchant_desk.ledger.errors import schema_too_new

_OUTBOX_COLUMNS = """
        idempotency_key TEXT PRIMARY KEY,{seq}
        kind            TEXT NOT NULL,
        method          TEXT NOT NULL,
        path            TEXT NOT NULL,
        body            TEXT NOT NULL,
        account         TEXT NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ({states})),
        object_id       TEXT,
        response        TEXT,
        error           TEXT,
        attempts        INTEGER NOT NULL DEFAULT 0,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL"""
_STATES_1 = "'pending', 'done', 'failed'"
_STATES_3 = "'pending', 'done', 'failed', 'needs_decision'"
_OUTBOX_INDEXES = """
    CREATE INDEX {if_not_exists}outbox_by_state ON outbox (state, created_at);
    CREATE INDEX {if_not_exists}outbox_by_account_kind ON outbox (account, kind, state);"""

_STEP_1 = """
    CREATE TABLE {if_not_exists}outbox ({outbox}
    );{outbox_indexes}
    CREATE TABLE {if_not_exists}audit (
        id        {audit_id},
        ts        TEXT NOT NULL,
        account   TEXT NOT NULL,
        action    TEXT NOT NULL,
        object_id TEXT,
        details   TEXT NOT NULL
    );
    CREATE INDEX {if_not_exists}audit_by_ts ON audit (ts);
    CREATE INDEX {if_not_exists}audit_by_account_ts ON audit (account, ts);
    """

_STEP_2 = """
    ALTER TABLE audit ADD COLUMN till TEXT;
    ALTER TABLE audit ADD COLUMN person TEXT;
    ALTER TABLE audit ADD COLUMN approver TEXT;
    CREATE INDEX audit_by_till_ts ON audit (till, ts);
    CREATE TABLE claims ({claims}
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
    """

_STEP_3 = """{widen_outbox}
    ALTER TABLE audit ADD COLUMN outbox_key TEXT;
    CREATE UNIQUE INDEX audit_once_per_request ON audit (outbox_key, action) WHERE outbox_key IS NOT NULL;
    """


# Where the engines differ. SQLite numbers rows itself (rowid); PostgreSQL needs a column for the order
# rows were written in.
_OUTBOX_SEQ = "\n        seq             BIGINT GENERATED ALWAYS AS IDENTITY,"
_SQLITE_AUDIT_ID = "INTEGER PRIMARY KEY AUTOINCREMENT"
_POSTGRESQL_AUDIT_ID = "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"

# SQLite claims are rows with a lease and the holding process (host, pid), stale once either is gone.
_LEASE_CLAIMS = """
        claim_key  TEXT PRIMARY KEY,
        till       TEXT NOT NULL,
        holder     TEXT NOT NULL,
        host       TEXT NOT NULL,
        pid        INTEGER NOT NULL,
        claimed_at TEXT NOT NULL,
        expires_at TEXT NOT NULL"""

# PostgreSQL claims are advisory locks of a session (backend); the rows only name the till holding one.
_SESSION_CLAIMS = """
        claim_key  TEXT NOT NULL,
        backend    INTEGER NOT NULL,
        till       TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        PRIMARY KEY (claim_key, backend)"""

# Step 3 lets the outbox hold 'needs_decision' and its evidence. SQLite cannot alter a CHECK: the table is
# rebuilt, its rows (and rowids, the write order) copied over.
_REBUILT_OUTBOX = """
    CREATE TABLE outbox_v3 ({outbox},
        evidence        TEXT
    );
    INSERT INTO outbox_v3 (rowid, idempotency_key, kind, method, path, body, account, state, object_id, response,
        error, attempts, created_at, updated_at)
        SELECT rowid, idempotency_key, kind, method, path, body, account, state, object_id, response, error,
        attempts, created_at, updated_at FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_v3 RENAME TO outbox;{outbox_indexes}""".format(
    outbox=_OUTBOX_COLUMNS.format(seq="", states=_STATES_3),
    outbox_indexes=_OUTBOX_INDEXES.format(if_not_exists=""),
)
_ALTERED_OUTBOX = """
    ALTER TABLE outbox DROP CONSTRAINT outbox_state_check;
    ALTER TABLE outbox ADD CONSTRAINT outbox_state_check
        CHECK (state IN ('pending', 'done', 'failed', 'needs_decision'));
    ALTER TABLE outbox ADD COLUMN evidence TEXT;"""


def _steps(*, sqlite: bool) -> tuple[str, ...]:
    # SQLite ledgers older than the version count may have the first tables already.
    if_not_exists = "IF NOT EXISTS " if sqlite else ""
    return (
        # 1: outbox + audit log
        _STEP_1.format(
            if_not_exists=if_not_exists,
            outbox=_OUTBOX_COLUMNS.format(seq="" if sqlite else _OUTBOX_SEQ, states=_STATES_1),
            outbox_indexes=_OUTBOX_INDEXES.format(if_not_exists=if_not_exists),
            audit_id=_SQLITE_AUDIT_ID if sqlite else _POSTGRESQL_AUDIT_ID,
        ),
        # 2: shop mode - who did it (till, person, approver), claims, people, shop settings
        _STEP_2.format(claims=_LEASE_CLAIMS if sqlite else _SESSION_CLAIMS),
        # 3: late retries and honest outcomes - an outbox entry may wait for a person's decision (with the
        # evidence to decide on), and an audit row is written once per outbox entry and action
        _STEP_3.format(widen_outbox=_REBUILT_OUTBOX if sqlite else _ALTERED_OUTBOX),
    )


SQLITE: tuple[str, ...] = _steps(sqlite=True)
POSTGRESQL: tuple[str, ...] = _steps(sqlite=False)

assert len(SQLITE) == len(POSTGRESQL)
SCHEMA_VERSION = len(SQLITE)


def statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def check_not_newer(location: str, version: int) -> None:
    """Refuse (``LedgerSchemaError``) a ledger written by a newer version: this one must not touch it."""
    if version > SCHEMA_VERSION:
        raise schema_too_new(location, version, SCHEMA_VERSION)
