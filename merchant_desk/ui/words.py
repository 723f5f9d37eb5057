"""The one place that turns the API's codes (statuses, reasons, event types) and the services' codes
(refusals, amount errors, kinds of failure) into words for people, in the interface language.

Tables hold the English phrases marked with ``QT_TRANSLATE_NOOP`` so that lupdate collects them under the
"Words" context; they are translated when shown. A code nobody has named yet is shown in a readable form
(``some_new_status`` → "Some new status") rather than not at all. Raw codes belong only in JSON views,
tooltips and exports.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from merchant_desk import money
from merchant_desk.money import AmountError
from merchant_desk.services.outbox import RequestFailed
from merchant_desk.services.outcomes import NeedsDecision, SentNotRecorded
from merchant_desk.services.problems import Problem, classify
from merchant_desk.services.refunds import RefundRefused

_CONTEXT = "Words"

PAYMENT_STATUSES: dict[str, str] = {
    "requires_payment_method": QT_TRANSLATE_NOOP("Words", "Waiting"),
    "requires_confirmation": QT_TRANSLATE_NOOP("Words", "Waiting"),
    "requires_action": QT_TRANSLATE_NOOP("Words", "Waiting"),
    "processing": QT_TRANSLATE_NOOP("Words", "Processing"),
    "requires_capture": QT_TRANSLATE_NOOP("Words", "Authorized"),
    "succeeded": QT_TRANSLATE_NOOP("Words", "Paid"),
    "partially_refunded": QT_TRANSLATE_NOOP("Words", "Partially refunded"),
    "refunded": QT_TRANSLATE_NOOP("Words", "Refunded"),
    "failed": QT_TRANSLATE_NOOP("Words", "Failed"),
    "canceled": QT_TRANSLATE_NOOP("Words", "Canceled"),
}
REFUND_STATUSES: dict[str, str] = {
    "pending": QT_TRANSLATE_NOOP("Words", "Pending"),
    "succeeded": QT_TRANSLATE_NOOP("Words", "Succeeded"),
    "failed": QT_TRANSLATE_NOOP("Words", "Failed"),
    "canceled": QT_TRANSLATE_NOOP("Words", "Canceled"),
    "requires_action": QT_TRANSLATE_NOOP("Words", "Requires action"),
}
REFUND_REASONS: dict[str, str] = {
    "requested_by_customer": QT_TRANSLATE_NOOP("Words", "Requested by customer"),
    "duplicate": QT_TRANSLATE_NOOP("Words", "Duplicate"),
    "fraudulent": QT_TRANSLATE_NOOP("Words", "Fraudulent"),
    "resolved_dispute": QT_TRANSLATE_NOOP("Words", "Resolved dispute"),
    "expired_uncaptured_charge": QT_TRANSLATE_NOOP("Words", "Expired uncaptured charge"),
}
CANCELLATION_REASONS: dict[str, str] = {
    "requested_by_customer": QT_TRANSLATE_NOOP("Words", "Requested by customer"),
    "duplicate": QT_TRANSLATE_NOOP("Words", "Duplicate"),
    "fraudulent": QT_TRANSLATE_NOOP("Words", "Fraudulent"),
    "abandoned": QT_TRANSLATE_NOOP("Words", "Abandoned"),
    "automatic": QT_TRANSLATE_NOOP("Words", "Expired"),
    "failed_invoice": QT_TRANSLATE_NOOP("Words", "Failed invoice"),
    "void_invoice": QT_TRANSLATE_NOOP("Words", "Void invoice"),
}
CHECKOUT_STATUSES: dict[str, str] = {
    "open": QT_TRANSLATE_NOOP("Words", "Waiting for the customer to pay"),
    "complete": QT_TRANSLATE_NOOP("Words", "Complete"),
    "expired": QT_TRANSLATE_NOOP("Words", "Expired"),
}
CHECKOUT_PAYMENT_STATUSES: dict[str, str] = {
    "unpaid": QT_TRANSLATE_NOOP("Words", "Unpaid"),
    "paid": QT_TRANSLATE_NOOP("Words", "Paid"),
    "no_payment_required": QT_TRANSLATE_NOOP("Words", "No payment required"),
}
ENDPOINT_STATUSES: dict[str, str] = {
    "enabled": QT_TRANSLATE_NOOP("Words", "Enabled"),
    "disabled": QT_TRANSLATE_NOOP("Words", "Disabled"),
}
EVENT_TYPES: dict[str, str] = {
    "*": QT_TRANSLATE_NOOP("Words", "All events"),
    "payment_intent.created": QT_TRANSLATE_NOOP("Words", "Payment created"),
    "payment_intent.succeeded": QT_TRANSLATE_NOOP("Words", "Payment succeeded"),
    "payment_intent.payment_failed": QT_TRANSLATE_NOOP("Words", "Payment failed"),
    "payment_intent.canceled": QT_TRANSLATE_NOOP("Words", "Payment canceled"),
    "payment_intent.requires_action": QT_TRANSLATE_NOOP("Words", "Payment waits for the customer"),
    "charge.refund.updated": QT_TRANSLATE_NOOP("Words", "Refund updated"),
    "checkout.session.completed": QT_TRANSLATE_NOOP("Words", "Checkout completed"),
    "checkout.session.expired": QT_TRANSLATE_NOOP("Words", "Checkout expired"),
    "charge.dispute.updated": QT_TRANSLATE_NOOP("Words", "Dispute updated"),
    "setup_intent.created": QT_TRANSLATE_NOOP("Words", "Setup created"),
    "setup_intent.succeeded": QT_TRANSLATE_NOOP("Words", "Setup succeeded"),
}
PROBLEMS: dict[Problem, str] = {
    Problem.OFFLINE: QT_TRANSLATE_NOOP("Words", "No network: WooshPay could not be reached."),
    Problem.TIMEOUT: QT_TRANSLATE_NOOP("Words", "Timed out: the server did not answer in time."),
    Problem.TLS: QT_TRANSLATE_NOOP("Words", "TLS failure: the server's certificate could not be verified."),
    Problem.WRONG_KEY: QT_TRANSLATE_NOOP("Words", "Wrong key: the server refused it."),
    Problem.FORBIDDEN: QT_TRANSLATE_NOOP("Words", "This key is not allowed to do that."),
    Problem.INSECURE: QT_TRANSLATE_NOOP("Words", "A live key needs an https:// base URL."),
    Problem.REFUSED: QT_TRANSLATE_NOOP("Words", "WooshPay refused the request."),
    Problem.NOT_FOUND: QT_TRANSLATE_NOOP("Words", "WooshPay does not know this object."),
    Problem.BUSY: QT_TRANSLATE_NOOP("Words", "WooshPay is busy with this request; try again shortly."),
    Problem.SERVER: QT_TRANSLATE_NOOP("Words", "The server has a problem right now. Try again later."),
    Problem.NOT_API: QT_TRANSLATE_NOOP("Words", "The server does not answer like the WooshPay API."),
    Problem.UNEXPECTED: QT_TRANSLATE_NOOP("Words", "Something unexpected went wrong."),
}


def _translate(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _readable(code: str | None) -> str:
    """A code nobody has named yet, as words: better than nothing, and never empty for a real code."""
    return (code or "").replace("_", " ").replace(".", " · ").strip().capitalize()


def _lookup(table: dict[str, str], code: str | None) -> str:
    phrase = table.get(code or "")
    return _translate(phrase) if phrase else _readable(code)


def payment_status(status: str | None) -> str:
    return _lookup(PAYMENT_STATUSES, status)


def refund_status(status: str | None) -> str:
    return _lookup(REFUND_STATUSES, status)


def refund_reason(reason: str | None) -> str:
    return _lookup(REFUND_REASONS, reason)


def cancellation_reason(reason: str | None) -> str:
    """Known reasons in words; free text a merchant typed is shown as typed."""
    phrase = CANCELLATION_REASONS.get(reason or "")
    return _translate(phrase) if phrase else (reason or "")


def checkout_status(status: str | None) -> str:
    return _lookup(CHECKOUT_STATUSES, status)


def checkout_payment_status(payment_status: str | None) -> str:
    return _lookup(CHECKOUT_PAYMENT_STATUSES, payment_status)


def endpoint_status(status: str | None) -> str:
    return _lookup(ENDPOINT_STATUSES, status)


def event_type(event_type: str | None) -> str:
    return _lookup(EVENT_TYPES, event_type)


def problem(kind: Problem) -> str:
    """One sentence for a kind of failure (offline, TLS, timeout, refused, server fault, wrong key…)."""
    return _translate(PROBLEMS.get(kind, PROBLEMS[Problem.UNEXPECTED]))


def failure(exc: BaseException) -> str:
    """A failed call in words: its kind, plus the server's own message when it refused the request."""
    if isinstance(exc, SentNotRecorded):
        return QCoreApplication.translate(
            "Words", "WooshPay made it, but this app could not write it to its ledger yet; it will be recorded "
            "automatically. Do not repeat it.")
    if isinstance(exc, NeedsDecision):
        return QCoreApplication.translate(
            "Words", "This request is more than a day old and its outcome is unknown, so it was not sent again. "
            "Decide what to do on the Refunds page.")
    if isinstance(exc, RequestFailed):
        exc = exc.error
    kind = classify(exc)
    if kind in (Problem.REFUSED, Problem.NOT_FOUND) and str(exc):
        return QCoreApplication.translate("Words", "WooshPay refused the request: %1").replace("%1", str(exc))
    return problem(kind)


def amount_text(amount_minor: int | None, currency: str | None) -> str:
    if amount_minor is None:
        return ""
    try:
        return money.format_minor(int(amount_minor), currency or "")
    except ValueError:
        return f"{amount_minor} {currency or ''}".strip()


def amount_error(exc: ValueError) -> str:
    """Why a typed amount cannot be read, next to the field."""
    code = getattr(exc, "code", "") if isinstance(exc, AmountError) else ""
    translate = QCoreApplication.translate
    if code == "empty":
        return translate("Words", "Enter an amount.")
    if code == "negative":
        return translate("Words", "The amount cannot be negative.")
    if code == "too_long":
        return translate("Words", "That amount is too long to be a real amount.")
    if code == "bad_grouping":
        return translate("Words", "Use “,” only between groups of three digits and “.” for decimals, e.g. 1,234.50.")
    if code == "too_many_decimals" and isinstance(exc, AmountError):
        if exc.allowed == 0:
            return translate("Words", "%1 amounts have no decimals.").replace("%1", exc.currency)
        return translate("Words", "%1 amounts have at most %2 decimals.").replace("%1", exc.currency).replace(
            "%2", str(exc.allowed))
    if code == "too_large" and isinstance(exc, AmountError):
        return translate("Words", "The amount is too large: at most %1 %2.").replace(
            "%1", f"{exc.limit:,}").replace("%2", exc.currency)
    if code == "unknown_currency" and isinstance(exc, AmountError):
        return translate("Words", "Unknown currency “%1”.").replace("%1", exc.currency)
    return translate("Words", "This is not a number. Type digits, e.g. 12.50.")


def refund_refusal(refused: RefundRefused) -> str:
    """Why a refund cannot be made (decided by the refund service before anything was sent)."""
    translate = QCoreApplication.translate
    code = refused.code
    if code == "not_succeeded":
        return translate("Words", "Only succeeded payments can be refunded; this one is “%1”.").replace(
            "%1", payment_status(refused.status))
    if code == "needs_decision":
        return translate("Words", "An earlier refund of this payment needs your decision first (Refunds → Decide…).")
    if code == "wallet_rule":
        wallet = getattr(getattr(refused, "rule", None), "wallet", "")
        return translate("Words", "%1 allows one refund per payment, and this payment has already been refunded.") \
            .replace("%1", wallet)
    if code == "earlier_unresolved":
        return translate("Words", "An earlier refund of this payment is still unresolved. Retry it first.")
    if code == "fully_refunded":
        return translate("Words", "This payment has been refunded in full.")
    if code == "not_positive" or code == "not_whole":
        return translate("Words", "The refund amount must be more than zero.")
    if code == "over_remainder":
        return translate("Words", "At most %1 is left to refund.").replace(
            "%1", amount_text(refused.remainder_minor, refused.currency))
    if code == "bad_reason":
        return translate("Words", "Choose a reason for the refund.")
    if code == "in_progress":
        return translate("Words", "A refund of this payment is in progress at %1.").replace(
            "%1", getattr(refused, "till", "") or translate("Words", "another till"))
    if code == "note_too_long":
        return translate("Words", "The note is longer than %1 characters.").replace("%1", str(refused.limit))
    return translate("Words", "This refund cannot be made.")


EVENT_TYPES.update({
    "payment_intent.processing": QT_TRANSLATE_NOOP("Words", "Payment processing"),
    "payment_intent.amount_capturable_updated": QT_TRANSLATE_NOOP("Words", "Payment authorized"),
    "charge.succeeded": QT_TRANSLATE_NOOP("Words", "Charge succeeded"),
    "charge.refunded": QT_TRANSLATE_NOOP("Words", "Charge refunded"),
    "charge.captured": QT_TRANSLATE_NOOP("Words", "Charge captured"),
    "charge.dispute.created": QT_TRANSLATE_NOOP("Words", "Dispute opened"),
    "charge.dispute.closed": QT_TRANSLATE_NOOP("Words", "Dispute closed"),
    "setup_intent.setup_failed": QT_TRANSLATE_NOOP("Words", "Setup failed"),
})

# What the audit log says this app did (services.outbox.audit_action and the services' own audit rows).
AUDIT_ACTIONS: dict[str, str] = {
    "payment_intent.created": QT_TRANSLATE_NOOP("Words", "Payment created"),
    "payment_intent.canceled": QT_TRANSLATE_NOOP("Words", "Payment canceled"),
    "refund.created": QT_TRANSLATE_NOOP("Words", "Refund sent"),
    "checkout_session.created": QT_TRANSLATE_NOOP("Words", "Checkout session created"),
    "checkout_session.expired": QT_TRANSLATE_NOOP("Words", "Checkout session closed"),
    "webhook_endpoint.created": QT_TRANSLATE_NOOP("Words", "Webhook endpoint created"),
    "webhook_endpoint.deleted": QT_TRANSLATE_NOOP("Words", "Webhook endpoint deleted"),
}

# The built-in sandbox account's name, as the ledger records it; a merchant's profile name is shown as typed.
SANDBOX_ACCOUNT = "Sandbox"


def audit_action(action: str | None) -> str:
    return _lookup(AUDIT_ACTIONS, action)


def account_name(name: str | None) -> str:
    if name == SANDBOX_ACCOUNT:
        return QCoreApplication.translate("Words", "Sandbox")
    return name or ""


def object_status(obj: dict) -> str:
    """The status of an API object (as the server sent it) in words, by the kind of object it is."""
    status = obj.get("status")
    kind = str(obj.get("object") or "")
    if not isinstance(status, str) or not status:
        return ""
    if kind == "refund":
        return refund_status(status)
    if kind.startswith("checkout"):
        return checkout_status(status)
    if kind == "webhook_endpoint":
        return endpoint_status(status)
    return payment_status(status)


def audit_details(details: object) -> str:
    """One line for the audit log's details: the money and the outcome in words (the JSON is the tooltip)."""
    if not isinstance(details, dict):
        return "" if details is None else str(details)
    response = details.get("response")
    if isinstance(response, dict):
        parts = []
        amount = response.get("amount", response.get("amount_total"))
        currency = response.get("currency")
        if isinstance(amount, int) and isinstance(currency, str):
            parts.append(amount_text(amount, currency))
        status = object_status(response)
        if status:
            parts.append(status)
        return " · ".join(parts)
    return ", ".join(f"{k}={v}" for k, v in sorted(details.items()) if v not in (None, "", {}, []))


# Why a payment attempt failed (``last_payment_error.code``); the server's own message stays in the JSON tab.
DECLINE_CODES: dict[str, str] = {
    "payment_method_customer_decline": QT_TRANSLATE_NOOP("Words", "The customer declined the payment."),
    "card_declined": QT_TRANSLATE_NOOP("Words", "The payment was declined."),
    "insufficient_funds": QT_TRANSLATE_NOOP("Words", "The customer's balance was not enough."),
    "expired_card": QT_TRANSLATE_NOOP("Words", "The payment method has expired."),
    "authentication_required": QT_TRANSLATE_NOOP("Words", "The customer did not confirm the payment."),
    "processing_error": QT_TRANSLATE_NOOP("Words", "The wallet could not process the payment."),
}


def payment_failure(error: object) -> str:
    """A failed attempt (the intent's ``last_payment_error``) in words, naming the wallet when known."""
    if not error:
        return ""
    code = error.get("decline_code") or error.get("code") if isinstance(error, dict) else None
    phrase = DECLINE_CODES.get(str(code or ""))
    text = _translate(phrase) if phrase else QCoreApplication.translate("Words", "The wallet declined the payment.")
    wallet = error.get("wallet") if isinstance(error, dict) else None
    if isinstance(wallet, str) and wallet:
        text += " " + QCoreApplication.translate("Words", "Wallet: %1").replace("%1", wallet)
    return text


def payment_state(status: str | None, refunded_minor: int = 0, received_minor: int | None = None) -> str:
    """A payment's status as a person sees it: a paid payment some of which went back is "partially_refunded",
    all of it "refunded" (the API keeps saying "succeeded"). Give the code to ``payment_status``."""
    if status == "succeeded" and refunded_minor > 0:
        return "refunded" if received_minor is not None and refunded_minor >= received_minor else "partially_refunded"
    return status or ""
