"""PIN hashes (scrypt, a salt each) and the manager policy."""

from __future__ import annotations

import pytest

from merchant_desk.services.shop import pins
from merchant_desk.services.shop.policy import (
    CANCEL_PAYMENT,
    REFUND,
    SETTINGS,
    WEBHOOK_ENDPOINTS,
    ManagerPolicy,
)


def test_a_pin_is_kept_only_as_a_salted_scrypt_hash():
    first, second = pins.hash_pin("4821"), pins.hash_pin("4821")
    assert first.startswith("scrypt$") and "4821" not in first
    assert first != second  # a salt of its own
    assert pins.verify_pin("4821", first) and pins.verify_pin("4821", second)
    assert not pins.verify_pin("4822", first)
    assert not pins.verify_pin("4821", "plain$4821") and not pins.verify_pin("4821", "garbage")


@pytest.mark.parametrize(("pin", "problem"), [
    ("1234", None), ("123456789012", None), ("123", "length"), ("1234567890123", "length"),
    ("12a4", "digits"), ("", "digits"), ("١٢٣٤", "digits"), ("12 34", "digits"),
])
def test_pin_rules(pin, problem):
    assert pins.pin_problem(pin) == problem


def test_the_default_policy_asks_for_nothing():
    policy = ManagerPolicy()
    assert not any(policy.needs_manager(action) for action in (REFUND, CANCEL_PAYMENT, WEBHOOK_ENDPOINTS, SETTINGS))


def test_refunds_above_an_amount_per_currency():
    policy = ManagerPolicy(refunds="above", refund_above={"HKD": 10000})
    assert not policy.needs_manager(REFUND, 10000, "hkd")
    assert policy.needs_manager(REFUND, 10001, "HKD")
    assert policy.needs_manager(REFUND, 1, "CNY")  # no threshold for that currency: always
    assert ManagerPolicy(refunds="always").needs_manager(REFUND, 1, "HKD")
    with pytest.raises(ValueError):
        policy.needs_manager("launch_rocket")


def test_a_policy_round_trips_and_a_broken_one_falls_back_to_defaults():
    policy = ManagerPolicy(refunds="above", refund_above={"HKD": 500}, cancel_payment=True, settings=True,
                           lock_after_tries=3, lockout_minutes=2, idle_lock_minutes=10)
    assert ManagerPolicy.from_dict(policy.to_dict()) == policy
    broken = ManagerPolicy.from_dict({"refunds": "sometimes", "refund_above": {"HKD": -1, "CNY": "x"},
                                      "cancel_payment": "yes", "lock_after_tries": 0})
    assert broken == ManagerPolicy()
    assert ManagerPolicy.from_dict(None) == ManagerPolicy()
