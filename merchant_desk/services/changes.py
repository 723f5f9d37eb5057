"""What changed on an account while the app was open, for whoever shows it: a small publish/subscribe feed.

Every mutating request the outbox completes is published (a payment made or canceled, a refund sent, a
checkout session or webhook endpoint created...), and so is a webhook the local inspector received and a
reconciliation that settled requests of an earlier run. Pages subscribe instead of asking each other to
reload. Listeners run synchronously on the publisher's thread (the GUI's event loop thread in the app)
and must not block; a failing listener is logged and the others still run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    kind: str  # the object: "payment_intent", "refund", "checkout_session", "webhook_endpoint", "event", "outbox"
    action: str  # "created", "canceled", "expired", "deleted", "received", "resolved", …
    object_id: str | None = None
    payment_intent: str | None = None  # the payment it concerns (a refund's, an event's), if any


def change_from_response(audit_action: str, response: object) -> Change:
    """The change an outbox entry made, from its audit action ("refund.created") and the server's answer."""
    kind, _, action = audit_action.rpartition(".")
    obj = response if isinstance(response, Mapping) else {}
    object_id = obj.get("id") if isinstance(obj.get("id"), str) else None
    intent = obj.get("payment_intent")
    if kind == "payment_intent":
        intent = object_id
    return Change(kind or audit_action, action, object_id, intent if isinstance(intent, str) else None)


class ChangeFeed:
    def __init__(self) -> None:
        self._listeners: list[Callable[[Change], None]] = []

    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        """Call ``listener`` with every change from now on; returns the function that stops it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def publish(self, change: Change) -> None:
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:
                log.exception("A listener of %s.%s failed", change.kind, change.action)
