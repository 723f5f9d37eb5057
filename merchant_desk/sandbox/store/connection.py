"""The store's connection: one SQLite connection guarded by a re-entrant lock, transactions that nest,
savepoints, the sandbox clock and the ``meta`` table of settings.

Every API request that changes state runs inside :meth:`StoreConnection.transaction`, so concurrent
requests are serialised and never lose a write; a file database uses WAL so readers from other processes
(a second sandbox, sqlite3 CLI) are not blocked.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

META_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class StoreError(RuntimeError):
    """The database file cannot be used (not a database, damaged, locked or unreadable)."""


def _contains(haystack: str | None, needle: str) -> bool:
    """``md_contains(value, needle)`` in SQL: case-insensitive containment (``needle`` is casefolded)."""
    return haystack is not None and needle in haystack.casefold()


class _Transaction:
    """:meth:`StoreConnection.transaction` (a class rather than a generator: it runs for every request)."""

    def __init__(self, store: StoreConnection) -> None:
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


class StoreConnection:
    def __init__(self, path: str, schema: str) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._depth = 0
        self._transaction = _Transaction(self)
        self._cache: dict[str, list[dict[str, Any]]] = {}
        self._cache_version: int | None = None
        self._cache_checked = False
        # Shifts the sandbox's notion of "now" (POST /_sandbox/clock) so expiry can be tested without waiting.
        self.clock_offset_ms = 0
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
            self._conn.executescript(schema)
            self._opened()
        except sqlite3.Error as exc:
            self._conn.close()
            raise StoreError(f"{path} is not a usable sandbox database ({exc}).") from None

    def _opened(self) -> None:
        """Runs once the schema is in place, before the store is used (inside the open's error handling)."""

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

    def wait_until_free(self) -> None:
        """Block until nobody holds the store (it may be taken again at once: then wait again)."""
        with self._lock:
            pass

    def _query(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, args).fetchall()

    def _execute(self, sql: str, args: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        with self._lock:
            return self._conn.execute(sql, args)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def meta(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM meta WHERE key=?", (key,))
        return rows[0]["value"] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        self._execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?,?)", (key, value))
