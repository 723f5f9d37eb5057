"""Events (§7.1): one per state change, stored, listable, and queued for every subscribed endpoint."""

from __future__ import annotations

import time
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any

from .encoded import to_json
from .ids import new_id
from .store import Store

API_VERSION = "1.0.1"

# §10.4: the names seen in WooshPay's pages, then the ones that are likely as Stripe.
EVENT_TYPES = (
    "payment_intent.created",
    "payment_intent.requires_action",
    "payment_intent.succeeded",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
    "payment_intent.processing",
    "payment_intent.amount_capturable_updated",
    "charge.refund.updated",
    "charge.dispute.updated",
    "charge.succeeded",
    "charge.refunded",
    "charge.captured",
    "charge.dispute.created",
    "charge.dispute.closed",
    "checkout.session.completed",
    "checkout.session.expired",
    "setup_intent.created",
    "setup_intent.succeeded",
    "setup_intent.setup_failed",
)


class EventBus:
    def __init__(self, store: Store, on_enqueued: Callable[[], None] = lambda: None) -> None:
        self.store = store
        self.on_enqueued = on_enqueued

    def emit(
        self, event_type: str, obj: dict[str, Any], request: dict[str, Any] | None, *, obj_text: str | None = None
    ) -> dict[str, Any]:
        """Store the event and queue its deliveries; call inside the transaction that made the change.
        ``obj_text``: the JSON of ``obj`` when the caller has it already (it is the snapshot then)."""
        endpoints = [
            ep
            for ep in self.store.all_cached("webhook_endpoint")
            if ep.get("status") == "enabled"
            and ("*" in ep.get("enabled_events", []) or event_type in ep.get("enabled_events", []))
        ]
        event = {
            "id": new_id("evt"),
            "object": "event",
            "api_version": API_VERSION,
            "created": self.store.now_ms(),
            "data": {"object": obj},
            "livemode": False,
            "pending_webhooks": len(endpoints),
            "request": request or {"id": None, "idempotency_key": None},
            "type": event_type,
        }
        # The object's JSON goes into the event's as it is; otherwise put() encodes the event at once, which
        # is the snapshot (no copy needed).
        self.store.put("event", event, ref=event_type, text=None if obj_text is None else _event_text(event, obj_text))
        if endpoints:
            now = time.time()
            for endpoint in endpoints:
                self.store.enqueue_delivery(event["id"], endpoint["id"], now)
            self.on_enqueued()
        return event


def _event_text(event: dict[str, Any], obj_text: str) -> str:
    """The JSON of ``event`` (keys in the order :meth:`EventBus.emit` builds them) around ``obj_text``."""
    return (
        f'{{"id":{encode_basestring(event["id"])},"object":"event",'
        f'"api_version":{encode_basestring(event["api_version"])},"created":{int(event["created"])},'
        f'"data":{{"object":{obj_text}}},"livemode":false,"pending_webhooks":{int(event["pending_webhooks"])},'
        f'"request":{to_json(event["request"])},"type":{encode_basestring(event["type"])}}}'
    )
