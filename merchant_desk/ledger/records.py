"""What the ledger hands out (outbox entries, audit entries, claim holders, people), and how a row of its
tables becomes one. The errors it raises are in :mod:`.errors`."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any, TypeVar

R = TypeVar("R", "OutboxEntry", "AuditEntry", "PersonRecord")


@dataclass(frozen=True)
class OutboxEntry:
    idempotency_key: str
    kind: str
    method: str
    path: str
    body: Any
    account: str
    # 'pending' | 'done' | 'failed' | 'needs_decision' (an old request whose outcome the app could not
    # establish, see services.late_retry: never re-sent on its own, a person decides)
    state: str
    object_id: str | None
    response: Any
    error: str | None
    attempts: int
    created_at: datetime
    updated_at: datetime
    evidence: Any = None  # set while the entry needs a decision: what a person sees to decide it

    @property
    def key(self) -> str:
        """The request's key, as services and pages name a request (the idempotency key it is sent with)."""
        return self.idempotency_key

    @property
    def is_pending(self) -> bool:
        return self.state == "pending"

    @property
    def needs_decision(self) -> bool:
        return self.state == "needs_decision"


@dataclass(frozen=True)
class AuditEntry:
    id: int
    ts: datetime
    account: str
    action: str
    object_id: str | None
    details: dict[str, Any]
    # Who did it, where: the till (installation), the person signed in there, and the manager who
    # approved the action. None in single-till use and for entries older than shop mode.
    till: str | None = None
    person: str | None = None
    approver: str | None = None
    # The outbox entry this row is about: at most one row per entry and action.
    outbox_key: str | None = None


@dataclass(frozen=True)
class ClaimHolder:
    """Who holds a claim now: the till's name and since when (UTC)."""

    key: str
    till: str
    since: datetime | None


@dataclass(frozen=True)
class PersonRecord:
    """A person as stored: the PIN only as a hash (see services.shop.pins)."""

    name: str
    role: str  # 'cashier' | 'manager'
    pin_hash: str
    failed_tries: int
    locked_until: datetime | None


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def utc_text(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("since must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_utc(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


# How a column's text becomes a record's value, where it is not the value as stored.
Convert = dict[str, Callable[[Any], Any]]
_OUTBOX: Convert = {
    "body": loads, "response": loads, "evidence": loads,
    "created_at": datetime.fromisoformat, "updated_at": datetime.fromisoformat,
}
_AUDIT: Convert = {"ts": datetime.fromisoformat, "details": loads}
_PERSON: Convert = {"failed_tries": int, "locked_until": parse_utc}


def _from_row(record: type[R], row: Any, convert: Convert) -> R:
    """The record of a row: each field from the column of its name, converted where ``convert`` says."""
    values = {spec.name: convert.get(spec.name, _as_stored)(row[spec.name]) for spec in fields(record)}
    return record(**values)


def _as_stored(value: Any) -> Any:
    return value


def outbox_entry(row: Any) -> OutboxEntry:
    return _from_row(OutboxEntry, row, _OUTBOX)


def audit_entry(row: Any) -> AuditEntry:
    return _from_row(AuditEntry, row, _AUDIT)


def stored_person(row: Any) -> PersonRecord:
    return _from_row(PersonRecord, row, _PERSON)
