"""Webhook endpoints (§0, §5). The signing secret is returned by create only, as WooshPay documents."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from . import params as p
from .errors import invalid, not_found
from .events import API_VERSION, EVENT_TYPES
from .ids import new_id, random_chars
from .listing import list_page
from .state import SandboxState


def render(endpoint: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in endpoint.items() if k != "secret"}


def _url(value: Any) -> str:
    url = p.string(value, "url", required=True)
    assert url is not None
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise invalid("url", f"Invalid URL: {url}. Use an http:// or https:// address.", "url_invalid")
    return url


def _events(value: Any) -> list[str]:
    events = p.string_list(value, "enabled_events", required=True)
    assert events is not None
    for event in events:
        if event != "*" and event not in EVENT_TYPES:
            raise invalid("enabled_events", f"Unknown event type: {event}.", "parameter_invalid_enum")
    return events


def create(state: SandboxState, params: dict[str, Any]) -> dict[str, Any]:
    endpoint = {
        "id": new_id("we"),
        "object": "webhook_endpoint",
        "api_version": p.string(params.get("api_version"), "api_version") or API_VERSION,
        "created": state.store.now_ms(),
        "description": p.string(params.get("description"), "description"),
        "enabled_events": _events(params.get("enabled_events")),
        "livemode": False,
        "metadata": p.metadata(params.get("metadata")),
        "status": "enabled",
        "url": _url(params.get("url")),
        "secret": f"whsec_{random_chars(32)}",
    }
    state.store.put("webhook_endpoint", endpoint)
    return dict(endpoint)


def _load(state: SandboxState, endpoint_id: str) -> dict[str, Any]:
    endpoint = state.store.get("webhook_endpoint", endpoint_id)
    if endpoint is None:
        raise not_found("webhook_endpoint", endpoint_id)
    return endpoint


def retrieve(state: SandboxState, endpoint_id: str) -> dict[str, Any]:
    return render(_load(state, endpoint_id))


def update(state: SandboxState, endpoint_id: str, params: dict[str, Any]) -> dict[str, Any]:
    endpoint = _load(state, endpoint_id)
    if "url" in params:
        endpoint["url"] = _url(params["url"])
    if "enabled_events" in params:
        endpoint["enabled_events"] = _events(params["enabled_events"])
    if "description" in params:
        endpoint["description"] = p.string(params["description"], "description")
    if "api_version" in params:
        endpoint["api_version"] = p.string(params["api_version"], "api_version")
    if "metadata" in params:
        endpoint["metadata"] = p.metadata(params["metadata"], base=endpoint.get("metadata"))
    if "disabled" in params:
        endpoint["status"] = "disabled" if p.boolean(params["disabled"], "disabled") else "enabled"
    state.store.put("webhook_endpoint", endpoint)
    return render(endpoint)


def delete(state: SandboxState, endpoint_id: str) -> dict[str, Any]:
    _load(state, endpoint_id)
    state.store.delete("webhook_endpoint", endpoint_id)
    # Likely as Stripe: the deleted-object stub.
    return {"id": endpoint_id, "object": "webhook_endpoint", "deleted": True}


def list_endpoints(state: SandboxState, query: dict[str, Any]) -> dict[str, Any]:
    return list_page(state.store, "webhook_endpoint", query, "/v1/webhook_endpoints", render=render)
