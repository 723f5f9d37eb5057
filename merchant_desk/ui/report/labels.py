"""Words for the report's raw values (outcomes, wallets); raw API codes stay in JSON and CSV exports."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from merchant_desk import money


def outcome_label(outcome: str) -> str:
    labels = {
        "succeeded": QCoreApplication.translate("ReportLabels", "Paid"),
        "failed": QCoreApplication.translate("ReportLabels", "Declined"),
        "canceled": QCoreApplication.translate("ReportLabels", "Canceled"),
        "open": QCoreApplication.translate("ReportLabels", "Not finished"),
    }
    return labels.get(outcome, outcome)


def wallet_label(wallet: str) -> str:
    if wallet == "unknown":
        return QCoreApplication.translate("ReportLabels", "No wallet")
    return wallet


def reason_label(reason: str) -> str:
    labels = {
        "duplicate": QCoreApplication.translate("ReportLabels", "Duplicate"),
        "fraudulent": QCoreApplication.translate("ReportLabels", "Fraudulent"),
        "requested_by_customer": QCoreApplication.translate("ReportLabels", "Requested by customer"),
        "resolved_dispute": QCoreApplication.translate("ReportLabels", "Resolved dispute"),
        "": "",
    }
    return labels.get(reason, reason)


def amount_text(amount: int, currency: str) -> str:
    try:
        return money.format_minor(amount, currency)
    except ValueError:  # a currency outside our table still shows, in minor units
        return f"{amount} {currency}"


def rate_text(succeeded: int, attempted: int) -> str:
    if not attempted:
        return "–"
    return f"{100 * succeeded / attempted:.0f} %"
