"""The Starlette application: authentication, body parsing, idempotency and the routes of the API,
the cashier pages and the sandbox-only endpoints under ``/_sandbox/``."""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from . import cashier, checkout, payload, payment_intents, refunds, webhook_endpoints
from .balance import balance
from .encoded import text_of
from .errors import ApiError, invalid, not_found
from .faults import FaultMiddleware
from .idempotency import replay_or_run
from .ids import new_id
from .limits import BODY, BodyLimitMiddleware
from .listing import list_page, text_param
from .params import parse_form
from .state import SandboxState, public

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
    """Run ``work`` at once when the store is free: a request's SQLite work takes tens of microseconds,
    less than handing it to a worker thread and back. When the webhook worker or another request holds the
    store, it waits in a worker thread instead, so the event loop never blocks on the lock."""
    if state.store.acquire_if_free():
        try:
            return work()
        finally:
            state.store.release()
    return await run_in_threadpool(work)


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


# -- API handlers ---------------------------------------------------------------------------------------


def _events_list(state: SandboxState, c: Call) -> dict[str, Any]:
    return list_page(state.store, "event", c.query, "/v1/events", ref=text_param(c.query, "type"))


def _event(state: SandboxState, c: Call) -> dict[str, Any]:
    event = state.store.get("event", c.path["id"])
    if event is None:
        raise not_found("event", c.path["id"])
    return event


def _unknown(state: SandboxState, c: Call) -> dict[str, Any]:
    raise ApiError(404, "Unrecognized request URL. See the sandbox docs for the supported paths.", code="resource_missing")


PI = payment_intents
API_ROUTES: list[tuple[str, list[str], Handler]] = [
    ("/v1/payment_intents", ["POST"], lambda s, c: PI.create(s, c.params, c.req)),
    ("/v1/payment_intents", ["GET"], lambda s, c: list_page(s.store, "payment_intent", c.query, "/v1/payment_intents", render=public)),
    ("/v1/payment_intents/search", ["GET"], lambda s, c: PI.search(s, c.query)),
    ("/v1/payment_intents/{id}", ["GET"], lambda s, c: PI.retrieve(s, c.path["id"])),
    ("/v1/payment_intents/{id}", ["POST"], lambda s, c: PI.update(s, c.path["id"], c.params)),
    ("/v1/payment_intents/{id}/confirm", ["POST"], lambda s, c: PI.confirm(s, c.path["id"], c.params, c.req)),
    ("/v1/payment_intents/{id}/cancel", ["POST"], lambda s, c: PI.cancel(s, c.path["id"], c.params, c.req)),
    ("/v1/payment_intents/{id}/capture", ["POST"], lambda s, c: PI.capture(s, c.path["id"], c.params, c.req)),
    ("/v1/refunds", ["POST"], lambda s, c: refunds.create(s, c.params, c.req)),
    ("/v1/refunds", ["GET"], lambda s, c: refunds.list_refunds(s, c.query)),
    ("/v1/refunds/{id}", ["GET"], lambda s, c: refunds.retrieve(s, c.path["id"])),
    ("/v1/webhook_endpoints", ["POST"], lambda s, c: webhook_endpoints.create(s, c.params)),
    ("/v1/webhook_endpoints", ["GET"], lambda s, c: webhook_endpoints.list_endpoints(s, c.query)),
    ("/v1/webhook_endpoints/{id}", ["GET"], lambda s, c: webhook_endpoints.retrieve(s, c.path["id"])),
    ("/v1/webhook_endpoints/{id}", ["POST"], lambda s, c: webhook_endpoints.update(s, c.path["id"], c.params)),
    ("/v1/webhook_endpoints/{id}", ["DELETE"], lambda s, c: webhook_endpoints.delete(s, c.path["id"])),
    ("/v1/checkout/sessions", ["POST"], lambda s, c: checkout.create(s, c.params, c.req)),
    # WooshPay lists sessions at /list (§6); the Stripe-style path answers the same.
    ("/v1/checkout/sessions/list", ["GET"], lambda s, c: checkout.list_sessions(s, c.query)),
    ("/v1/checkout/sessions", ["GET"], lambda s, c: checkout.list_sessions(s, c.query)),
    ("/v1/checkout/sessions/{id}", ["GET"], lambda s, c: checkout.retrieve(s, c.path["id"])),
    ("/v1/checkout/sessions/{id}/expire", ["POST"], lambda s, c: checkout.expire(s, c.path["id"], c.req)),
    ("/v1/checkout/sessions/{id}/line_items", ["GET"], lambda s, c: checkout.line_items(s, c.path["id"], c.query)),
    ("/v1/events", ["GET"], _events_list),
    ("/v1/events/{id}", ["GET"], _event),
    ("/v1/balance", ["GET"], lambda s, c: balance(s)),
    ("/v1/{rest:path}", ["GET", "POST", "DELETE", "PUT", "PATCH"], _unknown),
]


# -- cashier pages --------------------------------------------------------------------------------------


def _form(raw: bytes) -> dict[str, Any]:
    """A cashier form body; bytes that are not UTF-8 or not a form make an empty form (answered 400)."""
    try:
        return parse_form(raw.decode("utf-8", errors="replace"))
    except ApiError:
        return {}


def _html(status: int, text: str) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers={"Cache-Control": "no-store"})


def cashier_routes(state: SandboxState) -> list[Route]:
    store = state.store

    def intent_view(intent_id: str, form: dict[str, Any] | None) -> Response:
        with store.transaction():
            intent = store.get("payment_intent", intent_id)
            if intent is None:
                return _html(404, cashier.message_page("Not found", "There is no such payment."))
            session_id = intent["_sandbox"].get("checkout_session")
            if session_id:
                return RedirectResponse(state.checkout_url(session_id), status_code=303)
            method_type = intent["_sandbox"].get("method_type")
            if form is None:
                return _html(200, cashier.intent_page(public(intent), method_type))
            action, wallet = form.get("action"), form.get("wallet")
            if action not in ("pay", "decline") or wallet not in cashier.wallets_for(intent["currency"], method_type):
                return _html(400, cashier.intent_page(public(intent), method_type, "Pick a wallet and pay or decline."))
            try:
                with store.savepoint():
                    if action == "pay":
                        payment_intents.pay(state, intent_id, wallet)
                    else:
                        payment_intents.decline(state, intent_id, wallet)
            except ApiError as exc:
                return _html(409, cashier.intent_page(public(intent), method_type, exc.message))
        # Post/redirect/get, so a refresh on the phone does not pay twice.
        return RedirectResponse(state.cashier_url(intent_id), status_code=303)

    def session_view(session_id: str, key: str | None, form: dict[str, Any] | None) -> Response:
        with store.transaction():
            session = store.get("checkout_session", session_id)
            if session is None or key != state.publishable_key:
                return _html(404, cashier.message_page("Not found", "There is no such checkout."))
            session = checkout.retrieve(state, session_id)  # expires it if its time is up
            intent = store.get("payment_intent", session["payment_intent"]) or {}
            method_type = (intent.get("_sandbox") or {}).get("method_type")
            if method_type is None and "alipayplus" not in (intent.get("payment_method_types") or []):
                method_type = (intent.get("payment_method_types") or ["card"])[0]
            if form is None:
                return _html(200, cashier.session_page(session, public(intent), method_type))
            action, wallet = form.get("action"), form.get("wallet")
            if action not in ("pay", "decline") or wallet not in cashier.wallets_for(session["currency"], method_type):
                return _html(400, cashier.session_page(session, public(intent), method_type))
            try:
                with store.savepoint():
                    checkout.pay(state, session_id, wallet, decline=action == "decline")
            except ApiError as exc:
                return _html(409, cashier.message_page("Checkout", exc.message))
        return RedirectResponse(state.checkout_url(session_id), status_code=303)

    async def intent_endpoint(request: Request) -> Response:
        form = _form(await request.body()) if request.method == "POST" else None
        return await run_in_threadpool(intent_view, request.path_params["id"], form)

    async def session_endpoint(request: Request) -> Response:
        form = _form(await request.body()) if request.method == "POST" else None
        return await run_in_threadpool(session_view, request.path_params["id"], request.query_params.get("key"), form)

    return [
        Route("/cashier/{id}", intent_endpoint, methods=["GET", "POST"]),
        Route("/pay/{id}", session_endpoint, methods=["GET", "POST"]),
    ]


# -- sandbox-only endpoints -----------------------------------------------------------------------------


# How far the sandbox clock may move in all: a century, so "now" stays a 64-bit integer of ms.
MAX_CLOCK_OFFSET_MS = 100 * 365 * 24 * 3600 * 1000


def clock_advance(body: dict[str, Any], offset_ms: int) -> int:
    """The ``advance_ms`` of a clock request: a whole number of ms, forward, within a century in all."""
    advance = body.get("advance_ms", 0)
    if isinstance(advance, bool) or not isinstance(advance, int):
        raise invalid("advance_ms", 'Send {"advance_ms": <integer>}, a whole number of milliseconds.')
    if advance < 0 or offset_ms + advance > MAX_CLOCK_OFFSET_MS:
        raise invalid(
            "advance_ms", f"advance_ms moves the clock forward, by at most {MAX_CLOCK_OFFSET_MS} ms in all."
        )
    return advance


def sandbox_routes(state: SandboxState) -> list[Route]:
    store = state.store

    async def health(request: Request) -> Response:
        return JSONResponse({"ok": True, "object": "sandbox", "public_url": state.public_url})

    async def faults(request: Request) -> Response:
        if request.method == "DELETE":
            return JSONResponse(state.faults.clear())
        if request.method == "POST":
            try:
                changes = payload.decode_object(await request.body(), "The fault settings")
                return JSONResponse(state.faults.update(changes))
            except ApiError as exc:
                return JSONResponse(exc.body(), status_code=exc.status)
            except ValueError as exc:
                return JSONResponse(invalid("faults", str(exc)).body(), status_code=400)
        return JSONResponse(state.faults.snapshot())

    async def attempts(request: Request) -> Response:
        q = request.query_params
        data = await run_in_threadpool(store.attempts, q.get("endpoint"), q.get("event"))
        return JSONResponse({"object": "list", "url": "/_sandbox/webhook_attempts", "has_more": False, "data": data})

    async def clock(request: Request) -> Response:
        if request.method == "POST":
            try:
                advance = clock_advance(payload.decode_object(await request.body()), store.clock_offset_ms)
            except ApiError as exc:
                return JSONResponse(exc.body(), status_code=exc.status)
            store.clock_offset_ms += advance
        return JSONResponse({"offset_ms": store.clock_offset_ms, "now": store.now_ms()})

    async def customer_action(request: Request) -> Response:
        intent_id, action = request.path_params["id"], request.path_params["action"]
        if action not in ("pay", "decline"):
            error = ApiError(404, f"Unknown customer action {action!r}; use pay or decline.", code="resource_missing")
            return JSONResponse(error.body(), status_code=404)
        try:
            body = payload.decode_object(await request.body(), other_json_as_empty=True)
            if body.get("wallet") is not None and not isinstance(body["wallet"], str):
                raise invalid("wallet", "wallet must be a wallet's name, such as DANA.")
        except ApiError as exc:
            return JSONResponse(exc.body(), status_code=exc.status)

        def run() -> tuple[int, dict[str, Any]]:
            with store.transaction():
                intent = store.get("payment_intent", intent_id)
                if intent is None:
                    return 404, not_found("payment_intent", intent_id).body()
                method_type = intent["_sandbox"].get("method_type")
                wallets = cashier.wallets_for(intent["currency"], method_type)
                wallet = body.get("wallet") or (wallets[0] if wallets else "Test wallet")
                session_id = intent["_sandbox"].get("checkout_session")
                try:
                    with store.savepoint():
                        if session_id:
                            checkout.pay(state, session_id, wallet, decline=action == "decline")
                        elif action == "pay":
                            payment_intents.pay(state, intent_id, wallet)
                        else:
                            payment_intents.decline(state, intent_id, wallet)
                except ApiError as exc:
                    return exc.status, exc.body()
                return 200, payment_intents.retrieve(state, intent_id)

        status, data = await run_in_threadpool(run)
        return JSONResponse(data, status_code=status)

    return [
        Route("/_sandbox/health", health, methods=["GET"]),
        Route("/_sandbox/faults", faults, methods=["GET", "POST", "DELETE"]),
        Route("/_sandbox/webhook_attempts", attempts, methods=["GET"]),
        Route("/_sandbox/clock", clock, methods=["GET", "POST"]),
        Route("/_sandbox/payment_intents/{id}/{action:str}", customer_action, methods=["POST"]),
    ]


def create_app(state: SandboxState) -> FaultMiddleware:
    routes = [Route(path, api(state, handler), methods=methods) for path, methods, handler in API_ROUTES]
    app = Starlette(routes=routes + cashier_routes(state) + sandbox_routes(state))
    return FaultMiddleware(BodyLimitMiddleware(app), state.faults)
