"""The HTTP side of the WooshPay client: authentication, retries with backoff, and turning answers into
dicts or errors. Resource methods live in :mod:`.resources`.

Transport facts are from wooshpay-api.md §1: HTTP Basic with the secret key as user name and an empty
password, JSON bodies, ``Accept: application/json``. The ``Idempotency-Key`` header, the error envelope and
the ``Request-Id`` header are likely as Stripe.
"""

from __future__ import annotations

import asyncio
import logging
import math
import random as _random
import ssl
import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any, Self, cast
from urllib.parse import urlsplit

import httpx

from .errors import (
    APIError,
    AuthenticationError,
    CardError,
    IdempotencyError,
    InsecureTransportError,
    InvalidRequestError,
    MalformedResponseError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    WooshPayError,
)
from .keys import base_url_for, key_mode, mask_key, redact_keys
from .resources import (
    CheckoutSessions,
    Events,
    PaymentIntents,
    Refunds,
    WebhookEndpoints,
)

__all__ = ["Client", "encode_query", "error_from_response"]

log = logging.getLogger("merchant_desk.wooshpay")

# A server asking us to wait longer than this is not going to be waited for inside one click.
MAX_RETRY_AFTER = 60.0
_EXCERPT_LENGTH = 200


def _user_agent() -> str:
    try:
        from merchant_desk import __version__ as version
    except ImportError:  # pragma: no cover - the package root always has it
        version = "0"
    return f"merchant-desk/{version}"


def _excerpt(text: str) -> str:
    """A short, single-line, key-free piece of a response body for an error message."""
    flat = " ".join(text.split())
    if len(flat) > _EXCERPT_LENGTH:
        flat = flat[:_EXCERPT_LENGTH] + "…"
    return redact_keys(flat)


def _as_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _timestamp_ms(value: datetime) -> int:
    # List filters on ``created`` are inferred to use the unit of ``created`` itself, milliseconds (§8).
    return int(value.timestamp() * 1000)


def encode_query(params: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """List filters as query parameters: nested mappings become ``created[gte]=...`` (§1.3, §8).

    ``None`` values are left out, booleans are ``true``/``false``, datetimes are milliseconds.
    """
    pairs: list[tuple[str, str]] = []

    def add(key: str, value: Any) -> None:
        if value is None:
            return
        if isinstance(value, Mapping):
            for sub, item in value.items():
                add(f"{key}[{sub}]", item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                add(f"{key}[]", item)
        elif isinstance(value, bool):
            pairs.append((key, "true" if value else "false"))
        elif isinstance(value, datetime):
            pairs.append((key, str(_timestamp_ms(value))))
        else:
            pairs.append((key, str(value)))

    for name, value in (params or {}).items():
        add(str(name), value)
    return pairs


def _error_class(status: int, error_type: str | None) -> type[WooshPayError]:
    if status == 401:
        return AuthenticationError
    if status == 403:
        return PermissionDeniedError
    if status == 429:
        return RateLimitError
    if error_type == "idempotency_error" or status == 409:
        return IdempotencyError
    if status == 404:
        return NotFoundError
    if status >= 500 or error_type == "api_error":
        return APIError
    if error_type == "card_error":
        return CardError
    return InvalidRequestError


def _request_id(response: httpx.Response) -> str | None:
    return response.headers.get("Request-Id") or response.headers.get("X-Request-Id") or None


def error_from_response(response: httpx.Response) -> WooshPayError:
    """The exception for a non-2xx answer, read from the status and the ``{"error": {...}}`` envelope."""
    status = response.status_code
    request_id = _request_id(response)
    try:
        body: Any = response.json()
    except (ValueError, UnicodeDecodeError):
        body = None
    envelope = body.get("error") if isinstance(body, dict) else None
    if not isinstance(envelope, dict):
        excerpt = _excerpt(response.text)
        # 401/403/429 mean what they say whoever wrote the body (a proxy, a load balancer); anything
        # else without an envelope is probably not the WooshPay API at all (a wrong base URL).
        cls: type[WooshPayError] = MalformedResponseError
        if status in (401, 403, 429):
            cls = _error_class(status, None)
        what = "no body" if not excerpt else f"a body that is not a WooshPay error: {excerpt}"
        return cls(
            f"The server answered HTTP {status} with {what}",
            http_status=status,
            request_id=request_id,
            body=excerpt or None,
        )
    error_type = _as_str(envelope.get("type"))
    code = _as_str(envelope.get("code"))
    message = _as_str(envelope.get("message"))
    text = redact_keys(message) if message else f"WooshPay answered HTTP {status} ({code or error_type or 'no details'})."
    return _error_class(status, error_type)(
        text,
        http_status=status,
        type=error_type,
        code=code,
        param=_as_str(envelope.get("param")),
        request_id=request_id,
        body=body,
        decline_code=_as_str(envelope.get("decline_code")),
        doc_url=_as_str(envelope.get("doc_url")),
    )


def _parse_success(response: httpx.Response) -> dict[str, Any]:
    if response.status_code == 204:
        return {}
    try:
        body = response.json()
    except (ValueError, UnicodeDecodeError):
        excerpt = _excerpt(response.text)
        raise MalformedResponseError(
            f"The server answered HTTP {response.status_code} with a body that is not JSON: {excerpt or '(empty)'}",
            http_status=response.status_code,
            request_id=_request_id(response),
            body=excerpt or None,
        ) from None
    if not isinstance(body, dict):
        raise MalformedResponseError(
            f"The server answered HTTP {response.status_code} with JSON {type(body).__name__}, not an object: "
            f"{_excerpt(response.text)}",
            http_status=response.status_code,
            request_id=_request_id(response),
            body=body,
        )
    return body


def _is_tls_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            break
        if isinstance(seen, (ssl.SSLError, ssl.CertificateError)):
            return True
        seen = seen.__cause__ or seen.__context__
    text = str(exc)
    return "CERTIFICATE_VERIFY_FAILED" in text or "[SSL" in text


def _retry_after(response: httpx.Response) -> float | None:
    """``Retry-After`` in seconds (the only form documented, §9); an HTTP date is ignored."""
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


class Client:
    """An async WooshPay API client for one secret key.

    ``async with Client(key) as client: await client.payment_intents.retrieve(...)``. ``sleep`` and
    ``random`` are injectable so retry timing can be tested without waiting.
    """

    def __init__(
        self,
        secret_key: str,
        *,
        base_url: str | None = None,
        timeout: float = 20.0,
        max_attempts: int = 4,
        backoff_base: float = 0.5,
        backoff_cap: float = 8.0,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        random: Callable[[], float] = _random.random,
    ) -> None:
        if not isinstance(secret_key, str) or not secret_key.startswith(("sk_test_", "sk_live_")):
            raise ValueError("The client needs a secret key (it starts with sk_test_ or sk_live_).")
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1.")
        self.mode = key_mode(secret_key)
        self.masked_key = mask_key(secret_key)
        url = (base_url or base_url_for(self.mode)).strip().rstrip("/")
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https") or not urlsplit(url).netloc:
            raise ValueError(f"The base URL must be a full http(s) address, not {url!r}.")
        if self.mode == "live" and scheme != "https":
            raise InsecureTransportError(
                f"Refusing to send a live key over plain http to {urlsplit(url).netloc}; use an https:// base URL."
            )
        self.base_url = url
        self.max_attempts = max_attempts
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self._sleep = sleep
        self._random = random
        self._timeout = timeout
        self._http = httpx.AsyncClient(
            base_url=url,
            auth=httpx.BasicAuth(secret_key, ""),
            headers={"Accept": "application/json", "User-Agent": _user_agent()},
            timeout=httpx.Timeout(timeout),
            transport=transport,
            follow_redirects=False,
        )
        self.payment_intents = PaymentIntents(self)
        self.refunds = Refunds(self)
        self.webhook_endpoints = WebhookEndpoints(self)
        self.checkout_sessions = CheckoutSessions(self)
        self.events = Events(self)

    def __repr__(self) -> str:
        return f"Client(mode={self.mode!r}, base_url={self.base_url!r}, key={self.masked_key!r})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    @property
    def closed(self) -> bool:
        return self._http.is_closed

    def backoff_delay(self, attempt: int) -> float:
        """Exponential backoff with full jitter after failed attempt number ``attempt`` (1-based)."""
        ceiling = min(self.backoff_cap, self.backoff_base * (2 ** (attempt - 1)))
        return float(self._random() * ceiling)

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Send one API call (retrying as allowed) and return the JSON object it answered."""
        method = method.upper()
        headers: dict[str, str] = {}
        if method == "POST" or idempotency_key:
            # One key for every attempt: a retry of a request that did arrive is replayed, not repeated.
            headers["Idempotency-Key"] = idempotency_key or str(uuid.uuid4())
        if method == "POST" and json is None:
            json = {}
        query = encode_query(params)
        for attempt in range(1, self.max_attempts + 1):
            last = attempt == self.max_attempts
            try:
                response = await self._http.request(method, path, params=cast(Any, query), json=json, headers=headers)
            except httpx.DecodingError as exc:
                raise MalformedResponseError(
                    f"The answer to {method} {path} could not be decoded: {_excerpt(str(exc))}"
                ) from exc
            except httpx.TransportError as exc:
                error, retryable = self._network_error(exc)
                if last or not retryable:
                    raise error from exc
                await self._wait(method, path, attempt, type(exc).__name__, self.backoff_delay(attempt))
                continue
            except httpx.InvalidURL as exc:
                raise InvalidRequestError(f"Invalid request address for {method} {path}: {exc}") from exc
            status = response.status_code
            if (status == 429 or status >= 500) and not last:
                retry_after = _retry_after(response)
                if retry_after is None or retry_after <= MAX_RETRY_AFTER:
                    delay = retry_after if retry_after is not None else self.backoff_delay(attempt)
                    await self._wait(method, path, attempt, f"HTTP {status}", delay)
                    continue
            log.debug("%s %s -> HTTP %s", method, path, status)
            if 200 <= status < 300:
                return _parse_success(response)
            if 300 <= status < 400:
                raise MalformedResponseError(
                    f"The server answered {method} {path} with a redirect (HTTP {status}) to "
                    f"{_excerpt(response.headers.get('Location', '?'))}; check the base URL.",
                    http_status=status,
                    request_id=_request_id(response),
                )
            raise error_from_response(response)
        raise AssertionError("unreachable: the last attempt returns or raises")  # pragma: no cover

    async def _wait(self, method: str, path: str, attempt: int, reason: str, delay: float) -> None:
        log.info(
            "WooshPay %s %s: attempt %d of %d failed (%s); retrying in %.2f s",
            method, path, attempt, self.max_attempts, reason, delay,
        )
        await self._sleep(delay)

    def _network_error(self, exc: httpx.TransportError) -> tuple[NetworkError, bool]:
        """The error to raise for a failed exchange, and whether another attempt may help."""
        host = urlsplit(self.base_url).netloc
        detail = _excerpt(str(exc)) or type(exc).__name__
        if _is_tls_failure(exc):
            return NetworkError(f"TLS failure talking to {host}: {detail}", tls=True), False
        if isinstance(exc, httpx.TimeoutException):
            what = "connect" if isinstance(exc, httpx.ConnectTimeout) else "answer"
            return NetworkError(f"{host} did not {what} within {self._timeout:g} s (timed out).", timeout=True), True
        if isinstance(exc, httpx.ConnectError):
            return NetworkError(f"Could not connect to {host}: {detail}"), True
        if isinstance(exc, (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError, httpx.CloseError)):
            return NetworkError(f"The connection to {host} broke before the answer arrived: {detail}"), True
        if isinstance(exc, httpx.ProxyError):
            return NetworkError(f"The proxy refused the connection to {host}: {detail}"), True
        return NetworkError(f"Could not talk to {host}: {detail}"), False
