"""What the ledger hands out (outbox entries, audit entries, claim holders, people) and the errors it raises.

The errors are typed so that a caller can say in plain words what is wrong with a shared ledger (no
server, wrong password, no permission, wrong schema version) without reading driver messages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any


class LedgerError(Exception):
    """The ledger cannot be used (newer schema, conflicting idempotency key, unreachable server...)."""


class LedgerUnreachable(LedgerError):
    """No database server answers at that address (or the SQLite file cannot be opened)."""


class LedgerAuthFailed(LedgerError):
    """The server answered but refused the user name or password."""


class LedgerNoDatabase(LedgerError):
    """The server answered but has no database of that name."""


class LedgerPermissionDenied(LedgerError):
    """Signed in, but the user may not read or write (or create) the ledger's tables."""


class LedgerSchemaError(LedgerError):
    """The ledger was written by a newer Merchant Desk: this version must not touch it."""

    def __init__(self, message: str, *, found: int, known: int) -> None:
        super().__init__(message)
        self.found = found
        self.known = known


class ClaimRefused(LedgerError):
    """Another till (or another task of this one) holds the claim: nothing may be sent for it now."""

    def __init__(self, key: str, till: str) -> None:
        super().__init__(f"{key} is in progress at {till}")
        self.key = key
        self.till = till


@dataclass(frozen=True)
class OutboxEntry:
    idempotency_key: str
    kind: str
    method: str
    path: str
    body: Any
    account: str
    state: str  # 'pending' | 'done' | 'failed' | 'needs_decision'
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


def outbox_entry(row: Any) -> OutboxEntry:
    return OutboxEntry(
        idempotency_key=row["idempotency_key"],
        kind=row["kind"],
        method=row["method"],
        path=row["path"],
        body=loads(row["body"]),
        account=row["account"],
        state=row["state"],
        object_id=row["object_id"],
        response=loads(row["response"]),
        error=row["error"],
        attempts=row["attempts"],
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
        evidence=loads(row["evidence"]),
    )


def audit_entry(row: Any) -> AuditEntry:
    return AuditEntry(
        id=row["id"],
        ts=datetime.fromisoformat(row["ts"]),
        account=row["account"],
        action=row["action"],
        object_id=row["object_id"],
        details=loads(row["details"]),
        till=row["till"],
        person=row["person"],
        approver=row["approver"],
        outbox_key=row["outbox_key"],
    )
