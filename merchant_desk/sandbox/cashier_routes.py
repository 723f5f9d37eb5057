"""The cashier pages a customer pays on: ``/cashier/{id}`` for a PaymentIntent, ``/pay/{id}`` for a
Checkout Session (pay or decline with a wallet, then post/redirect/get)."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from . import cashier, checkout, payment_intents
from .errors import ApiError
from .params import parse_form
from .state import SandboxState, public


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
