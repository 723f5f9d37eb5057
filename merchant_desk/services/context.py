"""What every page needs to work against one account: its client, ledger and use-case services."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from merchant_desk.ledger import Ledger
    from merchant_desk.services.payments import PaymentService
    from merchant_desk.services.refunds import RefundService
    from merchant_desk.services.shop.session import ShopSession
    from merchant_desk.wooshpay import Client


@dataclass(eq=False)
class AccountContext:
    name: str  # profile name, or "Sandbox"
    mode: str  # "sandbox" | "test" | "live"
    base_url: str
    client: "Client"
    ledger: "Ledger"
    # The address a phone must reach to open sandbox cashier pages; None outside sandbox mode.
    sandbox_public_url: str | None = None

    @property
    def is_sandbox(self) -> bool:
        return self.mode == "sandbox"

    @cached_property
    def payments(self) -> "PaymentService":
        from merchant_desk.services.payments import PaymentService

        return PaymentService(self.client, self.ledger, self.name)

    @cached_property
    def refunds(self) -> "RefundService":
        from merchant_desk.services.refunds import RefundService
        from merchant_desk.services.shop.guard import gate_for

        service = RefundService(self.client, self.ledger, self.name)
        shop = self.shop
        if shop is not None:
            service.gate = gate_for(shop)
        return service

    @property
    def shop(self) -> "ShopSession | None":
        """Shop mode's session of this ledger (till, person signed in, policy), if the app started one."""
        from merchant_desk.services.shop.session import session_of

        return session_of(self.ledger)
