"""The Starlette application: the routes of the API (each served as in :mod:`.api_calls`), the cashier
pages (:mod:`.cashier_routes`) and the sandbox-only endpoints under ``/_sandbox/`` (:mod:`.sandbox_endpoints`)."""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette
from starlette.routing import Route

from . import checkout, payment_intent_search, payment_intents, refunds, webhook_endpoints
from .api_calls import Call, Handler, api
from .balance import balance
from .cashier_routes import cashier_routes
from .errors import ApiError, not_found
from .faults import FaultMiddleware
from .limits import BodyLimitMiddleware
from .listing import list_page, text_param
from .sandbox_endpoints import sandbox_routes
from .state import SandboxState, public


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
    ("/v1/payment_intents/search", ["GET"], lambda s, c: payment_intent_search.search(s, c.query)),
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


def create_app(state: SandboxState) -> FaultMiddleware:
    routes = [Route(path, api(state, handler), methods=methods) for path, methods, handler in API_ROUTES]
    app = Starlette(routes=routes + cashier_routes(state) + sandbox_routes(state))
    return FaultMiddleware(BodyLimitMiddleware(app), state.faults)
