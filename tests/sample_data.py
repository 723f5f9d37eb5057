"""A merchant's day on the sandbox, made through the app's own services (so the ledger and the audit log
hold it too): payments in every state a person meets, refunds, a checkout session, webhook endpoints and
the events all of this caused. Used by the walk tests of the GUI and by ``scripts/screenshots``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from merchant_desk.services.checkout import LineItemInput
from tests.customer import decline_async, pay_async


@dataclass
class SampleData:
    payments: dict[str, Any] = field(default_factory=dict)  # what it shows -> PaymentIntent
    refunds: list[Any] = field(default_factory=list)
    session: Any = None
    endpoints: list[Any] = field(default_factory=list)
    item_name: str = ""  # a line item's name in the merchant's language, for forms filled in later


# What a merchant types (descriptions, notes, line items) is the merchant's own text, in the merchant's
# language: the Chinese walk must not meet English that the app did not write.
_TYPED = {
    "en": ["Two flat whites", "Kopi susu", "Gift card, printed", "Wrong size", "Dinner for two", "Phone case",
           "Parking", "Afternoon tea", "Pineapple bun", "Milk tea", "Shop back end", "Accounting"],
    "zh_CN": ["两杯白咖啡", "咖啡牛奶", "礼品卡", "尺码不对", "双人晚餐", "手机壳", "停车费", "下午茶", "菠萝包",
              "奶茶", "网店后台", "财务"],
}


async def seed(ctx: Any, lang: str = "en") -> SampleData:
    """Fill the account of ``ctx`` (a sandbox) with one of everything; returns what was made. ``lang``:
    the language of what the merchant typed ("en" or "zh_CN")."""
    (coffee, kopi, gift, wrong_size, dinner, case, parking, tea, bun, milk_tea, shop, accounting) = _TYPED[lang]
    data = SampleData(item_name=milk_tea)
    payments = ctx.payments

    async def paid(amount: int, currency: str, description: str, order: str, wallet: str | None = None) -> Any:
        intent = await payments.create_payment(amount, currency, description=description, merchant_order_id=order)
        await pay_async(intent, wallet)
        return await ctx.client.payment_intents.retrieve(intent.id)

    data.payments["paid"] = await paid(750, "CNY", coffee, "ORD-2026-0001")
    data.payments["paid_idr"] = await paid(15000, "IDR", kopi, "ORD-2026-0002")
    partly = await paid(12000, "HKD", gift, "ORD-2026-0003", "AlipayHK")
    data.refunds.append(await ctx.refunds.refund(partly, 3000, "requested_by_customer", wrong_size))
    data.payments["partially_refunded"] = partly
    whole = await paid(45000, "THB", dinner, "ORD-2026-0004")
    data.refunds.append(await ctx.refunds.refund(whole, 45000, "duplicate"))
    data.payments["refunded"] = whole
    failed = await payments.create_payment(2599, "PHP", description=case, merchant_order_id="ORD-2026-0005")
    await decline_async(failed)
    data.payments["failed"] = await ctx.client.payment_intents.retrieve(failed.id)
    canceled = await payments.create_payment(990, "MYR", description=parking, merchant_order_id="ORD-2026-0006")
    data.payments["canceled"] = await payments.cancel(canceled.id, "requested_by_customer")
    data.payments["waiting"] = await payments.create_payment(
        1850, "GBP", description=tea, merchant_order_id="ORD-2026-0007"
    )

    data.session = await ctx.checkout.create(
        "HKD",
        [LineItemInput(bun, 1200, 2), LineItemInput(milk_tea, 2800, 1)],
        "https://shop.example.com/thanks",
        "https://shop.example.com/cart",
    )
    for url, events, description in (
        ("https://shop.example.com/hooks/wooshpay", ["*"], shop),
        ("https://erp.example.com/payments/wooshpay-events", ["payment_intent.succeeded", "charge.refunded"],
         accounting),
    ):
        data.endpoints.append(await ctx.webhooks.create(url, events, description))
    return data
