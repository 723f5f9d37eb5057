"""Error mapping: HTTP status + the {"error": {...}} envelope + request id headers → one exception class."""

from __future__ import annotations

import httpx
import pytest

from merchant_desk.wooshpay import (
    APIError,
    AuthenticationError,
    CardError,
    IdempotencyError,
    InvalidRequestError,
    MalformedResponseError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    TryAgainError,
    WooshPayError,
)

from .helpers import SECRET, FakeAPI, error_response, json_response, make_client

pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize(
    ("status", "type_", "expected"),
    [
        (400, "invalid_request_error", InvalidRequestError),
        (402, "invalid_request_error", InvalidRequestError),
        (402, "card_error", CardError),
        (422, None, InvalidRequestError),
        (401, "invalid_request_error", AuthenticationError),
        (403, "invalid_request_error", PermissionDeniedError),
        (404, "invalid_request_error", NotFoundError),
        (409, "invalid_request_error", IdempotencyError),
        (400, "idempotency_error", IdempotencyError),
        (429, "invalid_request_error", RateLimitError),
        (500, "api_error", APIError),
        (503, None, APIError),
        # The status decides: a 400 is a final refusal even when the body calls itself an api_error.
        (400, "api_error", InvalidRequestError),
        (408, None, TryAgainError),
        (425, None, TryAgainError),
        (418, "api_error", InvalidRequestError),
    ],
)
async def test_status_and_type_choose_the_class(status, type_, expected):
    api = FakeAPI(error_response(status, type_, code="some_code", param="amount", headers={"Request-Id": "req_123"}))
    async with make_client(api, max_attempts=1) as client:
        with pytest.raises(WooshPayError) as caught:
            await client.request("GET", "/v1/payment_intents/pi_1")
    error = caught.value
    assert type(error) is expected
    assert (error.http_status, error.type, error.code, error.param) == (status, type_, "some_code", "amount")
    assert error.request_id == "req_123"
    assert str(error) == f"error {status}"
    assert len(api.requests) == 1


async def test_card_error_is_an_invalid_request_with_decline_code():
    api = FakeAPI(error_response(402, "card_error", code="card_declined", decline_code="insufficient_funds",
                                 doc_url="https://docs.example/card_declined"))
    async with make_client(api) as client:
        with pytest.raises(InvalidRequestError) as caught:
            await client.payment_intents.confirm("pi_1")
    assert isinstance(caught.value, CardError)
    assert caught.value.decline_code == "insufficient_funds"
    assert caught.value.doc_url == "https://docs.example/card_declined"


async def test_x_request_id_is_read_too_and_body_is_kept():
    api = FakeAPI(error_response(404, code="resource_missing", message="No such payment_intent: 'pi_9'",
                                 headers={"X-Request-Id": "xreq_9"}))
    async with make_client(api) as client:
        with pytest.raises(NotFoundError) as caught:
            await client.payment_intents.retrieve("pi_9")
    assert caught.value.request_id == "xreq_9"
    assert caught.value.body["error"]["code"] == "resource_missing"
    assert "pi_9" in str(caught.value)


async def test_envelope_without_message_still_says_what_happened():
    api = FakeAPI(json_response(400, {"error": {"type": "invalid_request_error", "code": "parameter_missing"}}))
    async with make_client(api) as client:
        with pytest.raises(InvalidRequestError) as caught:
            await client.request("POST", "/v1/refunds")
    assert "400" in str(caught.value) and "parameter_missing" in str(caught.value)
    assert caught.value.param is None


@pytest.mark.parametrize(
    ("response", "fragment"),
    [
        (httpx.Response(200, content=b"<html><body>Welcome to nginx</body></html>"), "not JSON: <html>"),
        (httpx.Response(200, content=b""), "(empty)"),
        (json_response(200, [1, 2, 3]), "list, not an object"),
        (json_response(200, "ok"), "str, not an object"),
        (httpx.Response(302, headers={"Location": "https://login.example/"}), "redirect"),
    ],
)
async def test_unreadable_answers_become_malformed_response_errors(response, fragment):
    async with make_client(FakeAPI(response), max_attempts=1) as client:
        with pytest.raises(MalformedResponseError) as caught:
            await client.request("GET", "/v1/payment_intents")
    assert fragment in str(caught.value)
    assert caught.value.http_status == response.status_code
    assert isinstance(caught.value, APIError)


async def test_a_5xx_html_page_is_an_api_error_after_retries():
    clock_api = FakeAPI(httpx.Response(502, content=b"<html>Bad Gateway</html>"))
    async with make_client(clock_api, max_attempts=2) as client:
        with pytest.raises(APIError) as caught:
            await client.request("GET", "/v1/payment_intents")
    assert "HTTP 502" in str(caught.value) and "Bad Gateway" in str(caught.value)
    assert len(clock_api.requests) == 2


@pytest.mark.parametrize(("status", "expected"), [(401, AuthenticationError), (403, PermissionDeniedError), (429, RateLimitError)])
async def test_statuses_that_speak_for_themselves_keep_their_class_without_envelope(status, expected):
    async with make_client(FakeAPI(httpx.Response(status, content=b"nope")), max_attempts=1) as client:
        with pytest.raises(expected):
            await client.request("GET", "/v1/payment_intents")


async def test_excerpt_is_short_single_line_and_hides_keys():
    leaked = SECRET
    body = f"<p>\n{leaked}\n</p>".encode() + b"y" * 500
    async with make_client(FakeAPI(httpx.Response(200, content=body))) as client:
        with pytest.raises(MalformedResponseError) as caught:
            await client.request("GET", "/v1/payment_intents")
    message = str(caught.value)
    assert leaked not in message and leaked not in repr(caught.value) and leaked not in str(caught.value.body)
    assert "sk_test_…" in message
    assert len(message) < 320 and "\n" not in message


async def test_server_message_echoing_the_key_is_redacted():
    api = FakeAPI(error_response(401, message=f"Invalid API Key provided: {SECRET}"))
    async with make_client(api) as client:
        with pytest.raises(AuthenticationError) as caught:
            await client.request("GET", "/v1/payment_intents")
    assert SECRET not in str(caught.value) and SECRET not in repr(caught.value)


async def test_connect_failure_is_network_error_chained_to_httpx():
    api = FakeAPI(httpx.ConnectError("[Errno 111] Connection refused"))
    async with make_client(api, max_attempts=1) as client:
        with pytest.raises(NetworkError) as caught:
            await client.request("GET", "/v1/payment_intents")
    assert "Could not connect to api.example.test" in str(caught.value)
    assert not caught.value.tls
    assert isinstance(caught.value.__cause__, httpx.ConnectError)


async def test_timeout_is_network_error_that_says_timed_out():
    api = FakeAPI(httpx.ReadTimeout("read timed out"))
    async with make_client(api, max_attempts=1, timeout=7.5) as client:
        with pytest.raises(NetworkError) as caught:
            await client.request("GET", "/v1/payment_intents")
    assert "timed out" in str(caught.value) and "7.5 s" in str(caught.value)
    assert isinstance(caught.value.__cause__, httpx.TimeoutException)


async def test_tls_failure_is_flagged_and_not_retried():
    import ssl

    def fail(request):
        try:
            raise ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
        except ssl.SSLError as exc:
            raise httpx.ConnectError(str(exc), request=request) from exc

    api = FakeAPI(fail)
    async with make_client(api, max_attempts=4) as client:
        with pytest.raises(NetworkError) as caught:
            await client.request("GET", "/v1/payment_intents")
    assert caught.value.tls is True
    assert "TLS" in str(caught.value)
    assert len(api.requests) == 1


async def test_undecodable_content_encoding_is_malformed():
    response = httpx.Response(200, stream=httpx.ByteStream(b"definitely not gzip"), headers={"Content-Encoding": "gzip"})
    async with make_client(FakeAPI(response)) as client:
        with pytest.raises(MalformedResponseError):
            await client.request("GET", "/v1/payment_intents")


async def test_204_is_an_empty_object():
    async with make_client(FakeAPI(httpx.Response(204))) as client:
        assert await client.request("DELETE", "/v1/webhook_endpoints/we_1") == {}


async def test_repr_of_errors_names_the_fields():
    error = InvalidRequestError("Amount too small", http_status=400, code="amount_too_small", param="amount")
    assert repr(error) == "InvalidRequestError('Amount too small', http_status=400, code='amount_too_small', param='amount')"
    assert NetworkError("x").tls is False
