"""The embedded engine: one SQLite file (WAL, every commit fsynced), shared by the processes of one machine.

Claims are rows with a lease. SQLite has no session that dies with a process, so a claim is also
stale as soon as its process is gone (same host, pid no longer alive) - a till killed mid-request
does not block the payment until the lease runs out.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import sys
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from merchant_desk.ledger import migrations
from merchant_desk.ledger.engine import Engine
from merchant_desk.ledger.records import (
    ClaimHolder,
    LedgerPermissionDenied,
    LedgerSchemaError,
    LedgerUnreachable,
    parse_utc,
)

# Longer than any one request with its retries may take (the client gives up after ~2 minutes).
CLAIM_LEASE = timedelta(minutes=10)


class _Tx:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        return self.db.execute(sql, tuple(args)).fetchall()

    def one(self, sql: str, args: Sequence[Any] = ()) -> Any | None:
        return self.db.execute(sql, tuple(args)).fetchone()

    def run(self, sql: str, args: Sequence[Any] = ()) -> None:
        self.db.execute(sql, tuple(args))


def _pid_alive(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class SQLiteEngine(Engine):
    name = "sqlite"
    insertion_order = "rowid"

    def __init__(self, path: str, *, busy_timeout: float = 15.0) -> None:
        self.path = path
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._holder = uuid.uuid4().hex  # this Ledger object, as a claim holder
        self._host = socket.gethostname()
        try:
            # Autocommit mode: every transaction is opened explicitly, so nothing waits uncommitted.
            self.db = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None, check_same_thread=False)
        except sqlite3.OperationalError as exc:
            raise LedgerUnreachable(f"The ledger file {path} cannot be opened: {exc}") from exc
        self.db.row_factory = sqlite3.Row
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            # FULL: each commit is fsynced, so an entry written by begin() survives a power cut too.
            self.db.execute("PRAGMA synchronous=FULL")
        except BaseException:
            self.db.close()
            raise

    @property
    def location(self) -> str:
        return self.path

    @contextmanager
    def transaction(self, *, durable: bool = True) -> Iterator[_Tx]:
        """``durable=False``: the commit does not wait for the disk (WAL order still holds: the next durable
        commit syncs it too). Only for rows that mean nothing after a crash, such as claims."""
        if not durable:
            self.db.execute("PRAGMA synchronous=NORMAL")
        # IMMEDIATE takes the write lock up front, so two processes never deadlock on upgrade.
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield _Tx(self.db)
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")
        finally:
            if not durable:
                self.db.execute("PRAGMA synchronous=FULL")

    @contextmanager
    def read(self) -> Iterator[_Tx]:
        yield _Tx(self.db)

    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def check_access(self) -> None:
        if self.path != ":memory:" and not os.access(self.path if Path(self.path).exists()
                                                     else Path(self.path).parent, os.W_OK):
            raise LedgerPermissionDenied(f"The ledger file {self.path} is read-only for this user.")

    def migrate(self) -> None:
        known = migrations.SCHEMA_VERSION
        with self.transaction() as tx:
            version = self.schema_version()
            if version > known:
                raise LedgerSchemaError(
                    f"The ledger at {self.path} was written by a newer Merchant Desk "
                    f"(schema {version}, this version knows {known}). Update the app.",
                    found=version, known=known,
                )
            for step in range(version, known):
                for statement in migrations.statements(migrations.SQLITE[step]):
                    tx.run(statement)
            if version < known:
                tx.run(f"PRAGMA user_version={known}")

    # --- claims -------------------------------------------------------------------------------------

    def _live(self, row: Any, now: datetime) -> bool:
        if row["holder"] == self._holder:
            return True
        if datetime.fromisoformat(row["expires_at"]) <= now:
            return False
        return not (row["host"] == self._host and not _pid_alive(int(row["pid"])))

    # A claim lives only as long as the process that holds it (its lease ends, a dead holder's pid shows):
    # taking or giving one back need not wait for the disk, which saves a sync before every request.
    def claim(self, key: str, till: str) -> ClaimHolder | None:
        now = datetime.now(UTC)
        with self.transaction(durable=False) as tx:
            row = tx.one("SELECT * FROM claims WHERE claim_key = ?", (key,))
            if row is not None and row["holder"] != self._holder and self._live(row, now):
                return ClaimHolder(key, row["till"], parse_utc(row["claimed_at"]))
            tx.run(
                "INSERT INTO claims (claim_key, till, holder, host, pid, claimed_at, expires_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (claim_key) DO UPDATE SET till = excluded.till,"
                " holder = excluded.holder, host = excluded.host, pid = excluded.pid,"
                " claimed_at = excluded.claimed_at, expires_at = excluded.expires_at",
                (key, till, self._holder, self._host, os.getpid(), now.isoformat(timespec="microseconds"),
                 (now + CLAIM_LEASE).isoformat(timespec="microseconds")),
            )
        return None

    def release(self, key: str) -> None:
        with self.transaction(durable=False) as tx:
            tx.run("DELETE FROM claims WHERE claim_key = ? AND holder = ?", (key, self._holder))

    def who_holds(self, key: str) -> ClaimHolder | None:
        row = self.db.execute("SELECT * FROM claims WHERE claim_key = ?", (key,)).fetchone()
        if row is None or not self._live(row, datetime.now(UTC)):
            return None
        return ClaimHolder(key, row["till"], parse_utc(row["claimed_at"]))

    def close(self) -> None:
        self.db.close()
