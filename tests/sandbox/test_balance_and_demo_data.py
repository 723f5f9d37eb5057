"""GET /v1/balance in the documented shape, and the demo data: realistic, varied and deterministic."""

from __future__ import annotations

import subprocess
import sys

import httpx

from merchant_desk.sandbox import start_sandbox
from merchant_desk.sandbox.demo_data import fill_demo_data
from merchant_desk.sandbox.store import Store

NOW = 1_790_000_000_000


def _get(handle, path: str, **params) -> httpx.Response:
    return httpx.get(handle.base_url + path, params=params, auth=(handle.secret_key, ""), timeout=10)


def test_demo_data_is_deterministic_and_varied():
    a, b, c = Store(), Store(), Store()
    sa = fill_demo_data(a, 5, seed=3, now=NOW)
    fill_demo_data(b, 5, seed=3, now=NOW)
    fill_demo_data(c, 5, seed=4, now=NOW)
    assert a.all("payment_intent") == b.all("payment_intent") and a.all("refund") == b.all("refund")
    assert a.all("payment_intent") != c.all("payment_intent")
    intents = a.all("payment_intent")
    assert len(intents) == sa.payments > 100 and len(a.all("refund")) == sa.refunds > 0
    assert {i["status"] for i in intents} == {"succeeded", "canceled", "requires_payment_method"}
    assert len({i["currency"] for i in intents}) >= 5
    assert len({i["_sandbox"]["wallet"] for i in intents}) >= 6
    assert all(NOW - 5 * 86_400_000 <= i["created"] < NOW for i in intents)
    # ids sort like creation times, as the lists expect
    ordered = sorted(intents, key=lambda i: int(i["id"][3:]))
    assert [i["created"] for i in ordered] == sorted(i["created"] for i in intents)
    fill_demo_data(a, 5, seed=3, now=NOW)
    assert a.count("payment_intent") == sa.payments  # filling again changes nothing


def test_balance_shape_and_sums():
    with start_sandbox() as handle:
        assert _get(handle, "/v1/balance").json()["available"] == []
        fill_demo_data(handle.state, 6, seed=1)
        body = _get(handle, "/v1/balance").json()
        assert body["object"] == "balance"
        for key in ("available", "pending"):
            assert all(set(e) == {"amount", "currency"} and e["currency"].islower() for e in body[key])
        intents = [i for i in handle.store.all("payment_intent") if i["status"] == "succeeded"]
        refunds = handle.store.all("refund")
        for code in {i["currency"] for i in intents}:
            taken = sum(i["amount_received"] for i in intents if i["currency"] == code)
            given = sum(r["amount"] for r in refunds if r["currency"] == code)
            shown = sum(e["amount"] for k in ("available", "pending") for e in body[k] if e["currency"] == code.lower())
            assert shown == taken - given
        assert any(e["amount"] for e in body["pending"]) and any(e["amount"] for e in body["available"])


def test_cli_demo_data_flag(tmp_path):
    db = tmp_path / "demo.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-m", "merchant_desk.sandbox.cli", "--port", "0", "--db", str(db), "--demo-data", "3",
         "--seed", "9"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        first = proc.stdout.readline()
        assert first.startswith("Demo data: ") and "over 3 days" in first
    finally:
        proc.terminate()
        proc.communicate(timeout=15)  # waits, and closes the pipes
    assert Store(str(db)).count("payment_intent") > 30


def test_cli_refuses_a_bad_day_count(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "merchant_desk.sandbox.cli", "--port", "0", "--demo-data", "-2"],
        capture_output=True, text=True, timeout=30,
    )
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and "--demo-data" in run.stderr
