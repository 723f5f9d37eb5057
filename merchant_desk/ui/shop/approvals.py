"""One call for every guarded action: ask for a manager's PIN when the shop's policy wants one."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from merchant_desk.services.shop.session import Approval
from merchant_desk.ui.shop.pin_dialog import ask_manager_approval


async def approval_if_needed(parent: QWidget | None, ctx: Any, action: str, amount_minor: int | None = None,
                             currency: str | None = None) -> tuple[bool, Approval | None]:
    """``(go_ahead, approval)``: go ahead with no approval when none is needed, with the manager's approval
    once given; ``(False, None)`` when it was needed and not given (the prompt was cancelled)."""
    shop = getattr(ctx, "shop", None)
    if shop is None or not shop.needs_approval(action, amount_minor, currency):
        return True, None
    approval = await ask_manager_approval(parent, shop, action)
    return approval is not None, approval
