"""Currencies, minor units, and turning what a cashier types into integers (Decimal, never float).

The API speaks integer minor units; people speak major units ("12.34"). Each currency's number of
decimals lives in ONE table, ``_DECIMALS`` below, so a wrong guess is fixed in one place.

Inputs to :func:`to_minor`:

* ``str``: what a person typed. Surrounding whitespace is ignored; "," is accepted only as a thousands
  separator between groups of three digits ("1,234.50"); "." is the decimal point. Digits after the point
  beyond the currency's decimals are refused even when they are zeros, because "1.000" typed for IDR is
  much more likely to mean one thousand than one.
* ``Decimal``: a number computed by code; judged by value, so ``Decimal("12.340")`` is fine for USD.
* ``int``: whole major units (``12`` → 12.00).
* ``float`` is refused with ``TypeError``: a float cannot hold 0.10 exactly, and a silent conversion would
  hide the bug that produced it.
"""

from __future__ import annotations

import copy
import logging
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.numbers import get_currency_precision, get_currency_symbol

from merchant_desk import display_locale as _display

log = logging.getLogger(__name__)

# Alipay+ presentment currencies (docs/wooshpay-api.md §0): the currency decides which wallets a customer sees.
ALIPAYPLUS_CURRENCIES = ("CNY", "HKD", "GBP", "IDR", "MYR", "PHP", "THB")

# Amounts above this many major units are refused as typing mistakes. With at most 3 decimals the
# minor amount stays below 2**53, so it survives any JSON parser on the way.
MAX_MAJOR = 10**12

# The currency table: code -> number of decimals (minor units per major unit = 10**decimals).
# ``None`` means "ISO 4217 as babel knows it"; an integer is an override decided here, with its reason.
_DECIMALS: dict[str, int | None] = {
    # Alipay+ presentment currencies
    "CNY": None,
    "HKD": None,
    "GBP": None,
    # IDR is ambiguous (docs/wooshpay-api.md §12): WooshPay documents no zero-decimal currencies and its IDR
    # examples (amount 100 against "minimum 100 IDR") fit either reading. Stripe uses 2; babel (CLDR)
    # says 0. We keep babel's 0, written out so that the choice is visible and does not drift with babel
    # upgrades. Confirm with WooshPay before going live; change it here and nowhere else.
    "IDR": 0,
    "MYR": None,
    "PHP": None,
    "THB": None,
    # Others merchants ask for
    "AUD": None,
    "CAD": None,
    "CHF": None,
    "EUR": None,
    "JPY": None,  # 0 decimals (ISO 4217); likely as Stripe, which treats JPY as zero-decimal too
    "KRW": None,  # 0 decimals, as JPY
    "NZD": None,
    "SGD": None,
    "TWD": None,
    "USD": None,
}


@dataclass(frozen=True)
class Currency:
    code: str
    decimals: int
    alipayplus: bool

    @property
    def max_minor(self) -> int:
        return int(MAX_MAJOR * 10**self.decimals)


def _build_table() -> dict[str, Currency]:
    table = {}
    for code, override in _DECIMALS.items():
        places = get_currency_precision(code) if override is None else override
        table[code] = Currency(code, places, code in ALIPAYPLUS_CURRENCIES)
    return table


CURRENCIES: dict[str, Currency] = _build_table()


def currency_codes() -> list[str]:
    """Alipay+ presentment currencies first (in their usual order), then the rest alphabetically."""
    rest = sorted(code for code in CURRENCIES if code not in ALIPAYPLUS_CURRENCIES)
    return [*ALIPAYPLUS_CURRENCIES, *rest]


def get_currency(code: str | Currency) -> Currency:
    """The table entry for ``code`` (any case, surrounding spaces ignored); ``ValueError`` if unknown."""
    if isinstance(code, Currency):
        return code
    if not isinstance(code, str):
        raise TypeError(f"A currency is a three-letter code such as USD, not {type(code).__name__}.")
    key = code.strip().upper()
    try:
        return CURRENCIES[key]
    except KeyError:
        raise AmountError("unknown_currency",
                          f"Unknown currency “{code.strip()}”. Choose one of: {', '.join(currency_codes())}.",
                          currency=code.strip()) from None


def decimals(code: str | Currency) -> int:
    return get_currency(code).decimals


def _locale(locale: str | Locale) -> Locale:
    """A babel Locale; an unknown or odd system locale ("C", "POSIX") falls back to en_US rather than
    breaking a label that only wants to show an amount."""
    if isinstance(locale, Locale):
        return locale
    return _parse_locale(str(locale))


@lru_cache(maxsize=32)
def _parse_locale(name: str) -> Locale:
    cleaned = name.split(".")[0].split("@")[0].replace("-", "_")
    if cleaned in ("", "C", "POSIX"):  # babel maps these to en_US_POSIX, whose money format is bare
        cleaned = "en_US"
    try:
        return Locale.parse(cleaned)
    except (UnknownLocaleError, ValueError, TypeError):
        log.debug("unknown locale %r, formatting money as en_US", name)
        return Locale.parse("en_US")


# The locale amounts are shown in when a caller names none (``merchant_desk.display_locale``): the app
# sets it to its interface language.
def set_display_locale(name: str) -> None:
    _display.set_name(str(_parse_locale(name)))


def display_locale() -> str:
    return str(_parse_locale(_display.name()))


def symbol(code: str | Currency, locale: str | Locale | None = None) -> str:
    """The currency's symbol in ``locale`` ("$", "US$", "¥", "CN¥"); babel falls back to the code."""
    return get_currency_symbol(get_currency(code).code, _locale(locale or _display.name()))


_NEGATIVE_SIGNS = ("-", "\u2212", "\u2013")  # hyphen-minus, minus sign, en dash (autocorrected minus)
_PLAIN = re.compile(r"(?P<int>[0-9]*)(?:\.(?P<frac>[0-9]*))?")
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")


class AmountError(ValueError):
    """An amount that cannot be read. ``code`` says why, for the interface to put in words:
    ``empty``, ``negative``, ``too_long``, ``bad_grouping``, ``not_a_number``, ``too_many_decimals``
    (``allowed`` = the currency's decimals, ``places`` = how many were typed), ``too_large``
    (``limit`` in major units). ``currency`` is the code. The text is English, for logs and tests."""

    def __init__(self, code: str, text: str, *, currency: str = "", allowed: int = 0, places: int = 0,
                 limit: int = 0) -> None:
        super().__init__(text)
        self.code = code
        self.currency = currency
        self.allowed = allowed
        self.places = places
        self.limit = limit


def to_minor(value: str | Decimal | int, currency: str | Currency) -> int:
    """Major units (text, Decimal or int) → integer minor units of ``currency``.

    Unreadable amounts raise ``AmountError`` (a ``ValueError`` with a ``code``).
    """
    cur = get_currency(currency)
    if isinstance(value, (bool, float)):
        raise TypeError(
            f"Amounts must be text, Decimal or int, not {type(value).__name__}: "
            "floating point cannot hold amounts like 0.10 exactly."
        )
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, Decimal):
        amount = value
    elif isinstance(value, str):
        amount = _parse_text(value, cur)
    else:
        raise TypeError(f"Amounts must be text, Decimal or int, not {type(value).__name__}.")
    return _checked_minor(amount, cur)


def _parse_text(text: str, cur: Currency) -> Decimal:
    # NFKC turns full-width digits and punctuation from CJK input methods ("１２．５") into ASCII.
    stripped = unicodedata.normalize("NFKC", text).strip()
    if not stripped:
        raise AmountError("empty", "Enter an amount.", currency=cur.code)
    if stripped.startswith(_NEGATIVE_SIGNS):
        raise AmountError("negative", "The amount cannot be negative.", currency=cur.code)
    if len(stripped) > 40:
        raise AmountError("too_long", "That amount is too long to be a real amount.", currency=cur.code)
    whole, point, fraction = stripped.partition(".")
    if "," in whole:
        if not _GROUPED.fullmatch(whole):
            raise AmountError(
                "bad_grouping",
                f"“{stripped}” is not a valid amount: use “,” only between groups of three digits "
                "and “.” for decimals, e.g. 1,234.50.",
                currency=cur.code,
            )
        whole = whole.replace(",", "")
    match = _PLAIN.fullmatch(whole + point + fraction)
    if match is None or not (match["int"] or match["frac"]):
        raise AmountError("not_a_number", f"“{stripped}” is not a number. Type digits, e.g. 12.50.", currency=cur.code)
    places = len(match["frac"] or "")
    if places > cur.decimals:
        raise AmountError("too_many_decimals", _too_many_decimals(stripped, cur, places), currency=cur.code,
                          allowed=cur.decimals, places=places)
    return Decimal((match["int"] or "0") + "." + (match["frac"] or "0"))


def _too_many_decimals(shown: str, cur: Currency, places: int) -> str:
    if cur.decimals == 0:
        return f"{cur.code} amounts have no decimals: “{shown}” has {places}."
    allowed = "1 decimal" if cur.decimals == 1 else f"{cur.decimals} decimals"
    return f"{cur.code} amounts have at most {allowed}: “{shown}” has {places}."


def _checked_minor(amount: Decimal, cur: Currency) -> int:
    if not amount.is_finite():
        raise AmountError("not_a_number", "The amount is not a number.", currency=cur.code)
    if amount.is_signed() and not amount.is_zero():
        raise AmountError("negative", "The amount cannot be negative.", currency=cur.code)
    # Compare before any arithmetic so that an absurd exponent (Decimal("1E+999999")) costs nothing.
    if amount > MAX_MAJOR:
        raise AmountError("too_large", f"The amount is too large: at most {MAX_MAJOR:,} {cur.code}.",
                          currency=cur.code, limit=MAX_MAJOR)
    # Work on the digits themselves: Decimal arithmetic rounds to 28 digits and could hide a stray
    # decimal far to the right.
    _, digits, exponent = amount.as_tuple()
    assert isinstance(exponent, int)  # finite
    significant = len(digits)
    while significant > 1 and digits[significant - 1] == 0:
        significant -= 1
        exponent += 1
    if not any(digits):
        return 0
    if exponent < -cur.decimals:
        return _raise_too_many(cur, -exponent)
    coefficient = int("".join(map(str, digits[:significant])))
    return int(coefficient * 10 ** (exponent + cur.decimals))


def _raise_too_many(cur: Currency, places: int) -> int:
    if cur.decimals == 0:
        text = f"{cur.code} amounts have no decimals: this one has {places}."
    else:
        allowed = "1 decimal" if cur.decimals == 1 else f"{cur.decimals} decimals"
        text = f"{cur.code} amounts have at most {allowed}: this one has {places}."
    raise AmountError("too_many_decimals", text, currency=cur.code, allowed=cur.decimals, places=places)


def from_minor(amount: int, currency: str | Currency) -> Decimal:
    """Integer minor units → Decimal major units with exactly the currency's decimals (1200 USD → 12.00)."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"Minor-unit amounts are integers, not {type(amount).__name__}.")
    cur = get_currency(currency)
    return Decimal(amount).scaleb(-cur.decimals)


def major_text(amount: int, currency: str | Currency) -> str:
    """Plain major-unit text for prefilling an input: "12.34", "1200" (JPY), never grouped or localised."""
    return format(from_minor(amount, currency), "f")


def format_minor(amount: int, currency: str | Currency, locale: str | Locale | None = None) -> str:
    """Minor units shown for people, with symbol and grouping: 123450 USD → "$1,234.50" (en_US).

    Without ``locale``, the display locale (``set_display_locale``; en_US until the app sets it).
    """
    cur = get_currency(currency)
    value = from_minor(amount, cur)
    loc = _locale(locale or _display.name())
    return _currency_spacing(
        str(_currency_pattern(loc, cur.decimals).apply(value, loc, currency=cur.code, currency_digits=False))
    )


def load_locale_data() -> None:
    """Read the display locale's currency data now rather than when the first amount is shown: babel reads
    it from disk on first use (10-15 ms), so the app does it on a worker thread at start-up instead of
    during the first paint of a list."""
    for code in ("USD", "JPY"):  # the patterns with two decimals and with none
        format_minor(0, code)


@lru_cache(maxsize=64)
def _currency_pattern(loc: Locale, places: int) -> Any:
    """The locale's currency pattern with our number of decimals (babel would use its own precision for
    the currency; ours, the table above, must win). Kept: looking it up costs more than applying it, and
    a list repaints many amounts."""
    pattern = copy.copy(loc.currency_formats["standard"])
    pattern.frac_prec = (places, places)
    return pattern


# CLDR's currency spacing, which babel does not apply: a symbol made of letters ("IDR", "RM") is kept apart
# from the digits by a no-break space ("IDR 15,000", not "IDR15,000"); "$", "¥" and "£" stay attached.
_LETTER_BEFORE_DIGIT = re.compile(r"(?<=[^\W\d_])(?=[\d])")
_DIGIT_BEFORE_LETTER = re.compile(r"(?<=\d)(?=[^\W\d_])")


def _currency_spacing(text: str) -> str:
    return _DIGIT_BEFORE_LETTER.sub("\u00a0", _LETTER_BEFORE_DIGIT.sub("\u00a0", text))
