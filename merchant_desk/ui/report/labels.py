"""Words for the report's raw values (outcomes, wallets); raw API codes stay in JSON and CSV exports."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from merchant_desk import money

# Marked with QT_TRANSLATE_NOOP for lupdate, translated when shown.
OUTCOMES: dict[str, str] = {
    "succeeded": QT_TRANSLATE_NOOP("ReportLabels", "Paid"),
    "failed": QT_TRANSLATE_NOOP("ReportLabels", "Declined"),
    "canceled": QT_TRANSLATE_NOOP("ReportLabels", "Canceled"),
    "open": QT_TRANSLATE_NOOP("ReportLabels", "Not finished"),
}
REASONS: dict[str, str] = {
    "duplicate": QT_TRANSLATE_NOOP("ReportLabels", "Duplicate"),
    "fraudulent": QT_TRANSLATE_NOOP("ReportLabels", "Fraudulent"),
    "requested_by_customer": QT_TRANSLATE_NOOP("ReportLabels", "Requested by customer"),
    "resolved_dispute": QT_TRANSLATE_NOOP("ReportLabels", "Resolved dispute"),
}


def _label(table: dict[str, str], code: str) -> str:
    phrase = table.get(code)
    return QCoreApplication.translate("ReportLabels", phrase) if phrase else code


def outcome_label(outcome: str) -> str:
    return _label(OUTCOMES, outcome)


def wallet_label(wallet: str) -> str:
    if wallet == "unknown":
        return QCoreApplication.translate("ReportLabels", "No wallet")
    return wallet


def reason_label(reason: str) -> str:
    return _label(REASONS, reason)


def amount_text(amount: int, currency: str) -> str:
    try:
        return money.format_minor(amount, currency)
    except ValueError:  # a currency outside our table still shows, in minor units
        return f"{amount} {currency}"


def rate_text(succeeded: int, attempted: int) -> str:
    if not attempted:
        return "–"
    return f"{100 * succeeded / attempted:.0f} %"
