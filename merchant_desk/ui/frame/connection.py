"""One cheap authenticated call that tells whether an account works, and what to say when it does not."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from PySide6.QtCore import QCoreApplication

from merchant_desk.wooshpay import errors

log = logging.getLogger(__name__)

ONLINE = "online"
OFFLINE = "offline"
WRONG_KEY = "wrong_key"
TLS_ERROR = "tls_error"  # reachable, but the certificate is not trusted: not the same as being offline
ERROR = "error"


@dataclass(frozen=True)
class ConnectionResult:
    state: str  # ONLINE | OFFLINE | WRONG_KEY | TLS_ERROR | ERROR
    message: str  # plain words for the user

    @property
    def ok(self) -> bool:
        return self.state == ONLINE


def _is_timeout(exc: BaseException) -> bool:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, (httpx.TimeoutException, TimeoutError)):
            return True
        cause = cause.__cause__ or cause.__context__
    return "timed out" in str(exc).lower() or "timeout" in str(exc).lower()


def describe_failure(exc: BaseException, base_url: str = "") -> ConnectionResult:
    translate = QCoreApplication.translate
    host = urlsplit(base_url).netloc or base_url
    if isinstance(exc, errors.AuthenticationError):
        return ConnectionResult(WRONG_KEY, translate(
            "Connection", "Wrong key: the server refused it (401). Check that you copied the whole secret key."))
    if isinstance(exc, errors.PermissionDeniedError):
        return ConnectionResult(WRONG_KEY, translate(
            "Connection", "This key is not allowed to read payments (403)."))
    if isinstance(exc, errors.InsecureTransportError):
        return ConnectionResult(ERROR, translate("Connection", "A live key needs an https:// base URL."))
    if isinstance(exc, errors.NetworkError):
        if getattr(exc, "tls", False):
            return ConnectionResult(TLS_ERROR, translate(
                "Connection", "TLS failure: the server's certificate could not be verified. "
                "Check the base URL and the computer's clock."))
        if _is_timeout(exc):
            return ConnectionResult(OFFLINE, translate(
                "Connection", "Timed out: the server did not answer in time."))
        where = host or translate("Connection", "the server")
        return ConnectionResult(OFFLINE, translate(
            "Connection", "No network: could not reach %1.").replace("%1", where))
    # A 404 without even WooshPay's error fields: no API at that address (a web server's "Not Found").
    not_an_api = isinstance(exc, errors.NotFoundError) and exc.type is None and exc.code is None
    if isinstance(exc, errors.MalformedResponseError) or not_an_api:
        return ConnectionResult(ERROR, translate(
            "Connection", "The server at %1 does not answer like the WooshPay API. Check the base URL."
        ).replace("%1", host))
    if isinstance(exc, errors.APIError):
        return ConnectionResult(ERROR, translate(
            "Connection", "The server has a problem right now. Try again later."))
    if isinstance(exc, errors.WooshPayError):
        return ConnectionResult(ERROR, translate(
            "Connection", "The server refused the request: %1").replace("%1", str(exc)))
    return ConnectionResult(ERROR, translate(
        "Connection", "Unexpected error: %1").replace("%1", type(exc).__name__))


def ok_result(mode: str) -> ConnectionResult:
    translate = QCoreApplication.translate
    if mode == "sandbox":
        return ConnectionResult(ONLINE, translate("Connection", "OK — sandbox account (no real money)"))
    if mode == "live":
        return ConnectionResult(ONLINE, translate("Connection", "OK — live mode account"))
    return ConnectionResult(ONLINE, translate("Connection", "OK — test mode account"))


async def check_connection(client, mode: str, base_url: str = "") -> ConnectionResult:
    """List at most one payment: the cheapest call that proves the key and the network both work."""
    try:
        await client.payment_intents.list(limit=1)
    except Exception as exc:  # noqa: BLE001 - every failure becomes words (CancelledError still propagates)
        log.info("Connection check against %s failed: %s", base_url, type(exc).__name__)
        return describe_failure(exc, base_url)
    return ok_result(mode)
