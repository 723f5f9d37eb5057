"""Which actions need a manager, chosen by the shop's owner and shared by every till (in the ledger).

The default asks for nothing, so a shop that never sets it up works as a single till always did.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

REFUND = "refund"
CANCEL_PAYMENT = "cancel_payment"
WEBHOOK_ENDPOINTS = "webhook_endpoints"
SETTINGS = "settings"
ACTIONS = (REFUND, CANCEL_PAYMENT, WEBHOOK_ENDPOINTS, SETTINGS)

# How refunds are guarded: never, always, or above an amount (per currency, in minor units).
REFUNDS_NEVER, REFUNDS_ALWAYS, REFUNDS_ABOVE = "never", "always", "above"
REFUND_RULES = (REFUNDS_NEVER, REFUNDS_ALWAYS, REFUNDS_ABOVE)

SETTING_NAME = "manager_policy"


@dataclass(frozen=True)
class ManagerPolicy:
    refunds: str = REFUNDS_NEVER
    # Refunds above these amounts need a manager (REFUNDS_ABOVE); a currency without a threshold
    # always does, so that a new currency is never unguarded by accident.
    refund_above: dict[str, int] = field(default_factory=dict)
    cancel_payment: bool = False
    webhook_endpoints: bool = False
    settings: bool = False
    # PIN tries: this many wrong PINs in a row lock the person for lockout_minutes.
    lock_after_tries: int = 5
    lockout_minutes: int = 15
    # The app locks (asks for a PIN again) after this many idle minutes; 0 never.
    idle_lock_minutes: int = 0

    def needs_manager(self, action: str, amount_minor: int | None = None, currency: str | None = None) -> bool:
        if action == REFUND:
            if self.refunds == REFUNDS_ALWAYS:
                return True
            if self.refunds == REFUNDS_ABOVE:
                threshold = self.refund_above.get((currency or "").upper())
                return threshold is None or amount_minor is None or amount_minor > threshold
            return False
        if action == CANCEL_PAYMENT:
            return self.cancel_payment
        if action == WEBHOOK_ENDPOINTS:
            return self.webhook_endpoints
        if action == SETTINGS:
            return self.settings
        raise ValueError(f"unknown action {action!r}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> "ManagerPolicy":
        """Read a stored policy; unknown or broken fields fall back to the defaults."""
        policy = cls()
        if not isinstance(data, dict):
            return policy
        changes: dict[str, Any] = {}
        if data.get("refunds") in REFUND_RULES:
            changes["refunds"] = data["refunds"]
        above = data.get("refund_above")
        if isinstance(above, dict):
            changes["refund_above"] = {str(k).upper(): int(v) for k, v in above.items()
                                       if isinstance(v, int) and not isinstance(v, bool) and v >= 0}
        for name in ("cancel_payment", "webhook_endpoints", "settings"):
            if isinstance(data.get(name), bool):
                changes[name] = data[name]
        for name, low in (("lock_after_tries", 1), ("lockout_minutes", 1), ("idle_lock_minutes", 0)):
            value = data.get(name)
            if isinstance(value, int) and not isinstance(value, bool) and value >= low:
                changes[name] = value
        return replace(policy, **changes)
