"""What this app did on one account, from the ledger's audit log."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from merchant_desk.ledger import AuditEntry, Ledger


class AuditService:
    def __init__(self, ledger: Ledger, account: str) -> None:
        self._ledger = ledger
        self._account = account

    async def entries(self, limit: int = 1000, *, till: str | None = None, person: str | None = None,
                      action: str | None = None) -> list[AuditEntry]:
        """Newest first; ``till``, ``person`` (acting or approving) and ``action`` filter."""
        return await asyncio.to_thread(
            functools.partial(self._ledger.audit_entries, self._account, limit, till=till, person=person,
                              action=action)
        )

    async def facets(self) -> dict[str, list[str]]:
        """The tills, people and actions this account's log holds (the audit view's filter choices)."""
        return await asyncio.to_thread(self._ledger.audit_facets, self._account)

    async def export_csv(self, path: str | Path) -> int:
        """Write the account's audit log as CSV (oldest first); returns the number of rows."""
        return await asyncio.to_thread(self._ledger.export_audit_csv, path, account=self._account)
