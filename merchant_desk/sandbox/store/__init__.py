"""The sandbox's state in SQLite: API objects, idempotency records, webhook deliveries and attempts.

One class, :class:`Store`, made of one part per table or concern: the connection, its transactions and
the ``meta`` settings (connection.py), the objects (objects.py), the search and expiry indexes
(search.py), stored idempotent answers (idempotency.py) and webhook deliveries (deliveries.py).
"""

from __future__ import annotations

from .connection import META_SCHEMA, StoreError
from .deliveries import DELIVERIES_SCHEMA, DeliveryTables
from .idempotency import IDEMPOTENCY_SCHEMA, PURGE_EVERY_MS, IdempotencyTable
from .objects import OBJECTS_SCHEMA, ObjectTable
from .search import INDEX_TRIGGERS, SEARCH_FIELDS, SEARCH_SCHEMA

__all__ = ["PURGE_EVERY_MS", "SEARCH_FIELDS", "Store", "StoreError"]

_SCHEMA = OBJECTS_SCHEMA + META_SCHEMA + IDEMPOTENCY_SCHEMA + DELIVERIES_SCHEMA + SEARCH_SCHEMA + INDEX_TRIGGERS


class Store(ObjectTable, IdempotencyTable, DeliveryTables):
    def __init__(self, path: str = ":memory:") -> None:
        super().__init__(path, _SCHEMA)

    def _opened(self) -> None:
        self._backfill()
