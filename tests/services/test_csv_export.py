"""The refunds CSV: written, parsed back, and compared field by field to the server's refunds."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from merchant_desk import money
from merchant_desk.ledger import Ledger
from merchant_desk.services.csv_export import (
    REFUND_COLUMNS,
    refund_row,
    save_refunds_csv,
    write_refunds_csv,
)
from merchant_desk.services.refunds import RefundFilter, RefundService
from merchant_desk.wooshpay import Refund
from tests.services.helpers import make_client, paid_intent


def refund(**fields) -> Refund:
    data = {"id": "re_1", "object": "refund", "amount": 1234, "currency": "PHP", "status": "succeeded",
            "reason": "requested_by_customer", "payment_intent": "pi_9", "created": 1_700_000_000_123,
            "metadata": None}
    data.update(fields)
    return Refund.from_dict(data)


def test_row_has_major_and_minor_units_and_an_offset_time():
    row = refund_row(refund())
    assert row["amount"] == "12.34" and row["amount_minor"] == "1234" and row["currency"] == "PHP"
    assert row["created"] == "2023-11-14T22:13:20.123000+00:00"
    assert datetime.fromisoformat(row["created"]).utcoffset() == timedelta(0)


def test_zero_decimal_currency_and_other_time_zone():
    row = refund_row(refund(amount=1500, currency="jpy"), tz=timezone(timedelta(hours=8)))
    assert (row["amount"], row["amount_minor"], row["currency"]) == ("1500", "1500", "JPY")
    assert row["created"].endswith("+08:00")


def test_unknown_currency_keeps_minor_units():
    row = refund_row(refund(currency="XYZ"))
    assert (row["amount"], row["amount_minor"]) == ("", "1234")


def test_a_note_that_looks_like_a_formula_stays_text():
    row = refund_row(refund(metadata={"note": "=HYPERLINK(\"http://x\")"}))
    assert row["note"].startswith("'=")
    assert refund_row(refund(metadata={"note": "box, \"damaged\"\nsecond line"}))["note"] == "box, \"damaged\"\nsecond line"


def test_write_then_read_back():
    stream = io.StringIO(newline="")
    rows = [refund(id="re_1", metadata={"note": "a, \"b\"\nc"}), refund(id="re_2", amount=5)]
    assert write_refunds_csv(stream, rows) == 2
    parsed = list(csv.DictReader(io.StringIO(stream.getvalue(), newline="")))
    assert [tuple(p.keys()) for p in parsed] == [REFUND_COLUMNS] * 2
    assert parsed[0]["note"] == "a, \"b\"\nc"
    assert [p["amount"] for p in parsed] == ["12.34", "0.05"]


@pytest.mark.asyncio
async def test_export_matches_the_server(fresh_sandbox, tmp_path):
    with Ledger(":memory:") as ledger:
        async with make_client(fresh_sandbox) as client:
            service = RefundService(client, ledger, "Sandbox")
            php = await paid_intent(client, 1000, "PHP")
            idr = await paid_intent(client, 50000, "IDR")
            await service.refund(php, 250, "requested_by_customer", note="first")
            await service.refund(idr, None, "duplicate")
            await service.refund(php, None, "fraudulent")

            path = tmp_path / "refunds.csv"
            exported = [r async for r in service.iter_refunds(RefundFilter(), page_size=2)]
            assert save_refunds_csv(path, exported) == 3
            server = [r async for r in client.refunds.list_all()]

    with open(path, newline="", encoding="utf-8-sig") as handle:
        parsed = list(csv.DictReader(handle))
    assert [p["refund_id"] for p in parsed] == [r.id for r in server]  # newest first, nothing missing
    for row, truth in zip(parsed, server, strict=True):
        assert row["payment_intent"] == truth.payment_intent
        assert int(row["amount_minor"]) == truth.amount
        assert row["currency"] == truth.currency.upper()
        assert row["reason"] == truth.reason and row["status"] == truth.status
        assert datetime.fromisoformat(row["created"]) == truth.created
        assert datetime.fromisoformat(row["created"]).tzinfo is not None
        assert Decimal(row["amount"]).scaleb(money.decimals(truth.currency)) == truth.amount
        assert row["note"] == ((truth.metadata or {}).get("note") or "")
