"""CSV files of refunds and of the audit log: pure functions over models, no Qt, no network.

Amounts are written twice, in major units for people ("12.34") and in minor units for machines (1234),
so a spreadsheet and a reconciliation script read the same file. Times are ISO 8601 with their offset.
The audit log has its own export in ``Ledger.export_audit_csv``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import datetime, timezone, tzinfo
from pathlib import Path
from typing import Any, TextIO

from merchant_desk import money
from merchant_desk.spreadsheet import inert

REFUND_COLUMNS: tuple[str, ...] = (
    "created",
    "refund_id",
    "payment_intent",
    "amount",
    "amount_minor",
    "currency",
    "reason",
    "status",
    "note",
)


def iso_time(value: datetime | None, tz: tzinfo | None = timezone.utc) -> str:
    """ISO 8601 with an explicit offset; naive datetimes are taken as UTC (how the models store them)."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(tz).isoformat()


def major_amount(amount_minor: int | None, currency: str | None) -> str:
    """The amount in major units with the currency's decimals; empty when it cannot be known."""
    if amount_minor is None or not currency:
        return ""
    try:
        return money.major_text(int(amount_minor), currency)
    except ValueError:  # a currency our table does not know: minor units are still written
        return ""


def refund_note(refund: Any) -> str:
    metadata = getattr(refund, "metadata", None)
    if isinstance(metadata, dict):
        note = metadata.get("note")
        return "" if note is None else inert(str(note))
    return ""


def refund_row(refund: Any, tz: tzinfo | None = timezone.utc) -> dict[str, str]:
    currency = (refund.currency or "").upper()
    return {
        "created": iso_time(refund.created, tz),
        "refund_id": refund.id or "",
        "payment_intent": refund.payment_intent or "",
        "amount": major_amount(refund.amount, currency),
        "amount_minor": "" if refund.amount is None else str(int(refund.amount)),
        "currency": currency,
        "reason": refund.reason or "",
        "status": refund.status or "",
        "note": refund_note(refund),
    }


def write_refunds_csv(stream: TextIO, refunds: Iterable[Any], tz: tzinfo | None = timezone.utc) -> int:
    """Write a header and one row per refund to ``stream`` (opened with newline=""); returns the row count."""
    writer = csv.DictWriter(stream, fieldnames=REFUND_COLUMNS)
    writer.writeheader()
    count = 0
    for refund in refunds:
        writer.writerow(refund_row(refund, tz))
        count += 1
    return count


def save_refunds_csv(path: str | Path, refunds: Iterable[Any], tz: tzinfo | None = timezone.utc) -> int:
    # utf-8-sig so that spreadsheet programs read notes in any script correctly
    with open(path, "w", newline="", encoding="utf-8-sig") as stream:
        return write_refunds_csv(stream, refunds, tz)
