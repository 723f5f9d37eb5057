"""Writing a day report for accounting tools: JSON (totals in minor units) and CSV (one row per payment)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TextIO

from merchant_desk.money import major_text

from .aggregate import DayReport

CSV_COLUMNS = ("created", "payment_id", "amount", "amount_minor", "currency", "wallet", "merchant_order_id",
               "status", "refunded_minor")


def report_json(report: DayReport) -> str:
    return json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"


def _major(amount: int, currency: str) -> str:
    try:
        return major_text(amount, currency)
    except ValueError:  # a currency our table does not know: minor units stay exact in amount_minor
        return ""


def write_csv(stream: TextIO, report: DayReport) -> int:
    """The payments of the day, oldest first, with the same columns as the on-screen list."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    rows = report.to_json()["payments"]
    for p in rows:
        writer.writerow([p["created"], p["id"], _major(p["amount"], p["currency"]), p["amount"], p["currency"],
                         p["wallet"], p["merchant_order_id"], p["status"], p["refunded"]])
    return len(rows)


def report_csv(report: DayReport) -> str:
    buffer = io.StringIO()
    write_csv(buffer, report)
    return buffer.getvalue()


def save(report: DayReport, path: str | Path, fmt: str) -> None:
    """``fmt`` json or csv (the PDF is drawn by the interface layer)."""
    if fmt == "json":
        text = report_json(report)
    elif fmt == "csv":
        text = report_csv(report)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    Path(path).write_text(text, encoding="utf-8", newline="")
