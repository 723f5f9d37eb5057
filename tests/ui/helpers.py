"""Building blocks for GUI tests: an account context wired to the real sandbox."""

from __future__ import annotations

from merchant_desk.ledger import Ledger
from merchant_desk.services.context import AccountContext
from merchant_desk.wooshpay import Client


def make_context(sandbox, ledger_path=":memory:", *, name: str = "Sandbox") -> AccountContext:
    client = Client(sandbox.secret_key, base_url=sandbox.base_url, backoff_base=0.05, backoff_cap=0.2)
    return AccountContext(
        name=name,
        mode="sandbox",
        base_url=sandbox.base_url,
        client=client,
        ledger=Ledger(ledger_path),
        sandbox_public_url=sandbox.public_url,
    )
