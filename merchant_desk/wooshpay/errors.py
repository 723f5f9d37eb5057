"""One exception hierarchy for everything the WooshPay client can raise.

The envelope ``{"error": {"type", "code", "message", "param", "decline_code", "doc_url"}}`` is likely as
Stripe (wooshpay-api.md §9: only ``type`` and ``code`` were readable). Messages never contain a secret key:
text that comes from the server passes through :func:`keys.redact_keys` first.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "APIError",
    "AuthenticationError",
    "CardError",
    "IdempotencyError",
    "InsecureTransportError",
    "InvalidRequestError",
    "MalformedResponseError",
    "ModelError",
    "NetworkError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "WooshPayError",
]


class WooshPayError(Exception):
    """Base of every client error. ``str(error)`` is a message fit to show a user."""

    def __init__(
        self,
        message: str,
        *,
        http_status: int | None = None,
        type: str | None = None,
        code: str | None = None,
        param: str | None = None,
        request_id: str | None = None,
        body: Any = None,
        decline_code: str | None = None,
        doc_url: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.http_status = http_status
        self.type = type
        self.code = code
        self.param = param
        self.request_id = request_id
        self.body = body
        self.decline_code = decline_code
        self.doc_url = doc_url

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        parts = [repr(self.message)]
        for name in ("http_status", "type", "code", "param", "request_id"):
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(parts)})"


class AuthenticationError(WooshPayError):
    """401: the key is missing, wrong or revoked."""


class PermissionDeniedError(WooshPayError):
    """403: the key may not do this."""


class InvalidRequestError(WooshPayError):
    """400, 402 and other 4xx: the request was refused; ``param`` names the offending field if known."""


class CardError(InvalidRequestError):
    """``type: card_error``: the payment method was declined (``decline_code`` says why, likely as Stripe)."""


class NotFoundError(WooshPayError):
    """404: no such object, or no such URL."""


class IdempotencyError(WooshPayError):
    """409 or ``idempotency_error``: the key was reused with other parameters, or is still in flight."""


class RateLimitError(WooshPayError):
    """429 after the last allowed attempt."""


class APIError(WooshPayError):
    """5xx or ``api_error``: the server had a problem; the request may or may not have taken effect."""


class MalformedResponseError(APIError):
    """The answer was not JSON, or not the shape the API promises."""


class NetworkError(WooshPayError):
    """No answer: the connection failed, broke, or timed out. ``tls`` is True for TLS failures,
    ``timeout`` for a server that did not answer in time."""

    def __init__(self, message: str, *, tls: bool = False, timeout: bool = False, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.tls = tls
        self.timeout = timeout


class InsecureTransportError(WooshPayError):
    """A live key would have gone over plain http; raised before any request is made."""


class ModelError(WooshPayError):
    """A model could not be read from the given data."""
