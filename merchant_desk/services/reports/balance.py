"""The account balance (``client.balance``): ``available`` and ``pending`` per currency, where the server
has one. WooshPay lists the endpoint without documenting it (docs/api-assumptions.md, A-BALANCE); a 404 means "no balance here"."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from merchant_desk.wooshpay import MalformedResponseError, NotFoundError

from .collect import Requester


@dataclass
class Balance:
    available: dict[str, int] = field(default_factory=dict)
    pending: dict[str, int] = field(default_factory=dict)

    @property
    def currencies(self) -> list[str]:
        return sorted(set(self.available) | set(self.pending))


def _amounts(value: Any) -> dict[str, int]:
    if not isinstance(value, list):
        raise MalformedResponseError("The balance has no list of amounts.")
    out: dict[str, int] = {}
    for entry in value:
        if not isinstance(entry, dict) or not isinstance(entry.get("amount"), int) or not entry.get("currency"):
            raise MalformedResponseError("A balance amount is not {amount, currency}.")
        code = str(entry["currency"]).upper()  # lowercase in the Stripe-copied shape (A-BALANCE)
        out[code] = out.get(code, 0) + entry["amount"]
    return out


def read_balance(body: dict[str, Any]) -> Balance:
    return Balance(available=_amounts(body.get("available")), pending=_amounts(body.get("pending", [])))


async def fetch_balance(client: Requester) -> Balance | None:
    """The balance, or None when the server has no balance endpoint."""
    try:
        body = await client.balance.retrieve_raw()
    except NotFoundError:
        return None
    return read_balance(body)
