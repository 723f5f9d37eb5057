"""What makes PaymentIntent searches and Checkout Session expiry checks index lookups (the expression
indexes on ``objects``, and the rows of ``search_terms`` and ``expiries`` written with each object), and the
search itself."""

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

# The fields of a PaymentIntent that ``/v1/payment_intents/search`` can query, besides ``metadata['key']``. A
# field is searched as text: what SQLite's json_extract gives of the stored JSON, cast to TEXT; a missing or
# empty field reads as the empty string.
SEARCH_FIELDS = ("merchant_order_id", "status", "currency", "amount", "description", "customer")
# Every intent has these three, never empty: SQLite indexes them from the stored JSON itself (an expression
# index on ``objects``), which costs a create less than three rows of their own in ``search_terms``.
EXPRESSION_FIELDS = ("status", "currency", "amount")
# The others, and every metadata key as ``metadata['key']``, are rows of ``search_terms`` written by
# :meth:`Store.put` (only for fields that are set; ``value`` has TEXT affinity, so numbers are kept as text).
TERM_FIELDS = tuple(name for name in SEARCH_FIELDS if name not in EXPRESSION_FIELDS)


def _field_text(name: str, table: str = "") -> str:
    """The SQL of an expression field as text, as its index holds it (``table``: the alias to qualify with)."""
    return f"CAST(json_extract({table}data, '$.{name}') AS TEXT)"


_EXPRESSION_INDEXES = "".join(
    f"CREATE INDEX IF NOT EXISTS intents_by_{name} ON objects({_field_text(name)}, seq) "
    "WHERE kind = 'payment_intent';\n"
    for name in EXPRESSION_FIELDS
)
# ``indexes`` in ``meta``: "2" once search_terms holds exactly the TERM_FIELDS and metadata rows of every
# intent (version "1" also kept rows for the expression fields; they are dropped on opening).
_INDEX_VERSION = "2"

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
# Created after the objects table they watch.
INDEX_TRIGGERS = _OLD_TRIGGERS + _UNINDEX + _EXPRESSION_INDEXES
INDEXED_KINDS = ("payment_intent", "checkout_session")


def _term_value(value: Any) -> Any:
    """A field's value as json_extract would give it: strings and numbers as they are, true/false as 1/0,
    objects and arrays as JSON text."""
    if isinstance(value, (str, float)) or (isinstance(value, int) and -(2**63) <= value < 2**63):
        return value  # a bool binds as 1/0
    return to_json(value) if isinstance(value, (dict, list)) else str(value)


def _search_terms(obj: dict[str, Any]) -> list[tuple[str, Any]]:
    terms = [(name, _term_value(value)) for name in TERM_FIELDS if (value := obj.get(name)) is not None and value != ""]
    metadata = obj.get("metadata")
    if isinstance(metadata, dict):
        terms += [
            (f"metadata['{key}']", _term_value(value)) for key, value in metadata.items() if value is not None and value != ""
        ]
    return terms


def _clause(field: str, op: str, value: str) -> tuple[str, list[Any]]:
    """The SQL (about the row ``o``) and arguments of one clause: ``:`` equality of the field's text with
    ``value`` (``''`` matches a missing or empty field), ``~`` case-insensitive containment."""
    if op == "~" and value == "":
        return "1", []
    if field in EXPRESSION_FIELDS:
        text = f"ifnull({_field_text(field, 'o.')}, '')"
        if op == "~":
            return f"md_contains({text}, ?)", [value.casefold()]
        return f"{text}=?", [value]
    if op == "~":
        return (
            "EXISTS (SELECT 1 FROM search_terms s WHERE s.id=o.id AND s.field=? AND md_contains(s.value, ?))",
            [field, value.casefold()],
        )
    if value == "":
        return "NOT EXISTS (SELECT 1 FROM search_terms s WHERE s.id=o.id AND s.field=? AND s.value<>'')", [field]
    return "EXISTS (SELECT 1 FROM search_terms s WHERE s.id=o.id AND s.field=? AND s.value=?)", [field, value]


class SearchIndex(StoreConnection):
    def _backfill(self) -> None:
        """A database written before the search and expiry indexes existed gets them filled once; one whose
        search_terms also hold the expression fields loses those rows once."""
        version = self.meta("indexes")
        if version == _INDEX_VERSION:
            return
        if version == "1":
            with self.transaction():
                self._conn.execute(
                    f"DELETE FROM search_terms WHERE field IN ({','.join('?' * len(EXPRESSION_FIELDS))})",
                    EXPRESSION_FIELDS,
                )
                self.set_meta("indexes", _INDEX_VERSION)
            return
        with self.transaction():
            rows = self._conn.execute(
                "SELECT id, kind, seq, data FROM objects WHERE kind IN ('payment_intent', 'checkout_session')"
            ).fetchall()
            for row in rows:
                self._index(row["kind"], row["id"], row["seq"], json.loads(row["data"]), fresh=False)
            self.set_meta("indexes", _INDEX_VERSION)

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
            if driver is None and not any_of and not negate and op == ":" and value != "" and (
                field not in EXPRESSION_FIELDS or kind == "payment_intent"
            ):
                driver = (field, value)  # an index walks this clause's matches in order; the rest filter
                continue
            expr, expr_args = _clause(field, op, value)
            exprs.append(f"NOT ({expr})" if negate else f"({expr})")
            args += expr_args
        joined = (" OR " if any_of else " AND ").join(exprs)
        if driver is not None and driver[0] in EXPRESSION_FIELDS:
            # The kind spelt out as the partial index's WHERE spells it, so its plan never rests on a bound value.
            sql = f"SELECT o.data FROM objects o WHERE o.kind='payment_intent' AND {_field_text(driver[0], 'o.')}=?"
            head: list[Any] = [driver[1]]
            order = "o.seq"
        elif driver is not None:
            sql = (
                "SELECT o.data FROM search_terms t JOIN objects o ON o.id = t.id "
                "WHERE t.kind=? AND t.field=? AND t.value=?"
            )
            head = [kind, *driver]
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
