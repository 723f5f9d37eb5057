"""Random API traffic, valid and not: the sandbox never answers 500, keeps answering its lists afterwards
(it stored nothing it cannot serve), and refunds never exceed what was paid."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import api_client

# Every character, lone surrogates included (hypothesis leaves them out unless asked), and more often the
# ones that have broken servers before: surrogates, other scripts' digits, brackets, quotes, NUL.
tricky = st.sampled_from(["\ud800", "\udfff", "\U0001f600", "\u0663", "[", "]", "'", '"', "\x00", "a", "1"])
any_text = st.text(st.one_of(st.characters(blacklist_categories=()), tricky), max_size=12)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["100", "١٠٠", "9" * 400, "-1", "0", " 5 ", "1e3"]),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, any_text)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3), max_leaves=8
)
currencies = st.sampled_from(["HKD", "hkd", "IDR", "PHP", "CNY", "XYZ", "", "H", "usd"]) | any_text
amounts = st.integers(min_value=1, max_value=5000) | numbers
metadata = st.dictionaries(any_text, any_text | numbers, max_size=4) | values


def intent_params() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"amount": amounts, "currency": currencies},
        optional={
            "confirm": st.booleans() | values,
            "payment_method_data": st.just({"type": "alipayplus"}) | values,
            "description": any_text | values,
            "merchant_order_id": any_text | values,
            "metadata": metadata,
            "capture_method": st.sampled_from(["automatic", "manual"]) | values,
            "shipping": values,
            "payment_method_options": values,
        },
    )


query_strings = st.one_of(
    st.builds(lambda k, v: urlencode({k: v}), st.sampled_from(
        ["limit", "created[gt]", "created", "starting_after", "ending_before", "type", "payment_intent", "page",
         "type[]", "payment_intent[]", "created[gt][x]", "limit[]"]), any_text | st.sampled_from(["9" * 400, "5"])),
    st.builds(lambda q: urlencode({"query": q}), st.sampled_from([
        "status:'succeeded'", "merchant_order_id:'a'", "metadata['k']:'v'", "amount~'1'", "-currency:'HKD'",
        "status:'succeeded' OR currency:'IDR'", "bogus:'x'", "status:", "metadata[k]:'v'",
    ]) | any_text),
)

operation = st.one_of(
    st.tuples(st.just("create"), intent_params()),
    st.tuples(st.just("create_raw"), values),
    st.tuples(st.just("create_form"), st.dictionaries(any_text, any_text, max_size=4)),
    st.tuples(st.just("pay"), st.integers(min_value=0, max_value=20)),
    st.tuples(st.just("refund"), st.tuples(st.integers(min_value=0, max_value=20),
                                           st.none() | amounts, metadata | st.none())),
    st.tuples(st.just("update"), st.tuples(st.integers(min_value=0, max_value=20), intent_params())),
    st.tuples(st.just("list"), st.tuples(st.sampled_from([
        "/v1/payment_intents", "/v1/payment_intents/search", "/v1/refunds", "/v1/events",
        "/v1/checkout/sessions/list", "/v1/webhook_endpoints"]), query_strings)),
    st.tuples(st.just("checkout"), st.tuples(amounts, currencies, values)),
    st.tuples(st.just("sandbox"), st.tuples(st.sampled_from(["/_sandbox/faults", "/_sandbox/clock"]), values)),
)


@pytest.fixture(scope="module")
def fuzzed():
    """A sandbox of its own: the traffic moves its clock and sets faults, which other tests must not see."""
    from merchant_desk.sandbox import start_sandbox

    with start_sandbox(webhook_time_factor=0.001) as handle:
        yield handle


def _send_json(client: httpx.Client, path: str, body: Any) -> httpx.Response:
    # json.dumps writes lone surrogates as \ud800 escapes and NaN as NaN: both reach the server as sent.
    return client.post(path, content=json.dumps(body).encode(), headers={"Content-Type": "application/json"})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(ops=st.lists(operation, min_size=1, max_size=12))
def test_random_traffic_never_breaks_the_sandbox(fuzzed, ops):
    sandbox = fuzzed
    made: list[str] = []
    with api_client(sandbox) as api:
        for kind, arg in ops:
            if kind == "create":
                response = _send_json(api, "/v1/payment_intents", arg)
            elif kind == "create_raw":
                response = _send_json(api, "/v1/payment_intents", arg)
            elif kind == "create_form":
                response = api.post("/v1/payment_intents", content=urlencode(arg, errors="surrogatepass").encode(),
                                    headers={"Content-Type": "application/x-www-form-urlencoded"})
            elif kind == "pay":
                if not made:
                    continue
                intent_id = made[arg % len(made)]
                response = httpx.post(f"{sandbox.base_url}/_sandbox/payment_intents/{intent_id}/pay", json={})
            elif kind == "refund":
                index, amount, meta = arg
                body: dict[str, Any] = {"payment_intent": made[index % len(made)] if made else "pi_1"}
                if amount is not None:
                    body["amount"] = amount
                if meta is not None:
                    body["metadata"] = meta
                response = _send_json(api, "/v1/refunds", body)
            elif kind == "update":
                index, params = arg
                if not made:
                    continue
                response = _send_json(api, f"/v1/payment_intents/{made[index % len(made)]}", params)
            elif kind == "list":
                path, query = arg
                response = api.get(f"{path}?{query}")
            elif kind == "checkout":
                amount, currency, extra = arg
                response = _send_json(api, "/v1/checkout/sessions", {
                    "line_items": [{"price_data": {"currency": currency, "unit_amount": amount,
                                                   "product_data": {"name": "Tea"}}, "quantity": 1}],
                    "metadata": extra,
                })
            else:
                path, body = arg
                response = httpx.post(f"{sandbox.base_url}{path}", content=json.dumps(body).encode())
                httpx.delete(f"{sandbox.base_url}/_sandbox/faults")  # no fault may leak into later requests
            assert response.status_code < 500, (kind, arg, response.status_code, response.text[:300])
            if response.status_code >= 400 and response.status_code != 413:
                error = response.json()["error"]
                assert error["type"] and error["message"]
            if kind.startswith("create") and response.status_code == 200:
                made.append(response.json()["id"])
        # Whatever was accepted can be served again, in every list and search.
        for path in ("/v1/payment_intents?limit=100", "/v1/events?limit=100", "/v1/refunds?limit=100",
                     "/v1/checkout/sessions/list?limit=100", "/v1/payment_intents/search?query=amount~'1'"):
            assert api.get(path).status_code == 200, path
        for intent_id in made:
            intent = api.get(f"/v1/payment_intents/{intent_id}").json()
            refunds = api.get("/v1/refunds", params={"payment_intent": intent_id, "limit": 100}).json()["data"]
            refunded = sum(r["amount"] for r in refunds if r["status"] in ("succeeded", "pending"))
            assert refunded <= intent["amount_received"] <= intent["amount"]
