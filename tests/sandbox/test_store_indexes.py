"""The search and expiry indexes the store keeps for every intent and session: the same values SQLite's
json_extract gives (rows of search_terms, or expression indexes on objects for status, currency and amount),
kept up to date on rewrites, filled for old databases, and compatible with databases whose rows an earlier
version indexed with triggers or with rows for every field."""

from __future__ import annotations

import json
import sqlite3

from merchant_desk.sandbox.ids import new_id
from merchant_desk.sandbox.store import SEARCH_FIELDS, Store
from merchant_desk.sandbox.store.search import EXPRESSION_FIELDS, TERM_FIELDS, _field_text


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


def _indexed(store: Store, object_id: str) -> dict[str, object]:
    """The expression fields of a stored intent as their indexes hold them (non-empty ones only)."""
    values = {}
    for name in EXPRESSION_FIELDS:
        rows = store._query(
            f"SELECT {_field_text(name)} AS v FROM objects INDEXED BY intents_by_{name} "
            f"WHERE kind='payment_intent' AND {_field_text(name)} IS NOT NULL AND id=?", (object_id,)
        )
        if rows and rows[0]["v"] != "":
            values[name] = rows[0]["v"]
    return values


def _json_extract_terms(
    conn: sqlite3.Connection, data: str, fields: tuple[str, ...] = SEARCH_FIELDS, *, metadata: bool = True
) -> dict[str, object]:
    """What the triggers of earlier versions wrote for this JSON (their SELECT, into a TEXT column)."""
    fields_sql = " UNION ALL ".join(
        f"SELECT '{name}' AS field, json_extract(:d, '$.{name}') AS value" for name in fields
    )
    if metadata:
        fields_sql += " UNION ALL SELECT 'metadata[''' || m.key || ''']', m.value FROM json_each(:d, '$.metadata') AS m"
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS t(field TEXT, value TEXT)")
    conn.execute("DELETE FROM t")
    conn.execute(
        f"INSERT INTO t SELECT f.field, f.value FROM ({fields_sql}) AS f WHERE f.value IS NOT NULL AND f.value <> ''",
        {"d": data},
    )
    return dict(conn.execute("SELECT field, value FROM t").fetchall())


def test_index_rows_hold_what_json_extract_gives():
    store = Store()
    odd = _intent(amount=0, customer="cus_1", description="Ein Stück", metadata={"n": 7, "flag": True, "x": 2.5})
    fractional = _intent(amount=12.5, status="succeeded", currency="CNY")
    for intent in (_intent(), odd, fractional):
        store.put("payment_intent", intent)
        conn = sqlite3.connect(":memory:")
        assert _terms(store, intent["id"]) == _json_extract_terms(conn, json.dumps(intent), TERM_FIELDS)
        # The expression indexes hold what a row of its own would (json_extract into a TEXT column).
        assert _indexed(store, intent["id"]) == _json_extract_terms(conn, json.dumps(intent), EXPRESSION_FIELDS, metadata=False)
    assert _terms(store, odd["id"])["metadata['flag']"] == "1" and _indexed(store, odd["id"])["amount"] == "0"
    assert _indexed(store, fractional["id"]) == {"status": "succeeded", "currency": "CNY", "amount": "12.5"}


def test_status_currency_and_amount_searches_walk_their_indexes():
    store = Store()
    intents = [_intent(), _intent(status="succeeded", currency="CNY", amount=900)]
    for intent in intents:
        store.put("payment_intent", intent)
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)  # the SQL as run, with its arguments written in
    for name, value, hit in (("status", "succeeded", 1), ("currency", "HKD", 0), ("amount", "900", 1)):
        statements.clear()
        found, _ = store.search("payment_intent", [(False, name, ":", value), (True, "description", "~", "x")],
                                any_of=False, limit=5)
        assert [i["id"] for i in found] == [intents[hit]["id"]]
        [sql] = [s for s in statements if s.startswith("SELECT o.data")]
        plan = " ".join(row["detail"] for row in store._query("EXPLAIN QUERY PLAN " + sql))
        assert f"USING INDEX intents_by_{name}" in plan, plan


def test_a_rewritten_intent_has_only_its_new_terms():
    store = Store()
    intent = _intent()
    with store.transaction():
        store.put("payment_intent", intent)
    intent.update(status="succeeded", merchant_order_id=None, metadata={"md_request": "k-2"})
    with store.transaction():
        store.put("payment_intent", intent)
    assert _terms(store, intent["id"]) == {"metadata['md_request']": "k-2"}
    assert _indexed(store, intent["id"]) == {"status": "succeeded", "currency": "HKD", "amount": "1500"}
    found, _ = store.search("payment_intent", [(False, "merchant_order_id", ":", "order-1")], any_of=False, limit=10)
    assert found == []
    for status, hits in (("succeeded", 1), ("requires_action", 0)):
        found, _ = store.search("payment_intent", [(False, "status", ":", status)], any_of=False, limit=10)
        assert len(found) == hits
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
    assert _terms(store, old["id"])["merchant_order_id"] == "order-1"
    assert _indexed(store, old["id"])["status"] == "succeeded"


def test_a_database_with_rows_for_every_field_loses_the_expression_fields_rows_once(tmp_path):
    path = str(tmp_path / "v1.db")
    store = Store(path)
    intent = _intent(status="succeeded")
    store.put("payment_intent", intent)
    # As the previous version left it: a row for every set field, and its mark.
    for name in EXPRESSION_FIELDS:
        store._execute(
            "INSERT INTO search_terms(id, kind, seq, field, value) VALUES (?, 'payment_intent', ?, ?, ?)",
            (intent["id"], int(intent["id"][3:]), name, str(intent[name])),
        )
    store.set_meta("indexes", "1")
    store.close()
    reopened = Store(path)
    assert set(_terms(reopened, intent["id"])) == {"merchant_order_id", "metadata['md_request']", "metadata['note']"}
    assert reopened.meta("indexes") == "2"
    found, _ = reopened.search("payment_intent", [(False, "status", ":", "succeeded")], any_of=False, limit=5)
    assert [i["id"] for i in found] == [intent["id"]]
