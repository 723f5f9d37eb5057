"""The shared engine: one PostgreSQL database that every till of a shop opens (psycopg 3).

Claims are session-level advisory locks, one per claim key: PostgreSQL releases them itself when the
holding connection ends, so a till that is killed or loses its network mid-request never blocks the
payment for anybody else. The ``claims`` table only says which till holds a lock (for the message the
other tills show); the lock, looked up in ``pg_locks``, is the truth. (Session locks need a session:
the ledger keeps one connection open, and a connection pooler in transaction mode would break this.)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
import psycopg.errors
from psycopg.rows import dict_row

from merchant_desk.ledger import errors, migrations
from merchant_desk.ledger.engine import Engine
from merchant_desk.ledger.records import ClaimHolder, now_text, parse_utc
from merchant_desk.ledger.urls import redact

# Serialises schema upgrades of tills starting at the same moment (a transaction-level advisory lock).
_MIGRATION_LOCK = 0x4D44_4C45_4447_4552  # "MDLEDGER"
_AUTH_PHRASES = ("password authentication failed", "no password supplied", "authentication failed",
                 "peer authentication", "role \"")


def lock_id(key: str) -> int:
    """A claim key as an advisory lock id: the first 8 bytes of its SHA-256, as a signed bigint."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)


def _halves(lock: int) -> tuple[int, int]:
    """How pg_locks shows a bigint advisory lock: (classid, objid) = (high, low) 32 bits."""
    unsigned = lock & 0xFFFF_FFFF_FFFF_FFFF
    return unsigned >> 32, unsigned & 0xFFFF_FFFF


def explain_connect_error(exc: psycopg.Error, location: str) -> errors.LedgerError:
    text = str(exc)
    lowered = text.lower()
    first_line = re.sub(r"\s+", " ", text.strip().splitlines()[0] if text.strip() else type(exc).__name__)
    if isinstance(exc, psycopg.errors.InvalidCatalogName) or re.search(r'database ".*" does not exist', lowered):
        return errors.LedgerNoDatabase(f"{location}: {first_line}")
    auth_error = psycopg.errors.InvalidPassword | psycopg.errors.InvalidAuthorizationSpecification
    if isinstance(exc, auth_error) or any(phrase in lowered for phrase in _AUTH_PHRASES):
        return errors.LedgerAuthFailed(f"{location}: {first_line}")
    if isinstance(exc, psycopg.errors.InsufficientPrivilege) or "permission denied" in lowered:
        return errors.LedgerPermissionDenied(f"{location}: {first_line}")
    return errors.LedgerUnreachable(f"{location}: {first_line}")


class _Tx:
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn

    def _execute(self, sql: str, args: Sequence[Any]) -> psycopg.Cursor[Any]:
        return self.conn.execute(sql.replace("?", "%s"), tuple(args))

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        return self._execute(sql, args).fetchall()

    def one(self, sql: str, args: Sequence[Any] = ()) -> Any | None:
        return self._execute(sql, args).fetchone()

    def value(self, sql: str, args: Sequence[Any] = (), column: str = "v") -> Any:
        """One column of a query that always answers one row (an aggregate, a function call)."""
        row = self._execute(sql, args).fetchone()
        if row is None:
            raise errors.LedgerError(f"no answer to {sql!r}")
        return row[column]

    def run(self, sql: str, args: Sequence[Any] = ()) -> None:
        self._execute(sql, args)


class PostgresEngine(Engine):
    name = "postgresql"
    insertion_order = "seq"

    def __init__(self, url: str, *, password: str | None = None, till: str = "",
                 connect_timeout: float = 10.0) -> None:
        self._location = redact(url)
        self._url = url
        self._password = password
        self._till = till
        self._connect_timeout = connect_timeout
        self.conn = self._connect()

    def _connect(self) -> psycopg.Connection[Any]:
        extra: dict[str, Any] = {
            "autocommit": True,
            "row_factory": dict_row,
            "connect_timeout": max(1, int(self._connect_timeout)),
            # Shown in pg_stat_activity: which till a connection (and its locks) belongs to.
            "application_name": f"merchant-desk {self._till}"[:63],
        }
        if self._password is not None:
            extra["password"] = self._password
        try:
            return psycopg.connect(self._url, **extra)
        except psycopg.Error as exc:
            raise explain_connect_error(exc, self._location) from None

    @property
    def location(self) -> str:
        return self._location

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except psycopg.errors.InsufficientPrivilege as exc:
            raise errors.LedgerPermissionDenied(f"{self._location}: {str(exc).strip().splitlines()[0]}") from exc
        except psycopg.OperationalError as exc:
            raise errors.LedgerUnreachable(f"{self._location}: {str(exc).strip() or type(exc).__name__}") from exc

    def _live_conn(self) -> psycopg.Connection[Any]:
        # A connection the server dropped is replaced; the claims it held are gone with it (the server
        # released them), which is what the other tills see too.
        if self.conn.closed or self.conn.broken:
            self.conn = self._connect()
        return self.conn

    @contextmanager
    def transaction(self) -> Iterator[_Tx]:
        with self._errors():
            conn = self._live_conn()
            with conn.transaction():
                yield _Tx(conn)

    @contextmanager
    def read(self) -> Iterator[_Tx]:
        with self._errors():
            yield _Tx(self._live_conn())

    def schema_version(self) -> int:
        with self.read() as tx:
            if not tx.value("SELECT to_regclass('ledger_schema') IS NOT NULL AS v"):
                return 0
            return int(tx.value("SELECT max(version) AS v FROM ledger_schema") or 0)

    def check_access(self) -> None:
        with self.read() as tx:
            if self.schema_version() == 0:
                allowed = tx.value("SELECT has_schema_privilege(current_schema(), 'CREATE') AS v")
            else:
                allowed = tx.value(
                    "SELECT bool_and(has_table_privilege(t, 'SELECT, INSERT, UPDATE, DELETE')) AS v"
                    " FROM unnest(ARRAY['outbox', 'audit', 'claims', 'people', 'shop_settings']) AS t"
                )
        if not allowed:
            raise errors.LedgerPermissionDenied(f"{self._location}: this user may not use the ledger's tables")

    def migrate(self) -> None:
        known = migrations.SCHEMA_VERSION
        version = self.schema_version()
        if version == known:
            return  # nothing to create: a till whose user may only read and write rows works too
        migrations.check_not_newer(self._location, version)
        with self.transaction() as tx:
            tx.run("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))
            tx.run("CREATE TABLE IF NOT EXISTS ledger_schema (version INTEGER NOT NULL)")
            version = int(tx.value("SELECT max(version) AS v FROM ledger_schema") or 0)  # another till may
            # have upgraded meanwhile
            migrations.check_not_newer(self._location, version)
            for step in range(version, known):
                for statement in migrations.statements(migrations.POSTGRESQL[step]):
                    tx.run(statement)
            tx.run("DELETE FROM ledger_schema")
            tx.run("INSERT INTO ledger_schema (version) VALUES (?)", (known,))

    # --- claims -------------------------------------------------------------------------------------

    def claim(self, key: str, till: str) -> ClaimHolder | None:
        lock = lock_id(key)
        with self.read() as tx:
            # The name goes in before the lock is tried, so whoever finds the lock taken also finds
            # the holder's name; a till that does not get the lock takes its name out again.
            tx.run(
                "INSERT INTO claims (claim_key, backend, till, claimed_at) VALUES (?, pg_backend_pid(), ?, ?)"
                " ON CONFLICT (claim_key, backend) DO UPDATE SET till = excluded.till,"
                " claimed_at = excluded.claimed_at",
                (key, till, now_text()),
            )
            if tx.value("SELECT pg_try_advisory_lock(?) AS v", (lock,)):
                # Rows of sessions that are gone (a till killed while trying) are dropped here.
                tx.run("DELETE FROM claims WHERE claim_key = ? AND backend <> pg_backend_pid()"
                       " AND backend NOT IN (SELECT pid FROM pg_stat_activity)", (key,))
                return None
            tx.run("DELETE FROM claims WHERE claim_key = ? AND backend = pg_backend_pid()", (key,))
            return self._holder_of(tx, key, lock) or ClaimHolder(key, "", None)

    def _holder_of(self, tx: _Tx, key: str, lock: int) -> ClaimHolder | None:
        high, low = _halves(lock)
        row = tx.one(
            "SELECT l.pid AS pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
            " WHERE l.locktype = 'advisory' AND d.datname = current_database() AND l.classid::bigint = ?"
            " AND l.objid::bigint = ? AND l.objsubid = 1 AND l.granted",
            (high, low),
        )
        if row is None:
            return None
        named = tx.one("SELECT till, claimed_at FROM claims WHERE claim_key = ? AND backend = ?", (key, row["pid"]))
        if named is None:  # a ledger of an older version, or released this very moment
            return ClaimHolder(key, "", None)
        return ClaimHolder(key, named["till"], parse_utc(named["claimed_at"]))

    def release(self, key: str) -> None:
        with self.read() as tx:
            tx.run("DELETE FROM claims WHERE claim_key = ? AND backend = pg_backend_pid()", (key,))
            tx.run("SELECT pg_advisory_unlock(?)", (lock_id(key),))

    def who_holds(self, key: str) -> ClaimHolder | None:
        with self.read() as tx:
            return self._holder_of(tx, key, lock_id(key))

    def close(self) -> None:
        self.conn.close()
