"""The ledger: outbox of mutating requests (idempotency keys), audit log, claims across tills, and the
shop's people and settings. SQLite by default (``Ledger(path)``); PostgreSQL for a shop whose tills share
one ledger (``Ledger.open("postgresql://...", password=...)``)."""

from merchant_desk.ledger.audit import approved_by, current_approver
from merchant_desk.ledger.claims import claim_key_for, claim_key_of, entry_key, payment_key
from merchant_desk.ledger.core import Ledger, default_ledger_path
from merchant_desk.ledger.errors import (
    ClaimRefused,
    LedgerAuthFailed,
    LedgerError,
    LedgerNoDatabase,
    LedgerPermissionDenied,
    LedgerSchemaError,
    LedgerUnreachable,
)
from merchant_desk.ledger.migrations import SCHEMA_VERSION
from merchant_desk.ledger.records import AuditEntry, ClaimHolder, OutboxEntry, PersonRecord
from merchant_desk.ledger.urls import is_postgres_url, keyring_name, redact, url_password, without_password

__all__ = [
    "SCHEMA_VERSION",
    "AuditEntry",
    "ClaimHolder",
    "ClaimRefused",
    "Ledger",
    "LedgerAuthFailed",
    "LedgerError",
    "LedgerNoDatabase",
    "LedgerPermissionDenied",
    "LedgerSchemaError",
    "LedgerUnreachable",
    "OutboxEntry",
    "PersonRecord",
    "approved_by",
    "claim_key_for",
    "claim_key_of",
    "current_approver",
    "default_ledger_path",
    "entry_key",
    "is_postgres_url",
    "keyring_name",
    "payment_key",
    "redact",
    "url_password",
    "without_password",
]
