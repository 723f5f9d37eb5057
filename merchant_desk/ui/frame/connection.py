"""What the status bar and the settings page say about whether an account works.

Which kind of failure it was comes from ``services.problems.classify`` (the client's typed errors); the
sentences are made here.
"""

from __future__ import annotations

import logging
from typing import NamedTuple
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)

ONLINE = "online"
OFFLINE = "offline"
WRONG_KEY = "wrong_key"
TLS_ERROR = "tls_error"  # reachable, but the certificate is not trusted: not the same as being offline
ERROR = "error"


class ConnectionResult(NamedTuple):  # not a dataclass: the status bar shows it before dataclasses loads
    state: str  # ONLINE | OFFLINE | WRONG_KEY | TLS_ERROR | ERROR
    message: str  # plain words for the user

    @property
    def ok(self) -> bool:
        return self.state == ONLINE


def describe_failure(exc: BaseException, base_url: str = "") -> ConnectionResult:
    # Imported here: the status bar shows this module's states from the first paint, long before the
    # client's errors (and httpx behind them) are loaded.
    from merchant_desk.services.problems import Problem, classify

    translate = QCoreApplication.translate
    host = urlsplit(base_url).netloc or base_url
    kind = classify(exc)
    if kind == Problem.WRONG_KEY:
        return ConnectionResult(WRONG_KEY, translate(
            "Connection", "Wrong key: the server refused it (401). Check that you copied the whole secret key."))
    if kind == Problem.FORBIDDEN:
        return ConnectionResult(WRONG_KEY, translate(
            "Connection", "This key is not allowed to read payments (403)."))
    if kind == Problem.INSECURE:
        return ConnectionResult(ERROR, translate("Connection", "A live key needs an https:// base URL."))
    if kind == Problem.TLS:
        return ConnectionResult(TLS_ERROR, translate(
            "Connection", "TLS failure: the server's certificate could not be verified. "
            "Check the base URL and the computer's clock."))
    if kind == Problem.TIMEOUT:
        return ConnectionResult(OFFLINE, translate(
            "Connection", "Timed out: the server did not answer in time."))
    if kind == Problem.OFFLINE:
        where = host or translate("Connection", "the server")
        return ConnectionResult(OFFLINE, translate(
            "Connection", "No network: could not reach %1.").replace("%1", where))
    if kind == Problem.NOT_API:
        return ConnectionResult(ERROR, translate(
            "Connection", "The server at %1 does not answer like the WooshPay API. Check the base URL."
        ).replace("%1", host))
    if kind == Problem.SERVER:
        return ConnectionResult(ERROR, translate(
            "Connection", "The server has a problem right now. Try again later."))
    if kind != Problem.UNEXPECTED:
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


async def check_connection(ctx) -> ConnectionResult:  # type: ignore[no-untyped-def]
    """The account session's one cheap authenticated call, in words."""
    failure = await ctx.check_connection()
    if failure is None:
        return ok_result(ctx.mode)
    log.info("Connection check against %s failed: %s", ctx.base_url, type(failure).__name__)
    return describe_failure(failure, ctx.base_url)
