"""The HTTP side of the WooshPay client: authentication, retries with backoff, network failures as typed
errors. Reading the answers lives in :mod:`.responses`, resource methods in :mod:`.resources`.

Transport facts are from docs/wooshpay-api.md §1: HTTP Basic with the secret key as user name and an empty
password, JSON bodies, ``Accept: application/json``. The ``Idempotency-Key`` header, the error envelope and
the ``Request-Id`` header are likely as Stripe.
"""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import random as _random
import sys
import uuid
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Self, cast
from urllib.parse import urlsplit

# httpcore asks ``import sniffio`` on every request to learn which async library runs it. Without sniffio
# installed (anyio no longer needs it) each ask is a failed import that searches all of sys.path again:
# ~0.4 ms of file-system calls on the GUI thread per request. A ``None`` entry in sys.modules answers
# "not installed" at once, and httpcore then assumes asyncio, which is what runs it here.
if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
    sys.modules["sniffio"] = None  # type: ignore[assignment]

import httpx  # noqa: E402

from .errors import InsecureTransportError, InvalidRequestError, MalformedResponseError, NetworkError
from .keys import base_url_for, key_mode, mask_key
from .query import encode_query
from .resources import BalanceResource, CheckoutSessions, Events, PaymentIntents, Refunds, WebhookEndpoints
from .responses import (
    RETRIED_4XX,
    RETRYABLE_4XX,
    error_from_response,
    excerpt_of,
    is_tls_failure,
    parse_success,
    request_id_of,
    retry_after_seconds,
)

__all__ = ["RETRYABLE_4XX", "Client", "encode_query", "error_from_response"]

log = logging.getLogger("merchant_desk.wooshpay")

# A server asking us to wait longer than this is not going to be waited for inside one click.
MAX_RETRY_AFTER = 60.0


def _user_agent() -> str:
    try:
        from merchant_desk import __version__ as version
    except ImportError:  # pragma: no cover - the package root always has it
        version = "0"
    return f"merchant-desk/{version}"



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
                    f"The answer to {method} {path} could not be decoded: {excerpt_of(str(exc))}"
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
            if (status in RETRIED_4XX or status >= 500) and not last:
                retry_after = retry_after_seconds(response)
                if retry_after is None or retry_after <= MAX_RETRY_AFTER:
                    delay = retry_after if retry_after is not None else self.backoff_delay(attempt)
                    await self._wait(method, path, attempt, f"HTTP {status}", delay)
                    continue
            log.debug("%s %s -> HTTP %s", method, path, status)
            if 200 <= status < 300:
                return parse_success(response)
            if 300 <= status < 400:
                raise MalformedResponseError(
                    f"The server answered {method} {path} with a redirect (HTTP {status}) to "
                    f"{excerpt_of(response.headers.get('Location', '?'))}; check the base URL.",
                    http_status=status,
                    request_id=request_id_of(response),
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
            raise MalformedResponseError(f"The answer to GET {path} could not be decoded: {excerpt_of(str(exc))}") from exc
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
        detail = excerpt_of(str(exc)) or type(exc).__name__
        if is_tls_failure(exc):
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
