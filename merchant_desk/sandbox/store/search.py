"""The index rows that make PaymentIntent searches and Checkout Session expiry checks index lookups
(tables ``search_terms`` and ``expiries``), written with each object, and the search itself."""

from __future__ import annotations

import json
from typing import Any

from ..encoded import to_json
from ..ids import id_number
from .connection import StoreConnection

SEARCH_SCHEMA = """
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
_INSERT_TERM = "INSERT INTO search_terms(id, kind, seq, field, value) VALUES (?,?,?,?,?)"
# Created after the objects table it watches.
INDEX_TRIGGERS = _OLD_TRIGGERS + _UNINDEX
INDEXED_KINDS = ("payment_intent", "checkout_session")


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


class SearchIndex(StoreConnection):
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

    def expired(self, kind: str, now_ms: int) -> list[str]:
        """Ids of ``kind`` whose expiry time has come, oldest deadline first."""
        rows = self._query("SELECT id FROM expiries WHERE kind=? AND at <= ? ORDER BY at", (kind, now_ms))
        return [r["id"] for r in rows]

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
