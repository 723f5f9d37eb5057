"""Exact day totals from raw API objects, built page by page.

Totals are integer minor units per currency; nothing is converted between currencies or through floats.
- ``gross``: the amount received by payments created in the day that succeeded.
- ``refunded``: refunds created in the day (of any payment, earlier ones included) that succeeded or are
  pending; failed and canceled refunds move no money.
- ``net``: gross − refunded. ``payments``: payments created in the day (every attempt), ``succeeded``: those
  of them that succeeded.
Each page is folded in as it arrives, so the caller can yield to the event loop between pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from .days import iso_local

SCHEMA_VERSION = 1
UNKNOWN_WALLET = "unknown"
# Refund states that take money out of the day (failed/canceled refunds do not).
REFUND_COUNTED = ("succeeded", "pending", "requires_action")
# Payment states that can still change without the merchant: a day with one of these is not cached.
OPEN_STATES = ("requires_action", "requires_confirmation", "processing", "requires_capture")

# Wallet names by payment method type, for methods that name their wallet (§3.5/§11.1).
_METHOD_WALLETS = {
    "gcash": "GCash", "dana": "DANA", "alipay": "Alipay", "alipay_hk": "AlipayHK", "boost": "Boost",
    "touchngo": "TNG", "rabbit_line_pay": "Rabbit LINE Pay", "bpi": "BPI", "wechat_pay": "WeChat Pay",
    "truemoney": "TrueMoney", "kakaopay": "KakaoPay", "card": "Card",
}


def _decoded(value: Any) -> Any:
    """Some WooshPay answers carry objects as JSON-encoded strings (§2.4)."""
    if isinstance(value, str) and value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def wallet_of(payment: dict[str, Any]) -> str:
    """The wallet a payment went through, as far as the object tells.

    ``payment_method_details.<type>.wallet`` (what the sandbox reports for Alipay+ payments; WooshPay does not
    document where the chosen Alipay+ wallet shows), the wallet of the last decline, or a single
    wallet-specific method type; otherwise ``"unknown"``.
    """
    details = _decoded(payment.get("payment_method_details"))
    if isinstance(details, dict):
        kind = details.get("type")
        sub = details.get(kind) if isinstance(kind, str) else None
        if isinstance(sub, dict) and sub.get("wallet"):
            return str(sub["wallet"])
        if isinstance(kind, str) and kind in _METHOD_WALLETS:
            return _METHOD_WALLETS[kind]
    error = _decoded(payment.get("last_payment_error"))
    if isinstance(error, dict) and error.get("wallet"):
        return str(error["wallet"])
    types = _decoded(payment.get("payment_method_types"))
    if isinstance(types, list) and len(types) == 1 and types[0] in _METHOD_WALLETS:
        return _METHOD_WALLETS[types[0]]
    return UNKNOWN_WALLET


def outcome_of(payment: dict[str, Any]) -> str:
    """succeeded | failed (declined, waiting for another try) | canceled | open (not finished yet)."""
    status = payment.get("status")
    if status == "succeeded":
        return "succeeded"
    if status == "canceled":
        return "canceled"
    if status == "requires_payment_method" and payment.get("last_payment_error"):
        return "failed"
    return "open"


def gross_of(payment: dict[str, Any]) -> int:
    received = payment.get("amount_received")
    return int(received) if isinstance(received, int) and received > 0 else int(payment.get("amount") or 0)


@dataclass
class CurrencyTotals:
    gross: int = 0
    refunded: int = 0
    payments: int = 0
    succeeded: int = 0

    @property
    def net(self) -> int:
        return self.gross - self.refunded

    def to_json(self) -> dict[str, int]:
        return {"gross": self.gross, "refunded": self.refunded, "net": self.net, "payments": self.payments,
                "succeeded": self.succeeded}


@dataclass
class CountAmount:
    count: int = 0
    amount: int = 0


class _Row:
    """A report row as JSON: its ``created`` time (ms) given in the report's zone, the milliseconds kept."""

    created: int

    def to_json(self, tz: ZoneInfo) -> dict[str, Any]:
        data: dict[str, Any] = asdict(self)  # type: ignore[call-overload]  # every subclass is a dataclass
        data["created"] = iso_local(self.created, tz)
        data["created_ms"] = self.created
        return data


@dataclass
class PaymentRow(_Row):
    id: str
    created: int  # ms
    amount: int
    currency: str
    wallet: str
    merchant_order_id: str
    status: str  # the API's status
    outcome: str
    refunded: int = 0  # all refunds of this payment known when the report was made


@dataclass
class RefundRow(_Row):
    id: str
    created: int
    amount: int
    currency: str
    payment_intent: str
    status: str
    reason: str


@dataclass
class DayReport:
    day: date
    tz: str
    start_ms: int
    end_ms: int
    currencies: dict[str, CurrencyTotals] = field(default_factory=dict)
    # wallet -> currency -> totals (gross, refunded stays 0: refunds do not name a wallet)
    wallets: dict[str, dict[str, CurrencyTotals]] = field(default_factory=dict)
    # outcome -> currency -> count and amount of the payments
    statuses: dict[str, dict[str, CountAmount]] = field(default_factory=dict)
    payments: list[PaymentRow] = field(default_factory=list)
    refunds: list[RefundRow] = field(default_factory=list)
    computed_at_ms: int = 0
    from_cache: bool = False

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    @property
    def settled(self) -> bool:
        """No payment of the day can still change by itself (every one paid, declined or canceled)."""
        return not any(row.status in OPEN_STATES for row in self.payments)

    def to_json(self) -> dict[str, Any]:
        """The export shape: totals in minor units; payments oldest first."""
        tz = self.zone
        return {
            "day": self.day.isoformat(),
            "tz": self.tz,
            "start_ms": self.start_ms,
            "end_ms": self.end_ms,
            "currencies": {code: totals.to_json() for code, totals in sorted(self.currencies.items())},
            "wallets": {
                wallet: {
                    code: {"gross": t.gross, "payments": t.payments, "succeeded": t.succeeded}
                    for code, t in sorted(per.items())
                }
                for wallet, per in sorted(self.wallets.items())
            },
            "statuses": {
                outcome: {code: {"count": c.count, "amount": c.amount} for code, c in sorted(per.items())}
                for outcome, per in sorted(self.statuses.items())
            },
            "payments": [row.to_json(tz) for row in sorted(self.payments, key=lambda r: (r.created, r.id))],
            "refunds": [row.to_json(tz) for row in sorted(self.refunds, key=lambda r: (r.created, r.id))],
            "computed_at_ms": self.computed_at_ms,
            "schema": SCHEMA_VERSION,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DayReport:
        """Read back what ``to_json`` wrote (the cache); ``ValueError`` when it is not that shape."""
        try:
            if data.get("schema") != SCHEMA_VERSION:
                raise ValueError("another schema")
            report = cls(
                day=date.fromisoformat(data["day"]), tz=data["tz"], start_ms=int(data["start_ms"]),
                end_ms=int(data["end_ms"]), computed_at_ms=int(data["computed_at_ms"]),
            )
            for code, t in data["currencies"].items():
                report.currencies[code] = CurrencyTotals(t["gross"], t["refunded"], t["payments"], t["succeeded"])
            for wallet, per in data["wallets"].items():
                report.wallets[wallet] = {
                    code: CurrencyTotals(t["gross"], 0, t["payments"], t["succeeded"]) for code, t in per.items()
                }
            for outcome, per in data["statuses"].items():
                report.statuses[outcome] = {code: CountAmount(c["count"], c["amount"]) for code, c in per.items()}
            keys = ("id", "amount", "currency", "wallet", "merchant_order_id", "status", "outcome", "refunded")
            report.payments = [PaymentRow(created=int(p["created_ms"]), **{k: p[k] for k in keys})
                               for p in data["payments"]]
            rkeys = ("id", "amount", "currency", "payment_intent", "status", "reason")
            report.refunds = [RefundRow(created=int(r["created_ms"]), **{k: r[k] for k in rkeys})
                              for r in data["refunds"]]
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a stored day report: {exc}") from exc
        return report


class DayAggregator:
    """Folds pages of payments (first) and refunds (then) into a :class:`DayReport`."""

    def __init__(self, day: date, tz: str, start_ms: int, end_ms: int) -> None:
        self.report = DayReport(day=day, tz=tz, start_ms=start_ms, end_ms=end_ms)
        self._rows: dict[str, PaymentRow] = {}
        self._refund_ids: set[str] = set()

    def add_payments(self, items: Iterable[dict[str, Any]]) -> None:
        report, rows = self.report, self._rows
        start, end = report.start_ms, report.end_ms
        for item in items:
            created = item.get("created")
            pid = item.get("id")
            if not isinstance(created, int) or not start <= created < end or not isinstance(pid, str) or pid in rows:
                continue
            code = str(item.get("currency") or "").upper()
            outcome = outcome_of(item)
            wallet = wallet_of(item)
            amount = int(item.get("amount") or 0)
            row = PaymentRow(pid, created, amount, code, wallet, str(item.get("merchant_order_id") or ""),
                             str(item.get("status") or ""), outcome)
            rows[pid] = row
            report.payments.append(row)
            totals = report.currencies.get(code)
            if totals is None:
                totals = report.currencies[code] = CurrencyTotals()
            per_wallet = report.wallets.setdefault(wallet, {})
            wallet_totals = per_wallet.get(code)
            if wallet_totals is None:
                wallet_totals = per_wallet[code] = CurrencyTotals()
            totals.payments += 1
            wallet_totals.payments += 1
            status_totals = report.statuses.setdefault(outcome, {}).setdefault(code, CountAmount())
            status_totals.count += 1
            if outcome == "succeeded":
                gross = gross_of(item)
                totals.gross += gross
                totals.succeeded += 1
                wallet_totals.gross += gross
                wallet_totals.succeeded += 1
                status_totals.amount += gross
            else:
                status_totals.amount += amount

    def add_refunds(self, items: Iterable[dict[str, Any]]) -> None:
        """Refunds created from the day's start on: those of the day count; those of the day's payments
        (made then or later) are noted on the payment's row."""
        report = self.report
        for item in items:
            rid, created = item.get("id"), item.get("created")
            if not isinstance(rid, str) or not isinstance(created, int) or rid in self._refund_ids:
                continue
            self._refund_ids.add(rid)
            status = str(item.get("status") or "")
            amount = int(item.get("amount") or 0)
            counted = status in REFUND_COUNTED
            row = self._rows.get(str(item.get("payment_intent") or ""))
            if row is not None and counted:
                row.refunded += amount
            if not report.start_ms <= created < report.end_ms:
                continue
            code = str(item.get("currency") or "").upper()
            report.refunds.append(RefundRow(rid, created, amount, code, str(item.get("payment_intent") or ""),
                                            status, str(item.get("reason") or "")))
            if counted:
                totals = report.currencies.get(code)
                if totals is None:
                    totals = report.currencies[code] = CurrencyTotals()
                totals.refunded += amount
