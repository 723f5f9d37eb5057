"""The account session against the real sandbox: a request whose answer was lost comes back as a handle,
``retry(handle)`` sends exactly that request again (one object on the server), refusals carry codes and
numbers, and failures are classified from the client's typed errors."""

from __future__ import annotations

import httpx
import pytest

from merchant_desk.ledger import Ledger
from merchant_desk.money import AmountError, to_minor
from merchant_desk.services.outbox import RequestFailed
from merchant_desk.services.problems import Problem, classify
from merchant_desk.services.refunds import RefundRefused
from merchant_desk.services.session import AccountSession
from merchant_desk.services.urls import is_loopback_url, url_problem
from merchant_desk.wooshpay import APIError, AuthenticationError, IdempotencyError, NetworkError
from tests.services.helpers import make_client, paid_intent


def session(sandbox, client, ledger) -> AccountSession:
    return AccountSession("Sandbox", "sandbox", sandbox.base_url, client, ledger)


@pytest.mark.asyncio
async def test_a_lost_answer_gives_a_handle_and_retry_makes_one_payment(sandbox):
    with Ledger(":memory:") as ledger:
        dead = make_client(sandbox, max_attempts=1)
        ctx = session(sandbox, dead, ledger)
        payments = ctx.payments
        httpx.post(f"{sandbox.base_url}/_sandbox/faults", json={"drop_next": 1}, timeout=10).raise_for_status()
        with pytest.raises(RequestFailed) as failed:
            await payments.create_payment(750, "HKD", merchant_order_id="handle-retry")
        handle = failed.value.handle
        assert failed.value.open and isinstance(failed.value.error, NetworkError)
        assert ledger.get(handle.key).state == "pending" and handle.body["amount"] == 750

        # Swapping the session's client reaches the services already built.
        ctx.client = make_client(sandbox)
        await dead.aclose()
        intent = await payments.retry(handle)
        again = await payments.retry(handle)  # answered from the ledger: nothing new is sent
        found = await ctx.client.payment_intents.search("merchant_order_id:'handle-retry'")
        await ctx.client.aclose()
        entry = ledger.get(handle.key)
        assert (entry.state, entry.object_id) == ("done", intent.id)
    assert again.id == intent.id and [i.id for i in found.data] == [intent.id]


@pytest.mark.asyncio
async def test_a_refused_request_is_not_open_and_retry_does_not_resend(sandbox):
    with Ledger(":memory:") as ledger:
        async with make_client(sandbox) as client:
            ctx = session(sandbox, client, ledger)
            with pytest.raises(RequestFailed) as failed:
                await ctx.payments.create_payment(100, "XXX")
            assert not failed.value.open and failed.value.problem == Problem.REFUSED
            with pytest.raises(RequestFailed) as again:
                await ctx.payments.retry(failed.value.handle)
            assert not again.value.open
        assert [e.state for e in ledger.entries("Sandbox")] == ["failed"]


@pytest.mark.asyncio
async def test_refusals_carry_a_code_and_the_numbers_for_the_sentence(sandbox):
    with Ledger(":memory:") as ledger:
        async with make_client(sandbox) as client:
            intent = await paid_intent(client, 1000, "PHP")
            ctx = session(sandbox, client, ledger)
            await ctx.refunds.refund(intent, 250, "requested_by_customer")
            with pytest.raises(RefundRefused) as refused:
                await ctx.refunds.refund(intent, 900, "requested_by_customer")
    assert refused.value.code == "over_remainder"
    assert (refused.value.remainder_minor, refused.value.currency) == (750, "PHP")


@pytest.mark.asyncio
async def test_the_session_checks_its_connection_and_names_the_failure(sandbox):
    with Ledger(":memory:") as ledger:
        async with make_client(sandbox) as good:
            assert await session(sandbox, good, ledger).check_connection() is None
        async with make_client(sandbox, max_attempts=1) as client:
            client_with_bad_key = type(client)("sk_test_" + "z" * 24, base_url=sandbox.base_url, max_attempts=1)
            async with client_with_bad_key:
                failure = await session(sandbox, client_with_bad_key, ledger).check_connection()
    assert failure is not None and classify(failure) == Problem.WRONG_KEY


def test_classify_reads_the_typed_errors():
    assert classify(NetworkError("x")) == Problem.OFFLINE
    assert classify(NetworkError("x", timeout=True)) == Problem.TIMEOUT
    assert classify(NetworkError("x", tls=True)) == Problem.TLS
    assert classify(AuthenticationError("x", http_status=401)) == Problem.WRONG_KEY
    assert classify(APIError("x", http_status=503)) == Problem.SERVER
    assert classify(IdempotencyError("x", http_status=409)) == Problem.BUSY
    assert classify(RuntimeError("x")) == Problem.UNEXPECTED


def test_amount_errors_carry_codes():
    cases = {"": "empty", "-1": "negative", "abc": "not_a_number", "1.234": "too_many_decimals",
             "1,23,4": "bad_grouping", "9" * 14: "too_large"}
    for text, code in cases.items():
        with pytest.raises(AmountError) as error:
            to_minor(text, "HKD")
        assert error.value.code == code, text
    with pytest.raises(AmountError) as error:
        to_minor("1.5", "IDR")
    assert (error.value.code, error.value.allowed, error.value.places) == ("too_many_decimals", 0, 1)


def test_one_loopback_check_and_one_url_check():
    assert is_loopback_url("http://127.0.0.1:8000") and is_loopback_url("http://[::1]:5/")
    assert is_loopback_url("http://localhost/") and not is_loopback_url("https://example.com")
    assert url_problem("") == "empty" and url_problem("a b") == "spaces"
    assert url_problem("ftp://x.example") == "scheme" and url_problem("http://x:99999") == "invalid"
    assert url_problem("http://shop.example/h", https_only=True) == "https_only"
    assert url_problem("http://127.0.0.1:9/h", https_only=True) is None
    assert url_problem("https://shop.example/h", https_only=True) is None
