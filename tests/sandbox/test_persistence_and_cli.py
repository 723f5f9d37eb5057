"""--db keeps state (and keys) across restarts in WAL mode; the CLI prints one line and serves."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys

import httpx

from merchant_desk.sandbox import start_sandbox

from .conftest import alipayplus_intent, api_client


def test_state_survives_restart(tmp_path):
    db = str(tmp_path / "sandbox.db")
    with start_sandbox(db=db) as first, api_client(first) as api:
        pi = alipayplus_intent(api, amount=4242, currency="HKD")
        key = first.secret_key
        we = api.post("/v1/webhook_endpoints", json={"url": "https://x.example/h", "enabled_events": ["*"]}).json()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with start_sandbox(db=db) as second, api_client(second) as api:
        assert second.secret_key == key
        again = api.get(f"/v1/payment_intents/{pi['id']}").json()
        assert again["amount"] == 4242 and again["status"] == "requires_action"
        assert api.get(f"/v1/webhook_endpoints/{we['id']}").status_code == 200
        assert len(api.get("/v1/events").json()["data"]) >= 2
        # The cashier link of the old intent now points at the restarted server's page.
        assert httpx.get(f"{second.public_url}/cashier/{pi['id']}").status_code == 200


def test_public_url_goes_into_cashier_links():
    with start_sandbox(public_url="http://192.0.2.10:8790/") as handle, api_client(handle) as api:
        pi = alipayplus_intent(api, amount=100, currency="HKD")
        assert pi["next_action"]["alipayplus_handle_redirect"]["normalUrl"] == f"http://192.0.2.10:8790/cashier/{pi['id']}"
        assert handle.public_url == "http://192.0.2.10:8790"


def test_cli_prints_one_line_and_serves(tmp_path):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "merchant_desk.sandbox.cli", "--port", "0", "--db", str(tmp_path / "cli.db")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        line = proc.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+)\s+secret key (sk_test_\S+)\s+publishable key (pk_test_\S+)", line)
        assert match, line
        base, key = match.group(1), match.group(2)
        assert httpx.get(f"{base}/v1/events", auth=(key, "")).status_code == 200
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, err
    assert out.strip() == ""  # nothing else printed, the key included
    assert key not in err


def _run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "merchant_desk.sandbox.cli", "--port", "0", *args],
        capture_output=True, text=True, timeout=60,
    )


def test_cli_with_a_corrupt_db_prints_one_line_and_fails(tmp_path):
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(os.urandom(8192))
    done = _run_cli("--db", str(corrupt))
    assert done.returncode != 0
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "corrupt.db" in lines[0] and "not a usable sandbox database" in lines[0], done.stderr


def test_cli_with_a_truncated_db_prints_one_line_and_fails(tmp_path):
    db = tmp_path / "truncated.db"
    with start_sandbox(db=str(db)) as handle, api_client(handle) as api:
        for n in range(40):
            alipayplus_intent(api, amount=100 + n, currency="HKD", description="x" * 2000)
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"truncated.db{suffix}").unlink(missing_ok=True)
    done = _run_cli("--db", str(db))
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "truncated.db" in lines[0], done.stderr


def test_cli_with_a_folder_as_db_prints_one_line_and_fails(tmp_path):
    done = _run_cli("--db", str(tmp_path))
    assert done.returncode != 0
    assert len(done.stderr.strip().splitlines()) == 1 and str(tmp_path) in done.stderr
