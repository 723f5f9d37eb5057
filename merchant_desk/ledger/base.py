"""What every part of the ledger works with: the engine, the lock around it, and who is acting here.

``Ledger`` (core.py) sets these up; the outbox, audit log, claims and shop parts are written against them.
"""

from __future__ import annotations

import threading
from typing import Any

from merchant_desk.ledger.engine import Engine
from merchant_desk.ledger.records import ClaimHolder


class LedgerBase:
    _engine: Engine
    # Synchronous and thread-safe: one connection shared under this lock.
    _lock: threading.RLock
    # Who is acting at this ledger: the till (installation) and the person signed in there.
    # Both go into every audit entry; None outside shop mode.
    till: str | None
    person: str | None
    # The claims this ledger holds now, by key.
    _held: dict[str, ClaimHolder]


def where_clause(*conditions: tuple[str, Any]) -> tuple[str, list[Any]]:
    """`` WHERE a AND b`` of the conditions ``(sql, value)`` whose value is not None (``""`` when none is),
    and the arguments: the value once for each ``?`` of its condition."""
    clauses: list[str] = []
    args: list[Any] = []
    for sql, value in conditions:
        if value is not None:
            clauses.append(sql)
            args.extend([value] * sql.count("?"))
    return (f" WHERE {' AND '.join(clauses)}" if clauses else ""), args
