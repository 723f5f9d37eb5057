"""Webhook deliveries waiting or under way (table ``deliveries``) and every attempt made (``attempts``)."""

from __future__ import annotations

import sqlite3
from typing import Any

from .connection import StoreConnection

DELIVERIES_SCHEMA = """
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL,
    endpoint_id TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at REAL NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries(state, next_at);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id INTEGER NOT NULL,
    endpoint_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    at INTEGER NOT NULL,
    status INTEGER,
    error TEXT,
    next_retry_at INTEGER
);
CREATE INDEX IF NOT EXISTS attempts_endpoint ON attempts(endpoint_id, id);
"""


class DeliveryTables(StoreConnection):
    def enqueue_delivery(self, event_id: str, endpoint_id: str, at: float) -> None:
        self._execute(
            "INSERT INTO deliveries(event_id, endpoint_id, next_at) VALUES (?,?,?)", (event_id, endpoint_id, at)
        )

    def due_deliveries(self, now: float, limit: int = 20) -> list[sqlite3.Row]:
        with self.transaction():
            rows = self._query(
                "SELECT * FROM deliveries WHERE state='pending' AND next_at <= ? ORDER BY next_at LIMIT ?",
                (now, limit),
            )
            for row in rows:
                self._execute("UPDATE deliveries SET state='sending' WHERE id=?", (row["id"],))
        return rows

    def next_delivery_time(self) -> float | None:
        rows = self._query("SELECT MIN(next_at) AS t FROM deliveries WHERE state='pending'")
        return rows[0]["t"] if rows and rows[0]["t"] is not None else None

    def finish_attempt(
        self,
        delivery: sqlite3.Row,
        event_type: str,
        *,
        status: int | None,
        error: str | None,
        next_at: float | None,
        next_retry_at_ms: int | None,
    ) -> None:
        attempt = delivery["attempts"] + 1
        with self.transaction():
            self._execute(
                "INSERT INTO attempts(delivery_id, endpoint_id, event_id, event_type, attempt, at, status, error, "
                "next_retry_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    delivery["id"], delivery["endpoint_id"], delivery["event_id"], event_type, attempt,
                    self.now_ms(), status, error, next_retry_at_ms,
                ),
            )
            if next_at is None:
                state = "succeeded" if error is None else "failed"
                self._execute("UPDATE deliveries SET attempts=?, state=? WHERE id=?", (attempt, state, delivery["id"]))
            else:
                self._execute(
                    "UPDATE deliveries SET attempts=?, state='pending', next_at=? WHERE id=?",
                    (attempt, next_at, delivery["id"]),
                )

    def abandon_delivery(self, delivery_id: int) -> None:
        self._execute("UPDATE deliveries SET state='abandoned' WHERE id=?", (delivery_id,))

    def requeue_interrupted(self) -> None:
        """Deliveries that were being sent when the process stopped go out again."""
        self._execute("UPDATE deliveries SET state='pending' WHERE state='sending'")

    def attempts(self, endpoint_id: str | None = None, event_id: str | None = None) -> list[dict[str, Any]]:
        where, args = [], []
        if endpoint_id:
            where.append("endpoint_id=?")
            args.append(endpoint_id)
        if event_id:
            where.append("event_id=?")
            args.append(event_id)
        sql = "SELECT * FROM attempts" + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY id"
        return [
            {
                "endpoint": r["endpoint_id"],
                "event": r["event_id"],
                "event_type": r["event_type"],
                "attempt": r["attempt"],
                "at": r["at"],
                "status": r["status"],
                "error": r["error"],
                "next_retry_at": r["next_retry_at"],
            }
            for r in self._query(sql, tuple(args))
        ]
