"""What every page needs to work against one account: its client, ledger and use-case services."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from merchant_desk.ledger import Ledger
    from merchant_desk.wooshpay import Client


@dataclass
class AccountContext:
    name: str  # profile name, or "Sandbox"
    mode: str  # "sandbox" | "test" | "live"
    base_url: str
    client: "Client"
    ledger: "Ledger"
    # The address a phone must reach to open sandbox cashier pages; None outside sandbox mode.
    sandbox_public_url: str | None = None
    # Use-case services, created by the composition root (see services/payments.py, services/refunds.py).
    services: dict[str, Any] = field(default_factory=dict)

    @property
    def is_sandbox(self) -> bool:
        return self.mode == "sandbox"
