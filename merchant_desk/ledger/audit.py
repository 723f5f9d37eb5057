"""The audit log: what the app did, where, by whom and approved by whom; filters and a CSV export."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import Any, TextIO

from merchant_desk.ledger.base import LedgerBase, where_clause
from merchant_desk.ledger.records import AuditEntry, audit_entry, dumps, now_text, utc_text
from merchant_desk.redaction import redact_keys
from merchant_desk.spreadsheet import inert

# The manager who approved what is being done in this context (a refund above the threshold, ...):
# set around the action by the caller, read by ``audit``. A ContextVar follows the action into its
# asyncio tasks and ``asyncio.to_thread`` calls, and nowhere else.
_approver: ContextVar[str | None] = ContextVar("ledger_approver", default=None)


@contextmanager
def approved_by(approver: str | None) -> Iterator[None]:
    """Audit entries written inside this block name ``approver`` as the person who approved them."""
    token = _approver.set(approver)
    try:
        yield
    finally:
        _approver.reset(token)


def current_approver() -> str | None:
    return _approver.get()


class AuditLog(LedgerBase):
    def audit(self, action: str, object_id: str | None, details: dict[str, Any] | None = None, *,
              account: str, till: str | None = None, person: str | None = None,
              approver: str | None = None, outbox_key: str | None = None) -> AuditEntry:
        """Record what the app did: ``action`` like 'refund.created', 'webhook_endpoint.deleted'.

        ``till``/``person`` default to the ledger's, ``approver`` to the one set by ``approved_by``.
        With ``outbox_key`` at most one row per key and action is kept; a repeat returns the first."""
        with self._lock, self._engine.transaction() as tx:
            return self._audit_once(tx, account, action, object_id, details, outbox_key,
                                    till=till, person=person, approver=approver)

    def _audit_once(self, tx: Any, account: str, action: str, object_id: str | None,
                    details: dict[str, Any] | None, outbox_key: str | None, *, till: str | None = None,
                    person: str | None = None, approver: str | None = None) -> AuditEntry:
        ts = now_text()
        details = redact_keys(dict(details or {}))
        till = till if till is not None else self.till
        person = person if person is not None else self.person
        approver = approver if approver is not None else current_approver()
        # ON CONFLICT: the unique (outbox_key, action) index keeps a second resolver's row out.
        row = tx.one(
            "INSERT INTO audit (ts, account, action, object_id, details, till, person, approver, outbox_key)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
            (ts, account, action, object_id, dumps(details), till, person, approver, outbox_key),
        )
        if row is None:
            first = tx.one("SELECT * FROM audit WHERE outbox_key = ? AND action = ?", (outbox_key, action))
            assert first is not None
            return audit_entry(first)
        return AuditEntry(int(row["id"]), datetime.fromisoformat(ts), account, action, object_id, details,
                          till, person, approver, outbox_key)

    def audit_entries(self, account: str | None = None, limit: int | None = 1000,
                      since: datetime | None = None, *, till: str | None = None, person: str | None = None,
                      action: str | None = None) -> list[AuditEntry]:
        """Audit entries, newest first; ``since`` (aware datetime) keeps those at or after it; ``till``,
        ``person`` (acting or approving) and ``action`` keep the matching ones."""
        where, args = where_clause(
            ("account = ?", account),
            ("ts >= ?", None if since is None else utc_text(since)),
            ("till = ?", till),
            ("(person = ? OR approver = ?)", person),
            ("action = ?", action),
        )
        sql = f"SELECT * FROM audit{where} ORDER BY ts DESC, id DESC"
        params: list[Any] = list(args)
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        with self._lock, self._engine.read() as tx:
            rows = tx.rows(sql, params)
        return [audit_entry(row) for row in rows]

    def audit_facets(self, account: str | None = None) -> dict[str, list[str]]:
        """The tills, people (acting or approving) and actions the audit log (of ``account``) holds, sorted:
        what the audit view offers as filters."""
        scope, args = ("account = ?", (account,)) if account is not None else ("1 = 1", ())
        with self._lock, self._engine.read() as tx:
            tills = [r["v"] for r in tx.rows(
                f"SELECT DISTINCT till AS v FROM audit WHERE {scope} AND till IS NOT NULL", args)]
            people = [r["v"] for r in tx.rows(
                f"SELECT person AS v FROM audit WHERE {scope} AND person IS NOT NULL"
                f" UNION SELECT approver AS v FROM audit WHERE {scope} AND approver IS NOT NULL", args + args)]
            actions = [r["v"] for r in tx.rows(f"SELECT DISTINCT action AS v FROM audit WHERE {scope}", args)]
        return {"tills": sorted(tills), "people": sorted(people), "actions": sorted(actions)}

    def export_audit_csv(self, path_or_file: str | os.PathLike[str] | TextIO, *,
                         account: str | None = None) -> int:
        """Write the audit log (oldest first) as CSV: ts, account, action, object_id, details (JSON),
        till, person, approver. Returns the number of rows written."""
        entries = list(reversed(self.audit_entries(account, limit=None)))
        if isinstance(path_or_file, (str, os.PathLike)):
            with open(path_or_file, "w", newline="", encoding="utf-8") as handle:
                return self._write_audit_csv(handle, entries)
        return self._write_audit_csv(path_or_file, entries)

    @staticmethod
    def _write_audit_csv(handle: TextIO | io.StringIO, entries: list[AuditEntry]) -> int:
        writer = csv.writer(handle)
        writer.writerow(["ts", "account", "action", "object_id", "details", "till", "person", "approver"])
        for entry in entries:
            writer.writerow([
                entry.ts.isoformat(timespec="microseconds"),
                inert(entry.account),
                inert(entry.action),
                inert(entry.object_id or ""),
                dumps(entry.details),
                inert(entry.till or ""),
                inert(entry.person or ""),
                inert(entry.approver or ""),
            ])
        return len(entries)
