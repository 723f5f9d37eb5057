"""The error envelope of docs/wooshpay-api.md §9: ``{"error": {"type", "code", "message", "param"}}``.

Codes beyond ``type`` and ``code`` are likely as Stripe (``parameter_missing``, ``resource_missing``,
``payment_intent_unexpected_state`` ...); ``parameter_invalid`` and ``parameter_invalid_enum`` are the
sandbox's own names for "present but wrong".
"""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        message: str,
        *,
        type: str = "invalid_request_error",
        code: str | None = None,
        param: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type
        self.code = code
        self.param = param
        self.headers = headers or {}

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
