"""Searching PaymentIntents (§3.9): ``merchant_order_id:'order1234' AND status:'succeeded'`` and the like,
answered from the store's search index."""

from __future__ import annotations

import re
from typing import Any

from .errors import invalid, missing
from .listing import limit_param, text_param
from .state import SandboxState, public

_CLAUSE = re.compile(
    r"""\s*(?P<neg>-?)(?P<field>[a-z_]+(?:\[['"][^'"]+['"]\])?)\s*(?P<op>[:~])\s*"""
    r"""(?:'(?P<sq>[^']*)'|"(?P<dq>[^"]*)"|(?P<bare>[^\s'"]+))\s*"""
)
SEARCH_FIELDS = ("merchant_order_id", "status", "currency", "amount", "description", "customer", "metadata")


def search(state: SandboxState, query: dict[str, Any]) -> dict[str, Any]:
    text = text_param(query, "query")
    if not text:
        raise missing("query")
    clauses, joiner = _parse_query(text)
    limit = limit_param(query)
    page = text_param(query, "page")
    data, has_more = state.store.search(
        "payment_intent", clauses, any_of=joiner is any, limit=limit, before=page
    )
    data = [public(i) for i in data]
    return {
        "object": "search_result",
        "url": "/v1/payment_intents/search",
        "has_more": has_more,
        "data": data,
        # Likely as Stripe: an opaque cursor for `page`; here it is the last id shown.
        "next_page": data[-1]["id"] if has_more else None,
    }


def _parse_query(text: str) -> tuple[list[tuple[bool, str, str, str]], Any]:
    parts = re.split(r"\s+(AND|OR)\s+", text.strip())
    clauses = []
    joiners = set(parts[1::2])
    if len(joiners) > 1:
        raise invalid("query", "A search query cannot mix AND and OR.")
    for piece in parts[0::2]:
        m = _CLAUSE.fullmatch(piece)
        if not m:
            raise invalid("query", f"Could not read the search clause: {piece!r}. Use field:'value'.")
        field = m["field"]
        base = field.split("[")[0]
        if base not in SEARCH_FIELDS or (base == "metadata") != ("[" in field):
            raise invalid("query", f"Field {field} is not searchable; use one of {', '.join(SEARCH_FIELDS)}.")
        value = next(v for v in (m["sq"], m["dq"], m["bare"]) if v is not None)
        if base == "metadata":
            field = f"metadata['{field[10:-2]}']"  # either quote in the query, one spelling in the index
        elif base == "currency":
            value = value.upper()
        clauses.append((bool(m["neg"]), field, m["op"], value))
    return clauses, (any if joiners == {"OR"} else all)
