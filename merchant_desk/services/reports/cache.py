"""Totals of days that are over, kept in their own small SQLite file (``<data_dir>/reports.sqlite3``).

Separate from the ledger on purpose: it is a cache (deleting the file loses nothing the server does not
have), and the ledger's storage may move to another database. Synchronous and thread-safe; async callers
use ``asyncio.to_thread``.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import date
from pathlib import Path

from merchant_desk import paths

from .aggregate import DayReport

_SCHEMA = """
CREATE TABLE IF NOT EXISTS day_reports (
    account TEXT NOT NULL,
    day TEXT NOT NULL,
    tz TEXT NOT NULL,
    computed_at INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (account, day, tz)
);
"""


def default_cache_path() -> Path:
    return paths.data_dir() / "reports.sqlite3"


class DayCache:
    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=10)
        if self.path != ":memory:":
            self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.executescript(_SCHEMA)

    def get(self, account: str, day: date, tz: str) -> DayReport | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT data FROM day_reports WHERE account=? AND day=? AND tz=?", (account, day.isoformat(), tz)
            ).fetchone()
        if row is None:
            return None
        try:
            report = DayReport.from_json(json.loads(row[0]))
        except ValueError:  # an older or damaged entry is simply computed again
            return None
        report.from_cache = True
        return report

    def put(self, account: str, report: DayReport) -> None:
        data = report.to_json()
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO day_reports(account, day, tz, computed_at, data) VALUES (?,?,?,?,?)",
                (account, report.day.isoformat(), report.tz, report.computed_at_ms, json.dumps(data)),
            )

    def touch(self, account: str, report: DayReport, computed_at_ms: int) -> None:
        """The cached day was checked against refunds up to ``computed_at_ms`` and still holds."""
        report.computed_at_ms = computed_at_ms
        self.put(account, report)

    def forget(self, account: str, day: date, tz: str) -> None:
        with self._lock:
            self._conn.execute("DELETE FROM day_reports WHERE account=? AND day=? AND tz=?",
                               (account, day.isoformat(), tz))

    def count(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM day_reports").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()
