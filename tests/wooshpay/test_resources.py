"""Resources: methods, paths, bodies, list filters as query parameters, and pagination."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from merchant_desk.wooshpay import (
    CheckoutSession,
    DeletedObject,
    Event,
    InvalidRequestError,
    LineItem,
    MalformedResponseError,
    PaymentIntent,
    Refund,
    WebhookEndpoint,
)
from merchant_desk.wooshpay.client import encode_query

from .helpers import FakeAPI, json_response, make_client, page, pi

pytestmark = pytest.mark.asyncio


def routed(routes: dict[tuple[str, str], object]):
    """An answer function choosing the body by (method, path)."""

    def answer(request: httpx.Request) -> httpx.Response:
        key = (request.method, request.url.path)
        if key not in routes:
            return json_response(404, {"error": {"type": "invalid_request_error", "message": f"no route {key}"}})
        return json_response(200, routes[key])

    return answer


def sent(api: FakeAPI) -> list[tuple[str, str]]:
    return [(r.method, r.url.path) for r in api.requests]


async def test_payment_intent_operations_hit_their_paths():
    api = FakeAPI(lambda request: json_response(200, pi()))
    async with make_client(api) as client:
        created = await client.payment_intents.create(amount=200, currency="IDR", confirm=True,
                                                       payment_method_options={"alipayplus": {"terminal_type": "WEB"}})
        assert isinstance(created, PaymentIntent)
        await client.payment_intents.retrieve("pi_1")
        await client.payment_intents.update("pi_1", description="table 4")
        await client.payment_intents.confirm("pi_1", return_url="https://shop.example/back")
        await client.payment_intents.cancel("pi_1", "customer cancelled")
        await client.payment_intents.capture("pi_1", 8000)
        await client.payment_intents.capture("pi_1")
    assert sent(api) == [
        ("POST", "/v1/payment_intents"),
        ("GET", "/v1/payment_intents/pi_1"),
        ("POST", "/v1/payment_intents/pi_1"),
        ("POST", "/v1/payment_intents/pi_1/confirm"),
        ("POST", "/v1/payment_intents/pi_1/cancel"),
        ("POST", "/v1/payment_intents/pi_1/capture"),
        ("POST", "/v1/payment_intents/pi_1/capture"),
    ]
    assert api.bodies() == [
        {"amount": 200, "currency": "IDR", "confirm": True, "payment_method_options": {"alipayplus": {"terminal_type": "WEB"}}},
        None,
        {"description": "table 4"},
        {"return_url": "https://shop.example/back"},
        {"cancellation_reason": "customer cancelled"},
        {"amount_to_capture": 8000},
        {},
    ]
    assert all("Idempotency-Key" in r.headers for r in api.requests if r.method == "POST")


async def test_ids_are_escaped_in_paths_and_empty_ids_refused():
    api = FakeAPI(lambda request: json_response(200, pi()))
    async with make_client(api) as client:
        await client.payment_intents.retrieve("pi_1/../../v1/refunds")
        with pytest.raises(InvalidRequestError):
            await client.payment_intents.retrieve("")
    assert api.requests[0].url.raw_path == b"/v1/payment_intents/pi_1%2F..%2F..%2Fv1%2Frefunds"
    assert len(api.requests) == 1


async def test_refund_operations():
    refund = {"id": "re_1", "object": "refund", "amount": 100, "currency": "HKD", "status": "succeeded"}
    api = FakeAPI(routed({
        ("POST", "/v1/refunds"): refund,
        ("GET", "/v1/refunds/re_1"): refund,
        ("GET", "/v1/refunds"): page([refund], False, "/v1/refunds"),
    }))
    async with make_client(api) as client:
        made = await client.refunds.create("pi_1", amount=100, reason="requested_by_customer", metadata={"note": "x"})
        full = await client.refunds.create("pi_1")
        assert isinstance(made, Refund) and made.amount == 100 and full.id == "re_1"
        assert (await client.refunds.retrieve("re_1")).currency == "HKD"
        listed = await client.refunds.list(payment_intent="pi_1", limit=5)
    assert [r.id for r in listed.data] == ["re_1"]
    assert api.bodies()[:2] == [
        {"payment_intent": "pi_1", "amount": 100, "reason": "requested_by_customer", "metadata": {"note": "x"}},
        {"payment_intent": "pi_1"},
    ]
    assert api.requests[-1].url.params.multi_items() == [("payment_intent", "pi_1"), ("limit", "5")]


async def test_webhook_endpoint_operations():
    endpoint = {"id": "we_1", "object": "webhook_endpoint", "url": "https://shop.example/hook", "status": "enabled",
                "enabled_events": ["payment_intent.succeeded"]}
    api = FakeAPI(routed({
        ("POST", "/v1/webhook_endpoints"): {**endpoint, "secret": "whsec_" + "s" * 32},
        ("GET", "/v1/webhook_endpoints/we_1"): endpoint,
        ("POST", "/v1/webhook_endpoints/we_1"): {**endpoint, "status": "disabled"},
        ("GET", "/v1/webhook_endpoints"): page([endpoint], False),
        ("DELETE", "/v1/webhook_endpoints/we_1"): {"id": "we_1", "object": "webhook_endpoint", "deleted": True},
    }))
    async with make_client(api) as client:
        made = await client.webhook_endpoints.create("https://shop.example/hook", ["payment_intent.succeeded"],
                                                     description="shop", api_version="1.0.1")
        assert isinstance(made, WebhookEndpoint) and made.secret.startswith("whsec_")
        assert (await client.webhook_endpoints.retrieve("we_1")).url == "https://shop.example/hook"
        assert (await client.webhook_endpoints.update("we_1", disabled=True)).status == "disabled"
        assert [e.id for e in (await client.webhook_endpoints.list()).data] == ["we_1"]
        assert [e.id async for e in client.webhook_endpoints.list_all()] == ["we_1"]
        deleted = await client.webhook_endpoints.delete("we_1")
    assert isinstance(deleted, DeletedObject) and deleted.deleted
    assert api.bodies()[0] == {"url": "https://shop.example/hook", "enabled_events": ["payment_intent.succeeded"],
                               "description": "shop", "api_version": "1.0.1"}
    assert api.bodies()[2] == {"disabled": True}
    assert "Idempotency-Key" not in api.requests[-1].headers


async def test_checkout_session_operations_use_the_list_suffix():
    session = {"id": "cs_1", "object": "checkout.session", "status": "open", "currency": "PHP"}
    item = {"id": "li_1", "object": "item", "quantity": 1, "price": {"id": "price_1", "unit_amount": 500}}
    api = FakeAPI(routed({
        ("POST", "/v1/checkout/sessions"): session,
        ("GET", "/v1/checkout/sessions/cs_1"): session,
        ("GET", "/v1/checkout/sessions/list"): page([session], False),
        ("POST", "/v1/checkout/sessions/cs_1/expire"): {**session, "status": "expired"},
        ("GET", "/v1/checkout/sessions/cs_1/line_items"): page([item], False),
    }))
    async with make_client(api) as client:
        made = await client.checkout_sessions.create(mode="payment", success_url="https://s", cancel_url="https://c",
                                                     line_items=[{"price_data": {"currency": "PHP", "unit_amount": 500,
                                                                                 "product_data": {"name": "Tea"}}, "quantity": 1}])
        assert isinstance(made, CheckoutSession)
        await client.checkout_sessions.retrieve("cs_1")
        listed = await client.checkout_sessions.list(payment_intent="pi_1")
        assert [s.id for s in listed.data] == ["cs_1"]
        assert (await client.checkout_sessions.expire("cs_1")).status == "expired"
        items = await client.checkout_sessions.line_items("cs_1", limit=10)
    assert isinstance(items.data[0], LineItem) and items.data[0].price.unit_amount == 500
    assert sent(api) == [
        ("POST", "/v1/checkout/sessions"),
        ("GET", "/v1/checkout/sessions/cs_1"),
        ("GET", "/v1/checkout/sessions/list"),
        ("POST", "/v1/checkout/sessions/cs_1/expire"),
        ("GET", "/v1/checkout/sessions/cs_1/line_items"),
    ]


async def test_events_retrieve_and_list():
    event = {"id": "evt_1", "object": "event", "type": "payment_intent.succeeded", "data": {"object": pi(status="succeeded")}}
    api = FakeAPI(routed({("GET", "/v1/events/evt_1"): event, ("GET", "/v1/events"): page([event], False)}))
    async with make_client(api) as client:
        got = await client.events.retrieve("evt_1")
        assert isinstance(got, Event) and got.data_object["status"] == "succeeded"
        listed = await client.events.list(type="payment_intent.succeeded")
    assert listed.data[0].id == "evt_1"
    assert api.requests[-1].url.params["type"] == "payment_intent.succeeded"


async def test_list_filters_are_query_parameters_with_nested_created():
    api = FakeAPI(json_response(200, page([], False)))
    when = datetime(2023, 8, 21, 3, 33, 19, tzinfo=UTC)
    async with make_client(api) as client:
        await client.payment_intents.list(limit=3, created={"gte": 1692588799000, "lt": when}, starting_after=None)
    request = api.requests[0]
    assert request.method == "GET" and request.content == b""
    assert request.url.params.multi_items() == [
        ("limit", "3"), ("created[gte]", "1692588799000"), ("created[lt]", "1692588799000")]
    assert "created%5Bgte%5D=1692588799000" in str(request.url)


async def test_encode_query_shapes():
    assert encode_query({"a": True, "b": False, "c": None, "d": ["x", "y"], "e": {"f": {"g": 1}}}) == [
        ("a", "true"), ("b", "false"), ("d[]", "x"), ("d[]", "y"), ("e[f][g]", "1")]
    assert encode_query(None) == []


async def test_list_all_follows_has_more_and_starting_after():
    pages = [
        page([pi("pi_5"), pi("pi_4")], True),
        page([pi("pi_3"), pi("pi_2")], True),
        page([pi("pi_1")], False),
    ]
    api = FakeAPI(*[json_response(200, p) for p in pages])
    async with make_client(api) as client:
        ids = [intent.id async for intent in client.payment_intents.list_all(limit=2, created={"gte": 1})]
    assert ids == ["pi_5", "pi_4", "pi_3", "pi_2", "pi_1"]
    params = [r.url.params for r in api.requests]
    assert [p.get("starting_after") for p in params] == [None, "pi_4", "pi_2"]
    assert all(p["limit"] == "2" and p["created[gte]"] == "1" for p in params)


async def test_list_all_is_lazy():
    api = FakeAPI(json_response(200, page([pi("pi_2")], True)), json_response(200, page([pi("pi_1")], False)))
    async with make_client(api) as client:
        async for intent in client.payment_intents.list_all():
            assert intent.id == "pi_2"
            break
    assert len(api.requests) == 1


async def test_list_all_backwards_with_ending_before():
    api = FakeAPI(json_response(200, page([pi("pi_7"), pi("pi_6")], True)), json_response(200, page([pi("pi_9"), pi("pi_8")], False)))
    async with make_client(api) as client:
        ids = [r.id async for r in client.payment_intents.list_all(ending_before="pi_5")]
    assert ids == ["pi_7", "pi_6", "pi_9", "pi_8"]
    assert [r.url.params.get("ending_before") for r in api.requests] == ["pi_5", "pi_7"]


async def test_list_all_stops_when_has_more_but_no_data():
    api = FakeAPI(json_response(200, page([], True)))
    async with make_client(api) as client:
        assert [r async for r in client.refunds.list_all()] == []
    assert len(api.requests) == 1


async def test_list_all_refuses_a_server_that_ignores_the_cursor():
    api = FakeAPI(json_response(200, page([pi("pi_2"), pi("pi_1")], True)))
    async with make_client(api) as client:
        with pytest.raises(MalformedResponseError):
            [r async for r in client.payment_intents.list_all()]
    assert len(api.requests) == 2  # the second page ends on the same cursor: stop before a third


async def test_search_sends_query_and_limit():
    api = FakeAPI(json_response(200, {"object": "search_result", "url": "/v1/payment_intents/search", "has_more": False,
                                      "data": [pi(merchant_order_id="order1234")]}))
    async with make_client(api) as client:
        found = await client.payment_intents.search("merchant_order_id:'order1234'", limit=5)
    assert [i.merchant_order_id for i in found.data] == ["order1234"]
    request = api.requests[0]
    assert (request.method, request.url.path) == ("GET", "/v1/payment_intents/search")
    assert request.url.params["query"] == "merchant_order_id:'order1234'" and request.url.params["limit"] == "5"


async def test_search_all_follows_next_page_or_starting_after():
    api = FakeAPI(
        json_response(200, {"object": "search_result", "has_more": True, "next_page": "tok_2", "data": [pi("pi_3")]}),
        json_response(200, {"object": "search_result", "has_more": True, "data": [pi("pi_2")]}),
        json_response(200, {"object": "search_result", "has_more": False, "data": [pi("pi_1")]}),
    )
    async with make_client(api) as client:
        ids = [i.id async for i in client.payment_intents.search_all("status:'succeeded'", limit=1)]
    assert ids == ["pi_3", "pi_2", "pi_1"]
    assert [(r.url.params.get("page"), r.url.params.get("starting_after")) for r in api.requests] == [
        (None, None), ("tok_2", None), (None, "pi_2")]


async def test_a_2xx_body_of_the_wrong_shape_is_malformed():
    api = FakeAPI(json_response(200, {"object": "payment_intent", "amount": 200}))
    async with make_client(api) as client:
        with pytest.raises(MalformedResponseError) as caught:
            await client.payment_intents.retrieve("pi_1")
        assert "no id" in str(caught.value)
        api.answers = [json_response(200, {"object": "list", "data": "nope"})]
        with pytest.raises(MalformedResponseError):
            await client.refunds.list()
