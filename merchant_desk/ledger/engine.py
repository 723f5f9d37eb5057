"""What the ledger needs from a database engine. The SQL the ledger writes is the common subset of SQLite
and PostgreSQL, with ``?`` placeholders; each engine adapts it, runs migrations and implements claims
its own way (a lease row for SQLite, a session advisory lock for PostgreSQL)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from merchant_desk.ledger.records import ClaimHolder


class Row(Protocol):
    def __getitem__(self, key: str) -> Any: ...


class Tx(Protocol):
    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[Any]: ...

    def one(self, sql: str, args: Sequence[Any] = ()) -> Any | None: ...

    def run(self, sql: str, args: Sequence[Any] = ()) -> None: ...


class Engine(ABC):
    name: str
    # What the outbox is ordered by besides created_at: the order rows were written in.
    insertion_order: str

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the ledger lives, safe to show and log (never a password)."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Tx]:
        """A write transaction; the caller holds the ledger's lock."""

    @abstractmethod
    def read(self) -> AbstractContextManager[Tx]:
        """A read; the caller holds the ledger's lock."""

    @abstractmethod
    def migrate(self) -> None: ...

    @abstractmethod
    def schema_version(self) -> int: ...

    @abstractmethod
    def check_access(self) -> None:
        """Raise ``LedgerPermissionDenied`` unless this user could use (or create) the ledger's tables."""

    @abstractmethod
    def claim(self, key: str, till: str) -> ClaimHolder | None:
        """Take the claim for this ledger; None when taken, else who holds it."""

    @abstractmethod
    def release(self, key: str) -> None: ...

    @abstractmethod
    def who_holds(self, key: str) -> ClaimHolder | None: ...

    @abstractmethod
    def close(self) -> None: ...

