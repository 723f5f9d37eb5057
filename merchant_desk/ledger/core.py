"""The ledger: an outbox of mutating API requests, an audit log, claims, and the shop's people and settings.

Exactly-once rests on the outbox: a request's idempotency key is committed (fsynced) BEFORE the request
is sent. If the app dies or the network drops between sending and the answer, the entry stays
``pending`` and is re-sent later with the same key, so the server sees one request, not two.

Across tills sharing one ledger, a request is also *claimed* before it is sent (``claim``): while one
till holds the claim for a payment, every other till is refused before it sends anything. Claims die
with their holder (see the engines), so a till killed mid-request never blocks the others.

Synchronous and thread-safe: one connection shared under a lock. Async callers use ``asyncio.to_thread``.
"""

from __future__ import annotations

import csv
import io
import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self, TextIO

from merchant_desk import paths
from merchant_desk.ledger.engine import Engine
from merchant_desk.ledger.migrations import SCHEMA_VERSION
from merchant_desk.ledger.records import (
    AuditEntry,
    ClaimHolder,
    ClaimRefused,
    LedgerError,
    LedgerSchemaError,
    OutboxEntry,
    PersonRecord,
    audit_entry,
    dumps,
    loads,
    now_text,
    outbox_entry,
    parse_utc,
    utc_text,
)
from merchant_desk.ledger.urls import is_postgres_url, redact, url_password
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


def default_ledger_path() -> Path:
    return paths.data_dir() / "ledger.sqlite3"


class Ledger:
    """``Ledger(path)`` opens (creating if need be) a SQLite ledger; ``Ledger.open(url_or_path)`` any."""

    def __init__(self, path: str | os.PathLike[str] = ":memory:", *, engine: Engine | None = None,
                 till: str | None = None, busy_timeout: float = 15.0) -> None:
        if engine is None:
            from merchant_desk.ledger.sqlite_engine import SQLiteEngine

            # busy_timeout: how long a write waits for another program's lock on the file.
            engine = SQLiteEngine(str(path), busy_timeout=busy_timeout)
        self._engine = engine
        self.path = engine.location
        # Who is acting at this ledger: the till (installation) and the person signed in there.
        # Both go into every audit entry; None outside shop mode.
        self.till: str | None = till
        self.person: str | None = None
        self._lock = threading.RLock()
        self._held: dict[str, ClaimHolder] = {}
        try:
            with self._lock:
                engine.migrate()
        except BaseException:
            engine.close()
            raise

    @classmethod
    def open(cls, location: str | os.PathLike[str], *, password: str | None = None,
             till: str | None = None, connect_timeout: float = 10.0, busy_timeout: float = 15.0) -> Self:
        """A ledger from a path (SQLite) or a ``postgresql://`` URL. The password of a shared ledger comes
        from the keyring through ``password``, never from the URL as stored."""
        text = str(location)
        if is_postgres_url(text):
            from merchant_desk.ledger.postgres_engine import PostgresEngine

            if password is None:
                password = url_password(text)
            engine: Engine = PostgresEngine(text, password=password, till=till or "",
                                            connect_timeout=connect_timeout)
            return cls(engine=engine, till=till)
        if text.startswith("sqlite:///"):
            text = text.removeprefix("sqlite://")
        return cls(text, till=till, busy_timeout=busy_timeout)

    @staticmethod
    def probe(location: str | os.PathLike[str], *, password: str | None = None,
              connect_timeout: float = 5.0) -> int:
        """Check that a ledger could be opened here, changing nothing: returns its schema version (0 for
        an empty database that would be set up on first open). Raises the typed ``LedgerError``s: no
        server, wrong password, no such database, no permission, schema too new."""
        text = str(location)
        engine: Engine
        if is_postgres_url(text):
            from merchant_desk.ledger.postgres_engine import PostgresEngine

            engine = PostgresEngine(text, password=password if password is not None else url_password(text),
                                    connect_timeout=connect_timeout)
        else:
            from merchant_desk.ledger.sqlite_engine import SQLiteEngine

            engine = SQLiteEngine(text.removeprefix("sqlite://"))
        try:
            version = engine.schema_version()
            if version > SCHEMA_VERSION:
                raise LedgerSchemaError(
                    f"The ledger at {engine.location} was written by a newer Merchant Desk "
                    f"(schema {version}, this version knows {SCHEMA_VERSION}). Update the app.",
                    found=version, known=SCHEMA_VERSION,
                )
            engine.check_access()
            return version
        finally:
            engine.close()

    @property
    def engine_name(self) -> str:
        return self._engine.name

    @property
    def schema_version(self) -> int:
        with self._lock:
            return self._engine.schema_version()

    def close(self) -> None:
        with self._lock:
            for key in list(self._held):
                try:
                    self._engine.release(key)
                except LedgerError:
                    pass  # the connection is gone, and with it the claim
            self._held.clear()
            self._engine.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Ledger({redact(self.path)!r})"

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
        sql = "SELECT * FROM outbox WHERE state = 'needs_decision'"
        args: tuple[Any, ...] = ()
        if account is not None:
            sql += " AND account = ?"
            args = (account,)
        with self._lock, self._engine.read() as tx:
            rows = tx.rows(f"{sql} ORDER BY created_at, {self._engine.insertion_order}", args)
        return [outbox_entry(row) for row in rows]

    def get(self, key: str) -> OutboxEntry | None:
        with self._lock, self._engine.read() as tx:
            row = tx.one("SELECT * FROM outbox WHERE idempotency_key = ?", (key,))
        return None if row is None else outbox_entry(row)

    def pending(self, account: str | None = None) -> list[OutboxEntry]:
        """Unresolved entries, oldest first: what must be re-sent (same key) and reconciled."""
        sql = "SELECT * FROM outbox WHERE state = 'pending'"
        args: tuple[Any, ...] = ()
        if account is not None:
            sql += " AND account = ?"
            args = (account,)
        with self._lock, self._engine.read() as tx:
            rows = tx.rows(f"{sql} ORDER BY created_at, {self._engine.insertion_order}", args)
        return [outbox_entry(row) for row in rows]

    def entries(self, account: str | None = None, *, kind: str | None = None) -> list[OutboxEntry]:
        """All outbox entries (any state), oldest first."""
        clauses, args = [], []
        if account is not None:
            clauses.append("account = ?")
            args.append(account)
        if kind is not None:
            clauses.append("kind = ?")
            args.append(kind)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
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

    # --- claims -------------------------------------------------------------------------------------

    def claim(self, key: str, *, till: str | None = None) -> ClaimHolder:
        """Take the claim ``key`` (e.g. ``claims.payment_key(pi_id)``) for this till, or raise
        ``ClaimRefused`` naming the till that holds it. Not re-entrant: a second claim of the same key
        through this ledger is refused too (two tasks of one till racing for one payment)."""
        name = till or self.till or ""
        with self._lock:
            held = self._held.get(key)
            if held is not None:
                raise ClaimRefused(key, held.till)
            holder = self._engine.claim(key, name)
            if holder is not None:
                raise ClaimRefused(key, holder.till)
            mine = ClaimHolder(key, name, datetime.now(UTC))
            self._held[key] = mine
            return mine

    def release(self, key: str) -> None:
        """Give the claim back; releasing a claim this ledger does not hold does nothing."""
        with self._lock:
            if self._held.pop(key, None) is not None:
                self._engine.release(key)

    def who_holds(self, key: str) -> ClaimHolder | None:
        with self._lock:
            return self._held.get(key) or self._engine.who_holds(key)

    def holds(self, key: str) -> bool:
        """True when this ledger (this till) holds the claim."""
        with self._lock:
            return key in self._held

    @contextmanager
    def claimed(self, key: str, *, till: str | None = None) -> Iterator[ClaimHolder]:
        holder = self.claim(key, till=till)
        try:
            yield holder
        finally:
            self.release(key)

    # --- audit log ----------------------------------------------------------------------------------

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
        clauses, args = [], []
        if account is not None:
            clauses.append("account = ?")
            args.append(account)
        if since is not None:
            clauses.append("ts >= ?")
            args.append(utc_text(since))
        if till is not None:
            clauses.append("till = ?")
            args.append(till)
        if person is not None:
            clauses.append("(person = ? OR approver = ?)")
            args.extend((person, person))
        if action is not None:
            clauses.append("action = ?")
            args.append(action)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
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

    # --- the shop's people and settings (shared by every till on this ledger) ---------------------

    def people(self) -> list[PersonRecord]:
        with self._lock, self._engine.read() as tx:
            rows = tx.rows("SELECT * FROM people ORDER BY name")
        return [_person(row) for row in rows]

    def person_record(self, name: str) -> PersonRecord | None:
        with self._lock, self._engine.read() as tx:
            row = tx.one("SELECT * FROM people WHERE name = ?", (name,))
        return None if row is None else _person(row)

    def put_person(self, name: str, role: str, pin_hash: str | None = None) -> PersonRecord:
        """Add a person or change their role (and PIN hash, when given; a new PIN also unlocks)."""
        with self._lock, self._engine.transaction() as tx:
            row = tx.one("SELECT * FROM people WHERE name = ?", (name,))
            if row is None:
                if pin_hash is None:
                    raise ValueError("A new person needs a PIN.")
                tx.run("INSERT INTO people (name, role, pin_hash, failed_tries, updated_at) VALUES (?, ?, ?, 0, ?)",
                       (name, role, pin_hash, now_text()))
            elif pin_hash is None:
                tx.run("UPDATE people SET role = ?, updated_at = ? WHERE name = ?", (role, now_text(), name))
            else:
                tx.run("UPDATE people SET role = ?, pin_hash = ?, failed_tries = 0, locked_until = NULL,"
                       " updated_at = ? WHERE name = ?", (role, pin_hash, now_text(), name))
            return _person(tx.one("SELECT * FROM people WHERE name = ?", (name,)))

    def remove_person(self, name: str) -> None:
        with self._lock, self._engine.transaction() as tx:
            tx.run("DELETE FROM people WHERE name = ?", (name,))

    def record_pin_try(self, name: str, ok: bool, *, lock_after: int, locked_until: datetime) -> PersonRecord | None:
        """Count a PIN try atomically (two tills may be tried at once): success resets the count, the
        ``lock_after``-th failure in a row locks the person until ``locked_until``."""
        with self._lock, self._engine.transaction() as tx:
            row = tx.one("SELECT * FROM people WHERE name = ?", (name,))
            if row is None:
                return None
            if ok:
                tx.run("UPDATE people SET failed_tries = 0, locked_until = NULL WHERE name = ?", (name,))
            else:
                tries = int(row["failed_tries"]) + 1
                until = utc_text(locked_until) if tries >= lock_after else row["locked_until"]
                tx.run("UPDATE people SET failed_tries = ?, locked_until = ? WHERE name = ?",
                       (0 if tries >= lock_after else tries, until, name))
            return _person(tx.one("SELECT * FROM people WHERE name = ?", (name,)))

    def shop_setting(self, name: str, default: Any = None) -> Any:
        with self._lock, self._engine.read() as tx:
            row = tx.one("SELECT value FROM shop_settings WHERE name = ?", (name,))
        return default if row is None else loads(row["value"])

    def put_shop_setting(self, name: str, value: Any) -> None:
        with self._lock, self._engine.transaction() as tx:
            tx.run("INSERT INTO shop_settings (name, value) VALUES (?, ?)"
                   " ON CONFLICT (name) DO UPDATE SET value = excluded.value", (name, dumps(value)))


def _person(row: Any) -> PersonRecord:
    return PersonRecord(row["name"], row["role"], row["pin_hash"], int(row["failed_tries"]),
                        parse_utc(row["locked_until"]))

