"""Signing in, PIN lockout and a manager's approval, with the people shared through the ledger (both
engines: two tills on one PostgreSQL ledger share failed tries)."""

from __future__ import annotations

import pytest
import pytest_asyncio

from merchant_desk.ledger import Ledger
from merchant_desk.services.shop.policy import REFUND, SETTINGS, ManagerPolicy
from merchant_desk.services.shop.session import PinRefused, ShopSession, approved


@pytest_asyncio.fixture
async def shop(ledger_url):
    ledger = Ledger.open(ledger_url, till="Front")
    session = ShopSession(ledger, "Front")
    await session.load()
    yield session
    ledger.close()


@pytest.mark.asyncio
async def test_without_people_nothing_is_asked(shop):
    assert not shop.shop_mode
    await shop.save_policy(ManagerPolicy(refunds="always", settings=True))
    assert not shop.needs_approval(REFUND, 100, "HKD")
    assert not shop.needs_approval(SETTINGS)


@pytest.mark.asyncio
async def test_sign_in_and_the_audit_names_the_person_and_the_till(shop):
    await shop.save_person("Ana", "cashier", "1111")
    assert shop.shop_mode
    person = await shop.sign_in("Ana", "1111")
    assert (person.name, person.role, shop.person) == ("Ana", "cashier", person)
    entry = shop.ledger.audit("refund.created", "re_1", account="shop")
    assert (entry.till, entry.person, entry.approver) == ("Front", "Ana", None)
    shop.sign_out()
    assert shop.ledger.audit("x", None, account="shop").person is None
    # no PIN in the ledger, only its hash
    record = shop.ledger.person_record("Ana")
    assert "1111" not in record.pin_hash and record.pin_hash.startswith("scrypt$")


@pytest.mark.asyncio
async def test_wrong_pins_lock_after_the_set_number_of_tries_on_every_till(shop, ledger_url):
    await shop.save_policy(ManagerPolicy(lock_after_tries=3, lockout_minutes=15))
    await shop.save_person("Ana", "cashier", "1111")
    for tries_left in (2, 1):
        with pytest.raises(PinRefused) as refused:
            await shop.sign_in("Ana", "9999")
        assert (refused.value.reason, refused.value.tries_left) == ("wrong", tries_left)
    # the third wrong try is made at another till of the shop: the count is shared
    with Ledger.open(ledger_url, till="Back") as other_ledger:
        other = ShopSession(other_ledger, "Back")
        await other.load()
        with pytest.raises(PinRefused) as locked:
            await other.sign_in("Ana", "9999")
        assert locked.value.reason == "locked" and locked.value.locked_until is not None
    # now even the right PIN is refused, until the lock runs out or a manager sets a new PIN
    with pytest.raises(PinRefused) as still:
        await shop.sign_in("Ana", "1111")
    assert still.value.reason == "locked"
    assert shop.person is None
    await shop.save_person("Ana", "cashier", "2222")
    assert (await shop.sign_in("Ana", "2222")).name == "Ana"


@pytest.mark.asyncio
async def test_a_right_pin_resets_the_count(shop):
    await shop.save_policy(ManagerPolicy(lock_after_tries=2))
    await shop.save_person("Ana", "cashier", "1111")
    with pytest.raises(PinRefused):
        await shop.sign_in("Ana", "0000")
    await shop.sign_in("Ana", "1111")
    with pytest.raises(PinRefused) as refused:
        await shop.sign_in("Ana", "0000")
    assert refused.value.reason == "wrong"


@pytest.mark.asyncio
async def test_an_unknown_name_is_refused(shop):
    await shop.save_person("Ana", "cashier", "1111")
    with pytest.raises(PinRefused) as refused:
        await shop.sign_in("Nobody", "1111")
    assert refused.value.reason == "unknown"


@pytest.mark.asyncio
async def test_a_cashier_needs_a_managers_pin_and_the_audit_names_both(shop):
    await shop.save_policy(ManagerPolicy(refunds="above", refund_above={"HKD": 10000}, settings=True))
    await shop.save_person("Ana", "cashier", "1111")
    await shop.save_person("Mia", "manager", "7777")
    await shop.sign_in("Ana", "1111")
    assert not shop.needs_approval(REFUND, 10000, "HKD")
    assert shop.needs_approval(REFUND, 10001, "HKD")
    assert shop.needs_approval(SETTINGS)
    with pytest.raises(PinRefused) as not_manager:
        await shop.approve("Ana", "1111", REFUND)
    assert not_manager.value.reason == "not_manager"
    with pytest.raises(PinRefused) as wrong:
        await shop.approve("Mia", "0000", REFUND)
    assert wrong.value.reason == "wrong"
    approval = await shop.approve("Mia", "7777", REFUND)
    with approved(approval):
        entry = shop.ledger.audit("refund.created", "re_1", account="shop")
    assert (entry.till, entry.person, entry.approver) == ("Front", "Ana", "Mia")
    assert shop.ledger.audit("x", None, account="shop").approver is None  # only inside the block
    [row] = shop.ledger.audit_entries(person="Mia")
    assert row.id == entry.id
    # a manager needs nobody's approval
    shop.sign_out()
    await shop.sign_in("Mia", "7777")
    assert not shop.needs_approval(REFUND, 10**9, "HKD")
