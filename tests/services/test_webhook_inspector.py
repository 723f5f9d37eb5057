"""The local webhook inspector: signature checks on raw bytes, and a real round trip from the sandbox."""

from __future__ import annotations

import asyncio
import json
import os
import time

import httpx
import pytest
import pytest_asyncio

from merchant_desk.services.webhook_inspector import (
    ReceivedWebhook,
    WebhookInspector,
    check_signature,
)
from merchant_desk.wooshpay.webhooks import sign

SECRET = "whsec_" + "k" * 32
OTHER_SECRET = "whsec_" + "z" * 32
BODY = json.dumps({"id": "evt_1", "object": "event", "type": "payment_intent.succeeded",
                   "data": {"object": {"id": "pi_1"}}}, separators=(",", ":")).encode()


def test_check_signature_accepts_any_known_secret_and_names_it():
    header = sign(BODY, SECRET, int(time.time()))
    assert check_signature(BODY, header, {"we_a": OTHER_SECRET, "we_b": SECRET}) == (True, None, "we_b")


@pytest.mark.parametrize(
    "body, header, secrets, reason_part",
    [
        (BODY + b" ", "good", {"we": SECRET}, "does not match"),
        (BODY, None, {"we": SECRET}, "No Wooshpay-Signature header"),
        (BODY, "good", {}, "No signing secret"),
        (BODY, "t=abc,v1=00", {"we": SECRET}, "not a number"),
        (BODY, "old", {"we": SECRET}, "tolerance"),
    ],
)
def test_check_signature_says_why_it_refuses(body, header, secrets, reason_part):
    now = int(time.time())
    if header == "good":
        header = sign(BODY, SECRET, now)
    elif header == "old":
        header = sign(BODY, SECRET, now - 3600)
    verified, reason, label = check_signature(body, header, secrets)
    assert not verified and label is None
    assert reason_part in reason


@pytest.mark.asyncio
async def test_inspector_reports_verified_and_tampered_deliveries():
    inspector = WebhookInspector()
    seen: list[ReceivedWebhook] = []
    inspector.subscribe(seen.append)
    url = await inspector.start()
    try:
        assert url.startswith("http://127.0.0.1:") and inspector.port > 0
        inspector.add_secret("we_1", SECRET)
        header = sign(BODY, SECRET, int(time.time()))
        async with httpx.AsyncClient(timeout=5) as http:
            ok = await http.post(url, content=BODY, headers={"Wooshpay-Signature": header})
            tampered_body = BODY.replace(b"pi_1", b"pi_2")
            bad = await http.post(url, content=tampered_body, headers={"wooshpay-signature": header})
            unsigned = await http.post(url, content=BODY)
            got = await http.get(url)
        # Every POST is acknowledged: a 4xx would only make the sender retry the same bytes.
        assert [ok.status_code, bad.status_code, unsigned.status_code, got.status_code] == [200, 200, 200, 405]
        assert [w.verified for w in seen] == [True, False, False]
        assert seen[0].secret_label == "we_1" and seen[0].reason is None
        assert seen[0].event_type == "payment_intent.succeeded" and seen[0].object_id == "pi_1"
        assert seen[0].body == BODY
        assert "does not match" in seen[1].reason and seen[1].body == tampered_body
        assert "No Wooshpay-Signature" in seen[2].reason
        assert inspector.received == seen
    finally:
        await inspector.stop()
    assert not inspector.running
    with pytest.raises(httpx.ConnectError):
        async with httpx.AsyncClient(timeout=2) as http:
            await http.post(url, content=BODY)


@pytest.mark.asyncio
async def test_chunked_body_and_non_json_and_a_failing_listener():
    inspector = WebhookInspector()
    seen: list[ReceivedWebhook] = []

    def broken(_w):
        raise RuntimeError("listener bug")

    inspector.subscribe(broken)
    unsubscribe = inspector.subscribe(seen.append)
    url = await inspector.start()
    inspector.add_secret("we", SECRET)
    try:
        async def chunks():
            yield BODY[:10]
            yield BODY[10:]

        header = sign(BODY, SECRET, int(time.time()))
        async with httpx.AsyncClient(timeout=5) as http:
            r1 = await http.post(url, content=chunks(), headers={"Wooshpay-Signature": header})
            not_json = b"hello"
            r2 = await http.post(url, content=not_json,
                                 headers={"Wooshpay-Signature": sign(not_json, SECRET, int(time.time()))})
            unsubscribe()
            r3 = await http.post(url, content=BODY)
        assert (r1.status_code, r2.status_code, r3.status_code) == (200, 200, 200)
        assert seen[0].verified and seen[0].body == BODY
        assert seen[1].event is None and seen[1].body_text() == "hello"
        assert len(seen) == 2 and len(inspector.received) == 3
    finally:
        await inspector.stop()


@pytest.mark.asyncio
async def test_sandbox_delivers_a_verified_payment_succeeded(sandbox):
    from merchant_desk.wooshpay import Client

    inspector = WebhookInspector()
    arrived = asyncio.Event()
    seen: list[ReceivedWebhook] = []

    def on_event(webhook: ReceivedWebhook) -> None:
        seen.append(webhook)
        if webhook.event_type == "payment_intent.succeeded":
            arrived.set()

    inspector.subscribe(on_event)
    url = await inspector.start()
    client = Client(sandbox.secret_key, base_url=sandbox.base_url, backoff_base=0.05, backoff_cap=0.2)
    try:
        endpoint = await client.webhook_endpoints.create(
            url=url, enabled_events=["payment_intent.succeeded"], description="inspector test"
        )
        inspector.add_secret(endpoint.id, endpoint.secret)
        intent = await client.payment_intents.create(
            amount=1500, currency="PHP", confirm=True,
            payment_method_data={"type": "alipayplus"},
            payment_method_options={"alipayplus": {"terminal_type": "WEB"}},
            return_url="https://example.com/return",
        )
        async with httpx.AsyncClient(timeout=10) as http:
            paid = await http.post(intent.cashier_url, data={"action": "pay", "wallet": "GCash"})
        assert paid.status_code < 400, paid.text
        await asyncio.wait_for(arrived.wait(), 15)
        succeeded = [w for w in seen if w.event_type == "payment_intent.succeeded"]
        assert succeeded[0].verified, succeeded[0].reason
        assert succeeded[0].secret_label == endpoint.id
        assert succeeded[0].object_id == intent.id
        # It subscribed to one type only, so nothing else arrived (created fired before the payment).
        assert {w.event_type for w in seen} == {"payment_intent.succeeded"}
        await client.webhook_endpoints.delete(endpoint.id)
    finally:
        await client.aclose()
        await inspector.stop()


# -- HTTP handling (h11): raw sockets, so the bytes on the wire are exactly what each case needs ---------


async def _exchange(url: str, raw: bytes, *, responses: int = 1) -> list[tuple[int, bytes]]:
    """Send ``raw`` as is and read ``responses`` answers (status, body); stops early when the server closes."""
    import h11

    host, port = url.split("//", 1)[1].split("/", 1)[0].split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    conn = h11.Connection(h11.CLIENT)
    # This h11 client only parses the answers: each cycle tells it of a request (the real bytes went out above).
    answers: list[tuple[int, bytes]] = []
    try:
        writer.write(raw)
        await writer.drain()
        for _ in range(responses):
            conn.send(h11.Request(method="POST", target="/", headers=[("Host", "x"), ("Content-Length", "0")]))
            conn.send(h11.EndOfMessage())
            status, body = None, b""
            while True:
                event = conn.next_event()
                if event is h11.NEED_DATA:
                    conn.receive_data(await asyncio.wait_for(reader.read(65536), 5))
                elif isinstance(event, h11.Response):
                    status = event.status_code
                elif isinstance(event, h11.Data):
                    body += event.data
                elif isinstance(event, (h11.EndOfMessage, h11.ConnectionClosed)):
                    break
            if status is None:
                break
            answers.append((status, body))
            if conn.our_state is not h11.DONE or conn.their_state is not h11.DONE:
                break
            conn.start_next_cycle()
    finally:
        writer.close()
    return answers


async def _closed_by_server(reader: asyncio.StreamReader) -> bool:
    try:
        return await asyncio.wait_for(reader.read(65536), 2) == b""
    except TimeoutError:
        return False


def _post(body: bytes, *, extra: str = "", chunked: bool = False, header: str | None = None) -> bytes:
    head = "POST /webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    if header:
        head += f"Wooshpay-Signature: {header}\r\n"
    head += extra
    if chunked:
        encoded = b"".join(b"%x;ext=1\r\n%s\r\n" % (len(piece), piece) for piece in (body[:7], body[7:20], body[20:]))
        return (head + "Transfer-Encoding: chunked\r\n\r\n").encode() + encoded + b"0\r\nX-Trailer: yes\r\n\r\n"
    return (head + f"Content-Length: {len(body)}\r\n\r\n").encode() + body


@pytest_asyncio.fixture
async def inspector_url():
    inspector = WebhookInspector()
    inspector.add_secret("we", SECRET)
    seen: list[ReceivedWebhook] = []
    inspector.subscribe(seen.append)
    url = await inspector.start()
    try:
        yield url, seen
    finally:
        await inspector.stop()


@pytest.mark.asyncio
async def test_chunked_body_with_extensions_and_trailers_is_reassembled(inspector_url):
    url, seen = inspector_url
    header = sign(BODY, SECRET, int(time.time()))
    answers = await _exchange(url, _post(BODY, chunked=True, header=header))
    assert [status for status, _ in answers] == [200]
    assert seen[0].body == BODY and seen[0].verified, seen[0].reason
    assert seen[0].headers["transfer-encoding"] == "chunked"


@pytest.mark.asyncio
async def test_keep_alive_and_pipelined_requests_get_one_answer_each_in_order(inspector_url):
    url, seen = inspector_url
    bodies = [BODY.replace(b"evt_1", f"evt_{i}".encode()) for i in range(3)]
    now = int(time.time())
    # All three requests in one write: the second and third arrive before the first is answered.
    raw = b"".join(_post(b, header=sign(b, SECRET, now)) for b in bodies)
    answers = await _exchange(url, raw, responses=3)
    assert [status for status, _ in answers] == [200, 200, 200]
    assert [w.event_id for w in seen] == ["evt_0", "evt_1", "evt_2"]
    assert all(w.verified for w in seen)
    # httpx keeps one connection open for several deliveries.
    async with httpx.AsyncClient(timeout=5, limits=httpx.Limits(max_connections=1)) as http:
        for b in bodies:
            assert (await http.post(url, content=b, headers={"Wooshpay-Signature": sign(b, SECRET, now)})).status_code == 200
    assert len(seen) == 6 and all(w.verified for w in seen)


@pytest.mark.asyncio
async def test_oversized_bodies_are_refused_with_413_and_never_reach_listeners(inspector_url):
    from merchant_desk.services.webhook_inspector import MAX_BODY_BYTES

    url, seen = inspector_url
    host, port = url.split("//", 1)[1].split("/", 1)[0].split(":")
    # A declared length over the limit is refused before any of the body is read.
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(f"POST /webhooks HTTP/1.1\r\nHost: x\r\nContent-Length: {MAX_BODY_BYTES + 1}\r\n\r\n".encode())
    await writer.drain()
    answer = await asyncio.wait_for(reader.read(65536), 5)
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert await _closed_by_server(reader)
    writer.close()
    # A chunked body declares nothing; it is cut off once it grows past the limit.
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(b"POST /webhooks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
    piece = b"x" * 65536
    try:
        for _ in range(MAX_BODY_BYTES // len(piece) + 2):
            writer.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            await writer.drain()
    except ConnectionError:
        pass  # the server may close while we are still sending
    answer = await asyncio.wait_for(reader.read(65536), 5)
    assert answer.startswith(b"HTTP/1.1 413 ")
    writer.close()
    # Exactly the limit is fine.
    exact = b"y" * MAX_BODY_BYTES
    async with httpx.AsyncClient(timeout=10) as http:
        assert (await http.post(url, content=exact)).status_code == 200
    assert len(seen) == 1 and seen[0].body == exact


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "raw, status",
    [
        (b"NOT A REQUEST\r\n\r\n", 400),
        (b"POST /webhooks HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400),
        (b"POST /webhooks HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 40000 + b"\r\n\r\n", 431),
    ],
)
async def test_malformed_requests_get_an_error_and_the_connection_closes(inspector_url, raw, status):
    url, seen = inspector_url
    host, port = url.split("//", 1)[1].split("/", 1)[0].split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(raw)
    await writer.drain()
    answer = await asyncio.wait_for(reader.read(65536), 5)
    assert answer.startswith(f"HTTP/1.1 {status} ".encode()), answer[:80]
    assert await _closed_by_server(reader)
    writer.close()
    assert seen == []


@pytest.mark.asyncio
async def test_connection_close_and_http_10_are_honoured(inspector_url):
    url, seen = inspector_url
    host, port = url.split("//", 1)[1].split("/", 1)[0].split(":")
    for raw in (
        _post(BODY, extra="Connection: close\r\n"),
        b"POST /webhooks HTTP/1.0\r\nContent-Length: %d\r\n\r\n%s" % (len(BODY), BODY),
    ):
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(raw)
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(65536), 5)
        assert b" 200 " in answer.split(b"\r\n", 1)[0]
        assert await _closed_by_server(reader) or answer.endswith(b"}")
        writer.close()
    assert [w.body for w in seen] == [BODY, BODY]


def test_a_timestamp_of_5000_digits_is_an_unverified_delivery_not_an_error():
    header = "t=" + "1" * 5000 + ",v1=" + "0" * 64
    verified, reason, label = check_signature(BODY, header, {"we": SECRET})
    assert (verified, label) == (False, None)
    assert "timestamp is not a number" in reason


@pytest.mark.asyncio
async def test_a_5000_digit_timestamp_over_http_is_recorded_unverified():
    inspector = WebhookInspector()
    url = await inspector.start()
    inspector.add_secret("we", SECRET)
    try:
        async with httpx.AsyncClient(timeout=5) as http:
            response = await http.post(url, content=BODY, headers={"Wooshpay-Signature": "t=" + "9" * 5000 + ",v1=ab"})
        assert response.status_code == 200
        [webhook] = inspector.received
        assert not webhook.verified and "timestamp is not a number" in webhook.reason
    finally:
        await inspector.stop()


def _junk_body(size: int) -> bytes:
    """About ``size`` bytes of a JSON object holding empty objects: small on the wire, ~25 times larger once
    parsed (20 such bodies once held about 500 MB)."""
    return b'{"junk": [' + b",".join([b"{}"] * (size // 3 - 5)) + b"]}"


@pytest.mark.asyncio
async def test_history_is_capped_in_bytes_as_well_as_entries():
    import tracemalloc

    from merchant_desk.services.webhook_inspector import MAX_BODY_BYTES

    cap = 4 * 1024 * 1024
    inspector = WebhookInspector(history_bytes=cap)
    url = await inspector.start()
    body = _junk_body(MAX_BODY_BYTES - 1024)
    # Only what the inspector (and the JSON decoder it calls) allocates: other threads of the test run
    # (a session sandbox delivering webhooks) must not count.
    import gc
    import json as json_module

    from merchant_desk.services import webhook_inspector

    mine = [tracemalloc.Filter(True, webhook_inspector.__file__),
            tracemalloc.Filter(True, os.path.join(os.path.dirname(json_module.__file__), "*"))]
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot().filter_traces(mine)
        async with httpx.AsyncClient(timeout=30) as http:
            for n in range(20):
                response = await http.post(url, content=body + b" " * n)
                assert response.status_code == 200
        gc.collect()
        after = tracemalloc.take_snapshot().filter_traces(mine)
        held = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    finally:
        tracemalloc.stop()
        await inspector.stop()
    kept = inspector.received
    assert 1 <= len(kept) < 20
    assert inspector.held_bytes <= cap
    assert kept[-1].body.endswith(b" " * 19)  # the newest stays; the oldest went first
    assert all(w.event is None for w in kept)  # far too many values to parse and keep
    # What the inspector keeps stays near its cap (20 such bodies used to take hundreds of MB).
    assert held < 4 * cap


@pytest.mark.asyncio
async def test_parsed_events_count_towards_the_byte_cap():
    from merchant_desk.services.webhook_inspector import MAX_PARSED_CONTAINERS

    inspector = WebhookInspector(history_bytes=8 * 1024 * 1024)
    url = await inspector.start()
    # An object just under the parse limit: kept as an event, and weighed as one.
    body = b'{"id": "evt_x", "type": "t", "data": ' + _junk_body(3 * (MAX_PARSED_CONTAINERS - 10)) + b"}"
    try:
        async with httpx.AsyncClient(timeout=10) as http:
            for _ in range(10):
                assert (await http.post(url, content=body)).status_code == 200
    finally:
        await inspector.stop()
    kept = inspector.received
    assert kept[-1].event is not None and kept[-1].event_id == "evt_x"
    assert inspector.held_bytes <= 8 * 1024 * 1024
    assert len(kept) < 10


@pytest.mark.asyncio
async def test_deeply_nested_body_is_kept_as_bytes():
    inspector = WebhookInspector()
    url = await inspector.start()
    body = b"[" * 5000 + b"]" * 5000
    try:
        async with httpx.AsyncClient(timeout=5) as http:
            assert (await http.post(url, content=body)).status_code == 200
    finally:
        await inspector.stop()
    [webhook] = inspector.received
    assert webhook.event is None and webhook.body == body
