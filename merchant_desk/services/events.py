"""Events: the one list of event types the app knows, and reading the account's events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from merchant_desk.wooshpay import Event

if TYPE_CHECKING:
    from merchant_desk.wooshpay import Client

# §0 and §10.4: the event types WooshPay shows, plus the two checkout events (likely as Stripe).
WEBHOOK_EVENT_TYPES: tuple[str, ...] = (
    "payment_intent.created",
    "payment_intent.succeeded",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
    "payment_intent.requires_action",
    "charge.refund.updated",
    "checkout.session.completed",
    "checkout.session.expired",
)
# Types an event list may hold besides those an endpoint subscribes to by name.
OTHER_EVENT_TYPES: tuple[str, ...] = ("charge.dispute.updated", "setup_intent.created", "setup_intent.succeeded")
EVENT_TYPES: tuple[str, ...] = (*WEBHOOK_EVENT_TYPES, *OTHER_EVENT_TYPES)
ALL_EVENTS = "*"  # every event type; likely as Stripe, the sandbox accepts it
DEFAULT_EVENTS: tuple[str, ...] = (
    "payment_intent.created", "payment_intent.succeeded", "payment_intent.payment_failed", "charge.refund.updated",
)  # the §0 example


@dataclass(frozen=True)
class EventPage:
    events: list[Event]  # newest first, only the wanted type
    has_more: bool
    # The last object the server sent, kept or not, so that a page of other types still moves on.
    cursor: str | None


class EventService:
    def __init__(self, client: Client) -> None:
        self.client = client

    async def list_page(self, *, event_type: str | None = None, starting_after: str | None = None,
                        limit: int = 50) -> EventPage:
        filters: dict[str, object] = {"limit": limit}
        if event_type:
            filters["type"] = event_type  # likely as Stripe; filtered here again in case it is ignored
        if starting_after:
            filters["starting_after"] = starting_after
        page = await self.client.events.list(**filters)
        events = [e for e in page.data if not event_type or e.type == event_type]
        events.sort(key=lambda e: (e.created is not None, e.created), reverse=True)
        return EventPage(events, bool(page.has_more), page.data[-1].id if page.data else None)
