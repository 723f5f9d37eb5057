"""Claims: before a till sends a request that moves a payment's money, it claims the payment; every
other till is refused, told which till holds it, until the claim is released or its holder dies.
Both engines; the racing and killing is done by real processes."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from merchant_desk.ledger import ClaimRefused, Ledger, claim_key_for, payment_key

ROOT = Path(__file__).resolve().parents[2]


def test_a_claim_refuses_everyone_else_until_it_is_released(ledger_url):
    with Ledger.open(ledger_url, till="Front till") as front, Ledger.open(ledger_url, till="Back office") as back:
        key = payment_key("pi_1")
        mine = front.claim(key)
        assert (mine.key, mine.till) == (key, "Front till")
        assert front.holds(key) and not back.holds(key)
        with pytest.raises(ClaimRefused) as refused:
            back.claim(key)
        assert (refused.value.key, refused.value.till) == (key, "Front till")
        holder = back.who_holds(key)
        assert holder is not None and holder.till == "Front till"
        # the same till's second task is refused too: a claim is not re-entrant
        with pytest.raises(ClaimRefused, match="Front till"):
            front.claim(key)
        # other payments are free
        with back.claimed(payment_key("pi_2")) as other:
            assert other.till == "Back office"
            assert front.who_holds(payment_key("pi_2")).till == "Back office"
        assert front.who_holds(payment_key("pi_2")) is None

        front.release(key)
        front.release(key)  # releasing twice does nothing
        assert back.who_holds(key) is None
        assert back.claim(key).till == "Back office"
        with pytest.raises(ClaimRefused, match="Back office"):
            front.claim(key)
        back.release(key)


def test_closing_a_ledger_releases_its_claims(ledger_url):
    first = Ledger.open(ledger_url, till="Till 1")
    first.claim(payment_key("pi_9"))
    first.close()
    with Ledger.open(ledger_url, till="Till 2") as second:
        assert second.who_holds(payment_key("pi_9")) is None
        second.claim(payment_key("pi_9"))


def test_claim_keys_group_a_payments_money_movements():
    refund = claim_key_for("refund", "/v1/refunds", {"payment_intent": "pi_7", "amount": 5}, "k1")
    cancel = claim_key_for("payment_intent.cancel", "/v1/payment_intents/pi_7/cancel", {}, "k2")
    assert refund == cancel == payment_key("pi_7")
    assert claim_key_for("payment_intent", "/v1/payment_intents", {"amount": 5}, "k3") == "outbox:k3"
    assert claim_key_for("webhook_endpoint", "/v1/webhook_endpoints", {}, "k4") == "outbox:k4"


_HOLDER = textwrap.dedent(
    """
    import sys, time
    from merchant_desk.ledger import Ledger, payment_key
    ledger = Ledger.open(sys.argv[1], till="Till that dies")
    ledger.claim(payment_key("pi_dead"))
    entry = ledger.begin("refund", "POST", "/v1/refunds", {"payment_intent": "pi_dead", "amount": 100},
                         account="shop")
    print(entry.idempotency_key, flush=True)
    time.sleep(120)  # as if the request were in flight; killed long before
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_a_till_killed_while_holding_a_claim_leaves_it_to_the_others(ledger_url):
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, ledger_url], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        key = proc.stdout.readline().strip()
        assert key, "the holder did not start"
        with Ledger.open(ledger_url, till="Survivor") as survivor:
            with pytest.raises(ClaimRefused, match="Till that dies"):
                survivor.claim(payment_key("pi_dead"))
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            # The server ends the dead till's session (and its locks) once it sees the socket close;
            # that takes a moment, so wait for it - up to a generous limit, not a timing assertion.
            deadline = time.monotonic() + 30
            while True:
                try:
                    survivor.claim(payment_key("pi_dead"))
                    break
                except ClaimRefused:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
            [entry] = survivor.pending("shop")
            assert entry.idempotency_key == key  # left for any till to reconcile
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
        proc.stdout.close()


ROUNDS = 20


def _racer(url: str, till: str, start, done, results) -> None:
    ledger = Ledger.open(url, till=till)
    try:
        for round_no in range(ROUNDS):
            key = payment_key(f"pi_round_{round_no}")
            start.wait(timeout=60)
            try:
                ledger.claim(key)
            except ClaimRefused as refused:
                results.put((round_no, till, "refused", refused.till))
                done.wait(timeout=60)
            else:
                ledger.begin("refund", "POST", "/v1/refunds", {"payment_intent": key, "round": round_no},
                             account="shop")
                results.put((round_no, till, "claimed", till))
                done.wait(timeout=60)  # hold it until the other till has tried
                ledger.release(key)
    finally:
        ledger.close()


def test_two_processes_claiming_one_payment_at_the_same_moment_get_one_claim_each_round(ledger_url):
    ctx = multiprocessing.get_context("spawn")
    start, done = ctx.Barrier(2), ctx.Barrier(2)
    results = ctx.Queue()
    Ledger.open(ledger_url).close()  # the schema exists before the race
    procs = [ctx.Process(target=_racer, args=(ledger_url, till, start, done, results))
             for till in ("Till A", "Till B")]
    for proc in procs:
        proc.start()
    try:
        outcomes = [results.get(timeout=120) for _ in range(2 * ROUNDS)]
    finally:
        for proc in procs:
            proc.join(timeout=60)
            if proc.is_alive():
                proc.kill()
    assert all(proc.exitcode == 0 for proc in procs)
    winners_by_till = {"Till A": 0, "Till B": 0}
    for round_no in range(ROUNDS):
        this_round = [o for o in outcomes if o[0] == round_no]
        claimed = [o for o in this_round if o[2] == "claimed"]
        refused = [o for o in this_round if o[2] == "refused"]
        assert len(claimed) == 1 and len(refused) == 1, this_round
        # the refused till is told who holds the payment
        assert refused[0][3] == claimed[0][1]
        winners_by_till[claimed[0][1]] += 1
    with Ledger.open(ledger_url) as ledger:
        assert len(ledger.entries("shop", kind="refund")) == ROUNDS
