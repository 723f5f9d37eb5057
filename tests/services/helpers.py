"""Building blocks for tests against the real sandbox: a fast-retrying client, intents (paid or not) and
the refunds the server holds for one of them."""

from __future__ import annotations

from merchant_desk.wooshpay import Client
from tests.customer import pay_async


def make_client(sandbox, **kwargs) -> Client:
    options = {"backoff_base": 0.02, "backoff_cap": 0.1}
    options.update(kwargs)
    return Client(sandbox.secret_key, base_url=sandbox.base_url, **options)


async def create_intent(client: Client, amount: int = 1000, currency: str = "PHP"):
    """An Alipay+ intent waiting for the customer (status requires_action, with a cashier page)."""
    return await client.payment_intents.create(
        amount=amount,
        currency=currency,
        confirm=True,
        payment_method_data={"type": "alipayplus"},
        payment_method_options={"alipayplus": {"terminal_type": "WEB"}},
        return_url="https://example.com/return",
    )


# GCash and DANA, the first wallets offered for PHP and IDR, take one refund per payment (merchant_desk.wallets,
# enforced by the sandbox); tests that refund a payment several times pay with a wallet without that rule.
SEVERAL_REFUNDS_WALLET = {"PHP": "BPI", "IDR": "Akulaku PayLater"}


async def paid_intent(client: Client, amount: int = 1000, currency: str = "PHP", wallet: str | None = None):
    intent = await create_intent(client, amount, currency)
    await pay_async(intent, wallet or SEVERAL_REFUNDS_WALLET.get(currency.upper()))
    intent = await client.payment_intents.retrieve(intent.id)
    assert intent.status == "succeeded", intent.raw
    return intent


async def server_refunds(client: Client, intent_id: str) -> list:
    return [r async for r in client.refunds.list_all(payment_intent=intent_id)]
