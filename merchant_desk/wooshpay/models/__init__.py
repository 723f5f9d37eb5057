"""Typed, tolerant readers for the objects the API returns.

Tolerant means: unknown fields are kept (``raw`` is the whole object as received), a missing or oddly
typed optional field becomes ``None`` (or an empty container) instead of an error, and the quirks of
docs/wooshpay-api.md §2.2/§2.4 are absorbed here so nothing above has to know them:

- timestamps arrive in milliseconds (WooshPay's own examples) or seconds (Stripe-copied ones);
- ``next_action``, ``payment_method_types``, ``payment_method_options`` and friends may arrive as
  JSON-encoded strings, and ``""`` stands for null;
- ``live_mode`` sometimes duplicates ``livemode`` (and disagrees with it).

Only an object that is unusable (not a JSON object, or without an ``id``) is refused, with ``ModelError``.
The objects are in :mod:`.objects`, lists in :mod:`.lists`; :mod:`.reading` holds the field readers and the
one ``from_dict`` they all use.
"""

from .lists import ListPage
from .objects import (
    FINAL_PAYMENT_INTENT_STATUSES,
    CheckoutSession,
    DeletedObject,
    Event,
    LineItem,
    PaymentIntent,
    Price,
    Product,
    Refund,
    WebhookEndpoint,
)
from .reading import parse_timestamp

__all__ = [
    "FINAL_PAYMENT_INTENT_STATUSES",
    "CheckoutSession",
    "DeletedObject",
    "Event",
    "LineItem",
    "ListPage",
    "PaymentIntent",
    "Price",
    "Product",
    "Refund",
    "WebhookEndpoint",
    "parse_timestamp",
]
