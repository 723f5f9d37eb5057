"""A merchant's day on the sandbox, made through the app's own services (so the ledger and the audit log
hold it too): payments in every state a person meets, refunds, a checkout session, webhook endpoints and
the events all of this caused. Used by the walk tests of the GUI and by ``scripts/screenshots``."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from merchant_desk.services.checkout import LineItemInput, create_session, session_body
from merchant_desk.services.webhook_endpoints import create_endpoint, endpoint_body
from tests.customer import decline_async, pay_async


@dataclass
class SampleData:
    payments: dict[str, Any] = field(default_factory=dict)  # what it shows -> PaymentIntent
    refunds: list[Any] = field(default_factory=list)
    session: Any = None
    endpoints: list[Any] = field(default_factory=list)


async def seed(ctx: Any) -> SampleData:
    """Fill the account of ``ctx`` (a sandbox) with one of everything; returns what was made."""
    data = SampleData()
    payments = ctx.payments

    async def paid(amount: int, currency: str, description: str, order: str, wallet: str | None = None) -> Any:
        intent = await payments.create_payment(amount, currency, description=description, merchant_order_id=order)
        await pay_async(intent, wallet)
        return await ctx.client.payment_intents.retrieve(intent.id)

    data.payments["paid"] = await paid(750, "CNY", "Two flat whites", "ORD-2026-0001")
    data.payments["paid_idr"] = await paid(15000, "IDR", "Kopi susu", "ORD-2026-0002")
    partly = await paid(12000, "HKD", "Gift card, printed", "ORD-2026-0003", "AlipayHK")
    data.refunds.append(await ctx.refunds.refund(partly, 3000, "requested_by_customer", "Wrong size"))
    data.payments["partially_refunded"] = partly
    whole = await paid(45000, "THB", "Dinner for two", "ORD-2026-0004")
    data.refunds.append(await ctx.refunds.refund(whole, 45000, "duplicate"))
    data.payments["refunded"] = whole
    failed = await payments.create_payment(2599, "PHP", description="Phone case", merchant_order_id="ORD-2026-0005")
    await decline_async(failed)
    data.payments["failed"] = await ctx.client.payment_intents.retrieve(failed.id)
    canceled = await payments.create_payment(990, "MYR", description="Parking", merchant_order_id="ORD-2026-0006")
    data.payments["canceled"] = await payments.cancel(canceled.id, "requested_by_customer")
    data.payments["waiting"] = await payments.create_payment(
        1850, "GBP", description="Afternoon tea", merchant_order_id="ORD-2026-0007"
    )

    body = session_body(
        "HKD",
        [LineItemInput("Pineapple bun", 1200, 2), LineItemInput("Milk tea", 2800, 1)],
        "https://shop.example.com/thanks",
        "https://shop.example.com/cart",
    )
    data.session = await create_session(ctx.client, ctx.ledger, ctx.name, body, str(uuid.uuid4()))

    for url, events, description in (
        ("https://shop.example.com/hooks/wooshpay", ["*"], "Shop back end"),
        ("https://erp.example.com/payments/wooshpay-events", ["payment_intent.succeeded", "charge.refunded"],
         "Accounting"),
    ):
        body = endpoint_body(url, events, description, "")
        data.endpoints.append(await create_endpoint(ctx.client, ctx.ledger, ctx.name, body, str(uuid.uuid4())))
    return data
