"""The paying wallet read from an intent however the server shows it, and a second partial refund refused
before sending where the wallet's published rule forbids it (unknown rules: allowed)."""

from __future__ import annotations

import httpx
import pytest

from merchant_desk.ledger import Ledger
from merchant_desk.services.refunds import RefundService
from merchant_desk.services.wallet_rules import WalletRuleRefusal, paying_wallet
from merchant_desk.wooshpay import PaymentIntent
from tests.services.helpers import make_client, paid_intent, server_refunds

ACCOUNT = "Sandbox"


def intent(**fields) -> PaymentIntent:
    return PaymentIntent.from_dict({"id": "pi_1", "object": "payment_intent", "amount": 1000, "currency": "IDR",
                                    "status": "succeeded", **fields})


@pytest.mark.parametrize(
    ("fields", "wallet"),
    [
        ({"wallet": "DANA"}, "DANA"),
        ({"payment_method_details": {"type": "alipayplus", "alipayplus": {"wallet": "GCash"}}}, "GCash"),
        ({"payment_method_details": {"type": "dana"}}, "dana"),
        ({"latest_charge": {"payment_method_details": {"wallet": "Alipay"}}}, "Alipay"),
        ({"payment_method_types": ["gcash"]}, "gcash"),
        ({"payment_method_types": ["alipayplus"]}, None),
        ({"latest_charge": "ch_1", "payment_method_details": "garbage"}, None),
        ({}, None),
    ],
)
def test_the_paying_wallet_is_read_from_any_known_shape(fields, wallet):
    assert paying_wallet(intent(**fields)) == wallet


async def dana_payment(sandbox, client, amount: int = 10000):
    created = await client.payment_intents.create(
        amount=amount, currency="IDR", confirm=True, payment_method_types=["dana"],
        payment_method_data={"type": "dana"}, payment_method_options={"dana": {"terminal_type": "WEB"}},
        return_url="https://example.com/return",
    )
    async with httpx.AsyncClient(timeout=10) as http:
        answer = await http.post(f"{sandbox.base_url}/_sandbox/payment_intents/{created.id}/pay", json={"wallet": "DANA"})
        assert answer.status_code == 200, answer.text
    return await client.payment_intents.retrieve(created.id)


@pytest.mark.asyncio
async def test_dana_refuses_a_second_refund_before_anything_is_sent(fresh_sandbox):
    with Ledger(":memory:") as ledger:
        async with make_client(fresh_sandbox) as client:
            paid = await dana_payment(fresh_sandbox, client)
            assert paying_wallet(paid) is not None
            service = RefundService(client, ledger, ACCOUNT)
            first = await service.refund(paid, 3000, "requested_by_customer")
            with pytest.raises(WalletRuleRefusal) as refused:
                await service.refund(paid, None, "requested_by_customer")  # not even the whole remainder
            assert refused.value.rule.wallet == "DANA" and "one refund per payment" in str(refused.value)
            assert [r.id for r in await server_refunds(client, paid.id)] == [first.id]
            assert len(ledger.entries(ACCOUNT)) == 1


@pytest.mark.asyncio
async def test_a_wallet_without_a_published_rule_may_refund_twice(fresh_sandbox):
    with Ledger(":memory:") as ledger:
        async with make_client(fresh_sandbox) as client:
            paid = await paid_intent(client, 1000, "HKD")
            service = RefundService(client, ledger, ACCOUNT)
            await service.refund(paid, 300, "requested_by_customer")
            await service.refund(paid, 200, "requested_by_customer")
            assert sorted(r.amount for r in await server_refunds(client, paid.id)) == [200, 300]
