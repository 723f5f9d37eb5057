"""The account's change feed: every request the outbox completes is published once, with the payment it
concerns, so pages can follow what happened without asking each other."""

from __future__ import annotations

import pytest
import pytest_asyncio

from merchant_desk.ledger import Ledger
from merchant_desk.services.changes import Change, ChangeFeed
from merchant_desk.services.session import AccountSession
from tests.customer import pay_async
from tests.services.helpers import make_client


@pytest_asyncio.fixture
async def session(fresh_sandbox):
    # A sandbox of its own: the endpoint made here must not slow the shared sandbox's webhook deliveries.
    async with make_client(fresh_sandbox) as client:
        with Ledger(":memory:") as ledger:
            yield AccountSession("Sandbox", "sandbox", fresh_sandbox.base_url, client, ledger,
                                 fresh_sandbox.public_url)


@pytest.mark.asyncio
async def test_payments_refunds_and_endpoints_are_published(session):
    seen: list[Change] = []
    stop = session.changes.subscribe(seen.append)
    intent = await session.payments.create_payment(1000, "HKD")
    await pay_async(intent)
    refund = await session.refunds.refund(intent.id, 300, "requested_by_customer")
    endpoint = await session.webhooks.create("https://example.com/hooks", ["*"])
    canceled = await session.payments.create_payment(500, "HKD")
    await session.payments.cancel(canceled.id, "abandoned")
    stop()
    await session.payments.create_payment(700, "HKD")  # after unsubscribing: not seen
    assert seen == [
        Change("payment_intent", "created", intent.id, intent.id),
        Change("refund", "created", refund.id, intent.id),
        Change("webhook_endpoint", "created", endpoint.id, None),
        Change("payment_intent", "created", canceled.id, canceled.id),
        Change("payment_intent", "canceled", canceled.id, canceled.id),
    ]


def test_a_failing_listener_does_not_stop_the_others():
    feed = ChangeFeed()
    seen: list[Change] = []

    def broken(change: Change) -> None:
        raise RuntimeError("boom")

    feed.subscribe(broken)
    feed.subscribe(seen.append)
    feed.publish(Change("event", "received"))
    assert seen == [Change("event", "received")]
