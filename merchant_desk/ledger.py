"""The local ledger: an outbox of mutating API requests and an audit log, in SQLite.

Exactly-once rests on the outbox: a request's idempotency key is committed here (fsynced) BEFORE the
request is sent. If the app dies or the network drops between sending and the answer, the entry stays
``pending`` and is re-sent later with the same key, so the server sees one request, not two.

Synchronous and thread-safe: one connection shared under a lock. Async callers use ``asyncio.to_thread``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self, TextIO

from merchant_desk import paths
from merchant_desk.redaction import redact_keys
from merchant_desk.spreadsheet import inert

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    idempotency_key TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    method          TEXT NOT NULL,
    path            TEXT NOT NULL,
    body            TEXT NOT NULL,            -- JSON
    account         TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    object_id       TEXT,
    response        TEXT,                     -- JSON, the server's answer once known
    error           TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,            -- UTC ISO 8601
    updated_at      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_by_state ON outbox (state, created_at);
CREATE INDEX IF NOT EXISTS outbox_by_account_kind ON outbox (account, kind, state);
CREATE TABLE IF NOT EXISTS audit (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    ts        TEXT NOT NULL,                  -- UTC ISO 8601
    account   TEXT NOT NULL,
    action    TEXT NOT NULL,                  -- e.g. payment_intent.created, refund.created
    object_id TEXT,
    details   TEXT NOT NULL                   -- JSON
);
CREATE INDEX IF NOT EXISTS audit_by_ts ON audit (ts);
CREATE INDEX IF NOT EXISTS audit_by_account_ts ON audit (account, ts);
"""


class LedgerError(Exception):
    """The ledger cannot be used (newer schema, conflicting idempotency key)."""


@dataclass(frozen=True)
class OutboxEntry:
    idempotency_key: str
    kind: str
    method: str
    path: str
    body: Any
    account: str
    state: str  # 'pending' | 'done' | 'failed'
    object_id: str | None
    response: Any
    error: str | None
    attempts: int
    created_at: datetime
    updated_at: datetime

    @property
    def is_pending(self) -> bool:
        return self.state == "pending"


@dataclass(frozen=True)
class AuditEntry:
    id: int
    ts: datetime
    account: str
    action: str
    object_id: str | None
    details: dict[str, Any]


def default_ledger_path() -> Path:
    return paths.data_dir() / "ledger.sqlite3"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _utc_text(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("since must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


class Ledger:
    def __init__(self, path: str | os.PathLike[str] = ":memory:") -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        # Autocommit mode: every transaction below is opened explicitly, so nothing waits uncommitted.
        self._db = sqlite3.connect(self.path, timeout=15.0, isolation_level=None, check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            # FULL: each commit is fsynced, so an entry written by begin() survives a power cut too.
            self._db.execute("PRAGMA synchronous=FULL")
            self._migrate()
        except BaseException:
            self._db.close()
            raise

    def _migrate(self) -> None:
        with self._tx() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise LedgerError(
                    f"The ledger at {self.path} was written by a newer Merchant Desk "
                    f"(schema {version}, this version knows {SCHEMA_VERSION}). Update the app."
                )
            if version < SCHEMA_VERSION:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            # IMMEDIATE takes the write lock up front, so two processes never deadlock on upgrade.
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            else:
                self._db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Ledger({self.path!r})"

    # --- outbox -------------------------------------------------------------------------------------

    def begin(
        self,
        kind: str,
        method: str,
        path: str,
        body: Any,
        *,
        account: str,
        idempotency_key: str | None = None,
    ) -> OutboxEntry:
        """Record a request about to be sent; committed to disk before this returns.

        Calling it again with the same key and the same request returns the existing entry (a retry);
        the same key for a different request raises ``LedgerError``, as the server would.
        """
        key = idempotency_key or str(uuid.uuid4())
        method = method.upper()
        body_json = _dumps(body)
        now = _now()
        with self._tx() as db:
            row = db.execute("SELECT * FROM outbox WHERE idempotency_key = ?", (key,)).fetchone()
            if row is not None:
                same = (row["kind"], row["method"], row["path"], row["body"], row["account"]) == (
                    kind, method, path, body_json, account,
                )
                if not same:
                    raise LedgerError(f"Idempotency key {key} is already used for a different request.")
                return self._entry(row)
            db.execute(
                "INSERT INTO outbox (idempotency_key, kind, method, path, body, account, state, attempts,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
                (key, kind, method, path, body_json, account, now, now),
            )
            row = db.execute("SELECT * FROM outbox WHERE idempotency_key = ?", (key,)).fetchone()
            return self._entry(row)

    def complete(self, key: str, object_id: str | None, response: Any) -> OutboxEntry:
        """The server answered with success: the entry is done (also after an earlier final failure,
        when reconciling finds the request did go through)."""
        with self._tx() as db:
            self._require(db, key)
            db.execute(
                "UPDATE outbox SET state = 'done', object_id = ?, response = ?, error = NULL,"
                " attempts = attempts + 1, updated_at = ? WHERE idempotency_key = ?",
                (object_id, _dumps(redact_keys(response)), _now(), key),
            )
            return self._entry(self._require(db, key))

    def fail(self, key: str, error: str, *, final: bool) -> OutboxEntry:
        """A try failed. ``final``: the server refused the request, it will never succeed, stop trying.
        Otherwise (network, 5xx) the entry stays pending for a retry with the same key. A failure never
        overwrites a recorded success."""
        with self._tx() as db:
            row = self._require(db, key)
            if row["state"] == "done":
                return self._entry(row)
            db.execute(
                "UPDATE outbox SET state = ?, error = ?, attempts = attempts + 1, updated_at = ?"
                " WHERE idempotency_key = ?",
                ("failed" if final else "pending", redact_keys(str(error)), _now(), key),
            )
            return self._entry(self._require(db, key))

    def get(self, key: str) -> OutboxEntry | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM outbox WHERE idempotency_key = ?", (key,)).fetchone()
        return None if row is None else self._entry(row)

    def pending(self, account: str | None = None) -> list[OutboxEntry]:
        """Unresolved entries, oldest first: what must be re-sent (same key) and reconciled."""
        sql = "SELECT * FROM outbox WHERE state = 'pending'"
        args: tuple[Any, ...] = ()
        if account is not None:
            sql += " AND account = ?"
            args = (account,)
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY created_at, rowid", args).fetchall()
        return [self._entry(row) for row in rows]

    def entries(self, account: str | None = None, *, kind: str | None = None) -> list[OutboxEntry]:
        """All outbox entries (any state), oldest first."""
        clauses: list[str] = []
        args: list[object] = []
        if account is not None:
            clauses.append("account = ?")
            args.append(account)
        if kind is not None:
            clauses.append("kind = ?")
            args.append(kind)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._lock:
            rows = self._db.execute(f"SELECT * FROM outbox{where} ORDER BY created_at, rowid", args).fetchall()
        return [self._entry(row) for row in rows]

    def refunds_known(self, account: str) -> list[dict[str, Any]]:
        """Refund objects (raw API dicts) from completed refund entries, newest first: what the app
        knows of when the server has no refund list (GET /v1/refunds is only 'likely as Stripe')."""
        with self._lock:
            rows = self._db.execute(
                "SELECT response FROM outbox WHERE account = ? AND kind = 'refund' AND state = 'done'"
                " ORDER BY created_at DESC, rowid DESC",
                (account,),
            ).fetchall()
        refunds = []
        for row in rows:
            obj = _loads(row["response"])
            if isinstance(obj, dict) and obj.get("id"):
                refunds.append(obj)
        return refunds

    @staticmethod
    def _require(db: sqlite3.Connection, key: str) -> sqlite3.Row:
        row: sqlite3.Row | None = db.execute("SELECT * FROM outbox WHERE idempotency_key = ?", (key,)).fetchone()
        if row is None:
            raise KeyError(f"No outbox entry with idempotency key {key}")
        return row

    @staticmethod
    def _entry(row: sqlite3.Row) -> OutboxEntry:
        return OutboxEntry(
            idempotency_key=row["idempotency_key"],
            kind=row["kind"],
            method=row["method"],
            path=row["path"],
            body=_loads(row["body"]),
            account=row["account"],
            state=row["state"],
            object_id=row["object_id"],
            response=_loads(row["response"]),
            error=row["error"],
            attempts=row["attempts"],
            created_at=datetime.fromisoformat(row["created_at"]),
            updated_at=datetime.fromisoformat(row["updated_at"]),
        )

    # --- audit log ----------------------------------------------------------------------------------

    def audit(self, action: str, object_id: str | None, details: dict[str, Any] | None = None, *,
              account: str) -> AuditEntry:
        """Record what the app did: ``action`` like 'refund.created', 'webhook_endpoint.deleted'."""
        ts = _now()
        details = redact_keys(dict(details or {}))
        with self._tx() as db:
            cursor = db.execute(
                "INSERT INTO audit (ts, account, action, object_id, details) VALUES (?, ?, ?, ?, ?)",
                (ts, account, action, object_id, _dumps(details)),
            )
            entry_id = cursor.lastrowid
        assert entry_id is not None
        return AuditEntry(entry_id, datetime.fromisoformat(ts), account, action, object_id, details)

    def audit_entries(self, account: str | None = None, limit: int | None = 1000,
                      since: datetime | None = None) -> list[AuditEntry]:
        """Audit entries, newest first; ``since`` (aware datetime) keeps those at or after it."""
        clauses: list[str] = []
        args: list[object] = []
        if account is not None:
            clauses.append("account = ?")
            args.append(account)
        if since is not None:
            clauses.append("ts >= ?")
            args.append(_utc_text(since))
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = f"SELECT * FROM audit{where} ORDER BY ts DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(int(limit))
        with self._lock:
            rows = self._db.execute(sql, args).fetchall()
        return [
            AuditEntry(row["id"], datetime.fromisoformat(row["ts"]), row["account"], row["action"],
                       row["object_id"], _loads(row["details"]))
            for row in rows
        ]

    def export_audit_csv(self, path_or_file: str | os.PathLike[str] | TextIO, *,
                         account: str | None = None) -> int:
        """Write the audit log (oldest first) as CSV: ts, account, action, object_id, details (JSON).
        Returns the number of rows written."""
        entries = list(reversed(self.audit_entries(account, limit=None)))
        if isinstance(path_or_file, (str, os.PathLike)):
            with open(path_or_file, "w", newline="", encoding="utf-8") as handle:
                return self._write_audit_csv(handle, entries)
        return self._write_audit_csv(path_or_file, entries)

    @staticmethod
    def _write_audit_csv(handle: TextIO | io.StringIO, entries: list[AuditEntry]) -> int:
        writer = csv.writer(handle)
        writer.writerow(["ts", "account", "action", "object_id", "details"])
        for entry in entries:
            writer.writerow([
                entry.ts.isoformat(timespec="microseconds"),
                inert(entry.account),
                inert(entry.action),
                inert(entry.object_id or ""),
                _dumps(entry.details),
            ])
        return len(entries)

