"""Refund rules per wallet, in one table that the sandbox enforces and the app explains.

WooshPay's payment-method pages list, per method, whether refunds, partial refunds and *multiple* partial
refunds are allowed. Only methods with a published page are listed; for every other wallet the rule is
unknown, the app allows the refund and shows the server's refusal in plain words if one comes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RefundRule:
    wallet: str  # the name a person reads (and the sandbox cashier page offers)
    refunds: bool
    partial: bool
    multiple_partial: bool
    source: str  # the published page the rule comes from


_SOURCE = "WooshPay docs, payment method pages (Alipay, GCash, DANA): refund support table"

# Keyed by the lower-cased wallet name and by the WooshPay payment method type that pays through it.
_RULES: dict[str, RefundRule] = {}
for _rule, _keys in (
    (RefundRule("Alipay", refunds=True, partial=True, multiple_partial=False, source=_SOURCE), ("alipay",)),
    (RefundRule("GCash", refunds=True, partial=True, multiple_partial=False, source=_SOURCE), ("gcash",)),
    (RefundRule("DANA", refunds=True, partial=True, multiple_partial=False, source=_SOURCE), ("dana",)),
):
    for _key in _keys:
        _RULES[_key] = _rule


def refund_rule(wallet_or_method: str | None) -> RefundRule | None:
    """The published rule for a wallet name ("DANA") or method type ("dana"); None where none is published."""
    if not wallet_or_method:
        return None
    return _RULES.get(wallet_or_method.strip().lower())


def allows_another_partial(wallet_or_method: str | None, refunds_so_far: int) -> bool:
    """Whether a partial refund may follow ``refunds_so_far`` earlier refunds (unknown rule: allowed)."""
    rule = refund_rule(wallet_or_method)
    return rule is None or rule.multiple_partial or refunds_so_far == 0
