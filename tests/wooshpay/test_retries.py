"""Retries: which failures are retried, how long the client waits, and the idempotency key it reuses."""

from __future__ import annotations

import logging
import uuid

import httpx
import pytest

from merchant_desk.wooshpay import (
    APIError,
    Client,
    InsecureTransportError,
    NetworkError,
    RateLimitError,
    WooshPayError,
)

from .helpers import (
    LIVE_SECRET,
    SECRET,
    FakeAPI,
    FakeClock,
    error_response,
    json_response,
    make_client,
    pi,
)

pytestmark = pytest.mark.asyncio

OK = json_response(200, pi())


async def test_5xx_then_success_retries_with_full_jitter_exponential_backoff():
    clock = FakeClock()
    api = FakeAPI(error_response(500, "api_error"), error_response(502, None), error_response(503, None), OK)
    async with make_client(api, clock=clock, random_value=0.5, max_attempts=4, backoff_base=0.5, backoff_cap=8.0) as client:
        body = await client.request("GET", "/v1/payment_intents/pi_1")
    assert body["id"] == pi()["id"]
    assert len(api.requests) == 4
    # full jitter: random() * min(cap, base * 2**(n-1)) = 0.5 * (0.5, 1, 2)
    assert clock.sleeps == [0.25, 0.5, 1.0]


async def test_backoff_is_capped():
    clock = FakeClock()
    api = FakeAPI(error_response(503, None))
    async with make_client(api, clock=clock, random_value=1.0, max_attempts=6, backoff_base=1.0, backoff_cap=3.0) as client:
        with pytest.raises(APIError):
            await client.request("GET", "/v1/events")
    assert clock.sleeps == [1.0, 2.0, 3.0, 3.0, 3.0]


async def test_jitter_comes_from_the_injected_random():
    clock = FakeClock()
    draws = iter([0.0, 0.9])
    api = FakeAPI(error_response(500, "api_error"), error_response(500, "api_error"), OK)
    async with Client(SECRET, base_url="https://api.example.test", transport=httpx.MockTransport(api),
                      sleep=clock, random=lambda: next(draws), backoff_base=1.0) as client:
        await client.request("GET", "/v1/payment_intents/pi_1")
    assert clock.sleeps == [0.0, 0.9 * 2.0]


async def test_gives_up_after_max_attempts_with_the_last_error():
    clock = FakeClock()
    api = FakeAPI(error_response(500, "api_error", message="internal problem", headers={"Request-Id": "req_last"}))
    async with make_client(api, clock=clock, max_attempts=3) as client:
        with pytest.raises(APIError) as caught:
            await client.request("POST", "/v1/payment_intents", json={"amount": 200})
    assert len(api.requests) == 3 and len(clock.sleeps) == 2
    assert caught.value.http_status == 500 and caught.value.request_id == "req_last"


async def test_retry_after_seconds_is_honoured_on_429():
    clock = FakeClock()
    api = FakeAPI(error_response(429, headers={"Retry-After": "3"}), error_response(429, headers={"Retry-After": "0.5"}), OK)
    async with make_client(api, clock=clock, random_value=0.01) as client:
        await client.request("GET", "/v1/payment_intents/pi_1")
    assert clock.sleeps == [3.0, 0.5]


async def test_retry_after_on_503_and_an_unreadable_one_falls_back_to_backoff():
    clock = FakeClock()
    api = FakeAPI(
        error_response(503, None, headers={"Retry-After": "2"}),
        error_response(503, None, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}),
        OK,
    )
    async with make_client(api, clock=clock, random_value=0.5, backoff_base=0.5) as client:
        await client.request("GET", "/v1/payment_intents/pi_1")
    assert clock.sleeps == [2.0, 0.5]


async def test_a_retry_after_beyond_a_minute_is_not_waited_for():
    clock = FakeClock()
    api = FakeAPI(error_response(429, headers={"Retry-After": "3600"}), OK)
    async with make_client(api, clock=clock) as client:
        with pytest.raises(RateLimitError) as caught:
            await client.request("GET", "/v1/payment_intents")
    assert clock.sleeps == [] and len(api.requests) == 1
    assert caught.value.http_status == 429


async def test_rate_limit_after_the_last_attempt_raises_rate_limit_error():
    clock = FakeClock()
    api = FakeAPI(error_response(429, headers={"Retry-After": "1"}))
    async with make_client(api, clock=clock, max_attempts=2) as client:
        with pytest.raises(RateLimitError):
            await client.request("GET", "/v1/payment_intents")
    assert clock.sleeps == [1.0] and len(api.requests) == 2


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("refused"),
        httpx.ConnectTimeout("connect timed out"),
        httpx.ReadTimeout("read timed out"),
        httpx.ReadError("connection reset"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
    ],
)
async def test_transport_failures_are_retried(failure):
    clock = FakeClock()
    api = FakeAPI(failure, OK)
    async with make_client(api, clock=clock) as client:
        body = await client.request("POST", "/v1/payment_intents", json={"amount": 200})
    assert body["object"] == "payment_intent"
    assert len(api.requests) == 2 and len(clock.sleeps) == 1


async def test_transport_failure_on_every_attempt_raises_network_error():
    clock = FakeClock()
    api = FakeAPI(httpx.ConnectError("refused"))
    async with make_client(api, clock=clock, max_attempts=3) as client:
        with pytest.raises(NetworkError):
            await client.request("GET", "/v1/payment_intents")
    assert len(api.requests) == 3


@pytest.mark.parametrize("status", [400, 401, 402, 403, 404, 409, 422])
async def test_4xx_other_than_429_is_never_retried(status):
    clock = FakeClock()
    api = FakeAPI(error_response(status), OK)
    async with make_client(api, clock=clock) as client:
        with pytest.raises(WooshPayError) as caught:
            await client.request("POST", "/v1/refunds", json={"payment_intent": "pi_1"})
    assert caught.value.http_status == status
    assert len(api.requests) == 1 and clock.sleeps == []


async def test_same_idempotency_key_on_every_attempt_of_one_post():
    api = FakeAPI(httpx.ConnectError("refused"), error_response(500, "api_error"), httpx.ReadTimeout("slow"), OK)
    async with make_client(api) as client:
        await client.payment_intents.create(amount=200, currency="IDR")
    keys = [r.headers["Idempotency-Key"] for r in api.requests]
    assert len(keys) == 4 and len(set(keys)) == 1
    uuid.UUID(keys[0])  # a fresh uuid4 by default
    assert api.bodies() == [{"amount": 200, "currency": "IDR"}] * 4


async def test_each_call_gets_a_fresh_key():
    api = FakeAPI(OK)
    async with make_client(api) as client:
        await client.payment_intents.create(amount=200, currency="IDR")
        await client.payment_intents.create(amount=200, currency="IDR")
        await client.request("POST", "/v1/payment_intents", json={"amount": 1})
    keys = [r.headers["Idempotency-Key"] for r in api.requests]
    assert len(set(keys)) == 3


async def test_caller_supplied_key_is_sent_and_reused():
    api = FakeAPI(error_response(503, None), json_response(200, {"id": "re_1", "object": "refund"}))
    async with make_client(api) as client:
        refund = await client.refunds.create("pi_1", amount=100, idempotency_key="order-42-refund-1")
    assert refund.id == "re_1"
    assert [r.headers["Idempotency-Key"] for r in api.requests] == ["order-42-refund-1"] * 2


async def test_gets_carry_no_idempotency_key_and_are_retried():
    api = FakeAPI(httpx.ConnectError("refused"), OK)
    async with make_client(api) as client:
        await client.payment_intents.retrieve("pi_1")
    assert len(api.requests) == 2
    assert all("Idempotency-Key" not in r.headers for r in api.requests)


async def test_max_attempts_one_never_retries_or_sleeps():
    clock = FakeClock()
    api = FakeAPI(error_response(503, None), OK)
    async with make_client(api, clock=clock, max_attempts=1) as client:
        with pytest.raises(APIError):
            await client.request("GET", "/v1/payment_intents")
    assert len(api.requests) == 1 and clock.sleeps == []


async def test_retries_are_logged_at_info_without_the_key(caplog):
    api = FakeAPI(error_response(503, None), httpx.ConnectError("refused"), OK)
    with caplog.at_level(logging.DEBUG, logger="merchant_desk.wooshpay"):
        async with make_client(api) as client:
            await client.request("POST", "/v1/payment_intents", json={"amount": 200})
    retries = [r for r in caplog.records if r.levelno == logging.INFO and r.name == "merchant_desk.wooshpay"]
    assert len(retries) == 2
    assert "HTTP 503" in retries[0].getMessage() and "ConnectError" in retries[1].getMessage()
    assert "attempt 1 of 4" in retries[0].getMessage()
    assert all(SECRET not in r.getMessage() for r in caplog.records)


async def test_request_headers_auth_and_json():
    api = FakeAPI(OK)
    async with make_client(api) as client:
        await client.payment_intents.create(amount=200, currency="IDR", confirm=True)
    request = api.requests[0]
    assert request.headers["Authorization"] == httpx.BasicAuth(SECRET, "")._auth_header
    import base64

    assert base64.b64decode(request.headers["Authorization"].split()[1]) == (SECRET + ":").encode()
    assert request.headers["Accept"] == "application/json"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["User-Agent"].startswith("merchant-desk/")
    assert request.url == "https://api.example.test/v1/payment_intents"


async def test_live_key_over_http_is_refused_before_any_request():
    api = FakeAPI(OK)
    with pytest.raises(InsecureTransportError) as caught:
        Client(LIVE_SECRET, base_url="http://api.example.test", transport=httpx.MockTransport(api))
    assert api.requests == []
    assert LIVE_SECRET not in str(caught.value)


async def test_live_key_over_https_and_test_key_over_http_are_fine():
    api = FakeAPI(OK)
    async with Client(LIVE_SECRET, transport=httpx.MockTransport(api)) as live:
        assert live.mode == "live" and live.base_url == "https://api.wooshpay.com"
        await live.payment_intents.retrieve("pi_1")
    async with Client(SECRET, base_url="http://127.0.0.1:8765/", transport=httpx.MockTransport(api)) as sandbox:
        assert sandbox.mode == "test" and sandbox.base_url == "http://127.0.0.1:8765"
        await sandbox.payment_intents.retrieve("pi_1")
    assert [str(r.url) for r in api.requests] == [
        "https://api.wooshpay.com/v1/payment_intents/pi_1",
        "http://127.0.0.1:8765/v1/payment_intents/pi_1",
    ]


async def test_default_base_url_follows_the_key():
    async with Client(SECRET) as client:
        assert client.base_url == "https://apitest.wooshpay.com"


@pytest.mark.parametrize("bad", ["", "pk_test_" + "p" * 24, "whatever", None])
async def test_not_a_secret_key_is_refused_without_echoing_it(bad):
    with pytest.raises(ValueError) as caught:
        Client(bad)
    if bad:
        assert bad not in str(caught.value)


async def test_bad_base_url_is_refused():
    with pytest.raises(ValueError):
        Client(SECRET, base_url="ftp://files.example")
    with pytest.raises(ValueError):
        Client(SECRET, base_url="apitest.wooshpay.com")


async def test_repr_shows_only_the_masked_key():
    async with Client(SECRET, base_url="https://api.example.test") as client:
        text = repr(client)
    assert SECRET not in text and SECRET[8:] not in text
    assert "sk_test_…" in text and "mode='test'" in text


async def test_aclose_closes_the_http_client():
    client = make_client(FakeAPI(OK))
    assert not client.closed
    await client.aclose()
    assert client.closed
