"""What went wrong with a call to WooshPay, as one code the interface turns into words.

The one place that reads the client's typed errors for their kind; pages never look at HTTP.
"""

from __future__ import annotations

from enum import StrEnum

from merchant_desk.wooshpay import errors


class Problem(StrEnum):
    OFFLINE = "offline"  # no connection at all
    TIMEOUT = "timeout"  # connected, but no answer in time
    TLS = "tls"  # reachable, but the certificate is not trusted
    WRONG_KEY = "wrong_key"  # 401
    FORBIDDEN = "forbidden"  # 403: the key may not do this
    INSECURE = "insecure"  # a live key over plain http, refused before sending
    REFUSED = "refused"  # 4xx: the server refused the request as asked
    NOT_FOUND = "not_found"  # 404
    BUSY = "busy"  # 409/429: in flight or too many requests; try again shortly
    SERVER = "server"  # 5xx: the server has a problem
    NOT_API = "not_api"  # the answer is not the WooshPay API's (wrong base URL?)
    UNEXPECTED = "unexpected"


def _timed_out(exc: BaseException) -> bool:
    cause: BaseException | None = exc
    while cause is not None:
        if getattr(cause, "timeout", False) is True or isinstance(cause, TimeoutError):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


# Most kinds follow from the error's type alone; the first match wins (a malformed answer is an APIError too).
_BY_TYPE: tuple[tuple[type[BaseException], Problem], ...] = (
    (errors.AuthenticationError, Problem.WRONG_KEY),
    (errors.PermissionDeniedError, Problem.FORBIDDEN),
    (errors.InsecureTransportError, Problem.INSECURE),
    (errors.MalformedResponseError, Problem.NOT_API),
    (errors.APIError, Problem.SERVER),
    (errors.NotFoundError, Problem.NOT_FOUND),
)


def classify(exc: BaseException) -> Problem:
    if isinstance(exc, errors.NetworkError):
        if exc.tls:
            return Problem.TLS
        return Problem.TIMEOUT if _timed_out(exc) else Problem.OFFLINE
    if isinstance(exc, errors.NotFoundError) and exc.type is None and exc.code is None:
        # A 404 without even WooshPay's error fields: no API at that address (a web server's "Not Found").
        return Problem.NOT_API
    for kind, problem in _BY_TYPE:
        if isinstance(exc, kind):
            return problem
    if isinstance(exc, (errors.RateLimitError, errors.IdempotencyError)):
        return Problem.BUSY if exc.http_status in (409, 429) else Problem.REFUSED
    if isinstance(exc, errors.WooshPayError):
        return Problem.REFUSED
    if isinstance(exc, TimeoutError):
        return Problem.TIMEOUT
    return Problem.UNEXPECTED
