"""A client's mistake is a 400 (or 413) in the error envelope, never a 500, and nothing the sandbox
cannot serve again is ever stored: every input that used to break it, one by one."""

from __future__ import annotations

import json
import socket
import time

import httpx
import pytest

from merchant_desk.sandbox.limits import API_BODY_BYTES, PAGE_BODY_BYTES, SANDBOX_BODY_BYTES

from .conftest import alipayplus_intent, api_client, assert_error

LONE_SURROGATE_JSON = '{"amount": 100, "currency": "HKD", "description": "bad \\ud800 text"}'


def _post_raw_json(api: httpx.Client, path: str, text: str) -> httpx.Response:
    return api.post(path, content=text.encode(), headers={"Content-Type": "application/json"})


def _everything_still_answers(api: httpx.Client) -> None:
    for path in ("/v1/payment_intents", "/v1/events", "/v1/refunds", "/v1/checkout/sessions/list"):
        assert api.get(path).status_code == 200, path
    assert api.get("/v1/payment_intents/search", params={"query": "status:'succeeded'"}).status_code == 200


@pytest.mark.parametrize(
    ("path", "body", "param"),
    [
        ("/v1/payment_intents", LONE_SURROGATE_JSON, "description"),
        ("/v1/payment_intents", '{"amount": 100, "currency": "HKD", "metadata": {"k": "\\udfff"}}', "metadata"),
        ("/v1/payment_intents", '{"amount": 100, "currency": "HKD", "metadata": {"\\ud83d": "v"}}', "metadata"),
        ("/v1/payment_intents", '{"amount": 100, "currency": "HKD", "shipping": {"name": ["\\udc00"]}}', "shipping"),
        ("/v1/webhook_endpoints", '{"url": "https://x.example/\\ud800", "enabled_events": ["*"]}', "url"),
    ],
)
def test_lone_surrogates_are_refused_and_never_stored(fresh_api, path, body, param):
    assert_error(_post_raw_json(fresh_api, path, body), 400, code="parameter_invalid_string", param=param)
    assert fresh_api.get("/v1/payment_intents").json()["data"] == []
    assert fresh_api.get("/v1/events").json()["data"] == []
    _everything_still_answers(fresh_api)


def test_lone_surrogate_as_raw_bytes_is_refused(fresh_api):
    raw = b'{"amount": 100, "currency": "HKD", "description": "\xed\xa0\x80"}'
    response = fresh_api.post("/v1/payment_intents", content=raw, headers={"Content-Type": "application/json"})
    assert_error(response, 400)
    assert fresh_api.get("/v1/payment_intents").json()["data"] == []


def test_a_valid_surrogate_pair_is_a_character(api):
    made = _post_raw_json(api, "/v1/payment_intents", '{"amount": 100, "currency": "HKD", "description": "\\ud83d\\ude00"}')
    assert made.status_code == 200 and made.json()["description"] == "\U0001f600"


def test_json_nested_5000_deep_is_400(api):
    deep = '{"amount": 100, "currency": "HKD", "metadata": ' + "[" * 5000 + "]" * 5000 + "}"
    assert_error(_post_raw_json(api, "/v1/payment_intents", deep), 400, code="parameter_invalid")
    moderately = '{"amount": 100, "currency": "HKD", "shipping": ' + '{"a": ' * 100 + "1" + "}" * 100 + "}"
    assert_error(_post_raw_json(api, "/v1/payment_intents", moderately), 400, code="parameter_invalid", param="shipping")


def test_nan_and_infinity_are_not_json_numbers(fresh_api):
    for constant in ("NaN", "Infinity", "-Infinity"):
        body = '{"amount": 100, "currency": "HKD", "shipping": {"x": ' + constant + "}}"
        assert_error(_post_raw_json(fresh_api, "/v1/payment_intents", body), 400)
    assert fresh_api.get("/v1/payment_intents").json()["data"] == []


@pytest.mark.parametrize("number", ["1e400", "-1e400", "1" + "0" * 400 + ".0"])
def test_a_number_too_large_for_a_float_is_400(fresh_api, number):
    for body in (
        '{"amount": 100, "currency": "HKD", "payment_method_options": {"alipayplus": {"x": ' + number + "}}}",
        '{"amount": 100, "currency": "HKD", "metadata": {"k": ' + number + "}}",
    ):
        assert_error(_post_raw_json(fresh_api, "/v1/payment_intents", body), 400, code="parameter_invalid")
    assert fresh_api.get("/v1/payment_intents").json()["data"] == []
    small = _post_raw_json(fresh_api, "/v1/payment_intents",
                           '{"amount": 100, "currency": "HKD", "shipping": {"x": 1e300, "y": 0.5}}')
    assert small.status_code == 200 and small.json()["shipping"] == {"x": 1e300, "y": 0.5}


def test_form_keys_nested_3000_deep_are_400(api):
    key = "metadata" + "[a]" * 3000
    response = api.post("/v1/payment_intents", content=f"amount=100&currency=HKD&{key}=x",
                        headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_error(response, 400, code="parameter_invalid", param="metadata")
    query_key = "created" + "[gt]" * 3000
    assert_error(api.get(f"/v1/payment_intents?{query_key}=1"), 400)


@pytest.mark.parametrize("path", ["/v1/payment_intents", "/v1/events", "/v1/refunds", "/v1/checkout/sessions/list"])
def test_created_filter_with_400_digits_is_400(api, path):
    digits = "9" * 400
    assert_error(api.get(path, params={"created[gt]": digits}), 400, param="created[gt]")
    assert_error(api.get(path, params={"created": digits}), 400, param="created")
    assert_error(api.get(path, params={"created[lte]": "1" * 5000}), 400, param="created[lte]")
    assert_error(api.get(path, params={"created[gt]": "١٢٣"}), 400, param="created[gt]")
    assert_error(api.get(path, params={"created[]": "1"}), 400, param="created")
    assert_error(api.get(path, params={"limit": "9" * 400}), 400, param="limit")


@pytest.mark.parametrize("body", ["=", "=x&amount=1", "[a]=1", "0=HKD&1=100"])
def test_form_bodies_without_names_or_with_numeric_names_are_400_not_500(api, body):
    response = api.post("/v1/payment_intents", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_error(response, 400)


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/v1/refunds", "payment_intent"),
        ("/v1/events", "type"),
        ("/v1/checkout/sessions/list", "payment_intent"),
        ("/v1/payment_intents", "starting_after"),
        ("/v1/payment_intents", "ending_before"),
        ("/v1/payment_intents/search", "query"),
    ],
)
def test_array_and_object_query_values_are_400(api, path, name):
    assert_error(api.get(f"{path}?{name}[]=x"), 400, param=name)
    assert_error(api.get(f"{path}?{name}[a]=x"), 400, param=name)


def test_search_page_must_be_one_value(api):
    assert_error(api.get("/v1/payment_intents/search?query=status:'succeeded'&page[]=x"), 400, param="page")


def test_sandbox_faults_refuse_nested_and_odd_json(sandbox):
    url = f"{sandbox.base_url}/_sandbox/faults"
    for body in ('{"fail_next": ' + "[" * 5000 + "]" * 5000 + "}", '{"fail_next": {"a": {"b": 1}}}', "[1, 2]",
                 "not json", '{"fail_next": NaN}', '{"delay_ms": "\\ud800"}'):
        response = httpx.post(url, content=body.encode(), headers={"Content-Type": "application/json"})
        assert_error(response, 400)
    assert httpx.get(url).json()["fail_next"] == 0


@pytest.mark.parametrize("advance", [1e30, 1.5, "5", True, -1, 10**30, 2**63, None, [1]])
def test_sandbox_clock_takes_a_bounded_whole_number_forward(fresh_sandbox, advance):
    url = f"{fresh_sandbox.base_url}/_sandbox/clock"
    assert_error(httpx.post(url, json={"advance_ms": advance}), 400, param="advance_ms")
    assert httpx.get(url).json()["offset_ms"] == 0
    with api_client(fresh_sandbox) as api:
        _everything_still_answers(api)


def test_sandbox_clock_nested_body_is_400(sandbox):
    body = "[" * 5000 + "]" * 5000
    response = httpx.post(f"{sandbox.base_url}/_sandbox/clock", content=body.encode())
    assert_error(response, 400)


@pytest.mark.parametrize("currency", ["XYZ", "xyz", "DEM", "XXX", "ABC"])
def test_currency_must_be_iso_4217(fresh_api, currency):
    assert_error(fresh_api.post("/v1/payment_intents", json={"amount": 100, "currency": currency}), 400,
                 param="currency")
    assert fresh_api.get("/v1/payment_intents").json()["data"] == []


def test_checkout_line_item_currency_must_be_iso_4217(api):
    body = {"line_items": [{"price_data": {"currency": "XYZ", "unit_amount": 100, "product_data": {"name": "Tea"}},
                            "quantity": 1}]}
    assert_error(api.post("/v1/checkout/sessions", json=body), 400, param="line_items[0][price_data][currency]")


def test_real_currencies_still_work(api):
    for currency in ("HKD", "usd", "JPY", "IDR"):
        assert api.post("/v1/payment_intents", json={"amount": 100, "currency": currency}).status_code == 200


@pytest.mark.parametrize("amount", ["١٠٠", "۱۰۰", "१००", "１００", "100\u0660"])
def test_non_ascii_digits_are_not_amounts(fresh_api, amount):
    assert_error(fresh_api.post("/v1/payment_intents", json={"amount": amount, "currency": "HKD"}), 400,
                 param="amount")
    form = fresh_api.post("/v1/payment_intents", data={"amount": amount, "currency": "HKD"})
    assert_error(form, 400, param="amount")
    assert fresh_api.get("/v1/payment_intents").json()["data"] == []


def test_non_ascii_digits_are_not_refund_amounts(api):
    from .conftest import paid_intent

    pi = paid_intent(api, amount=1000, currency="HKD")
    assert_error(api.post("/v1/refunds", json={"payment_intent": pi["id"], "amount": "٥"}), 400, param="amount")
    assert api.get("/v1/refunds", params={"payment_intent": pi["id"]}).json()["data"] == []


def test_metadata_limits(fresh_api):
    def create(metadata: dict) -> httpx.Response:
        return fresh_api.post("/v1/payment_intents", json={"amount": 100, "currency": "HKD", "metadata": metadata})

    assert create({f"k{n}": "v" for n in range(50)}).status_code == 200
    assert create({"k" * 40: "v" * 500}).status_code == 200
    assert_error(create({f"k{n}": "v" for n in range(51)}), 400, param="metadata")
    assert_error(create({f"k{n}": "v" for n in range(1000)}), 400, param="metadata")
    assert_error(create({"k" * 41: "v"}), 400)
    assert_error(create({"k": "v" * 501}), 400, param="metadata[k]")
    assert_error(create({"k": "v" * 1_000_000}), 400, param="metadata[k]")
    assert_error(create({"": "v"}), 400)
    assert len(fresh_api.get("/v1/payment_intents", params={"limit": 100}).json()["data"]) == 2


def test_metadata_limits_count_after_an_update_merges(api):
    made = api.post("/v1/payment_intents", json={"amount": 100, "currency": "HKD",
                                                 "metadata": {f"a{n}": "v" for n in range(30)}}).json()
    more = api.post(f"/v1/payment_intents/{made['id']}", json={"metadata": {f"b{n}": "v" for n in range(30)}})
    assert_error(more, 400, param="metadata")
    assert len(api.get(f"/v1/payment_intents/{made['id']}").json()["metadata"]) == 30


def test_refund_and_endpoint_metadata_have_the_same_limits(api):
    from .conftest import paid_intent

    pi = paid_intent(api, amount=1000, currency="HKD")
    assert_error(api.post("/v1/refunds", json={"payment_intent": pi["id"], "metadata": {"k": "v" * 501}}), 400)
    assert_error(api.post("/v1/webhook_endpoints", json={"url": "https://x.example/h", "enabled_events": ["*"],
                                                         "metadata": {f"k{n}": "v" for n in range(51)}}), 400)


# -- body sizes -----------------------------------------------------------------------------------------


def _raw_request(sandbox, head: str, body_chunks, *, chunk_pause: float = 0.0) -> tuple[int, int]:
    """Send ``head`` and then body chunks until the server answers or closes; ``(status, bytes sent)``."""
    host, port = sandbox.base_url.removeprefix("http://").split(":")
    sent = 0
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(head.encode())
        conn.setblocking(False)
        answer = b""
        for chunk in body_chunks:
            try:
                answer += conn.recv(65536)
            except BlockingIOError:
                pass
            if answer:
                break
            try:
                conn.sendall(chunk)
            except BlockingIOError:
                time.sleep(0.01)
                continue
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
            if chunk_pause:
                time.sleep(chunk_pause)
        conn.setblocking(True)
        conn.settimeout(10)
        try:
            while b"\r\n\r\n" not in answer:
                data = conn.recv(65536)
                if not data:
                    break
                answer += data
        except (ConnectionResetError, TimeoutError):
            pass
    status = int(answer.split(b" ", 2)[1]) if answer else 0
    return status, sent


MB = 1024 * 1024


@pytest.mark.parametrize(
    ("path", "limit"),
    [
        ("/cashier/pi_1", PAGE_BODY_BYTES),
        ("/pay/cs_1?key=x", PAGE_BODY_BYTES),
        ("/_sandbox/faults", SANDBOX_BODY_BYTES),
        ("/_sandbox/clock", SANDBOX_BODY_BYTES),
        ("/v1/payment_intents", API_BODY_BYTES),
    ],
)
def test_a_200_mb_body_is_refused_before_it_is_read(sandbox, path, limit):
    head = (f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {200 * MB}\r\n\r\n")
    chunks = (b"x" * 65536 for _ in range(200 * MB // 65536))
    status, sent = _raw_request(sandbox, head, chunks)
    assert status == 413
    assert sent < 8 * MB  # answered long before the body could arrive, let alone be held


@pytest.mark.parametrize(("path", "limit"), [("/cashier/pi_1", PAGE_BODY_BYTES), ("/_sandbox/faults", SANDBOX_BODY_BYTES)])
def test_a_chunked_body_is_refused_once_it_passes_the_limit(sandbox, path, limit):
    head = f"POST {path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    piece = b"x" * 4096
    chunks = (b"%x\r\n%s\r\n" % (len(piece), piece) for _ in range(200 * MB // 4096))
    status, sent = _raw_request(sandbox, head, chunks, chunk_pause=0.001)
    assert status == 413
    assert sent < 8 * MB


def test_413_uses_the_error_envelope(api):
    response = api.post("/v1/payment_intents", content=b"x" * (API_BODY_BYTES + 1),
                        headers={"Content-Type": "application/json"})
    error = assert_error(response, 413, code="request_too_large")
    assert "bytes" in error["message"]


def test_bodies_under_the_limits_still_work(sandbox, api):
    pi = alipayplus_intent(api, amount=100, currency="HKD", description="d" * 4000)
    page = httpx.post(f"{sandbox.base_url}/cashier/{pi['id']}", data={"action": "pay", "wallet": "AlipayHK"})
    assert page.status_code == 303
    faults = httpx.post(f"{sandbox.base_url}/_sandbox/faults", json={"delay_ms": 0})
    assert faults.status_code == 200 and json.loads(faults.text)["delay_ms"] == 0
