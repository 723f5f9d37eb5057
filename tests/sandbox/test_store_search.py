"""PaymentIntent search in the store against a plain-Python reading of its rules, over random intents and
random queries: every field, both operators, negation, empty values, AND and OR, and paging with ``before``."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from merchant_desk.sandbox.ids import new_id
from merchant_desk.sandbox.store import Store

TEXTS = ["", "Order-1", "order-1", "ORDER-12", "Tee größe M", "x"]
FIELD_VALUES: dict[str, list[Any]] = {
    "merchant_order_id": [None, *TEXTS],
    "description": [None, *TEXTS],
    "customer": [None, "", "cus_1", "CUS_1"],
    "status": [None, "", "requires_action", "succeeded", "canceled"],
    "currency": [None, "", "HKD", "CNY", "hkd"],
    "amount": [None, 0, 1, 10, 100, 1500],
}
METADATA_VALUES: list[Any] = ["", "k-1", "K-1", "ünïcode ✓", 7, True, False, 2.5]
METADATA_KEYS = ["md_request", "note", "flag"]
QUERY_VALUES = ["", "1", "10", "1500", "order-1", "Order", "größe", "GRÖSSE", "succeeded", "ceed", "HKD", "hk",
                "cus_1", "k-1", "7", "2.5", "True"]
FIELDS = [*FIELD_VALUES, *(f"metadata['{key}']" for key in METADATA_KEYS)]

intents = st.lists(
    st.fixed_dictionaries(
        {name: st.sampled_from(values) for name, values in FIELD_VALUES.items()}
        | {"metadata": st.dictionaries(st.sampled_from(METADATA_KEYS), st.sampled_from(METADATA_VALUES), max_size=3)}
    ),
    min_size=1, max_size=25,
)
clauses = st.lists(
    st.tuples(st.booleans(), st.sampled_from(FIELDS), st.sampled_from([":", "~"]), st.sampled_from(QUERY_VALUES)),
    min_size=1, max_size=3,
)


def _text(value: Any) -> str:
    """A field as search reads it: what json_extract gives, as text; a missing or empty field is ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _field(intent: dict[str, Any], field: str) -> str:
    if field.startswith("metadata['"):
        return _text(intent["metadata"].get(field[10:-2]))
    return _text(intent[field])


def _matches(intent: dict[str, Any], clause: tuple[bool, str, str, str]) -> bool:
    negate, field, op, value = clause
    text = _field(intent, field)
    if op == "~":
        hit = value.casefold() in text.casefold()
    else:
        hit = text == value
    return hit != negate


@settings(max_examples=150, deadline=None)
@given(intents, clauses, st.booleans(), st.integers(min_value=1, max_value=30), st.integers(min_value=0, max_value=25))
def test_search_finds_exactly_what_the_rules_say(made, query, any_of, limit, cut):
    store = Store()
    stored = []
    for fields in made:
        intent = {"id": new_id("pi"), "object": "payment_intent", "created": 1, **fields}
        # Unset fields are left out of the JSON, except customer, kept as null: both must read as ''.
        store.put("payment_intent", {k: v for k, v in intent.items() if v is not None or k == "customer"})
        stored.append(intent)
    newest_first = stored[::-1]
    combine = any if any_of else all
    expected = [i["id"] for i in newest_first if combine(_matches(i, c) for c in query)]
    found, has_more = store.search("payment_intent", query, any_of=any_of, limit=limit)
    assert [i["id"] for i in found] == expected[:limit]
    assert has_more == (len(expected) > limit)
    before = newest_first[min(cut, len(newest_first) - 1)]["id"]
    older = [i for i in expected if int(i[3:]) < int(before[3:])]
    found, _ = store.search("payment_intent", query, any_of=any_of, limit=limit, before=before)
    assert [i["id"] for i in found] == older[:limit]
