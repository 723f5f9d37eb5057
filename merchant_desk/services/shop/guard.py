"""The check in the services themselves that an action the policy reserves for managers has a manager's
approval: a dialog that forgets to ask cannot send a refund anyway."""

from __future__ import annotations

from collections.abc import Callable

from merchant_desk.ledger import current_approver
from merchant_desk.services.shop.session import ShopSession


class ApprovalRequired(Exception):
    """``action`` needs a manager's PIN first; nothing was sent."""

    def __init__(self, action: str, amount_minor: int | None = None, currency: str | None = None) -> None:
        super().__init__(f"{action} needs a manager's approval")
        self.action = action
        self.amount_minor = amount_minor
        self.currency = currency


Gate = Callable[[str, "int | None", "str | None"], None]


def gate_for(session: ShopSession) -> Gate:
    """A gate for the services: raises ``ApprovalRequired`` unless the person signed in may do the action
    or it runs under a manager's approval (``session.approved``)."""

    def check(action: str, amount_minor: int | None = None, currency: str | None = None) -> None:
        if not session.needs_approval(action, amount_minor, currency):
            return
        approver = current_approver()
        if approver is None or not any(p.name == approver and p.is_manager for p in session.people):
            raise ApprovalRequired(action, amount_minor, currency)

    return check
