"""What the ledger raises. The errors are typed so that a caller can say in plain words what is wrong with a
shared ledger (no server, wrong password, no permission, wrong schema version) without reading driver
messages."""

from __future__ import annotations


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


def schema_too_new(location: str, found: int, known: int) -> LedgerSchemaError:
    """The refusal to touch a ledger whose schema is newer than this version knows."""
    return LedgerSchemaError(
        f"The ledger at {location} was written by a newer Merchant Desk "
        f"(schema {found}, this version knows {known}). Update the app.",
        found=found, known=known,
    )
