"""What the connected server confirms of the app's unpublished assumptions (docs/api-assumptions.md).

``probe(client)`` makes a few cheap, read-only calls (a retrieve of an id that cannot exist, and short lists)
and says, per assumption, whether the answer confirms it (``True``), contradicts it (``False``) or cannot tell
(``None``: nothing on the account shows it, or only a payment could). It never creates anything.
Network and authentication failures are raised: the caller has already said what those mean.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from merchant_desk.wooshpay import Client
from merchant_desk.wooshpay.client import error_from_response

log = logging.getLogger(__name__)

# The ids of docs/api-assumptions.md, in its order. The UI words each one (tr()); the ids never change.
ERROR_ENVELOPE = "A-ERR-ENVELOPE"
ERROR_STATUS = "A-ERR-STATUS"
IDEMPOTENCY_KEY = "A-IDEMPOTENCY-KEY"
IDEMPOTENCY_WINDOW = "A-IDEMPOTENCY-WINDOW"
REFUND_LIST = "A-REFUND-LIST"
EVENT_LIST = "A-EVENT-LIST"
LIST_QUERY = "A-LIST-QUERY"
CREATED_MS = "A-CREATED-MS"
SEARCH = "A-SEARCH"
ENABLED_EVENTS_STAR = "A-EVENTS-STAR"
IDR_DECIMALS = "A-IDR-DECIMALS"
SIGNATURE_TOLERANCE = "A-SIG-TOLERANCE"
WAP = "A-WAP"
REQUEST_ID = "A-REQUEST-ID"

ASSUMPTION_IDS = (
    ERROR_ENVELOPE, ERROR_STATUS, IDEMPOTENCY_KEY, IDEMPOTENCY_WINDOW, REFUND_LIST, EVENT_LIST, LIST_QUERY,
    CREATED_MS, SEARCH, ENABLED_EVENTS_STAR, SIGNATURE_TOLERANCE, IDR_DECIMALS, WAP, REQUEST_ID,
)
# A payment intent id no server issues: 19 zeros.
_MISSING_INTENT = "pi_0000000000000000000"


@dataclass(frozen=True)
class ProbeResult:
    assumption_id: str
    confirmed: bool | None
    detail: str  # technical, English: for a tooltip or the log, not the main text


@dataclass
class ProbeReport:
    results: list[ProbeResult] = field(default_factory=list)

    def get(self, assumption_id: str) -> ProbeResult | None:
        return next((r for r in self.results if r.assumption_id == assumption_id), None)

    @property
    def confirmed(self) -> list[str]:
        return [r.assumption_id for r in self.results if r.confirmed is True]

    @property
    def contradicted(self) -> list[str]:
        return [r.assumption_id for r in self.results if r.confirmed is False]


@dataclass
class _Seen:
    """What the read-only calls showed, for the checks that look at objects already on the account."""

    request_ids: int = 0
    calls: int = 0
    events: list[dict[str, Any]] = field(default_factory=list)
    intents: list[dict[str, Any]] = field(default_factory=list)
    endpoints: list[dict[str, Any]] = field(default_factory=list)


async def probe(client: Client) -> ProbeReport:
    """Check what the connected server confirms; see the module docstring."""
    seen = _Seen()
    report = ProbeReport()
    add = report.results.append

    report.results.extend(await _check_error_shape(client, seen))

    page = await _list(client, seen, client.payment_intents.path, {"limit": 1})
    if isinstance(page, dict):
        seen.intents = _items(page)
        add(_check_list_query(page))
    else:
        add(ProbeResult(LIST_QUERY, None, f"GET {client.payment_intents.path} failed: {page}"))

    add(await _check_list_endpoint(client, seen, REFUND_LIST, client.refunds.path))
    events = await _list(client, seen, client.events.path, {"limit": 20})
    if isinstance(events, dict):
        seen.events = _items(events)
        add(ProbeResult(EVENT_LIST, True, f"GET {client.events.path} answered a list of {len(seen.events)}"))
    else:
        add(ProbeResult(EVENT_LIST, False if events.startswith("404") else None, f"GET {client.events.path}: {events}"))
    add(await _check_created_ms(client, seen))
    add(await _check_search(client, seen))
    endpoints = await _list(client, seen, client.webhook_endpoints.path, {"limit": 100})
    seen.endpoints = _items(endpoints) if isinstance(endpoints, dict) else []
    add(_check_star(seen))
    add(_check_idempotency_key(seen))
    add(ProbeResult(IDEMPOTENCY_WINDOW, None, "Only visible a day after a request; the app assumes 24 h."))
    add(ProbeResult(IDR_DECIMALS, None, "Only a payment shows how IDR amounts are read; the app uses 0 decimals."))
    add(ProbeResult(SIGNATURE_TOLERANCE, None, "Not visible through the API; the app accepts signatures within 300 s."))
    add(_check_wap(seen))
    add(ProbeResult(
        REQUEST_ID,
        True if seen.request_ids else None,
        f"{seen.request_ids} of {seen.calls} answers carried a Request-Id header",
    ))
    order = {name: i for i, name in enumerate(ASSUMPTION_IDS)}
    report.results.sort(key=lambda r: order.get(r.assumption_id, len(order)))
    log.info("API probe: confirmed %s; contradicted %s", report.confirmed, report.contradicted)
    return report


# ---- the calls -------------------------------------------------------------------------------------------


async def _raw_get(client: Client, seen: _Seen, path: str, params: dict[str, Any] | None) -> Any:
    """One GET through the client's own connection, answered as the raw response: the probe looks at bodies
    and headers the typed client would hide. Network and authentication failures are raised."""
    seen.calls += 1
    response = await client.raw_request("GET", path, params=params)
    if response.headers.get("Request-Id") or response.headers.get("X-Request-Id"):
        seen.request_ids += 1
    if response.status_code in (401, 403):
        raise error_from_response(response)
    return response


async def _list(client: Client, seen: _Seen, path: str, params: dict[str, Any]) -> dict[str, Any] | str:
    """The list body, or a short reason it is not one ("404 ...", "HTTP 400 ...", "not a list")."""
    response = await _raw_get(client, seen, path, params)
    if response.status_code != 200:
        return f"{response.status_code} {error_from_response(response)}"
    try:
        body = response.json()
    except ValueError:
        return "not JSON"
    if not isinstance(body, dict) or not isinstance(body.get("data"), list):
        return "not a list"
    return body


def _items(page: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for item in page.get("data", []) if isinstance(item, dict)]


async def _check_error_shape(client: Client, seen: _Seen) -> list[ProbeResult]:
    response = await _raw_get(client, seen, client.payment_intents.item_path(_MISSING_INTENT), None)
    status = response.status_code
    try:
        body = response.json()
    except ValueError:
        body = None
    envelope = body.get("error") if isinstance(body, dict) else None
    if isinstance(envelope, dict) and isinstance(envelope.get("type"), str):
        shape = ProbeResult(ERROR_ENVELOPE, True, f"HTTP {status} with error.type={envelope.get('type')!r}, "
                                                  f"error.code={envelope.get('code')!r}")
    elif 200 <= status < 300:
        shape = ProbeResult(ERROR_ENVELOPE, None, f"an id that cannot exist was answered HTTP {status}")
    else:
        shape = ProbeResult(ERROR_ENVELOPE, False, f"HTTP {status} without an error envelope: "
                                                   f"{error_from_response(response)}")
    if 400 <= status < 500:
        status_result = ProbeResult(ERROR_STATUS, True, f"a missing object was refused with HTTP {status}")
    else:
        status_result = ProbeResult(ERROR_STATUS, False if status >= 500 else None,
                                    f"a missing object was answered HTTP {status}, not a 4xx refusal")
    return [shape, status_result]


def _check_list_query(page: dict[str, Any]) -> ProbeResult:
    items = _items(page)
    if len(items) > 1:
        return ProbeResult(LIST_QUERY, False, f"limit=1 in the query string answered {len(items)} objects")
    if len(items) == 1 and page.get("has_more") is True:
        return ProbeResult(LIST_QUERY, True, "limit=1 in the query string answered one object and has_more")
    return ProbeResult(LIST_QUERY, None, f"the account has {len(items)} payment(s): too few to tell")


async def _check_list_endpoint(client: Client, seen: _Seen, assumption: str, path: str) -> ProbeResult:
    page = await _list(client, seen, path, {"limit": 1})
    if isinstance(page, dict):
        return ProbeResult(assumption, True, f"GET {path} answered a list")
    return ProbeResult(assumption, False if page.startswith("404") else None, f"GET {path}: {page}")


async def _check_created_ms(client: Client, seen: _Seen) -> ProbeResult:
    newest = next((i for i in seen.intents if isinstance(i.get("created"), int) and i.get("id")), None)
    if newest is None:
        return ProbeResult(CREATED_MS, None, "no payment on the account to filter for")
    created = newest["created"]
    if len(str(created)) < 13:
        return ProbeResult(CREATED_MS, False, f"created is {created}, in seconds, not milliseconds")
    # Read as seconds, this bound lies tens of thousands of years ahead: only a ms reading finds the object.
    page = await _list(client, seen, client.payment_intents.path, {"limit": 1, "created": {"gte": created}})
    if not isinstance(page, dict):
        return ProbeResult(CREATED_MS, None, f"the filtered list failed: {page}")
    found = any(item.get("id") == newest["id"] for item in _items(page))
    return ProbeResult(CREATED_MS, found, f"created[gte]={created} {'found' if found else 'did not find'} "
                                          f"{newest['id']}")


async def _check_search(client: Client, seen: _Seen) -> ProbeResult:
    page = await _list(client, seen, client.payment_intents.search_path,
                       {"query": "merchant_order_id:'md-probe-none'", "limit": 1})
    if isinstance(page, dict):
        return ProbeResult(SEARCH, True, f"search answered object={page.get('object')!r}")
    return ProbeResult(SEARCH, False if page.startswith("404") else None, f"search: {page}")


def _check_star(seen: _Seen) -> ProbeResult:
    for endpoint in seen.endpoints:
        events = endpoint.get("enabled_events")
        if isinstance(events, list) and "*" in events:
            return ProbeResult(ENABLED_EVENTS_STAR, True, f"{endpoint.get('id')} is enabled for \"*\"")
    return ProbeResult(ENABLED_EVENTS_STAR, None, f"none of {len(seen.endpoints)} endpoint(s) uses \"*\"")


def _check_idempotency_key(seen: _Seen) -> ProbeResult:
    for event in seen.events:
        request = event.get("request")
        if isinstance(request, dict) and isinstance(request.get("idempotency_key"), str) and request["idempotency_key"]:
            return ProbeResult(IDEMPOTENCY_KEY, True,
                               f"event {event.get('id')} records the Idempotency-Key of the request that caused it")
    return ProbeResult(IDEMPOTENCY_KEY, None, f"none of {len(seen.events)} recent event(s) records an idempotency key")


def _check_wap(seen: _Seen) -> ProbeResult:
    for intent in seen.intents:
        options = intent.get("payment_method_options")
        alipayplus = options.get("alipayplus") if isinstance(options, dict) else None
        if isinstance(alipayplus, dict) and alipayplus.get("terminal_type") == "WAP":
            return ProbeResult(WAP, True, f"{intent.get('id')} was made with terminal_type WAP")
    return ProbeResult(WAP, None, "no payment on the account was made with terminal_type WAP")


__all__ = [
    "ASSUMPTION_IDS",
    "ProbeReport",
    "ProbeResult",
    "probe",
]
