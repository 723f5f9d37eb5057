"""One exception hierarchy for everything the WooshPay client can raise.

The class comes from the HTTP status (docs/api-assumptions.md, A-ERR-STATUS; :func:`error_class`); the
fields ``type``, ``code``, ``message``, ``param``, ``decline_code``, ``doc_url`` are read from an
``{"error": {...}}`` envelope or from the top level (docs/wooshpay-api.md §9: only ``type`` and ``code`` are documented). Messages and bodies never
contain a secret key: what comes from the server passes through :func:`keys.redact_keys` first.
"""

from __future__ import annotations

from typing import Any

from .keys import redact_keys

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
    "TryAgainError",
    "WooshPayError",
    "error_class",
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
        # Whatever built the error, nothing in it may carry a key: text from a server can echo one back.
        message = redact_keys(message)
        super().__init__(message)
        self.message = message
        self.http_status = http_status
        self.type = redact_keys(type)
        self.code = redact_keys(code)
        self.param = redact_keys(param)
        self.request_id = redact_keys(request_id)
        self.body = redact_keys(body)
        self.decline_code = redact_keys(decline_code)
        self.doc_url = redact_keys(doc_url)

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
    """400, 402 and every other 4xx not given a class of its own: the request was refused, finally;
    ``param`` names the offending field if known."""


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


class TryAgainError(APIError):
    """408 or 425 after the last allowed attempt: the server did not take the request now; the outcome
    is treated as unknown, so the same request (same key) may be sent again."""


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


def error_class(status: int, error_type: str | None) -> type[WooshPayError]:
    """The class for an error answer: the HTTP status decides, the ``type`` only refines a refusal."""
    if status >= 500 or status < 400:
        return APIError
    if status == 401:
        return AuthenticationError
    if status == 403:
        return PermissionDeniedError
    if status == 404:
        return NotFoundError
    if status == 409:
        return IdempotencyError
    if status == 429:
        return RateLimitError
    if status in (408, 425):
        return TryAgainError
    # Every other 4xx is a final refusal, whatever ``type`` says (an "api_error" type on a 400 included).
    if error_type == "idempotency_error":
        return IdempotencyError
    if error_type == "card_error":
        return CardError
    return InvalidRequestError
