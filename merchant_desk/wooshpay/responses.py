"""Reading the server's answers: a success into a dict, anything else into the error that says what it
means (the class from :func:`errors.error_class`, the details from the body), all free of keys."""

from __future__ import annotations

import html
import math
import re
import ssl
from typing import TYPE_CHECKING, Any

from .errors import APIError, MalformedResponseError, TryAgainError, WooshPayError, error_class
from .keys import redact_keys

if TYPE_CHECKING:
    import httpx

__all__ = ["RETRYABLE_4XX", "RETRIED_4XX", "error_from_response", "excerpt_of", "is_tls_failure", "parse_success",
           "request_id_of", "retry_after_seconds"]

_EXCERPT_LENGTH = 200
_MESSAGE_LENGTH = 500


def excerpt_of(text: str, *, limit: int = _EXCERPT_LENGTH) -> str:
    """A short, single-line, key-free piece of a response body for an error message."""
    # Redacted before the final cut, so that a cut cannot leave a piece of a key that no longer looks like one;
    # the first cut only keeps a huge body from being scanned whole (any key is far shorter than the margin).
    flat = redact_keys(" ".join(text[: (limit + 512) * 4].split())[: limit + 512])
    if len(flat) > limit:
        flat = flat[:limit] + "…"
    return flat


def _as_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None



# 4xx answers that say "not now" rather than "no": the request may be sent again with the same key.
RETRYABLE_4XX = frozenset({408, 409, 425, 429})
# Of those, the ones worth another attempt at once; a 409 (same key still in flight) is left to the outbox.
RETRIED_4XX = frozenset({408, 425, 429})
_TAGS = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_SKIPPED_ELEMENTS = re.compile(r"<(script|style|head)[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_ERROR_FIELDS = ("type", "code", "message", "param", "decline_code", "doc_url")


def request_id_of(response: httpx.Response) -> str | None:
    return response.headers.get("Request-Id") or response.headers.get("X-Request-Id") or None


def _error_fields(body: Any) -> dict[str, Any] | None:
    """The error object of an answer: the ``{"error": {...}}`` envelope, else the fields at top level."""
    if not isinstance(body, dict):
        return None
    envelope = body.get("error")
    if isinstance(envelope, dict):
        return envelope
    if isinstance(envelope, str) and envelope.strip():
        return {"message": envelope}
    if any(isinstance(body.get(name), str) for name in _ERROR_FIELDS):
        return body
    return None


def _readable_text(response: httpx.Response) -> str:
    """A short, key-free line of a body that is not an error object: an HTML page's title, else its text."""
    try:
        # The start of a page says what it is; a huge body is not worth scanning to the end.
        text = response.text[:65536]
    except (UnicodeDecodeError, LookupError):
        return ""
    if "<" in text and ">" in text:
        title = _TITLE.search(text)
        text = title.group(1) if title and title.group(1).strip() else _TAGS.sub(" ", _SKIPPED_ELEMENTS.sub(" ", text))
        text = html.unescape(text)
    return excerpt_of(text)


def error_from_response(response: httpx.Response) -> WooshPayError:
    """The exception for a non-2xx answer.

    The HTTP status decides what it means (a 4xx other than 408/409/425/429 is a final refusal, a 5xx an
    unknown outcome), whoever wrote the body: WooshPay, a proxy or a load balancer. The details come from the
    ``{"error": {...}}`` envelope, from the same fields at top level, or from the body's text.
    """
    status = response.status_code
    request_id = request_id_of(response)
    try:
        body: Any = response.json()
    except (ValueError, UnicodeDecodeError):
        body = None
    fields = _error_fields(body)
    if fields is None:
        excerpt = _readable_text(response)
        cls = error_class(status, None)
        if cls is APIError or cls is TryAgainError:
            what = f"The server had a problem (HTTP {status})"
        else:
            what = f"The server refused the request (HTTP {status})"
        return cls(
            f"{what}: {excerpt}" if excerpt else f"{what}, without details.",
            http_status=status,
            request_id=request_id,
            body=excerpt or None,
        )
    error_type = _as_str(fields.get("type"))
    code = _as_str(fields.get("code"))
    message = _as_str(fields.get("message"))
    text = excerpt_of(message, limit=_MESSAGE_LENGTH) if message else (
        f"WooshPay answered HTTP {status} ({code or error_type or 'no details'})."
    )
    return error_class(status, error_type)(
        text,
        http_status=status,
        type=error_type,
        code=code,
        param=_as_str(fields.get("param")),
        request_id=request_id,
        body=redact_keys(body),
        decline_code=_as_str(fields.get("decline_code")),
        doc_url=_as_str(fields.get("doc_url")),
    )


def parse_success(response: httpx.Response) -> dict[str, Any]:
    if response.status_code == 204:
        return {}
    try:
        body = response.json()
    except (ValueError, UnicodeDecodeError):
        excerpt = excerpt_of(response.text)
        raise MalformedResponseError(
            f"The server answered HTTP {response.status_code} with a body that is not JSON: {excerpt or '(empty)'}",
            http_status=response.status_code,
            request_id=request_id_of(response),
            body=excerpt or None,
        ) from None
    if not isinstance(body, dict):
        raise MalformedResponseError(
            f"The server answered HTTP {response.status_code} with JSON {type(body).__name__}, not an object: "
            f"{excerpt_of(response.text)}",
            http_status=response.status_code,
            request_id=request_id_of(response),
            body=redact_keys(body),
        )
    return body


def is_tls_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            break
        if isinstance(seen, (ssl.SSLError, ssl.CertificateError)):
            return True
        seen = seen.__cause__ or seen.__context__
    text = str(exc)
    return "CERTIFICATE_VERIFY_FAILED" in text or "[SSL" in text


def retry_after_seconds(response: httpx.Response) -> float | None:
    """``Retry-After`` in seconds (the only form documented, §9); an HTTP date is ignored."""
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None
