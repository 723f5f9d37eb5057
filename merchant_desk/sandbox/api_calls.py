"""How one API call is served: the key checked, the query and body read, the idempotency record replayed or
written, the handler run against the store, and the answer sent in the documented JSON envelope."""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from . import payload
from .encoded import text_of
from .errors import ApiError
from .idempotency import replay_or_run
from .ids import new_id
from .limits import BODY
from .params import parse_form
from .state import SandboxState

logger = logging.getLogger(__name__)


@dataclass
class Call:
    path: dict[str, str]
    query: dict[str, Any]
    params: dict[str, Any]
    req: dict[str, Any]


Handler = Callable[[SandboxState, Call], dict[str, Any]]


def _mask(key: str) -> str:
    prefix = key[:8] if key.startswith(("sk_", "pk_")) else key[:3]
    return f"{prefix}…{key[-4:]}" if len(key) > 12 else prefix + "…"


def _api_key(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return None
        return decoded.partition(":")[0] or None
    if scheme.lower() == "bearer":
        return value.strip() or None
    return None


def authenticate(state: SandboxState, request: Request, usual: frozenset[str] = frozenset()) -> None:
    """Refuse the request (``ApiError`` 401) unless it carries an accepted key. ``usual``: Authorization
    values known to be good (the secret key, spelt as clients send it), accepted without decoding."""
    if usual and request.headers.get("authorization") in usual:
        return
    key = _api_key(request)

    def refuse(message: str, code: str = "api_key_invalid") -> ApiError:
        return ApiError(401, message, code=code, headers={"WWW-Authenticate": 'Basic realm="WooshPay sandbox"'})

    if not key:
        raise refuse(
            "You did not provide an API key. Send it as the HTTP Basic username with an empty password.",
            "api_key_missing",
        )
    if key.startswith(("sk_live_", "pk_live_", "rk_live_")):
        raise refuse("Live keys are not accepted by the sandbox; use the sandbox's sk_test_ key.", "livemode_mismatch")
    if key.startswith("pk_"):
        raise refuse("A publishable key cannot call the API; use the secret key (sk_test_…).")
    if key == state.secret_key or (state.any_key and key.startswith("sk_test_") and len(key) > len("sk_test_")):
        return
    raise refuse(f"Invalid API key provided: {_mask(key)}")


async def _body_params(request: Request) -> dict[str, Any]:
    raw = request.scope.get(BODY)  # read already by the body-size limit
    if raw is None:
        raw = await request.body()
    if not raw.strip():
        return {}
    content_type = request.headers.get("content-type", "")
    if "application/x-www-form-urlencoded" in content_type:
        return parse_form(raw.decode("utf-8", errors="replace"))
    return payload.decode_object(raw)


class _Answer(Response):
    """An API answer: what JSONResponse would send (the same headers in the same order), made without
    encoding again what the handler encoded already."""

    media_type = "application/json"

    def __init__(self, status: int, body: bytes, headers: list[tuple[bytes, bytes]]) -> None:
        self.status_code = status
        self.background = None
        self.body = body
        self.raw_headers = headers


def _json(status: int, body: dict[str, Any], request_id: str, headers: dict[str, str] | None = None) -> Response:
    data = text_of(body).encode()
    raw = [(b"request-id", request_id.encode("latin-1"))]
    if headers:
        raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
    raw += [(b"content-length", str(len(data)).encode("latin-1")), (b"content-type", b"application/json")]
    return _Answer(status, data, raw)


async def _run_store_work(state: SandboxState, work: Callable[[], Any]) -> Any:
    """Run ``work`` on the event loop once the store is free: a request's SQLite work takes tens of
    microseconds, less than handing it to a worker thread and back. Requests never hold the store across
    an ``await``, so only another thread (the webhook worker, a cashier page or ``/_sandbox/`` call served in
    the thread pool) can be holding it; then the wait for it
    happens in a worker thread, so the event loop never blocks on the lock, and the work still runs here
    (running it in that thread would keep the store busy and send the requests after it there too)."""
    while not state.store.acquire_if_free():
        await run_in_threadpool(state.store.wait_until_free)
    try:
        return work()
    finally:
        state.store.release()


def usual_authorizations(secret_key: str) -> frozenset[str]:
    """How clients usually send the secret key: HTTP Basic with an empty password, or a Bearer token."""
    basic = base64.b64encode(f"{secret_key}:".encode()).decode("ascii")
    return frozenset({f"Basic {basic}", f"Bearer {secret_key}"})


def api(state: SandboxState, handler: Handler) -> Callable[[Request], Any]:
    usual = usual_authorizations(state.secret_key)

    async def endpoint(request: Request) -> Response:
        request_id = new_id("req")
        method = request.scope["method"]
        idempotency_key = request.headers.get("idempotency-key") if method == "POST" else None
        try:
            authenticate(state, request, usual)
            query_string = request.scope["query_string"]
            query = parse_form(query_string.decode("latin-1")) if query_string else {}
            params = await _body_params(request) if method == "POST" else {}
        except ApiError as exc:
            return _json(exc.status, exc.body(), request_id, exc.headers)
        call = Call(dict(request.path_params), query, params, {"id": request_id, "idempotency_key": idempotency_key})

        def run() -> tuple[int, dict[str, Any], dict[str, str]]:
            return replay_or_run(
                state.store, method, request.scope["path"], params, idempotency_key,
                lambda: handler(state, call),
            )

        try:
            status, body, headers = await _run_store_work(state, run)
        except Exception as exc:  # a sandbox bug: still answer in the documented envelope
            logger.exception("sandbox request failed")
            error = ApiError(500, f"Internal sandbox error: {type(exc).__name__}", type="api_error")
            return _json(500, error.body(), request_id)
        return _json(status, body, request_id, headers)

    return endpoint
