"""The sandbox-only endpoints under ``/_sandbox/``: health, faults, webhook attempts, the clock, and the
customer's pay/decline without the cashier page (docs/sandbox.md)."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import cashier, checkout, payload, payment_intents
from .errors import ApiError, invalid, not_found
from .state import SandboxState

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
