"""A refusal is a refusal whatever its body: the HTTP status decides the class, the body only the details."""

from __future__ import annotations

import json

import httpx
import pytest

from merchant_desk.wooshpay import (
    APIError,
    AuthenticationError,
    IdempotencyError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    TryAgainError,
    WooshPayError,
)
from merchant_desk.wooshpay.client import RETRYABLE_4XX, error_from_response

from .helpers import FakeAPI, FakeClock, make_client

pytestmark = pytest.mark.asyncio

FIELDS = {"type": "invalid_request_error", "code": "amount_too_small", "message": "Amount must be at least 1.00",
          "param": "amount"}
HTML = (b"<!DOCTYPE html><html><head><title>400 Bad Request</title><style>body{color:red}</style></head>"
        b"<body><h1>Bad Request</h1><p>Your browser sent a request that this server could not understand.</p>"
        b"</body></html>")

# (name, content, content type, the field values the error should carry, a fragment of its message)
SHAPES = [
    ("envelope", json.dumps({"error": FIELDS}).encode(), "application/json", FIELDS, "Amount must be at least 1.00"),
    ("top level", json.dumps(FIELDS).encode(), "application/json", FIELDS, "Amount must be at least 1.00"),
    ("error string", json.dumps({"error": "amount too small"}).encode(), "application/json", {}, "amount too small"),
    ("plain text", b"amount: must be positive\n", "text/plain", {}, "amount: must be positive"),
    ("html", HTML, "text/html", {}, "400 Bad Request"),
    ("empty", b"", "text/plain", {}, "without details"),
    ("json array", b'["amount", "too small"]', "application/json", {}, '["amount", "too small"]'),
    ("json null", b"null", "application/json", {}, "null"),
]


def answer(status: int, content: bytes, content_type: str) -> httpx.Response:
    return httpx.Response(status, content=content, headers={"Content-Type": content_type})


@pytest.mark.parametrize(("name", "content", "content_type", "fields", "fragment"), SHAPES, ids=[s[0] for s in SHAPES])
@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (400, InvalidRequestError),
        (402, InvalidRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (410, InvalidRequestError),
        (413, InvalidRequestError),
        (422, InvalidRequestError),
        (451, InvalidRequestError),
    ],
)
async def test_every_final_4xx_is_a_refusal_read_from_any_body(status, expected, name, content, content_type,
                                                               fields, fragment):
    api = FakeAPI(answer(status, content, content_type))
    async with make_client(api, max_attempts=3) as client:
        with pytest.raises(WooshPayError) as caught:
            await client.request("POST", "/v1/refunds", json={"payment_intent": "pi_1"})
    error = caught.value
    assert type(error) is expected
    assert not isinstance(error, APIError)  # never "outcome unknown"
    assert error.http_status == status
    assert fragment in str(error)
    assert (error.type, error.code, error.param) == (fields.get("type"), fields.get("code"), fields.get("param"))
    assert len(api.requests) == 1  # a refusal is not retried
    assert "\n" not in str(error) and len(str(error)) < 600


async def test_html_error_page_shows_its_title_not_its_markup():
    response = answer(400, HTML, "text/html")
    error = error_from_response(response)
    assert str(error) == "The server refused the request (HTTP 400): 400 Bad Request"
    assert "<" not in str(error) and "color:red" not in str(error)


async def test_html_without_title_shows_its_text():
    error = error_from_response(answer(403, b"<html><body><h1>Forbidden</h1><p>by policy &amp; rule</p></body></html>",
                                       "text/html"))
    assert isinstance(error, PermissionDeniedError)
    assert str(error) == "The server refused the request (HTTP 403): Forbidden by policy & rule"


async def test_a_long_plain_text_body_is_cut_short():
    error = error_from_response(answer(400, b"x" * 10_000, "text/plain"))
    assert isinstance(error, InvalidRequestError)
    assert len(str(error)) < 260 and str(error).endswith("…")


@pytest.mark.parametrize(("name", "content", "content_type", "fields", "fragment"), SHAPES, ids=[s[0] for s in SHAPES])
@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_5xx_stays_outcome_unknown_whatever_the_body(status, name, content, content_type, fields, fragment):
    api = FakeAPI(answer(status, content, content_type))
    clock = FakeClock()
    async with make_client(api, clock=clock, max_attempts=2) as client:
        with pytest.raises(APIError) as caught:
            await client.request("POST", "/v1/refunds", json={"payment_intent": "pi_1"})
    assert caught.value.http_status == status
    assert len(api.requests) == 2  # retried once with the same key
    assert api.requests[0].headers["Idempotency-Key"] == api.requests[1].headers["Idempotency-Key"]


@pytest.mark.parametrize(("status", "expected"), [(408, TryAgainError), (425, TryAgainError), (429, RateLimitError)])
async def test_408_425_429_are_retried_then_left_unknown(status, expected):
    api = FakeAPI(answer(status, b"slow down", "text/plain"))
    clock = FakeClock()
    async with make_client(api, clock=clock, max_attempts=3) as client:
        with pytest.raises(expected) as caught:
            await client.request("POST", "/v1/refunds", json={"payment_intent": "pi_1"})
    assert len(api.requests) == 3 and len(clock.sleeps) == 2
    assert len({r.headers["Idempotency-Key"] for r in api.requests}) == 1
    assert caught.value.http_status == status


async def test_408_then_success_returns_the_answer():
    api = FakeAPI(answer(408, b"", "text/plain"),
                  httpx.Response(200, json={"id": "re_1", "object": "refund"}))
    async with make_client(api, max_attempts=3) as client:
        assert (await client.request("POST", "/v1/refunds"))["id"] == "re_1"


async def test_409_is_an_idempotency_conflict_without_any_body():
    error = error_from_response(answer(409, b"<html><title>Conflict</title></html>", "text/html"))
    assert isinstance(error, IdempotencyError) and error.http_status == 409


async def test_the_retryable_4xx_set_is_what_the_docs_say():
    assert RETRYABLE_4XX == {408, 409, 425, 429}


async def test_no_error_carries_a_key_in_any_field_however_it_was_built():
    key = "sk_live_" + "-Ab3/+" * 5
    import base64

    credential = base64.b64encode(f"{key}:".encode()).decode()
    error = InvalidRequestError(f"echo {key}", http_status=400, type=key, code=credential, param=f"Basic {credential}",
                                request_id=key, body={"headers": {"authorization": f"Basic {credential}"}, "k": [key]},
                                decline_code=key, doc_url=f"https://x/?k={key}")
    shown = " ".join([str(error), repr(error), json.dumps(error.body), str(error.type), str(error.code),
                      str(error.param), str(error.request_id), str(error.decline_code), str(error.doc_url)])
    assert key not in shown and key[8:-4] not in shown and credential[:20] not in shown


async def test_a_huge_error_page_is_cut_short_quickly_and_without_a_key():
    key = "sk_test_" + "Hu9e" * 6
    body = (b"<html><body>" + b"x " * 90 + key.encode() + b" " + b"<p>filler</p>" * 2_000_000 + b"</body></html>")
    error = error_from_response(answer(413, body, "text/html"))
    assert isinstance(error, InvalidRequestError)
    assert key not in str(error) and "sk_test_…" in str(error) and len(str(error)) < 300
