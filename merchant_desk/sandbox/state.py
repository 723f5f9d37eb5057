"""What every request handler needs: the store, the event bus, the keys and the public URL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .events import EventBus
from .faults import Faults
from .store import Store

# Presentment currencies for Alipay+ (§0, §11.1).
ALIPAYPLUS_CURRENCIES = ("CNY", "HKD", "GBP", "IDR", "MYR", "PHP", "THB")


@dataclass
class SandboxState:
    store: Store
    bus: EventBus
    faults: Faults
    public_url: str
    secret_key: str
    publishable_key: str
    any_key: bool = False

    def cashier_url(self, intent_id: str) -> str:
        return f"{self.public_url}/cashier/{intent_id}"

    def checkout_url(self, session_id: str) -> str:
        return f"{self.public_url}/pay/{session_id}?key={self.publishable_key}"


def public(obj: dict[str, Any]) -> dict[str, Any]:
    """The object as the API shows it: the sandbox's private bookkeeping (``_sandbox``) removed."""
    return {k: v for k, v in obj.items() if k != "_sandbox"}
