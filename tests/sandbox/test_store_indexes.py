"""The search and expiry index rows the store writes with every intent and session: the same values SQLite's
json_extract gives, kept up to date on rewrites, filled for old databases, and compatible with databases
whose rows an earlier version indexed with triggers."""

from __future__ import annotations

import json
import sqlite3

from merchant_desk.sandbox.ids import new_id
from merchant_desk.sandbox.store import SEARCH_FIELDS, Store


def _intent(**fields) -> dict:
    intent = {
        "id": new_id("pi"), "object": "payment_intent", "amount": 1500, "created": 1_790_000_000_000,
        "currency": "HKD", "customer": None, "description": "", "merchant_order_id": "order-1",
        "metadata": {"md_request": "k-1", "note": "ünïcode ✓"}, "status": "requires_action",
        "_sandbox": {"method_type": "alipayplus"},
    }
    intent.update(fields)
    return intent


def _terms(store: Store, object_id: str) -> dict[str, object]:
    rows = store._query("SELECT field, value FROM search_terms WHERE id=?", (object_id,))
    return {row["field"]: row["value"] for row in rows}


def _json_extract_terms(conn: sqlite3.Connection, data: str) -> dict[str, object]:
    """What the triggers of earlier versions wrote for this JSON (their SELECT, into a TEXT column)."""
    fields = " UNION ALL ".join(
        f"SELECT '{name}' AS field, json_extract(:d, '$.{name}') AS value" for name in SEARCH_FIELDS
    )
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS t(field TEXT, value TEXT)")
    conn.execute("DELETE FROM t")
    conn.execute(
        f"INSERT INTO t SELECT f.field, f.value FROM ({fields} UNION ALL SELECT 'metadata[''' || m.key || ''']', "
        "m.value FROM json_each(:d, '$.metadata') AS m) AS f WHERE f.value IS NOT NULL AND f.value <> ''",
        {"d": data},
    )
    return dict(conn.execute("SELECT field, value FROM t").fetchall())


def test_index_rows_hold_what_json_extract_gives():
    store = Store()
    odd = _intent(amount=0, customer="cus_1", description="Ein Stück", metadata={"n": 7, "flag": True, "x": 2.5})
    for intent in (_intent(), odd):
        store.put("payment_intent", intent)
        expected = _json_extract_terms(sqlite3.connect(":memory:"), json.dumps(intent))
        assert _terms(store, intent["id"]) == expected
    assert _terms(store, odd["id"])["metadata['flag']"] == "1" and _terms(store, odd["id"])["amount"] == "0"


def test_a_rewritten_intent_has_only_its_new_terms():
    store = Store()
    intent = _intent()
    with store.transaction():
        store.put("payment_intent", intent)
    intent.update(status="succeeded", merchant_order_id=None, metadata={"md_request": "k-2"})
    with store.transaction():
        store.put("payment_intent", intent)
    assert _terms(store, intent["id"]) == {
        "status": "succeeded", "currency": "HKD", "amount": "1500", "metadata['md_request']": "k-2",
    }
    found, _ = store.search("payment_intent", [(False, "merchant_order_id", ":", "order-1")], any_of=False, limit=10)
    assert found == []
    assert store.get("payment_intent", intent["id"])["status"] == "succeeded"


def test_a_session_expires_only_while_open():
    store = Store()
    session = {"id": new_id("cs"), "object": "checkout.session", "created": 1, "expires_at": 100, "status": "open"}
    store.put("checkout_session", session, ref="pi_1")
    assert store.expired("checkout_session", 100) == [session["id"]]
    session["status"] = "complete"
    store.put("checkout_session", session, ref="pi_1")
    assert store.expired("checkout_session", 10**12) == []


def test_an_old_database_gets_its_index_rows_once(tmp_path):
    path = str(tmp_path / "old.db")
    store = Store(path)
    intent, session = _intent(), {"id": new_id("cs"), "created": 1, "expires_at": 50, "status": "open"}
    store.put("payment_intent", intent)
    store.put("checkout_session", session)
    # As a database from before the indexes: no index rows, no mark.
    store._execute("DELETE FROM search_terms")
    store._execute("DELETE FROM expiries")
    store._execute("DELETE FROM meta WHERE key='indexes'")
    store.close()
    reopened = Store(path)
    found, _ = reopened.search("payment_intent", [(False, "metadata['md_request']", ":", "k-1")], any_of=False, limit=5)
    assert [i["id"] for i in found] == [intent["id"]]
    assert reopened.expired("checkout_session", 60) == [session["id"]]


def test_a_database_indexed_by_triggers_loses_them_and_keeps_its_rows(tmp_path):
    path = str(tmp_path / "triggers.db")
    Store(path).close()
    old = _intent(metadata={"md_request": "old"})
    with sqlite3.connect(path) as conn:
        # An earlier version's trigger wrote the index rows as the intent was inserted.
        conn.execute(
            "CREATE TRIGGER payment_intent_terms_insert AFTER INSERT ON objects WHEN NEW.kind = 'payment_intent' "
            "BEGIN INSERT INTO search_terms(id, kind, seq, field, value) SELECT NEW.id, NEW.kind, NEW.seq, "
            "'metadata[''' || m.key || ''']', m.value FROM json_each(NEW.data, '$.metadata') AS m; END"
        )
        conn.execute(
            "INSERT INTO objects(id, kind, seq, created, ref, data) VALUES (?, 'payment_intent', ?, 1, NULL, ?)",
            (old["id"], int(old["id"][3:]), json.dumps(old)),
        )
    store = Store(path)
    triggers = store._query("SELECT name FROM sqlite_master WHERE type='trigger'")
    assert [t["name"] for t in triggers] == ["objects_unindex"]
    found, _ = store.search("payment_intent", [(False, "metadata['md_request']", ":", "old")], any_of=False, limit=5)
    assert [i["id"] for i in found] == [old["id"]]
    new = _intent(metadata={"md_request": "new"})
    with store.transaction():
        store.put("payment_intent", new)
        old["status"] = "succeeded"
        store.put("payment_intent", old)  # its old rows go, the new ones come, once each
    assert _terms(store, new["id"])["metadata['md_request']"] == "new"
    assert _terms(store, old["id"])["status"] == "succeeded"
