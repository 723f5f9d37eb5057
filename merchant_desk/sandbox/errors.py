"""The error envelope of docs/wooshpay-api.md §9: ``{"error": {"type", "code", "message", "param"}}``.

Codes beyond ``type`` and ``code`` are likely as Stripe (``parameter_missing``, ``resource_missing``,
``payment_intent_unexpected_state`` ...); ``parameter_invalid`` and ``parameter_invalid_enum`` are the
sandbox's own names for "present but wrong".
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, field
from typing import Any


@dataclass(eq=False)  # compared and hashed by identity, as exceptions are
class ApiError(Exception):
    """A refusal as the API answers it: the HTTP status, the envelope's fields, and extra headers."""

    status: int
    message: str
    _: KW_ONLY
    type: str = "invalid_request_error"
    code: str | None = None
    param: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def body(self) -> dict[str, Any]:
        return {"error": {"type": self.type, "code": self.code, "message": self.message, "param": self.param}}


def missing(param: str) -> ApiError:
    return ApiError(400, f"Missing required param: {param}.", code="parameter_missing", param=param)


def invalid(param: str, message: str, code: str = "parameter_invalid") -> ApiError:
    return ApiError(400, message, code=code, param=param)


def not_found(kind: str, object_id: str, param: str | None = None, status: int = 404) -> ApiError:
    return ApiError(status, f"No such {kind}: '{object_id}'", code="resource_missing", param=param)


def unexpected_state(message: str, param: str | None = None) -> ApiError:
    return ApiError(400, message, code="payment_intent_unexpected_state", param=param)
