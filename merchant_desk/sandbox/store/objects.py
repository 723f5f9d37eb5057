"""The API objects (table ``objects``): one row per object, its JSON as the API shows it, listed newest
first by the sequence number in its id."""

from __future__ import annotations

import json
from typing import Any

from ..encoded import to_json
from ..ids import id_number
from .search import INDEXED_KINDS, SearchIndex

OBJECTS_SCHEMA = """
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
"""
_INSERT = "INSERT OR IGNORE INTO objects(id, kind, seq, created, ref, data) VALUES (?,?,?,?,?,?)"
_UPDATE = "UPDATE objects SET ref=?, data=? WHERE id=?"


class ObjectTable(SearchIndex):
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
            if kind in INDEXED_KINDS:
                self._index(kind, object_id, seq, obj, fresh=fresh)

    def get(self, kind: str, object_id: str) -> dict[str, Any] | None:
        rows = self._query("SELECT data FROM objects WHERE kind=? AND id=?", (kind, object_id))
        return json.loads(rows[0]["data"]) if rows else None

    def delete(self, kind: str, object_id: str) -> None:
        with self._lock:
            self._cache.pop(kind, None)
            self._conn.execute("DELETE FROM objects WHERE kind=? AND id=?", (kind, object_id))

    def refund_totals(self, payment_intent: str) -> tuple[int, int]:
        """``(amount, count)`` of the refunds of one payment that took money back (succeeded or pending)."""
        rows = self._query(
            "SELECT COALESCE(SUM(json_extract(data, '$.amount')), 0) AS total, COUNT(*) AS n FROM objects "
            "WHERE kind='refund' AND ref=? AND json_extract(data, '$.status') IN ('succeeded', 'pending')",
            (payment_intent,),
        )
        return int(rows[0]["total"]), int(rows[0]["n"])

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
