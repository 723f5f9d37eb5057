"""A server (or proxy) that echoes the Authorization header back: the key, in none of its forms, reaches the
error shown, the ledger file or the log. Mock transport: no real server should do this."""

from __future__ import annotations

import base64
import json
import logging
import secrets
from pathlib import Path

import httpx
import pytest

from merchant_desk import logging_setup
from merchant_desk.ledger import Ledger
from merchant_desk.services.outbox import send_entry
from merchant_desk.wooshpay import Client, WooshPayError

ACCOUNT = "Echo"


def forms_of(key: str) -> list[bytes]:
    body = key[len("sk_test_"):]
    credential = base64.b64encode((key + ":").encode())
    return [
        key.encode(),
        body[:-4].encode(),
        credential,
        credential[4:24],
        base64.b64encode(key.encode()).rstrip(b"="),
        base64.urlsafe_b64encode(key.encode()).rstrip(b"="),
        json.dumps(key).encode()[1:-1],
    ]


def echo(status: int, shape: str):
    def answer(request: httpx.Request) -> httpx.Response:
        header = request.headers["Authorization"]
        user = base64.b64decode(header.split()[1]).decode()
        if shape == "envelope":
            body = json.dumps({"error": {"type": "invalid_request_error", "message": f"Refused for {header} ({user})"}})
        elif shape == "top level":
            body = json.dumps({"message": f"Bad auth: {header}", "received_headers": dict(request.headers)})
        elif shape == "html":
            body = f"<html><title>Error {header}</title><body><pre>{request.headers}</pre></body></html>"
        elif shape == "json list":
            body = json.dumps([header, user, {"auth": header}])
        elif shape == "success":
            body = json.dumps({"id": "re_1", "object": "refund", "description": f"{header} {user}"})
        else:
            body = f"{header}\n{user}\nAuthorization={header.split()[1]}"
        return httpx.Response(status, content=body.encode())

    return answer


@pytest.fixture
def log_path(tmp_path):
    path = logging_setup.setup_logging(log_dir=tmp_path / "logs", console=False, level=logging.DEBUG)
    yield path
    for handler in list(logging_setup._installed):
        logging.getLogger().removeHandler(handler)
        handler.close()
    logging_setup._installed.clear()


async def _no_wait(_delay: float) -> None:
    return None


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("status", "shape"),
    [(400, "envelope"), (400, "top level"), (400, "text"), (401, "text"), (403, "html"), (502, "html"),
     (500, "envelope"), (200, "success"), (200, "json list"), (400, "json list")],
)
async def test_an_echoed_key_reaches_no_error_ledger_or_log(tmp_path, log_path, status, shape):
    key = "sk_test_" + secrets.token_urlsafe(24)
    db = tmp_path / "ledger.sqlite3"
    log = logging.getLogger("merchant_desk.services.test")
    shown: list[str] = []
    with Ledger(db) as ledger:
        entry = ledger.begin("refund", "POST", "/v1/refunds", {"payment_intent": "pi_1", "amount": 1}, account=ACCOUNT)
        transport = httpx.MockTransport(echo(status, shape))
        async with Client(key, base_url="https://api.example.test", transport=transport, sleep=_no_wait,
                          max_attempts=2) as client:
            try:
                await send_entry(client, ledger, entry, account=ACCOUNT)
            except WooshPayError as exc:
                shown += [str(exc), repr(exc), json.dumps(exc.body, default=str)]
                log.warning("refund failed: %s", exc)
                log.exception("with traceback")
        stored = ledger.get(entry.idempotency_key)
        shown += [str(stored.error), json.dumps(stored.response), json.dumps([a.details for a in ledger.audit_entries()])]
    assert shown
    for handler in logging_setup._installed:
        handler.flush()
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert db in files and log_path in files
    written = b"".join(Path(p).read_bytes() for p in files)
    assert len(log_path.read_bytes()) > 0
    for form in forms_of(key):
        assert form not in written, form
        for text in shown:
            assert form.decode() not in text, (form, text)
