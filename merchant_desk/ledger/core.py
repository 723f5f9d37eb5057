"""The ledger: an outbox of mutating API requests, an audit log, claims, and the shop's people and settings.

``Ledger`` opens an engine and brings the parts together, one module each: the outbox (outbox.py, where
exactly-once rests), the audit log (audit.py), claims across tills (claims.py), and the shop's people
and settings (shop.py).

Synchronous and thread-safe: one connection shared under a lock. Async callers use ``asyncio.to_thread``.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Self

from merchant_desk import paths
from merchant_desk.ledger.claims import Claims
from merchant_desk.ledger.engine import Engine
from merchant_desk.ledger.errors import LedgerError
from merchant_desk.ledger.migrations import check_not_newer
from merchant_desk.ledger.outbox import Outbox
from merchant_desk.ledger.shop import ShopRecords
from merchant_desk.ledger.urls import is_postgres_url, redact, url_password


def default_ledger_path() -> Path:
    return paths.data_dir() / "ledger.sqlite3"


class Ledger(Outbox, Claims, ShopRecords):
    """``Ledger(path)`` opens (creating if need be) a SQLite ledger; ``Ledger.open(url_or_path)`` any."""

    def __init__(self, path: str | os.PathLike[str] = ":memory:", *, engine: Engine | None = None,
                 till: str | None = None, busy_timeout: float = 15.0) -> None:
        if engine is None:
            from merchant_desk.ledger.sqlite_engine import SQLiteEngine

            # busy_timeout: how long a write waits for another program's lock on the file.
            engine = SQLiteEngine(str(path), busy_timeout=busy_timeout)
        self._engine = engine
        self.path = engine.location
        self.till = till
        self.person = None
        self._lock = threading.RLock()
        self._held = {}
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
            check_not_newer(engine.location, version)
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
