"""A payment asked for by another program: ``merchant-desk charge 12.50 CNY --order ORD-1`` or the URL
``merchant-desk:charge?amount=12.50&currency=CNY&order=ORD-1``.

Parsing and validation only (no Qt): a request that gets past ``parse_charge_args`` has a valid amount in a
known currency and an order ID, so nothing invalid ever reaches the running app. The app validates the
handed-over message again (``ChargeRequest.from_message``): it does not trust what arrives on its socket.
"""

from __future__ import annotations

import argparse
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NoReturn
from urllib.parse import parse_qs, urlsplit

from merchant_desk import money

URL_SCHEME = "merchant-desk"
COMMAND = "charge"
TEXT_MAX = 255  # the payment form's limit for the order ID and the description
# The outcomes ``--wait`` prints, and their exit status.
# The app's own options that take a separate value (see merchant_desk.app.build_parser).
APP_OPTIONS_WITH_VALUE = ("--profile", "--lang", "--ledger")
OUTCOMES = {"succeeded": 0, "failed": 1, "canceled": 1}


class ChargeRequestError(ValueError):
    """A bad or incomplete request; ``str()`` is the one line to show."""


@dataclass(frozen=True)
class ChargeRequest:
    amount_minor: int
    currency: str
    order_id: str
    description: str | None = None
    wait: bool = False

    @property
    def amount_text(self) -> str:
        """The amount as the payment form takes it ("12.50")."""
        return money.major_text(self.amount_minor, self.currency)

    def to_message(self) -> dict[str, Any]:
        return {
            "amount_minor": self.amount_minor,
            "currency": self.currency,
            "order_id": self.order_id,
            "description": self.description,
            "wait": self.wait,
        }

    @classmethod
    def from_message(cls, data: Any) -> ChargeRequest:
        if not isinstance(data, dict):
            raise ChargeRequestError("the charge request is not an object")
        amount = data.get("amount_minor")
        if not isinstance(amount, int) or isinstance(amount, bool):
            raise ChargeRequestError("the amount is missing")
        currency = _currency(data.get("currency"))
        # Through the text form again, so the same limits hold as for the command line.
        return build_request(
            money.major_text(amount, currency) if amount > 0 else str(amount),
            currency,
            data.get("order_id"),
            data.get("description"),
            wait=bool(data.get("wait")),
        )


def _currency(code: Any) -> str:
    if not isinstance(code, str) or not code.strip():
        raise ChargeRequestError("the currency is missing (a code such as CNY)")
    try:
        return money.get_currency(code.strip()).code
    except ValueError:
        raise ChargeRequestError(f"unknown currency {code.strip()!r} (a code such as CNY)") from None


def _text(value: Any, what: str, *, required: bool) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ChargeRequestError(f"the {what} is missing")
        return None
    if not isinstance(value, str):
        raise ChargeRequestError(f"the {what} must be text")
    text = value.strip()
    if len(text) > TEXT_MAX:
        raise ChargeRequestError(f"the {what} is longer than {TEXT_MAX} characters")
    if any(unicodedata.category(ch).startswith("C") for ch in text):
        raise ChargeRequestError(f"the {what} contains control characters")
    return text


def build_request(
    amount: Any, currency: Any, order_id: Any, description: Any = None, *, wait: bool = False
) -> ChargeRequest:
    """Validate the parts of a request (amount as text, e.g. "12.50") into a ``ChargeRequest``."""
    if amount is None or (isinstance(amount, str) and not amount.strip()):
        raise ChargeRequestError("the amount is missing")
    code = _currency(currency)
    try:
        minor = money.to_minor(amount if isinstance(amount, (str, Decimal)) else str(amount), code)
    except (ValueError, TypeError) as exc:
        raise ChargeRequestError(f"bad amount {str(amount).strip()!r}: {exc}") from None
    if minor <= 0:
        raise ChargeRequestError("the amount must be more than zero")
    order = _text(order_id, "order ID (--order)", required=True)
    assert order is not None
    return ChargeRequest(
        amount_minor=minor,
        currency=code,
        order_id=order,
        description=_text(description, "description", required=False),
        wait=wait,
    )


def is_charge_url(token: str) -> bool:
    return token.lower().startswith(URL_SCHEME + ":")


def parse_charge_url(url: str, *, wait: bool = False) -> ChargeRequest:
    """``merchant-desk:charge?amount=12.50&currency=CNY&order=ORD-1[&description=…]`` (also
    ``merchant-desk://charge?…``, as some browsers write it)."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != URL_SCHEME:
        raise ChargeRequestError(f"not a {URL_SCHEME}: address")
    action = (parts.netloc or parts.path).strip("/").lower()
    if action != COMMAND:
        raise ChargeRequestError(f"unknown action {action!r} in the address (only {COMMAND!r} is known)")
    try:
        query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=bool(parts.query), max_num_fields=20)
    except ValueError:
        raise ChargeRequestError("the address's query cannot be read") from None
    known = {"amount", "currency", "order", "description"}
    unknown = sorted(set(query) - known)
    if unknown:
        raise ChargeRequestError(f"unknown field {unknown[0]!r} in the address")
    for name, values in query.items():
        if len(values) > 1:
            raise ChargeRequestError(f"{name!r} is given more than once in the address")

    def field(name: str) -> str | None:
        return query.get(name, [None])[0]

    return build_request(field("amount"), field("currency"), field("order"), field("description"), wait=wait)


class _Parser(argparse.ArgumentParser):
    # argparse prints the usage and exits; a calling program wants one line and a status instead.
    def error(self, message: str) -> NoReturn:
        raise ChargeRequestError(message)


def charge_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="merchant-desk charge",
        description="Ask the running Merchant Desk (started if needed) for a payment: the payment page opens "
        "prefilled and the payment is created once you confirm it there.",
    )
    parser.add_argument("amount", help="amount in major units, e.g. 12.50")
    parser.add_argument("currency", help="currency code, e.g. CNY")
    parser.add_argument("--order", required=True, metavar="ID", help="your order ID (merchant_order_id)")
    parser.add_argument("--description", metavar="TEXT", help="what is being paid for")
    parser.add_argument(
        "--wait", action="store_true",
        help="wait for the outcome and print it as one JSON line; exit 0 when paid, 1 when failed or canceled",
    )
    return parser


def parse_charge_args(tokens: list[str]) -> ChargeRequest:
    """``tokens``: what follows the app's own options: ``["charge", AMOUNT, CURRENCY, "--order", ID, …]`` or
    ``["merchant-desk:charge?…", ("--wait")]``. Raises ``ChargeRequestError`` with one line to show."""
    if not tokens:
        raise ChargeRequestError("no charge request given")
    first, rest = tokens[0], tokens[1:]
    if is_charge_url(first):
        extra = [t for t in rest if t != "--wait"]
        if extra:
            raise ChargeRequestError(f"unexpected {extra[0]!r} after the address (only --wait may follow)")
        return parse_charge_url(first, wait="--wait" in rest)
    if first != COMMAND:
        raise ChargeRequestError(f"unknown command {first!r}")
    if any(t in ("-h", "--help") for t in rest):
        charge_parser().print_help()
        raise SystemExit(0)
    args = charge_parser().parse_args(rest)
    return build_request(args.amount, args.currency, args.order, args.description, wait=args.wait)


def split_command_line(argv: list[str]) -> tuple[list[str], list[str]]:
    """(the app's own options, the charge tokens): the charge part starts at the first ``charge`` or
    ``merchant-desk:`` address; it is empty for a plain launch."""
    skip = False
    for index, token in enumerate(argv):
        if skip:  # the value of an option of the app (a profile may well be called "charge")
            skip = False
            continue
        if token in APP_OPTIONS_WITH_VALUE:
            skip = True
        elif token == COMMAND or is_charge_url(token):
            return argv[:index], argv[index:]
    return list(argv), []


def outcome_exit_status(outcome: dict[str, Any]) -> int:
    return OUTCOMES.get(str(outcome.get("status")), 1)
