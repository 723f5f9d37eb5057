"""The WooshPay API client (no Qt): ``Client``, the typed models, the errors, and webhook signatures.

``Client`` (and httpx behind it) is imported on first use: code that only needs the keys, errors or models
(the window's frame, the services' pure rules) does not pay for the HTTP stack.
"""

from typing import TYPE_CHECKING, Any

from . import keys, webhooks
from .errors import (
    APIError,
    AuthenticationError,
    CardError,
    IdempotencyError,
    InsecureTransportError,
    InvalidRequestError,
    MalformedResponseError,
    ModelError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    TryAgainError,
    WooshPayError,
)
from .models import (
    CheckoutSession,
    DeletedObject,
    Event,
    LineItem,
    ListPage,
    PaymentIntent,
    Price,
    Product,
    Refund,
    WebhookEndpoint,
    parse_timestamp,
)
from .webhooks import SignatureVerificationError

if TYPE_CHECKING:
    from .client import Client


def __getattr__(name: str) -> Any:
    if name == "Client":
        from .client import Client

        return Client
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "APIError",
    "AuthenticationError",
    "CardError",
    "CheckoutSession",
    "Client",
    "DeletedObject",
    "Event",
    "IdempotencyError",
    "InsecureTransportError",
    "InvalidRequestError",
    "LineItem",
    "ListPage",
    "MalformedResponseError",
    "ModelError",
    "NetworkError",
    "NotFoundError",
    "PaymentIntent",
    "PermissionDeniedError",
    "Price",
    "Product",
    "RateLimitError",
    "Refund",
    "SignatureVerificationError",
    "TryAgainError",
    "WebhookEndpoint",
    "WooshPayError",
    "keys",
    "parse_timestamp",
    "webhooks",
]
