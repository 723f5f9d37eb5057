"""The WooshPay API client (no Qt): ``Client``, the typed models, the errors, and webhook signatures."""

from . import keys, webhooks
from .client import Client
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
    "WebhookEndpoint",
    "WooshPayError",
    "keys",
    "parse_timestamp",
    "webhooks",
]
