"""The shop's people (roles, PIN hashes, lock-outs) and settings, shared by every till on the ledger."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from merchant_desk.ledger.base import LedgerBase
from merchant_desk.ledger.records import PersonRecord, dumps, loads, now_text, stored_person, utc_text


class ShopRecords(LedgerBase):
    def people(self) -> list[PersonRecord]:
        with self._lock, self._engine.read() as tx:
            rows = tx.rows("SELECT * FROM people ORDER BY name")
        return [stored_person(row) for row in rows]

    def person_record(self, name: str) -> PersonRecord | None:
        with self._lock, self._engine.read() as tx:
            row = tx.one("SELECT * FROM people WHERE name = ?", (name,))
        return None if row is None else stored_person(row)

    def put_person(self, name: str, role: str, pin_hash: str | None = None) -> PersonRecord:
        """Add a person or change their role (and PIN hash, when given; a new PIN also unlocks)."""
        with self._lock, self._engine.transaction() as tx:
            row = tx.one("SELECT * FROM people WHERE name = ?", (name,))
            if row is None:
                if pin_hash is None:
                    raise ValueError("A new person needs a PIN.")
                tx.run("INSERT INTO people (name, role, pin_hash, failed_tries, updated_at) VALUES (?, ?, ?, 0, ?)",
                       (name, role, pin_hash, now_text()))
            elif pin_hash is None:
                tx.run("UPDATE people SET role = ?, updated_at = ? WHERE name = ?", (role, now_text(), name))
            else:
                tx.run("UPDATE people SET role = ?, pin_hash = ?, failed_tries = 0, locked_until = NULL,"
                       " updated_at = ? WHERE name = ?", (role, pin_hash, now_text(), name))
            return stored_person(tx.one("SELECT * FROM people WHERE name = ?", (name,)))

    def remove_person(self, name: str) -> None:
        with self._lock, self._engine.transaction() as tx:
            tx.run("DELETE FROM people WHERE name = ?", (name,))

    def record_pin_try(self, name: str, ok: bool, *, lock_after: int, locked_until: datetime) -> PersonRecord | None:
        """Count a PIN try atomically (two tills may be tried at once): success resets the count, the
        ``lock_after``-th failure in a row locks the person until ``locked_until``."""
        with self._lock, self._engine.transaction() as tx:
            row = tx.one("SELECT * FROM people WHERE name = ?", (name,))
            if row is None:
                return None
            if ok:
                tx.run("UPDATE people SET failed_tries = 0, locked_until = NULL WHERE name = ?", (name,))
            else:
                tries = int(row["failed_tries"]) + 1
                until = utc_text(locked_until) if tries >= lock_after else row["locked_until"]
                tx.run("UPDATE people SET failed_tries = ?, locked_until = ? WHERE name = ?",
                       (0 if tries >= lock_after else tries, until, name))
            return stored_person(tx.one("SELECT * FROM people WHERE name = ?", (name,)))

    def shop_setting(self, name: str, default: Any = None) -> Any:
        with self._lock, self._engine.read() as tx:
            row = tx.one("SELECT value FROM shop_settings WHERE name = ?", (name,))
        return default if row is None else loads(row["value"])

    def put_shop_setting(self, name: str, value: Any) -> None:
        with self._lock, self._engine.transaction() as tx:
            tx.run("INSERT INTO shop_settings (name, value) VALUES (?, ?)"
                   " ON CONFLICT (name) DO UPDATE SET value = excluded.value", (name, dumps(value)))
