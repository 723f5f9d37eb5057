"""How the sandbox holds up: create throughput against a bare Starlette route, and how its answers grow
from 1k to 100k stored objects.

Run: .venv/bin/python benchmarks/bench_sandbox.py [--quick]

Every figure is a ratio against a baseline measured in the same run, so it means the same on any machine:
- create throughput: ``POST /v1/payment_intents`` from 8 concurrent keep-alive clients vs a bare Starlette
  route that reads the JSON body and answers JSON, both served by uvicorn (h11) in a process of its own
  and driven by the same raw asyncio client from this process, in alternating rounds;
- growth: the median time of one request against a sandbox holding many objects vs one holding few, the
  stores filled directly through ``Store`` (not over HTTP) and the requests alternated between the two:
  create with an ``Idempotency-Key``, search by ``merchant_order_id``, by a metadata key and by amount and
  status, refund of a payment, and the Checkout Session list (which runs the expiry check).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from benchmarks.table import Row, format_table, row
from merchant_desk.sandbox.ids import new_id
from merchant_desk.sandbox.runner import SandboxHandle, start_sandbox
from merchant_desk.sandbox.store import Store

CLIENTS = 8
CREATE_BODY = {
    "amount": 1000,
    "currency": "HKD",
    "confirm": True,
    "payment_method_data": {"type": "alipayplus"},
    "payment_method_options": {"alipayplus": {"terminal_type": "WEB"}},
    "return_url": "https://example.com/back",
    "metadata": {"md_request": "bench"},
}


# -- filling a store directly ------------------------------------------------------------------------


def fill(store: Store, count: int) -> list[str]:
    """``count`` succeeded intents, each with one refund, an idempotency record, two events and an open
    Checkout Session; returns the intent ids (oldest first)."""
    now = store.now_ms()
    ids: list[str] = []
    with store.transaction():
        for n in range(count):
            intent_id = new_id("pi")
            ids.append(intent_id)
            intent = {
                "id": intent_id, "object": "payment_intent", "amount": 1000 + n % 5000, "amount_capturable": 0,
                "amount_received": 1000 + n % 5000, "capture_method": "automatic", "created": now,
                "currency": ("HKD", "CNY", "IDR")[n % 3], "customer": None, "description": f"Order {n}",
                "livemode": False, "merchant_order_id": f"order-{n}", "metadata": {"md_request": f"req-{n}"},
                "next_action": None, "payment_method_types": ["alipayplus"], "status": "succeeded",
                "_sandbox": {"method_type": "alipayplus", "card_number": None, "checkout_session": None,
                             "wallet": "AlipayHK"},
            }
            store.put("payment_intent", intent)
            refund = {
                "id": new_id("re"), "object": "refund", "amount": 100, "created": now, "currency": intent["currency"],
                "metadata": {}, "reason": None, "status": "succeeded", "payment_intent": intent_id,
            }
            store.put("refund", refund, ref=intent_id)
            for event_type in ("payment_intent.created", "payment_intent.succeeded"):
                event = {"id": new_id("evt"), "object": "event", "created": now, "type": event_type,
                         "data": {"object": {"id": intent_id}}}
                store.put("event", event, ref=event_type)
            session = {
                "id": new_id("cs"), "object": "checkout.session", "created": now, "expires_at": now + 86_400_000,
                "status": "open", "payment_intent": intent_id, "currency": intent["currency"], "metadata": {},
            }
            store.put("checkout_session", session, ref=intent_id)
            store.save_idempotency(f"fill-{n}", "POST", "/v1/payment_intents", "x" * 64, 200, json.dumps(intent))
    return ids


# -- growth: one request at a time against a small and a large sandbox ----------------------------------


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _timed(call: Callable[[], httpx.Response]) -> float:
    start = time.perf_counter()
    response = call()
    elapsed = time.perf_counter() - start
    if response.status_code != 200:
        raise RuntimeError(f"benchmark request failed: {response.status_code} {response.text[:200]}")
    return elapsed


def growth(small: int, large: int, repeats: int) -> list[Row]:
    handles: list[SandboxHandle] = []
    try:
        sides = []
        for size in (small, large):
            handle = start_sandbox()
            handles.append(handle)
            ids = fill(handle.store, size)
            client = httpx.Client(base_url=handle.base_url, auth=(handle.secret_key, ""), timeout=60)
            sides.append((size, ids, client))
        counter = iter(range(10**9))

        def create_with_key(side: tuple[int, list[str], httpx.Client]) -> float:
            body = {**CREATE_BODY, "merchant_order_id": f"new-{next(counter)}"}
            return _timed(lambda: side[2].post(
                "/v1/payment_intents", json=body, headers={"Idempotency-Key": f"bench-{next(counter)}"}
            ))

        def search_order(side: tuple[int, list[str], httpx.Client]) -> float:
            order = f"order-{side[0] // 2}"
            return _timed(lambda: side[2].get(
                "/v1/payment_intents/search", params={"query": f"merchant_order_id:'{order}'"}
            ))

        def search_metadata(side: tuple[int, list[str], httpx.Client]) -> float:
            key = f"req-{side[0] // 3}"
            return _timed(lambda: side[2].get(
                "/v1/payment_intents/search", params={"query": f"metadata['md_request']:'{key}'"}
            ))

        def search_amount(side: tuple[int, list[str], httpx.Client]) -> float:
            # One intent in 5,000 has this amount: a walk of the amount's index, not of every intent. One hit
            # asked for, so both sizes answer the same number of intents.
            return _timed(lambda: side[2].get(
                "/v1/payment_intents/search", params={"query": "amount:'1234' AND status:'succeeded'", "limit": 1}
            ))

        def refund(side: tuple[int, list[str], httpx.Client]) -> float:
            intent_id = side[1][next(counter) % side[0]]
            return _timed(lambda: side[2].post("/v1/refunds", json={"payment_intent": intent_id, "amount": 1}))

        def list_sessions(side: tuple[int, list[str], httpx.Client]) -> float:
            return _timed(lambda: side[2].get("/v1/checkout/sessions/list", params={"limit": 10}))

        def list_refunds_of_payment(side: tuple[int, list[str], httpx.Client]) -> float:
            intent_id = side[1][side[0] // 2]
            return _timed(lambda: side[2].get("/v1/refunds", params={"payment_intent": intent_id}))

        cases: list[tuple[str, Callable[[tuple[int, list[str], httpx.Client]], float]]] = [
            ("create with Idempotency-Key", create_with_key),
            ("search by merchant_order_id", search_order),
            ("search by metadata['md_request']", search_metadata),
            ("search by amount and status", search_amount),
            ("refund of a payment", refund),
            ("refunds list of a payment", list_refunds_of_payment),
            ("checkout sessions list (expiry check)", list_sessions),
        ]
        rows = []
        for what, case in cases:
            for side in sides:  # warm-up: first-use costs (page cache, statement cache) on neither side
                case(side)
            samples: dict[int, list[float]] = {small: [], large: []}
            for _ in range(repeats):
                for side in sides:
                    samples[side[0]].append(case(side))
            small_ms, large_ms = _median_ms(samples[small]), _median_ms(samples[large])
            # The median of the paired ratios: a burst of load from elsewhere hits both of a pair alike.
            ratio = statistics.median(b / a for a, b in zip(samples[small], samples[large], strict=True))
            rows.append(row(
                f"sandbox {what}, {large:,} vs {small:,} stored", f"{large_ms:.2f} ms", f"{small_ms:.2f} ms", ratio,
                "<= 1.5x",
            ))
        for _, _, client in sides:
            client.close()
        return rows
    finally:
        for handle in handles:
            handle.stop()


# -- throughput: 8 concurrent clients against a server in its own process -------------------------------


def _serve(kind: str) -> None:
    """Child process: serve the bare route or the sandbox, print where, and run until stdin closes."""
    if kind == "sandbox":
        handle = start_sandbox()
        print(f"READY {handle.base_url} {handle.secret_key}", flush=True)
        sys.stdin.read()
        handle.stop()
        return
    import socket
    import threading

    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def create(request: Request) -> JSONResponse:
        body = json.loads(await request.body())
        return JSONResponse({"id": "pi_1", "object": "payment_intent", "status": "requires_action", **body})

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    app = Starlette(routes=[Route("/v1/payment_intents", create, methods=["POST"])])
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", http="h11", lifespan="off", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    print(f"READY http://127.0.0.1:{sock.getsockname()[1]} -", flush=True)
    sys.stdin.read()
    server.should_exit = True
    thread.join(timeout=10)


class _Server:
    def __init__(self, kind: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "--serve", kind],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().split()
        if not line or line[0] != "READY":
            self.close()
            raise RuntimeError(f"the {kind} server did not start")
        self.url, self.key = line[1], line[2]

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()


async def _client(host: str, port: int, request: bytes, stop_at: float) -> int:
    """One keep-alive connection sending ``request`` until ``stop_at``; the number of 200 answers."""
    reader, writer = await asyncio.open_connection(host, port)
    done = 0
    try:
        while time.perf_counter() < stop_at:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            await reader.readexactly(length)
            if status != 200:
                raise RuntimeError(f"benchmark request answered {status}")
            done += 1
    finally:
        writer.close()
    return done


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far (Linux), or None where /proc is not there."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _requests_per_second(server: _Server, seconds: float) -> tuple[float, float | None]:
    """``(requests per second, server CPU seconds per request)`` over ``seconds`` of load."""
    host, port = server.url.removeprefix("http://").split(":")
    body = json.dumps(CREATE_BODY).encode()
    auth = base64.b64encode(f"{server.key}:".encode()).decode()
    request = (
        f"POST /v1/payment_intents HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Basic {auth}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body

    async def run() -> tuple[float, float | None]:
        cpu_before = _cpu_seconds(server.proc.pid)
        start = time.perf_counter()
        counts = await asyncio.gather(*(_client(host, int(port), request, start + seconds) for _ in range(CLIENTS)))
        elapsed = time.perf_counter() - start
        cpu_after = _cpu_seconds(server.proc.pid)
        cpu = None if cpu_before is None or cpu_after is None else (cpu_after - cpu_before) / sum(counts)
        return sum(counts) / elapsed, cpu

    return asyncio.run(run())


def throughput(rounds: int, seconds: float) -> list[Row]:
    bare, sandbox = _Server("bare"), _Server("sandbox")
    try:
        _requests_per_second(bare, min(0.3, seconds))  # warm-up of both servers and the client
        _requests_per_second(sandbox, min(0.3, seconds))
        bare_rates, sandbox_rates, ratios = [], [], []
        bare_cpu: list[float] = []
        sandbox_cpu: list[float] = []
        for n in range(rounds):
            # Alternate which goes first, and pair each round's two figures: load from elsewhere on the
            # machine then shifts both sides of a ratio alike.
            order = ((bare, bare_rates, bare_cpu), (sandbox, sandbox_rates, sandbox_cpu))
            for server, rates, cpus in order if n % 2 == 0 else order[::-1]:
                rate, cpu = _requests_per_second(server, seconds)
                rates.append(rate)
                if cpu:
                    cpus.append(cpu)
            ratios.append(sandbox_rates[-1] / bare_rates[-1])
    finally:
        bare.close()
        sandbox.close()
    bare_rate, sandbox_rate = statistics.median(bare_rates), statistics.median(sandbox_rates)
    ratio = statistics.median(ratios)
    rows = [row(
        f"sandbox POST /v1/payment_intents, {CLIENTS} concurrent clients", f"{sandbox_rate:,.0f} req/s",
        f"bare Starlette route {bare_rate:,.0f} req/s", ratio, ">= 0.5x",
    )]
    if bare_cpu and sandbox_cpu:
        # The same comparison by the server's own CPU time per request, which other processes on a busy
        # machine disturb far less than wall-clock rates: requests per CPU-second, sandbox vs bare.
        bare_per, sandbox_per = statistics.median(bare_cpu), statistics.median(sandbox_cpu)
        cpu_ratio = bare_per / sandbox_per
        rows.append(row(
            "sandbox create, by server CPU time per request", f"{sandbox_per * 1e6:,.0f} us/req",
            f"bare Starlette route {bare_per * 1e6:,.0f} us/req", cpu_ratio, ">= 0.5x",
        ))
    return rows


# -- the table ------------------------------------------------------------------------------------------


def results(quick: bool) -> list[Row]:
    """Every measurement as a row: what, measured, baseline, ratio, goal, met."""
    if quick:
        return throughput(rounds=2, seconds=0.3) + growth(small=20, large=200, repeats=5)
    return throughput(rounds=10, seconds=1.5) + growth(small=1_000, large=100_000, repeats=150)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, a few seconds (a smoke run)")
    parser.add_argument("--serve", choices=("bare", "sandbox"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        _serve(args.serve)
        return 0
    print(format_table(results(quick=args.quick)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
