"""The sandbox's state in SQLite: API objects, idempotency records, webhook deliveries and attempts.

One connection guarded by a re-entrant lock. Every API request that changes state runs inside
:meth:`Store.transaction`, so concurrent requests are serialised and never lose a write; a file database
uses WAL so readers from other processes (a second sandbox, sqlite3 CLI) are not blocked.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .encoded import to_json
from .ids import id_number

_SCHEMA = """
CREATE TABLE IF NOT EXISTS objects (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    seq INTEGER NOT NULL,
    created INTEGER NOT NULL,
    ref TEXT,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS objects_kind_seq ON objects(kind, seq);
-- Only rows with a ref (refunds, events, sessions) need this index; intents and endpoints skip its upkeep.
DROP INDEX IF EXISTS objects_kind_ref;
CREATE INDEX IF NOT EXISTS objects_kind_ref_set ON objects(kind, ref, seq) WHERE ref IS NOT NULL;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency (
    key TEXT PRIMARY KEY,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    response TEXT NOT NULL,
    created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL,
    endpoint_id TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at REAL NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries(state, next_at);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id INTEGER NOT NULL,
    endpoint_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    at INTEGER NOT NULL,
    status INTEGER,
    error TEXT,
    next_retry_at INTEGER
);
CREATE INDEX IF NOT EXISTS attempts_endpoint ON attempts(endpoint_id, id);
CREATE INDEX IF NOT EXISTS idempotency_created ON idempotency(created);
CREATE TABLE IF NOT EXISTS search_terms (
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    seq INTEGER NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (id, field)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS search_terms_value ON search_terms(kind, field, value, seq);
CREATE TABLE IF NOT EXISTS expiries (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS expiries_due ON expiries(kind, at);
"""

# Expired idempotency records are ignored by the lookup at once; deleting them is housekeeping that needs
# to happen only now and then (at most once per this many ms of sandbox time, or when the clock jumps).
PURGE_EVERY_MS = 60_000



class StoreError(RuntimeError):
    """The database file cannot be used (not a database, damaged, locked or unreadable)."""


# The fields of a PaymentIntent that ``/v1/payment_intents/search`` can query. :meth:`Store.put` keeps them,
# and every metadata key as ``metadata['key']``, as rows of ``search_terms`` whenever an intent is written, so
# a search is an index lookup rather than a decode of every intent. Empty fields have no row; search reads a
# missing row as the empty string. The values are what SQLite's json_extract gives (numbers stay numbers;
# the column's TEXT affinity makes them text), so rows written by earlier versions' triggers match.
SEARCH_FIELDS = ("merchant_order_id", "status", "currency", "amount", "description", "customer")

# Earlier versions kept the indexes with triggers, which parsed the JSON again for every field; a database
# they wrote loses them on opening (its index rows stay valid), so nothing is indexed twice.
_OLD_TRIGGERS = "".join(
    f"DROP TRIGGER IF EXISTS {kind}_{event};\n"
    for kind in ("payment_intent_terms", "checkout_session_expiry")
    for event in ("insert", "update")
)
_UNINDEX = (
    "CREATE TRIGGER IF NOT EXISTS objects_unindex AFTER DELETE ON objects BEGIN "
    "DELETE FROM search_terms WHERE id = OLD.id; DELETE FROM expiries WHERE id = OLD.id; END;\n"
)
_INSERT = "INSERT OR IGNORE INTO objects(id, kind, seq, created, ref, data) VALUES (?,?,?,?,?,?)"
_UPDATE = "UPDATE objects SET ref=?, data=? WHERE id=?"
_INSERT_TERM = "INSERT INTO search_terms(id, kind, seq, field, value) VALUES (?,?,?,?,?)"


def _term_value(value: Any) -> Any:
    """A field's value as json_extract would give it: strings and numbers as they are, true/false as 1/0,
    objects and arrays as JSON text."""
    if isinstance(value, (str, float)) or (isinstance(value, int) and -(2**63) <= value < 2**63):
        return value  # a bool binds as 1/0
    return to_json(value) if isinstance(value, (dict, list)) else str(value)


def _search_terms(obj: dict[str, Any]) -> list[tuple[str, Any]]:
    terms = [(name, _term_value(value)) for name in SEARCH_FIELDS if (value := obj.get(name)) is not None and value != ""]
    metadata = obj.get("metadata")
    if isinstance(metadata, dict):
        terms += [
            (f"metadata['{key}']", _term_value(value)) for key, value in metadata.items() if value is not None and value != ""
        ]
    return terms


def _contains(haystack: str | None, needle: str) -> bool:
    return haystack is not None and needle in haystack.casefold()


class _Transaction:
    """:meth:`Store.transaction` (a class rather than a generator: it runs for every request)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __enter__(self) -> None:
        store = self._store
        store._lock.acquire()
        if store._depth:
            store._depth += 1
            return
        try:
            store._conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            store._lock.release()
            raise
        store._depth = 1
        store._cache_checked = False

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        store = self._store
        try:
            if store._depth > 1:
                store._depth -= 1
                return
            try:
                if kind is not None:
                    store._conn.execute("ROLLBACK")
                    store._cache.clear()  # it may hold what was just rolled back
                else:
                    store._conn.execute("COMMIT")
            finally:
                store._depth = 0
        finally:
            store._lock.release()


class Store:
    def __init__(self, path: str = ":memory:") -> None:
        self.path = path
        self._lock = threading.RLock()
        self._depth = 0
        self._transaction = _Transaction(self)
        self._cache: dict[str, list[dict[str, Any]]] = {}
        self._cache_version: int | None = None
        self._cache_checked = False
        try:
            self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the sandbox database {path}: {exc}") from None
        try:
            self._conn.row_factory = sqlite3.Row
            self._conn.create_function("md_contains", 2, _contains, deterministic=True)
            if path != ":memory:":
                self._conn.execute("PRAGMA journal_mode=WAL")
                self._conn.execute("PRAGMA synchronous=NORMAL")
            if path != ":memory:":
                # A damaged file can open and even answer some queries; say so now, not on some later request.
                problem = self._conn.execute("PRAGMA quick_check").fetchone()[0]
                if problem != "ok":
                    raise sqlite3.DatabaseError(f"database disk image is malformed: {problem}")
            self._conn.executescript(_SCHEMA + _OLD_TRIGGERS + _UNINDEX)
            self._backfill()
        except sqlite3.Error as exc:
            self._conn.close()
            raise StoreError(f"{path} is not a usable sandbox database ({exc}).") from None
        # Shifts the sandbox's notion of "now" (POST /_sandbox/clock) so expiry can be tested without waiting.
        self.clock_offset_ms = 0
        self._purged_at: int | None = None

    def _backfill(self) -> None:
        """A database written before the search and expiry indexes existed gets them filled once."""
        if self.meta("indexes") == "1":
            return
        with self.transaction():
            rows = self._conn.execute(
                "SELECT id, kind, seq, data FROM objects WHERE kind IN ('payment_intent', 'checkout_session')"
            ).fetchall()
            for row in rows:
                self._index(row["kind"], row["id"], row["seq"], json.loads(row["data"]), fresh=False)
            self.set_meta("indexes", "1")

    # -- plumbing ---------------------------------------------------------------------------------------

    def now_ms(self) -> int:
        return int(time.time() * 1000) + self.clock_offset_ms

    def transaction(self) -> _Transaction:
        """One atomic unit; nested calls join the outer transaction."""
        return self._transaction

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Inside a transaction: undo just this block's writes if it raises."""
        with self._lock:
            self._conn.execute("SAVEPOINT handler")
            try:
                yield
            except BaseException:
                self._conn.execute("ROLLBACK TO handler")
                self._cache.clear()
                self._conn.execute("RELEASE handler")
                raise
            else:
                self._conn.execute("RELEASE handler")

    def acquire_if_free(self) -> bool:
        """Take the store's lock only if nobody holds it (then :meth:`release` it); never waits."""
        return self._lock.acquire(blocking=False)

    def release(self) -> None:
        self._lock.release()

    def _query(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, args).fetchall()

    def _execute(self, sql: str, args: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        with self._lock:
            return self._conn.execute(sql, args)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- API objects ------------------------------------------------------------------------------------

    def put(self, kind: str, obj: dict[str, Any], ref: str | None = None, *, text: str | None = None) -> None:
        """Write ``obj`` (new, or in place of the stored one with its id), with the index rows of its kind.
        ``text``, when given, is its JSON already encoded (it must encode ``obj``)."""
        object_id = obj["id"]
        data = to_json(obj) if text is None else text
        with self._lock:
            self._cache.pop(kind, None)
            seq = id_number(object_id)
            fresh = self._conn.execute(
                _INSERT, (object_id, kind, seq, int(obj.get("created") or 0), ref, data)
            ).rowcount == 1
            if not fresh:
                self._conn.execute(_UPDATE, (ref, data, object_id))
            if kind in ("payment_intent", "checkout_session"):
                self._index(kind, object_id, seq, obj, fresh=fresh)

    def _index(self, kind: str, object_id: str, seq: int, obj: dict[str, Any], *, fresh: bool) -> None:
        """The rows that make searches and expiry checks index lookups; ``fresh``: the object has none yet."""
        if kind == "payment_intent":
            if not fresh:
                self._conn.execute("DELETE FROM search_terms WHERE id=?", (object_id,))
            self._conn.executemany(
                _INSERT_TERM, [(object_id, kind, seq, field, value) for field, value in _search_terms(obj)]
            )
        elif kind == "checkout_session":
            # An open Checkout Session expires by itself at expires_at: kept in `expiries` so the check is a range.
            if not fresh:
                self._conn.execute("DELETE FROM expiries WHERE id=?", (object_id,))
            expires_at = obj.get("expires_at")
            if obj.get("status") == "open" and expires_at is not None:
                self._conn.execute(
                    "INSERT INTO expiries(id, kind, at) VALUES (?,?,?)", (object_id, kind, _term_value(expires_at))
                )

    def get(self, kind: str, object_id: str) -> dict[str, Any] | None:
        rows = self._query("SELECT data FROM objects WHERE kind=? AND id=?", (kind, object_id))
        return json.loads(rows[0]["data"]) if rows else None

    def delete(self, kind: str, object_id: str) -> None:
        with self._lock:
            self._cache.pop(kind, None)
            self._conn.execute("DELETE FROM objects WHERE kind=? AND id=?", (kind, object_id))

    def expired(self, kind: str, now_ms: int) -> list[str]:
        """Ids of ``kind`` whose expiry time has come, oldest deadline first."""
        rows = self._query("SELECT id FROM expiries WHERE kind=? AND at <= ? ORDER BY at", (kind, now_ms))
        return [r["id"] for r in rows]

    def refund_totals(self, payment_intent: str) -> tuple[int, int]:
        """``(amount, count)`` of the refunds of one payment that took money back (succeeded or pending)."""
        rows = self._query(
            "SELECT COALESCE(SUM(json_extract(data, '$.amount')), 0) AS total, COUNT(*) AS n FROM objects "
            "WHERE kind='refund' AND ref=? AND json_extract(data, '$.status') IN ('succeeded', 'pending')",
            (payment_intent,),
        )
        return int(rows[0]["total"]), int(rows[0]["n"])

    def search(
        self,
        kind: str,
        clauses: list[tuple[bool, str, str, str]],
        *,
        any_of: bool,
        limit: int,
        before: str | None = None,
    ) -> tuple[list[dict[str, Any]], bool]:
        """Newest first, objects matching every (or, with ``any_of``, some) ``(negate, field, op, value)``
        clause; ``op`` ``:`` is equality, ``~`` case-insensitive containment. ``before``: an id to continue after.
        """
        exprs: list[str] = []
        args: list[Any] = []
        driver: tuple[str, str] | None = None
        for negate, field, op, value in clauses:
            if driver is None and not any_of and not negate and op == ":" and value != "":
                driver = (field, value)  # the index walks this clause's matches in order; the rest filter
                continue
            if op == "~":
                expr = "EXISTS (SELECT 1 FROM search_terms s WHERE s.id=o.id AND s.field=? AND md_contains(s.value, ?))"
                args += [field, value.casefold()]
                if value == "":
                    expr = "1"
                    args = args[:-2]
            elif value == "":
                expr = "NOT EXISTS (SELECT 1 FROM search_terms s WHERE s.id=o.id AND s.field=? AND s.value<>'')"
                args.append(field)
            else:
                expr = "EXISTS (SELECT 1 FROM search_terms s WHERE s.id=o.id AND s.field=? AND s.value=?)"
                args += [field, value]
            exprs.append(f"NOT ({expr})" if negate else f"({expr})")
        joined = (" OR " if any_of else " AND ").join(exprs)
        if driver is not None:
            sql = (
                "SELECT o.data FROM search_terms t JOIN objects o ON o.id = t.id "
                "WHERE t.kind=? AND t.field=? AND t.value=?"
            )
            head: list[Any] = [kind, *driver]
            order = "t.seq"
        else:
            sql = "SELECT o.data FROM objects o WHERE o.kind=?"
            head = [kind]
            order = "o.seq"
        if before is not None:
            sql += f" AND {order} < ?"
            head.append(id_number(before))
        if joined:
            sql += f" AND ({joined})"
        sql += f" ORDER BY {order} DESC LIMIT ?"
        rows = self._query(sql, (*head, *args, limit + 1))
        return [json.loads(r["data"]) for r in rows[:limit]], len(rows) > limit

    def all(self, kind: str) -> list[dict[str, Any]]:
        rows = self._query("SELECT data FROM objects WHERE kind=? ORDER BY seq DESC", (kind,))
        return [json.loads(r["data"]) for r in rows]

    def all_cached(self, kind: str) -> list[dict[str, Any]]:
        """:meth:`all` for a small kind read on every request (webhook endpoints, by every event), kept in
        memory until any object of that kind is written here or anything by another connection to the same
        file (``data_version`` tells). Callers must not change what they get."""
        with self._lock:
            # Inside a transaction nobody else can commit, so one look per transaction is enough; nobody else
            # can open a private in-memory database at all.
            if self.path != ":memory:" and not (self._depth and self._cache_checked):
                version = self._conn.execute("PRAGMA data_version").fetchone()[0]
                if version != self._cache_version:
                    self._cache.clear()
                    self._cache_version = version
                self._cache_checked = self._depth > 0
            cached = self._cache.get(kind)
            if cached is None:
                cached = self._cache[kind] = self.all(kind)
            return cached

    def count(self, kind: str) -> int:
        return int(self._query("SELECT COUNT(*) AS n FROM objects WHERE kind=?", (kind,))[0]["n"])

    def page(
        self,
        kind: str,
        *,
        limit: int,
        ref: str | None = None,
        created: dict[str, int] | None = None,
        starting_after: str | None = None,
        ending_before: str | None = None,
    ) -> tuple[list[dict[str, Any]], bool]:
        """Newest first; ``starting_after`` walks towards older objects, ``ending_before`` towards newer."""
        where = ["kind=?"]
        args: list[Any] = [kind]
        if ref is not None:
            where.append("ref=?")
            args.append(ref)
        ops = {"gt": ">", "gte": ">=", "lt": "<", "lte": "<="}
        for op, value in (created or {}).items():
            where.append(f"created {ops[op]} ?")
            args.append(value)
        order = "DESC"
        if starting_after is not None:
            where.append("seq < ?")
            args.append(id_number(starting_after))
        elif ending_before is not None:
            where.append("seq > ?")
            args.append(id_number(ending_before))
            order = "ASC"
        sql = f"SELECT data FROM objects WHERE {' AND '.join(where)} ORDER BY seq {order} LIMIT ?"
        rows = self._query(sql, (*args, limit + 1))
        items = [json.loads(r["data"]) for r in rows[:limit]]
        if order == "ASC":
            items.reverse()
        return items, len(rows) > limit

    # -- meta -------------------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM meta WHERE key=?", (key,))
        return rows[0]["value"] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        self._execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?,?)", (key, value))

    # -- idempotency ------------------------------------------------------------------------------------

    def idempotency_record(self, key: str, *, max_age_ms: int) -> sqlite3.Row | None:
        """The stored answer for ``key`` if it is younger than ``max_age_ms`` of sandbox time."""
        now = self.now_ms()
        oldest = now - max_age_ms
        if self._purged_at is None or not 0 <= now - self._purged_at < PURGE_EVERY_MS:
            self._execute("DELETE FROM idempotency WHERE created < ?", (oldest,))
            self._purged_at = now
        rows = self._query("SELECT * FROM idempotency WHERE key=? AND created >= ?", (key, oldest))
        return rows[0] if rows else None

    def save_idempotency(self, key: str, method: str, path: str, fingerprint: str, status: int, body: str) -> None:
        self._execute(
            "INSERT OR REPLACE INTO idempotency(key, method, path, fingerprint, status, response, created) "
            "VALUES (?,?,?,?,?,?,?)",
            (key, method, path, fingerprint, status, body, self.now_ms()),
        )

    # -- webhook deliveries -----------------------------------------------------------------------------

    def enqueue_delivery(self, event_id: str, endpoint_id: str, at: float) -> None:
        self._execute(
            "INSERT INTO deliveries(event_id, endpoint_id, next_at) VALUES (?,?,?)", (event_id, endpoint_id, at)
        )

    def due_deliveries(self, now: float, limit: int = 20) -> list[sqlite3.Row]:
        with self.transaction():
            rows = self._query(
                "SELECT * FROM deliveries WHERE state='pending' AND next_at <= ? ORDER BY next_at LIMIT ?",
                (now, limit),
            )
            for row in rows:
                self._execute("UPDATE deliveries SET state='sending' WHERE id=?", (row["id"],))
        return rows

    def next_delivery_time(self) -> float | None:
        rows = self._query("SELECT MIN(next_at) AS t FROM deliveries WHERE state='pending'")
        return rows[0]["t"] if rows and rows[0]["t"] is not None else None

    def finish_attempt(
        self,
        delivery: sqlite3.Row,
        event_type: str,
        *,
        status: int | None,
        error: str | None,
        next_at: float | None,
        next_retry_at_ms: int | None,
    ) -> None:
        attempt = delivery["attempts"] + 1
        with self.transaction():
            self._execute(
                "INSERT INTO attempts(delivery_id, endpoint_id, event_id, event_type, attempt, at, status, error, "
                "next_retry_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    delivery["id"], delivery["endpoint_id"], delivery["event_id"], event_type, attempt,
                    self.now_ms(), status, error, next_retry_at_ms,
                ),
            )
            if next_at is None:
                state = "succeeded" if error is None else "failed"
                self._execute("UPDATE deliveries SET attempts=?, state=? WHERE id=?", (attempt, state, delivery["id"]))
            else:
                self._execute(
                    "UPDATE deliveries SET attempts=?, state='pending', next_at=? WHERE id=?",
                    (attempt, next_at, delivery["id"]),
                )

    def abandon_delivery(self, delivery_id: int) -> None:
        self._execute("UPDATE deliveries SET state='abandoned' WHERE id=?", (delivery_id,))

    def requeue_interrupted(self) -> None:
        """Deliveries that were being sent when the process stopped go out again."""
        self._execute("UPDATE deliveries SET state='pending' WHERE state='sending'")

    def attempts(self, endpoint_id: str | None = None, event_id: str | None = None) -> list[dict[str, Any]]:
        where, args = [], []
        if endpoint_id:
            where.append("endpoint_id=?")
            args.append(endpoint_id)
        if event_id:
            where.append("event_id=?")
            args.append(event_id)
        sql = "SELECT * FROM attempts" + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY id"
        return [
            {
                "endpoint": r["endpoint_id"],
                "event": r["event_id"],
                "event_type": r["event_type"],
                "attempt": r["attempt"],
                "at": r["at"],
                "status": r["status"],
                "error": r["error"],
                "next_retry_at": r["next_retry_at"],
            }
            for r in self._query(sql, tuple(args))
        ]
