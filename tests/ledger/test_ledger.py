"""merchant_desk.ledger: the outbox behind exactly-once requests, and the audit log - on both engines
(the ``ledger`` and ``ledger_url`` fixtures of conftest.py run each test on SQLite and on PostgreSQL)."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from merchant_desk.ledger import (
    SCHEMA_VERSION,
    Ledger,
    LedgerError,
    LedgerSchemaError,
    default_ledger_path,
)

ROOT = Path(__file__).resolve().parents[2]
REFUND_BODY = {"payment_intent": "pi_1787730829493927936", "amount": 500, "reason": "requested_by_customer"}


def test_begin_writes_a_pending_entry_with_a_fresh_uuid4_key(ledger):
    entry = ledger.begin("refund", "post", "/v1/refunds", REFUND_BODY, account="shop")
    assert uuid.UUID(entry.idempotency_key).version == 4
    assert entry.state == "pending" and entry.is_pending
    assert (entry.kind, entry.method, entry.path, entry.body, entry.account) == (
        "refund", "POST", "/v1/refunds", REFUND_BODY, "shop")
    assert entry.object_id is None and entry.response is None and entry.error is None
    assert entry.attempts == 0
    assert entry.created_at.tzinfo is not None and entry.created_at.utcoffset() == timedelta(0)
    assert abs(datetime.now(UTC) - entry.created_at) < timedelta(minutes=1)
    assert ledger.get(entry.idempotency_key) == entry
    assert ledger.get("nope") is None
    other = ledger.begin("refund", "POST", "/v1/refunds", REFUND_BODY, account="shop")
    assert other.idempotency_key != entry.idempotency_key


def test_begin_with_a_given_key_is_idempotent_but_refuses_a_different_request(ledger):
    first = ledger.begin("refund", "POST", "/v1/refunds", REFUND_BODY, account="shop", idempotency_key="k1")
    again = ledger.begin("refund", "POST", "/v1/refunds", dict(reversed(REFUND_BODY.items())), account="shop",
                         idempotency_key="k1")
    assert again == first
    with pytest.raises(LedgerError, match="k1"):
        ledger.begin("refund", "POST", "/v1/refunds", {**REFUND_BODY, "amount": 1}, account="shop",
                     idempotency_key="k1")
    with pytest.raises(LedgerError):
        ledger.begin("refund", "POST", "/v1/refunds", REFUND_BODY, account="other", idempotency_key="k1")
    assert len(ledger.entries()) == 1


def test_complete_and_fail_move_the_state(ledger):
    a = ledger.begin("payment_intent", "POST", "/v1/payment_intents", {"amount": 200}, account="shop")
    b = ledger.begin("refund", "POST", "/v1/refunds", REFUND_BODY, account="shop")
    c = ledger.begin("cancel", "POST", "/v1/payment_intents/pi_1/cancel", {}, account="shop")

    retry = ledger.fail(b.idempotency_key, "connection reset", final=False)
    assert (retry.state, retry.error, retry.attempts) == ("pending", "connection reset", 1)

    done = ledger.complete(a.idempotency_key, "pi_1", {"id": "pi_1", "status": "requires_action"})
    assert (done.state, done.object_id, done.response, done.error) == (
        "done", "pi_1", {"id": "pi_1", "status": "requires_action"}, None)
    assert done.updated_at >= done.created_at

    refused = ledger.fail(c.idempotency_key, "payment_intent_unexpected_state", final=True)
    assert refused.state == "failed"
    # a late failure never overwrites a known success
    assert ledger.fail(a.idempotency_key, "timeout", final=True).state == "done"
    # reconciling can find that a 'failed' request went through after all
    assert ledger.complete(c.idempotency_key, "pi_1", {"id": "pi_1"}).state == "done"

    assert [e.idempotency_key for e in ledger.pending()] == [b.idempotency_key]
    with pytest.raises(KeyError):
        ledger.complete("missing", "x", {})
    with pytest.raises(KeyError):
        ledger.fail("missing", "x", final=True)


def test_pending_is_oldest_first_and_filters_by_account(ledger):
    keys = [ledger.begin("refund", "POST", "/v1/refunds", {"n": n}, account="a" if n % 2 else "b").idempotency_key
            for n in range(6)]
    ledger.complete(keys[2], "re_2", {"id": "re_2"})
    assert [e.idempotency_key for e in ledger.pending()] == [keys[0], keys[1], keys[3], keys[4], keys[5]]
    assert [e.idempotency_key for e in ledger.pending("a")] == [keys[1], keys[3], keys[5]]
    assert ledger.pending("nobody") == []


def test_refunds_known_come_from_completed_refund_entries(ledger):
    r1 = ledger.begin("refund", "POST", "/v1/refunds", REFUND_BODY, account="shop")
    r2 = ledger.begin("refund", "POST", "/v1/refunds", REFUND_BODY, account="shop")
    r3 = ledger.begin("refund", "POST", "/v1/refunds", REFUND_BODY, account="shop")
    elsewhere = ledger.begin("refund", "POST", "/v1/refunds", REFUND_BODY, account="other")
    pi = ledger.begin("payment_intent", "POST", "/v1/payment_intents", {}, account="shop")
    ledger.complete(r1.idempotency_key, "re_1", {"id": "re_1", "object": "refund", "amount": 500})
    ledger.complete(r3.idempotency_key, "re_3", {"id": "re_3", "object": "refund", "amount": 100})
    ledger.complete(elsewhere.idempotency_key, "re_x", {"id": "re_x"})
    ledger.complete(pi.idempotency_key, "pi_1", {"id": "pi_1"})
    ledger.fail(r2.idempotency_key, "boom", final=True)
    assert [r["id"] for r in ledger.refunds_known("shop")] == ["re_3", "re_1"]
    assert ledger.refunds_known("shop")[1] == {"id": "re_1", "object": "refund", "amount": 500}


def test_everything_survives_close_and_reopen(ledger_url):
    with Ledger.open(ledger_url) as led:
        pending = led.begin("refund", "POST", "/v1/refunds", REFUND_BODY, account="shop")
        done = led.begin("checkout_session", "POST", "/v1/checkout/sessions", {"currency": "HKD"}, account="shop")
        led.complete(done.idempotency_key, "cs_1", {"id": "cs_1", "url": "https://x/pay/cs_1"})
        led.audit("checkout_session.created", "cs_1", {"amount_total": 1000, "note": "中文"}, account="shop")
    with Ledger.open(ledger_url) as led:
        assert led.pending() == [pending]
        assert led.get(done.idempotency_key).response == {"id": "cs_1", "url": "https://x/pay/cs_1"}
        [entry] = led.audit_entries()
        assert (entry.action, entry.object_id, entry.details) == (
            "checkout_session.created", "cs_1", {"amount_total": 1000, "note": "中文"})


def test_a_ledger_from_a_newer_version_is_refused(ledger_url, engine):
    Ledger.open(ledger_url).close()
    if engine == "sqlite":
        raw = sqlite3.connect(ledger_url)
        raw.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
        raw.commit()
        raw.close()
    else:
        import psycopg

        with psycopg.connect(ledger_url, autocommit=True) as conn:
            conn.execute("UPDATE ledger_schema SET version = version + 1")
    with pytest.raises(LedgerSchemaError, match="newer Merchant Desk") as refused:
        Ledger.open(ledger_url)
    assert (refused.value.found, refused.value.known) == (SCHEMA_VERSION + 1, SCHEMA_VERSION)


def test_threads_share_one_ledger(ledger):
    errors: list[BaseException] = []
    per_thread = 40

    def work(n: int) -> None:
        try:
            for i in range(per_thread):
                entry = ledger.begin("refund", "POST", "/v1/refunds", {"t": n, "i": i}, account=f"acct{n % 2}")
                if i % 2:
                    ledger.complete(entry.idempotency_key, f"re_{n}_{i}", {"id": f"re_{n}_{i}"})
                ledger.audit("refund.created", f"re_{n}_{i}", {"i": i}, account=f"acct{n % 2}")
                ledger.pending()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert len(ledger.entries()) == 8 * per_thread
    assert len(ledger.pending()) == 8 * per_thread // 2
    assert len(ledger.audit_entries(limit=None)) == 8 * per_thread
    assert len(ledger.refunds_known("acct0")) == 4 * per_thread // 2


def test_two_ledgers_on_one_file_see_each_other(ledger_url):
    with Ledger.open(ledger_url) as first, Ledger.open(ledger_url) as second:
        entry = first.begin("refund", "POST", "/v1/refunds", REFUND_BODY, account="shop")
        assert second.get(entry.idempotency_key) == entry
        second.complete(entry.idempotency_key, "re_1", {"id": "re_1"})
        assert first.pending() == []


_CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from merchant_desk.ledger import Ledger
    ledger = Ledger.open(sys.argv[1])
    entry = ledger.begin("refund", "POST", "/v1/refunds", {"payment_intent": "pi_9", "amount": 100},
                         account="shop")
    print(entry.idempotency_key, flush=True)
    # Die the hardest way right after begin() returns, as if the request were in flight.
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_a_process_killed_after_begin_leaves_a_pending_entry(ledger_url):
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, ledger_url],
        check=False, cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    key = proc.stdout.strip()
    assert key
    with Ledger.open(ledger_url) as led:
        [entry] = led.pending()
    assert entry.idempotency_key == key
    assert entry.body == {"payment_intent": "pi_9", "amount": 100}
    assert entry.state == "pending"


def test_a_process_killed_while_waiting_leaves_its_entry_for_the_next_process(ledger_url):
    child = textwrap.dedent(
        """
        import sys, time
        from merchant_desk.ledger import Ledger
        ledger = Ledger.open(sys.argv[1])
        entry = ledger.begin("payment_intent", "POST", "/v1/payment_intents", {"amount": 200}, account="shop")
        print(entry.idempotency_key, flush=True)
        time.sleep(60)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", child, ledger_url], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        key = proc.stdout.readline().strip()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
    assert key
    with Ledger.open(ledger_url) as led:
        assert [e.idempotency_key for e in led.pending("shop")] == [key]


# --- audit log ---------------------------------------------------------------------------------------


def test_audit_entries_filter_by_account_since_and_limit(ledger):
    first = ledger.audit("payment_intent.created", "pi_1", {"amount": 200, "currency": "IDR"}, account="a")
    ledger.audit("refund.created", "re_1", {"amount": 100}, account="b")
    third = ledger.audit("webhook_endpoint.deleted", "we_1", None, account="a")
    assert [e.id for e in ledger.audit_entries()] == [third.id, third.id - 1, first.id]  # newest first
    assert [e.object_id for e in ledger.audit_entries(account="a")] == ["we_1", "pi_1"]
    assert [e.object_id for e in ledger.audit_entries(limit=1)] == ["we_1"]
    assert [e.object_id for e in ledger.audit_entries(since=third.ts)] == ["we_1"]
    assert ledger.audit_entries(since=third.ts + timedelta(seconds=1)) == []
    # since in another time zone means the same instant
    plus8 = third.ts.astimezone(timezone(timedelta(hours=8)))
    assert [e.object_id for e in ledger.audit_entries(since=plus8)] == ["we_1"]
    assert third.details == {} and first.details == {"amount": 200, "currency": "IDR"}
    with pytest.raises(ValueError):
        ledger.audit_entries(since=datetime(2020, 1, 1))


def test_export_audit_csv_to_a_path_and_to_a_file(ledger, tmp_path):
    ledger.audit("payment_intent.created", "pi_1", {"amount": 200}, account="shop")
    ledger.audit("refund.created", "re_1", {"amount": 100, "note": "客户要求"}, account="=cmd()")
    target = tmp_path / "audit.csv"
    assert ledger.export_audit_csv(target) == 2
    with target.open(encoding="utf-8", newline="") as exported:
        rows = list(csv.DictReader(exported))
    assert [r["action"] for r in rows] == ["payment_intent.created", "refund.created"]  # oldest first
    assert json.loads(rows[1]["details"]) == {"amount": 100, "note": "客户要求"}
    assert rows[1]["account"] == "'=cmd()"  # never a live formula in a spreadsheet
    assert datetime.fromisoformat(rows[0]["ts"]).utcoffset() == timedelta(0)

    buffer = io.StringIO()
    assert ledger.export_audit_csv(buffer, account="shop") == 1
    assert buffer.getvalue().splitlines()[0] == "ts,account,action,object_id,details,till,person,approver"


def test_default_ledger_path_is_in_the_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("MERCHANT_DESK_HOME", str(tmp_path))
    path = default_ledger_path()
    assert path.parent == tmp_path / "data" and path.parent.is_dir()
    with Ledger(path) as led:
        led.audit("x", None, account="a")
    assert path.exists()


def test_memory_ledger_works_for_tests():
    with Ledger(":memory:") as led:
        entry = led.begin("refund", "POST", "/v1/refunds", {}, account="s")
        assert led.pending() == [entry]
        assert repr(led) == "Ledger(':memory:')"


def test_audit_rows_name_till_person_and_approver_and_filter_by_them(ledger):
    from merchant_desk.ledger import approved_by

    ledger.till, ledger.person = "Front", "Ana"
    plain = ledger.audit("payment_intent.created", "pi_1", account="shop")
    with approved_by("Mia"):
        approved = ledger.audit("refund.created", "re_1", account="shop")
    other = ledger.audit("refund.created", "re_2", account="shop", till="Back", person="Mia")
    ledger.audit("refund.created", "re_3", account="elsewhere", till="Side", person="Bo")
    assert (plain.till, plain.person, plain.approver) == ("Front", "Ana", None)
    assert (approved.till, approved.person, approved.approver) == ("Front", "Ana", "Mia")
    assert [e.object_id for e in ledger.audit_entries("shop", till="Front")] == ["re_1", "pi_1"]
    assert [e.object_id for e in ledger.audit_entries("shop", person="Mia")] == ["re_2", "re_1"]
    assert [e.object_id for e in ledger.audit_entries("shop", action="refund.created")] == ["re_2", "re_1"]
    assert ledger.audit_entries(limit=None)[0] == ledger.audit_entries(till="Side")[0]
    assert ledger.audit_facets("shop") == {"tills": ["Back", "Front"], "people": ["Ana", "Mia"],
                                           "actions": ["payment_intent.created", "refund.created"]}
    assert ledger.audit_facets()["tills"] == ["Back", "Front", "Side"]
    assert [e.approver for e in ledger.audit_entries(limit=None) if e.object_id == "re_1"] == ["Mia"]
    assert other.id > approved.id


def test_people_and_shop_settings_are_kept(ledger):
    from datetime import UTC, datetime, timedelta

    assert ledger.people() == [] and ledger.shop_setting("policy", {"x": 1}) == {"x": 1}
    ledger.put_person("Mia", "manager", "scrypt$hash")
    ledger.put_person("Ana", "cashier", "scrypt$other")
    with pytest.raises(ValueError):
        ledger.put_person("Bo", "cashier")  # a new person needs a PIN
    assert [(p.name, p.role) for p in ledger.people()] == [("Ana", "cashier"), ("Mia", "manager")]
    until = datetime.now(UTC) + timedelta(minutes=5)
    assert ledger.record_pin_try("Ana", False, lock_after=2, locked_until=until).failed_tries == 1
    locked = ledger.record_pin_try("Ana", False, lock_after=2, locked_until=until)
    assert locked.locked_until is not None and abs(locked.locked_until - until) < timedelta(seconds=1)
    reset = ledger.put_person("Ana", "manager", "scrypt$new")  # a new PIN unlocks
    assert (reset.role, reset.failed_tries, reset.locked_until, reset.pin_hash) == ("manager", 0, None, "scrypt$new")
    assert ledger.record_pin_try("Nobody", True, lock_after=2, locked_until=until) is None
    ledger.remove_person("Mia")
    assert [p.name for p in ledger.people()] == ["Ana"]
    ledger.put_shop_setting("policy", {"refunds": "always"})
    ledger.put_shop_setting("policy", {"refunds": "never"})
    assert ledger.shop_setting("policy") == {"refunds": "never"}
