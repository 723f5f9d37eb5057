"""Stored answers to idempotent requests (table ``idempotency``), kept for the idempotency window."""

from __future__ import annotations

import sqlite3

from .connection import StoreConnection

IDEMPOTENCY_SCHEMA = """
CREATE TABLE IF NOT EXISTS idempotency (
    key TEXT PRIMARY KEY,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    response TEXT NOT NULL,
    created INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS idempotency_created ON idempotency(created);
"""

# Expired idempotency records are ignored by the lookup at once; deleting them is housekeeping that needs
# to happen only now and then (at most once per this many ms of sandbox time, or when the clock jumps).
PURGE_EVERY_MS = 60_000


class IdempotencyTable(StoreConnection):
    _purged_at: int | None = None

    def idempotency_record(self, key: str, *, max_age_ms: int) -> sqlite3.Row | None:
        """The stored answer for ``key`` if it is younger than ``max_age_ms`` of sandbox time."""
        now = self.now_ms()
        oldest = now - max_age_ms
        if self._purged_at is None or not 0 <= now - self._purged_at < PURGE_EVERY_MS:
            self._execute("DELETE FROM idempotency WHERE created < ?", (oldest,))
            self._purged_at = now
        rows = self._query("SELECT * FROM idempotency WHERE key=? AND created >= ?", (key, oldest))
        return rows[0] if rows else None

    def save_idempotency(self, key: str, method: str, path: str, fingerprint: str, status: int, body: str) -> None:
        self._execute(
            "INSERT OR REPLACE INTO idempotency(key, method, path, fingerprint, status, response, created) "
            "VALUES (?,?,?,?,?,?,?)",
            (key, method, path, fingerprint, status, body, self.now_ms()),
        )
