"""The outbox: every mutating request, written (committed) before it is sent and resolved by its answer.

Exactly-once rests on it: a request's idempotency key is committed (fsynced) BEFORE the request is sent.
If the app dies or the network drops between sending and the answer, the entry stays ``pending`` and is
re-sent later with the same key, so the server sees one request, not two.
"""

from __future__ import annotations

import uuid
from typing import Any

from merchant_desk.ledger.audit import AuditLog
from merchant_desk.ledger.base import where_clause
from merchant_desk.ledger.errors import LedgerError
from merchant_desk.ledger.records import OutboxEntry, dumps, loads, now_text, outbox_entry
from merchant_desk.redaction import redact_keys


class Outbox(AuditLog):
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
        body_json = dumps(body)
        now = now_text()
        with self._lock, self._engine.transaction() as tx:
            # ON CONFLICT: two tills writing the same key at once both end up reading the one row.
            tx.run(
                "INSERT INTO outbox (idempotency_key, kind, method, path, body, account, state, attempts,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)"
                " ON CONFLICT (idempotency_key) DO NOTHING",
                (key, kind, method, path, body_json, account, now, now),
            )
            row = self._require(tx, key)
            same = (row["kind"], row["method"], row["path"], row["body"], row["account"]) == (
                kind, method, path, body_json, account,
            )
            if not same:
                raise LedgerError(f"Idempotency key {key} is already used for a different request.")
            return outbox_entry(row)

    def complete(self, key: str, object_id: str | None, response: Any, *, audit_action: str | None = None,
                 audit_details: dict[str, Any] | None = None) -> OutboxEntry:
        """The server answered with success: the entry is done (also after an earlier final failure,
        when reconciling finds the request did go through).

        ``audit_action`` writes the audit row in the same transaction, at most once per key and action:
        two resolvers of one entry (a retry and the start-up reconcile) leave one row, not two."""
        with self._lock, self._engine.transaction() as tx:
            row = self._require(tx, key)
            tx.run(
                "UPDATE outbox SET state = 'done', object_id = ?, response = ?, error = NULL,"
                " attempts = attempts + 1, updated_at = ? WHERE idempotency_key = ?",
                (object_id, dumps(redact_keys(response)), now_text(), key),
            )
            if audit_action:
                self._audit_once(tx, row["account"], audit_action, object_id, audit_details, key)
            return outbox_entry(self._require(tx, key))

    def fail(self, key: str, error: str, *, final: bool, audit_action: str | None = None,
             audit_details: dict[str, Any] | None = None) -> OutboxEntry:
        """A try failed. ``final``: the server refused the request, it will never succeed, stop trying.
        Otherwise (network, 5xx) the entry stays pending for a retry with the same key. A failure never
        overwrites a recorded success. ``audit_action``: as for ``complete``."""
        with self._lock, self._engine.transaction() as tx:
            row = self._require(tx, key)
            if row["state"] == "done":
                return outbox_entry(row)
            tx.run(
                "UPDATE outbox SET state = ?, error = ?, attempts = attempts + 1, updated_at = ?"
                " WHERE idempotency_key = ?",
                ("failed" if final else "pending", redact_keys(str(error)), now_text(), key),
            )
            if audit_action:
                self._audit_once(tx, row["account"], audit_action, row["object_id"], audit_details, key)
            return outbox_entry(self._require(tx, key))

    def mark_needs_decision(self, key: str, evidence: dict[str, Any], *,
                            audit_action: str | None = None) -> OutboxEntry:
        """The outcome of an old request cannot be established: park it for a person, with ``evidence``
        (JSON) to decide on. Never overwrites a recorded success or a final failure."""
        with self._lock, self._engine.transaction() as tx:
            row = self._require(tx, key)
            if row["state"] not in ("pending", "needs_decision"):
                return outbox_entry(row)
            tx.run(
                "UPDATE outbox SET state = 'needs_decision', evidence = ?, updated_at = ? WHERE idempotency_key = ?",
                (dumps(redact_keys(evidence)), now_text(), key),
            )
            if audit_action:
                self._audit_once(tx, row["account"], audit_action, row["object_id"], evidence, key)
            return outbox_entry(self._require(tx, key))

    def awaiting_decision(self, account: str | None = None) -> list[OutboxEntry]:
        """Entries parked for a person to decide, oldest first."""
        return self._entries_where(("state = ?", "needs_decision"), ("account = ?", account))

    def get(self, key: str) -> OutboxEntry | None:
        with self._lock, self._engine.read() as tx:
            row = tx.one("SELECT * FROM outbox WHERE idempotency_key = ?", (key,))
        return None if row is None else outbox_entry(row)

    def pending(self, account: str | None = None) -> list[OutboxEntry]:
        """Unresolved entries, oldest first: what must be re-sent (same key) and reconciled."""
        return self._entries_where(("state = ?", "pending"), ("account = ?", account))

    def entries(self, account: str | None = None, *, kind: str | None = None) -> list[OutboxEntry]:
        """All outbox entries (any state), oldest first."""
        return self._entries_where(("account = ?", account), ("kind = ?", kind))

    def _entries_where(self, *conditions: tuple[str, Any]) -> list[OutboxEntry]:
        where, args = where_clause(*conditions)
        with self._lock, self._engine.read() as tx:
            rows = tx.rows(f"SELECT * FROM outbox{where} ORDER BY created_at, {self._engine.insertion_order}", args)
        return [outbox_entry(row) for row in rows]

    def refunds_known(self, account: str) -> list[dict[str, Any]]:
        """Refund objects (raw API dicts) from completed refund entries, newest first: what the app
        knows of when the server has no refund list (GET /v1/refunds is only 'likely as Stripe')."""
        with self._lock, self._engine.read() as tx:
            rows = tx.rows(
                "SELECT response FROM outbox WHERE account = ? AND kind = 'refund' AND state = 'done'"
                f" ORDER BY created_at DESC, {self._engine.insertion_order} DESC",
                (account,),
            )
        refunds = []
        for row in rows:
            obj = loads(row["response"])
            if isinstance(obj, dict) and obj.get("id"):
                refunds.append(obj)
        return refunds

    @staticmethod
    def _require(tx: Any, key: str) -> Any:
        row = tx.one("SELECT * FROM outbox WHERE idempotency_key = ?", (key,))
        if row is None:
            raise KeyError(f"No outbox entry with idempotency key {key}")
        return row
