"""A cashier's refund above the threshold is not sent without a manager's PIN; wrong manager PINs lock
after the set number of tries; the audit row names cashier, approver and till. Real sandbox, both engines."""

from __future__ import annotations

import pytest
import pytest_asyncio

from merchant_desk.ledger import Ledger
from merchant_desk.services.refunds import RefundService
from merchant_desk.services.shop.guard import ApprovalRequired, gate_for
from merchant_desk.services.shop.policy import REFUND, ManagerPolicy
from merchant_desk.services.shop.session import PinRefused, ShopSession, approved
from tests.services.helpers import make_client, paid_intent, server_refunds

ACCOUNT = "Sandbox"


@pytest_asyncio.fixture
async def client(sandbox):
    async with make_client(sandbox) as c:
        yield c


@pytest_asyncio.fixture
async def shop(ledger_url):
    ledger = Ledger.open(ledger_url, till="Front till")
    session = ShopSession(ledger, "Front till")
    await session.load()
    await session.save_policy(ManagerPolicy(refunds="above", refund_above={"PHP": 500}, lock_after_tries=3))
    await session.save_person("Ana", "cashier", "1111")
    await session.save_person("Mia", "manager", "7777")
    await session.sign_in("Ana", "1111")
    yield session
    ledger.close()


@pytest.fixture
def refunds(client, shop):
    service = RefundService(client, shop.ledger, ACCOUNT)
    service.gate = gate_for(shop)
    return service


@pytest.mark.asyncio
async def test_a_cashiers_refund_above_the_threshold_needs_a_managers_pin(client, shop, refunds):
    intent = await paid_intent(client, amount=1000, currency="PHP")
    with pytest.raises(ApprovalRequired) as needed:
        await refunds.refund(intent.id, 800)
    assert (needed.value.action, needed.value.amount_minor, needed.value.currency) == (REFUND, 800, "PHP")
    assert await server_refunds(client, intent.id) == []
    assert shop.ledger.entries(ACCOUNT, kind="refund") == []  # not even written
    # an approver who is not a manager does not count
    with approved(await _fake_approval("Ana")):
        with pytest.raises(ApprovalRequired):
            await refunds.refund(intent.id, 800)

    approval = await shop.approve("Mia", "7777", REFUND)
    with approved(approval):
        refund = await refunds.refund(intent.id, 800)
    assert [r.id for r in await server_refunds(client, intent.id)] == [refund.id]
    [row] = shop.ledger.audit_entries(action="refund.created")
    assert (row.object_id, row.till, row.person, row.approver) == (refund.id, "Front till", "Ana", "Mia")
    # at or below the threshold a cashier refunds alone
    small = await refunds.refund(intent.id, 200)
    assert shop.ledger.audit_entries(action="refund.created")[0].object_id == small.id
    assert shop.ledger.audit_entries(action="refund.created")[0].approver is None


async def _fake_approval(name: str):
    from merchant_desk.services.shop.session import Approval

    return Approval(name, REFUND)


@pytest.mark.asyncio
async def test_wrong_manager_pins_lock_after_the_set_number_of_tries(client, shop, refunds):
    intent = await paid_intent(client, amount=1000, currency="PHP")
    for _ in range(2):
        with pytest.raises(PinRefused) as wrong:
            await shop.approve("Mia", "0000", REFUND)
        assert wrong.value.reason == "wrong"
    with pytest.raises(PinRefused) as locked:
        await shop.approve("Mia", "0000", REFUND)
    assert locked.value.reason == "locked"
    with pytest.raises(PinRefused) as still:
        await shop.approve("Mia", "7777", REFUND)  # the right PIN, too late
    assert still.value.reason == "locked"
    with pytest.raises(ApprovalRequired):
        await refunds.refund(intent.id, 800)
    assert await server_refunds(client, intent.id) == []


@pytest.mark.asyncio
async def test_without_people_the_gate_asks_nothing(client, ledger_url):
    with Ledger.open(ledger_url, till="Only till") as ledger:
        session = ShopSession(ledger, "Only till")
        await session.load()
        await session.save_policy(ManagerPolicy(refunds="always"))
        service = RefundService(client, ledger, ACCOUNT)
        service.gate = gate_for(session)
        intent = await paid_intent(client, amount=1000, currency="PHP")
        refund = await service.refund(intent.id, None)
        [row] = ledger.audit_entries(action="refund.created")
        assert (row.object_id, row.person, row.approver) == (refund.id, None, None)
