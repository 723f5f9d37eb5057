"""Demo data: realistic paid, failed, canceled and refunded payments over the past days, written straight
into the store (no events, no webhooks), for demos, screenshots and tests.

Deterministic: the same ``seed``, ``days`` and ``now`` give the same objects (ids included), so filling
twice changes nothing. Ids are shaped like live ones and ordered by ``created``, as lists expect.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from .cashier import WALLETS_BY_CURRENCY
from .ids import _EPOCH_MS
from .refunds import REASONS
from .state import SandboxState
from .store import Store

DAY_MS = 24 * 3600 * 1000
# Share of payments per currency, and a typical basket (major units, low–high) in each.
_CURRENCIES: tuple[tuple[str, float, int, int, int], ...] = (
    # code, weight, minor units per major unit, low, high
    ("CNY", 0.32, 100, 8, 900),
    ("HKD", 0.20, 100, 10, 1200),
    ("GBP", 0.10, 100, 2, 180),
    ("THB", 0.10, 100, 40, 3500),
    ("MYR", 0.10, 100, 5, 450),
    ("PHP", 0.10, 100, 60, 6000),
    ("IDR", 0.08, 1, 15_000, 1_500_000),  # IDR has no minor unit in the app's table
)
_OUTCOMES = (("succeeded", 0.80), ("failed", 0.11), ("canceled", 0.09))
_CANCEL_REASONS = ("abandoned", "requested_by_customer", "duplicate")
# Busier around lunch and the evening (hour of the day in UTC+8, where most of these wallets live).
_HOUR_WEIGHTS = (1, 1, 1, 1, 1, 1, 2, 3, 5, 6, 7, 9, 11, 10, 7, 6, 6, 7, 9, 10, 9, 7, 4, 2)


@dataclass
class DemoSummary:
    payments: int = 0
    refunds: int = 0
    by_status: dict[str, int] = field(default_factory=dict)


class _Ids:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[int] = set()

    def make(self, prefix: str, created_ms: int) -> str:
        while True:
            number = ((created_ms - _EPOCH_MS) << 22) | self.rng.getrandbits(22)
            if number not in self.used:
                self.used.add(number)
                return f"{prefix}_{number}"


def _pick(rng: random.Random, weighted: tuple[tuple[Any, ...], ...]) -> tuple[Any, ...]:
    return rng.choices(weighted, weights=[w[1] for w in weighted])[0]


def _amount(rng: random.Random, unit: int, low: int, high: int) -> int:
    # Skewed towards small baskets; prices end in round-ish numbers.
    major = low + (high - low) * rng.random() ** 2.2
    if unit == 1:
        return max(int(round(major, -2)), 100)
    cents = rng.choice((0, 0, 0, 50, 90, 99, rng.randrange(100)))
    return max(int(major) * unit + cents, unit)


def _intent(ids: _Ids, rng: random.Random, created: int, code: str, amount: int, wallet: str) -> dict[str, Any]:
    intent_id = ids.make("pi", created)
    return {
        "id": intent_id, "object": "payment_intent", "amount": amount, "amount_capturable": 0,
        "amount_received": 0, "canceled_at": None, "cancellation_reason": None, "capture_method": "automatic",
        "client_secret": f"{intent_id}_secret_demo{rng.getrandbits(64):016x}", "confirmation_method": "automatic",
        "created": created, "currency": code, "customer": None, "description": None, "last_payment_error": None,
        "latest_charge": None, "livemode": False,
        "merchant_order_id": f"ORD-{created // 1000 % 10_000_000:07d}-{rng.randrange(1000):03d}",
        "merchant_user_id": None, "metadata": {"demo": "true"}, "next_action": None,
        "payment_method": ids.make("pm", created), "payment_method_options": {},
        "payment_method_types": ["alipayplus"], "receipt_email": None, "return_url": None, "shipping": None,
        "statement_descriptor": None, "statement_descriptor_suffix": None, "status": "requires_payment_method",
        "_sandbox": {"method_type": "alipayplus", "card_number": None, "checkout_session": None, "wallet": wallet},
    }


def fill_demo_data(
    target: SandboxState | Store, days: int, *, seed: int | None = None, now: int | None = None,
    per_day: tuple[int, int] = (25, 70),
) -> DemoSummary:
    """Fill the store with ``days`` days of payments up to ``now`` (ms; default the store's clock)."""
    if days < 1 or days > 3650:
        raise ValueError("days must be between 1 and 3650")
    store = target.store if isinstance(target, SandboxState) else target
    now_ms = store.now_ms() if now is None else now
    rng = random.Random(seed)
    ids = _Ids(rng)
    summary = DemoSummary()
    objects: list[tuple[str, dict[str, Any], str | None]] = []
    first_day = now_ms - now_ms % DAY_MS - (days - 1) * DAY_MS
    for index in range(days):
        day_start = first_day + index * DAY_MS
        for _ in range(rng.randint(*per_day)):
            hour = rng.choices(range(24), weights=_HOUR_WEIGHTS)[0]
            created = day_start + ((hour - 8) % 24) * 3600_000 + rng.randrange(3600_000)
            if created >= now_ms:
                continue
            code, _w, unit, low, high = _pick(rng, _CURRENCIES)
            wallet = rng.choice(WALLETS_BY_CURRENCY[code])
            intent = _intent(ids, rng, created, code, _amount(rng, unit, low, high), wallet)
            outcome = _pick(rng, _OUTCOMES)[0]
            summary.by_status[outcome] = summary.by_status.get(outcome, 0) + 1
            if outcome == "succeeded":
                intent.update(status="succeeded", amount_received=intent["amount"], latest_charge=ids.make("ch", created),
                              payment_method_details={"type": "alipayplus", "alipayplus": {"wallet": wallet}})
            elif outcome == "failed":
                intent["last_payment_error"] = {
                    "type": "card_error", "code": "payment_method_customer_decline",
                    "message": f"The customer declined the payment in {wallet}.",
                    "payment_method_type": "alipayplus", "wallet": wallet,
                }
            else:
                intent.update(status="canceled", cancellation_reason=rng.choice(_CANCEL_REASONS),
                              canceled_at=min(created + rng.randrange(60_000, 900_000), now_ms))
            objects.append(("payment_intent", intent, None))
            summary.payments += 1
            if outcome == "succeeded" and rng.random() < 0.09:
                for refund in _refunds(ids, rng, intent, now_ms):
                    objects.append(("refund", refund, intent["id"]))
                    summary.refunds += 1
    with store.transaction():
        for kind, obj, ref in objects:
            store.put(kind, obj, ref=ref)
    return summary


def _refunds(ids: _Ids, rng: random.Random, intent: dict[str, Any], now_ms: int) -> list[dict[str, Any]]:
    """A full refund, or one or two partial ones; some the same day, some days later (never after now)."""
    total = intent["amount_received"]
    parts = [total] if rng.random() < 0.6 or total < 4 else [total // 3, total // 4][: rng.randint(1, 2)]
    made: list[dict[str, Any]] = []
    at = intent["created"]
    for amount in parts:
        at += rng.choice((rng.randrange(600_000, 7200_000), rng.randrange(DAY_MS, 4 * DAY_MS)))
        if at >= now_ms or amount <= 0:
            break
        made.append({
            "id": ids.make("re", at), "object": "refund", "amount": amount, "created": at,
            "currency": intent["currency"], "metadata": {"demo": "true"}, "reason": rng.choice(REASONS[:1] + REASONS[2:3]),
            "status": "succeeded", "description": None, "payment_intent": intent["id"], "failure_reason": None,
        })
    return made
