"""The HTTP side of the WooshPay client: authentication, retries with backoff, and turning answers into
dicts or errors. Resource methods live in :mod:`.resources`.

Transport facts are from docs/wooshpay-api.md §1: HTTP Basic with the secret key as user name and an empty
password, JSON bodies, ``Accept: application/json``. The ``Idempotency-Key`` header, the error envelope and
the ``Request-Id`` header are likely as Stripe.
"""

from __future__ import annotations

import asyncio
import html
import importlib.util
import logging
import math
import random as _random
import re
import ssl
import sys
import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any, Self, cast
from urllib.parse import urlsplit

# httpcore asks ``import sniffio`` on every request to learn which async library runs it. Without sniffio
# installed (anyio no longer needs it) each ask is a failed import that searches all of sys.path again:
# ~0.4 ms of file-system calls on the GUI thread per request. A ``None`` entry in sys.modules answers
# "not installed" at once, and httpcore then assumes asyncio, which is what runs it here.
if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
    sys.modules["sniffio"] = None  # type: ignore[assignment]

import httpx  # noqa: E402

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
    TryAgainError,
    WooshPayError,
)
from .keys import base_url_for, key_mode, mask_key, redact_keys
from .resources import (
    BalanceResource,
    CheckoutSessions,
    Events,
    PaymentIntents,
    Refunds,
    WebhookEndpoints,
)

__all__ = ["RETRYABLE_4XX", "Client", "encode_query", "error_from_response"]

log = logging.getLogger("merchant_desk.wooshpay")

# A server asking us to wait longer than this is not going to be waited for inside one click.
MAX_RETRY_AFTER = 60.0
_EXCERPT_LENGTH = 200
_MESSAGE_LENGTH = 500


def _user_agent() -> str:
    try:
        from merchant_desk import __version__ as version
    except ImportError:  # pragma: no cover - the package root always has it
        version = "0"
    return f"merchant-desk/{version}"


def _excerpt(text: str, *, limit: int = _EXCERPT_LENGTH) -> str:
    """A short, single-line, key-free piece of a response body for an error message."""
    # Redacted before the final cut, so that a cut cannot leave a piece of a key that no longer looks like one;
    # the first cut only keeps a huge body from being scanned whole (any key is far shorter than the margin).
    flat = redact_keys(" ".join(text[: (limit + 512) * 4].split())[: limit + 512])
    if len(flat) > limit:
        flat = flat[:limit] + "…"
    return flat


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


# 4xx answers that say "not now" rather than "no": the request may be sent again with the same key.
RETRYABLE_4XX = frozenset({408, 409, 425, 429})
# Of those, the ones worth another attempt at once; a 409 (same key still in flight) is left to the outbox.
_RETRIED_4XX = frozenset({408, 425, 429})
_TAGS = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_SKIPPED_ELEMENTS = re.compile(r"<(script|style|head)[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_ERROR_FIELDS = ("type", "code", "message", "param", "decline_code", "doc_url")


def _error_class(status: int, error_type: str | None) -> type[WooshPayError]:
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


def _request_id(response: httpx.Response) -> str | None:
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
    return _excerpt(text)


def error_from_response(response: httpx.Response) -> WooshPayError:
    """The exception for a non-2xx answer.

    The HTTP status decides what it means (a 4xx other than 408/409/425/429 is a final refusal, a 5xx an
    unknown outcome), whoever wrote the body: WooshPay, a proxy or a load balancer. The details come from the
    ``{"error": {...}}`` envelope, from the same fields at top level, or from the body's text.
    """
    status = response.status_code
    request_id = _request_id(response)
    try:
        body: Any = response.json()
    except (ValueError, UnicodeDecodeError):
        body = None
    fields = _error_fields(body)
    if fields is None:
        excerpt = _readable_text(response)
        cls = _error_class(status, None)
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
    text = _excerpt(message, limit=_MESSAGE_LENGTH) if message else (
        f"WooshPay answered HTTP {status} ({code or error_type or 'no details'})."
    )
    return _error_class(status, error_type)(
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
            body=redact_keys(body),
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
            # Plain http (the sandbox on loopback): every request goes to base_url (paths only, redirects
            # not followed), so no TLS connection is ever made, and a verifying context would only cost
            # loading the CA bundle (~17 ms) for nothing. https keeps httpx's verified default.
            verify=scheme == "https",
        )
        self.payment_intents = PaymentIntents(self)
        self.refunds = Refunds(self)
        self.webhook_endpoints = WebhookEndpoints(self)
        self.checkout_sessions = CheckoutSessions(self)
        self.events = Events(self)
        self.balance = BalanceResource(self)

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
            if (status in _RETRIED_4XX or status >= 500) and not last:
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

    async def raw_request(self, method: str, path: str, *, params: Mapping[str, Any] | None = None) -> httpx.Response:
        """One read-only exchange answered as it came (any status), for diagnostics that look at bodies and
        headers themselves. No retries; transport failures raise :class:`NetworkError`. Only GET: anything
        that changes data goes through :meth:`request` (and, in the app, through the outbox)."""
        if method.upper() != "GET":
            raise ValueError("raw_request is for GET only")
        query: list[tuple[str, str | int | float | bool | None]] = list(encode_query(params))
        try:
            response = await self._http.request("GET", path, params=query)
            await response.aread()
        except httpx.DecodingError as exc:
            raise MalformedResponseError(f"The answer to GET {path} could not be decoded: {_excerpt(str(exc))}") from exc
        except httpx.TransportError as exc:
            raise self._network_error(exc)[0] from exc
        return response

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
