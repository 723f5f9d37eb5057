"""What a claim is taken on. Everything that moves money of one payment (a refund, a cancel) claims the
payment itself, so two tills can never send such requests for one payment at once, whatever their
idempotency keys; any other request claims its own outbox entry. ``Claims`` is the ledger's part that
takes and gives back claims."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from merchant_desk.ledger.base import LedgerBase
from merchant_desk.ledger.errors import ClaimRefused
from merchant_desk.ledger.records import ClaimHolder

_PAYMENT_PATH = re.compile(r"^/v1/payment_intents/(?P<id>[^/]+)/(cancel|capture)$")


def payment_key(payment_intent: str) -> str:
    return f"payment_intent:{payment_intent}"


def entry_key(idempotency_key: str) -> str:
    return f"outbox:{idempotency_key}"


def claim_key_for(kind: str, path: str, body: Any, idempotency_key: str) -> str:
    """The claim an outbox entry needs before it is sent."""
    if kind == "refund" and isinstance(body, dict) and isinstance(body.get("payment_intent"), str):
        return payment_key(body["payment_intent"])
    match = _PAYMENT_PATH.match(path)
    if match:
        return payment_key(match.group("id"))
    return entry_key(idempotency_key)


def claim_key_of(entry: Any) -> str:
    return claim_key_for(entry.kind, entry.path, entry.body, entry.idempotency_key)


class Claims(LedgerBase):
    """Across tills sharing one ledger, a request is *claimed* before it is sent: while one till holds the
    claim for a payment, every other till is refused before it sends anything. Claims die with their
    holder (see the engines), so a till killed mid-request never blocks the others."""

    def claim(self, key: str, *, till: str | None = None) -> ClaimHolder:
        """Take the claim ``key`` (e.g. ``claims.payment_key(pi_id)``) for this till, or raise
        ``ClaimRefused`` naming the till that holds it. Not re-entrant: a second claim of the same key
        through this ledger is refused too (two tasks of one till racing for one payment)."""
        name = till or self.till or ""
        with self._lock:
            held = self._held.get(key)
            if held is not None:
                raise ClaimRefused(key, held.till)
            holder = self._engine.claim(key, name)
            if holder is not None:
                raise ClaimRefused(key, holder.till)
            mine = ClaimHolder(key, name, datetime.now(UTC))
            self._held[key] = mine
            return mine

    def release(self, key: str) -> None:
        """Give the claim back; releasing a claim this ledger does not hold does nothing."""
        with self._lock:
            if self._held.pop(key, None) is not None:
                self._engine.release(key)

    def who_holds(self, key: str) -> ClaimHolder | None:
        with self._lock:
            return self._held.get(key) or self._engine.who_holds(key)

    def holds(self, key: str) -> bool:
        """True when this ledger (this till) holds the claim."""
        with self._lock:
            return key in self._held

    @contextmanager
    def claimed(self, key: str, *, till: str | None = None) -> Iterator[ClaimHolder]:
        holder = self.claim(key, till=till)
        try:
            yield holder
        finally:
            self.release(key)
