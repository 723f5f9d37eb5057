"""merchant_desk.money: the currency table, parsing what cashiers type, formatting for people."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_decimal, get_currency_precision
from hypothesis import given, settings
from hypothesis import strategies as st

from merchant_desk import money
from merchant_desk.money import (
    ALIPAYPLUS_CURRENCIES,
    CURRENCIES,
    MAX_MAJOR,
    Currency,
    currency_codes,
    decimals,
    format_minor,
    from_minor,
    get_currency,
    major_text,
    symbol,
    to_minor,
)

ALL_CODES = sorted(CURRENCIES)
LOCALES = ["en_US", "zh_CN"]


# --- the table --------------------------------------------------------------------------------------


def test_table_holds_the_alipayplus_currencies_marked_and_the_usual_others():
    assert ALIPAYPLUS_CURRENCIES == ("CNY", "HKD", "GBP", "IDR", "MYR", "PHP", "THB")
    for code in ALIPAYPLUS_CURRENCIES:
        assert CURRENCIES[code].alipayplus is True
    for code in ("USD", "EUR", "JPY", "KRW", "SGD", "AUD"):
        assert CURRENCIES[code].alipayplus is False
    for code, cur in CURRENCIES.items():
        assert cur == Currency(code, cur.decimals, code in ALIPAYPLUS_CURRENCIES)


def test_decimals_follow_iso_4217_except_for_decisions_written_in_the_table():
    expected = {"USD": 2, "EUR": 2, "GBP": 2, "CNY": 2, "HKD": 2, "MYR": 2, "PHP": 2, "THB": 2, "SGD": 2,
                "AUD": 2, "JPY": 0, "KRW": 0, "IDR": 0}
    for code, places in expected.items():
        assert decimals(code) == places, code
    for code, override in money._DECIMALS.items():
        if override is None:
            assert CURRENCIES[code].decimals == get_currency_precision(code), code


def test_currency_codes_put_alipayplus_first_then_alphabetical():
    codes = currency_codes()
    assert codes[:7] == list(ALIPAYPLUS_CURRENCIES)
    assert codes[7:] == sorted(set(CURRENCIES) - set(ALIPAYPLUS_CURRENCIES))
    assert sorted(codes) == ALL_CODES


def test_get_currency_is_case_insensitive_and_refuses_unknown_codes():
    assert get_currency(" usd ") is CURRENCIES["USD"]
    assert get_currency(CURRENCIES["JPY"]) is CURRENCIES["JPY"]
    with pytest.raises(ValueError, match="Unknown currency “XYZ”"):
        get_currency("XYZ")
    with pytest.raises(TypeError):
        get_currency(None)  # type: ignore[arg-type]


def test_symbols_come_from_babel_per_locale():
    assert symbol("USD") == "$"
    assert symbol("USD", "zh_CN") == "US$"
    assert symbol("cny", "zh_CN") == "¥"
    assert symbol("GBP") == "£"
    assert symbol("MYR") == "MYR"  # babel falls back to the code


# --- parsing: every currency -------------------------------------------------------------------------


@pytest.mark.parametrize("code", ALL_CODES)
def test_to_minor_for_each_currency(code):
    places = decimals(code)
    scale = 10**places
    assert to_minor("12", code) == 12 * scale
    assert to_minor(12, code) == 12 * scale
    assert to_minor(Decimal(12), code) == 12 * scale
    assert to_minor("  1,234  ", code) == 1234 * scale
    assert to_minor("0", code) == 0
    if places:
        assert to_minor("12." + "3" * places, code) == int("12" + "3" * places)
        assert to_minor("1,234." + "5" * places, code) == int("1234" + "5" * places)
        assert to_minor("." + "0" * (places - 1) + "1", code) == 1
        with pytest.raises(ValueError, match=f"{code} amounts have at most {places} decimal"):
            to_minor("1." + "1" * (places + 1), code)
        with pytest.raises(ValueError, match="at most"):
            to_minor(Decimal("1." + "1" * (places + 1)), code)
    else:
        with pytest.raises(ValueError, match=f"{code} amounts have no decimals"):
            to_minor("12.5", code)
        with pytest.raises(ValueError, match="no decimals"):
            to_minor("1.000", code)  # in IDR or KRW this is a thousand, not one: refuse, don't guess
        with pytest.raises(ValueError, match="no decimals"):
            to_minor(Decimal("0.5"), code)
    assert to_minor(str(MAX_MAJOR), code) == MAX_MAJOR * scale
    with pytest.raises(ValueError, match="too large"):
        to_minor(str(MAX_MAJOR + 1), code)
    assert from_minor(to_minor("7", code), code) == Decimal(7)
    for locale in LOCALES:
        text = format_minor(123456 * scale, code, locale)
        assert "123,456" in text, (code, locale, text)


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Enter an amount"),
        ("   ", "Enter an amount"),
        ("-1", "cannot be negative"),
        ("−1", "cannot be negative"),  # U+2212 minus sign
        (" -0.01", "cannot be negative"),
        ("abc", "is not a number"),
        ("12abc", "is not a number"),
        ("1.2.3", "is not a number"),
        (".", "is not a number"),
        ("+5", "is not a number"),
        ("1e3", "is not a number"),
        ("1E-2", "is not a number"),
        ("NaN", "is not a number"),
        ("Infinity", "is not a number"),
        ("inf", "is not a number"),
        ("0x10", "is not a number"),
        ("1_000", "is not a number"),
        ("1,23", "groups of three digits"),
        ("12,34", "groups of three digits"),  # a decimal comma: ambiguous, refused
        ("1234,567", "groups of three digits"),
        (",123", "groups of three digits"),
        ("1.234", "at most 2 decimals"),
        ("1.000", "at most 2 decimals"),
        ("1000000000000.01", "too large"),
        ("99999999999999999", "too large"),
        ("9" * 200, "too long"),
    ],
)
def test_to_minor_refuses_with_a_readable_message(text, message):
    with pytest.raises(ValueError, match=message):
        to_minor(text, "USD")


@pytest.mark.parametrize(
    "value, message",
    [
        (Decimal("-0.01"), "cannot be negative"),
        (Decimal("NaN"), "not a number"),
        (Decimal("sNaN"), "not a number"),
        (Decimal("Infinity"), "not a number"),
        (Decimal("-Infinity"), "not a number"),
        (Decimal("1E+999999999"), "too large"),
        (Decimal("1E-999999999"), "at most 2 decimals"),
        # more digits than Decimal's 28-digit context: must not be rounded into an acceptable amount
        (Decimal("1.0000000000000000000000000000000000001"), "at most 2 decimals"),
        (-1, "cannot be negative"),
        (MAX_MAJOR + 1, "too large"),
    ],
)
def test_to_minor_refuses_bad_numbers(value, message):
    with pytest.raises(ValueError, match=message):
        to_minor(value, "USD")


def test_to_minor_accepts_numbers_judged_by_value():
    assert to_minor(Decimal("12.340"), "USD") == 1234  # computed, not typed: trailing zeros are harmless
    assert to_minor(Decimal("1E+2"), "USD") == 10000
    assert to_minor(Decimal("-0"), "USD") == 0
    assert to_minor(Decimal("5.00"), "JPY") == 5


def test_to_minor_refuses_floats_and_other_types():
    with pytest.raises(TypeError, match="not float"):
        to_minor(0.1, "USD")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        to_minor(True, "USD")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        to_minor(None, "USD")  # type: ignore[arg-type]


def test_to_minor_accepts_full_width_input_from_cjk_keyboards():
    assert to_minor("１，２３４．５", "CNY") == 123450


def test_from_minor_and_major_text():
    assert from_minor(1234, "USD") == Decimal("12.34")
    assert str(from_minor(1200, "USD")) == "12.00"
    assert from_minor(1200, "JPY") == Decimal(1200)
    assert major_text(1234, "usd") == "12.34"
    assert major_text(5, "USD") == "0.05"
    assert major_text(1200, "KRW") == "1200"
    assert major_text(MAX_MAJOR * 100, "USD") == "1000000000000.00"  # never exponent notation
    with pytest.raises(TypeError):
        from_minor(1.5, "USD")  # type: ignore[arg-type]


def test_format_minor_in_english_and_chinese():
    assert format_minor(123450, "USD", "en_US") == "$1,234.50"
    assert format_minor(123450, "USD", "zh_CN") == "US$1,234.50"
    assert format_minor(123450, "CNY", "zh_CN") == "¥1,234.50"
    assert format_minor(123450, "CNY", "en_US") == "CN¥1,234.50"
    assert format_minor(1234, "JPY", "en_US") == "¥1,234"
    assert format_minor(1234, "IDR", "en_US") == "IDR\u00a01,234"  # our table's 0 decimals, not babel's guess
    assert format_minor(5, "HKD") == "HK$0.05"
    assert format_minor(-250, "GBP") == "-£2.50"


def test_format_minor_survives_odd_system_locales():
    assert format_minor(100, "USD", "C") == "$1.00"
    assert format_minor(100, "USD", "en-US") == "$1.00"
    assert format_minor(100, "USD", "xx_NOPE") == "$1.00"


def test_format_uses_the_table_even_where_babel_disagrees(monkeypatch):
    changed = dict(money.CURRENCIES, USD=Currency("USD", 3, False))
    monkeypatch.setattr(money, "CURRENCIES", changed)
    assert format_minor(1234, "USD") == "$1.234"


# --- properties --------------------------------------------------------------------------------------

currencies = st.sampled_from(ALL_CODES)


@st.composite
def valid_amounts(draw):
    code = draw(currencies)
    return code, draw(st.integers(min_value=0, max_value=CURRENCIES[code].max_minor))


@settings(max_examples=300, deadline=None)
@given(valid_amounts())
def test_round_trip_minor_to_major_and_back(case):
    code, minor = case
    assert to_minor(from_minor(minor, code), code) == minor
    assert to_minor(major_text(minor, code), code) == minor
    # what en_US shows with grouping is also accepted back
    grouped = format_decimal(from_minor(minor, code), format="#,##0." + "0" * decimals(code)
                             if decimals(code) else "#,##0", locale="en_US")
    assert to_minor(grouped, code) == minor


@settings(max_examples=300, deadline=None)
@given(currencies, st.integers(min_value=-(10**16), max_value=10**16), st.sampled_from(LOCALES))
def test_format_never_raises_for_valid_inputs(code, minor, locale):
    text = format_minor(minor, code, locale)
    assert text and any(ch.isdigit() for ch in text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=30), currencies)
def test_to_minor_on_any_text_returns_a_valid_amount_or_raises_value_error(text, code):
    try:
        minor = to_minor(text, code)
    except ValueError as exc:
        assert str(exc)
    else:
        assert 0 <= minor <= CURRENCIES[code].max_minor


@settings(max_examples=300, deadline=None)
@given(st.decimals(allow_nan=True, allow_infinity=True), currencies)
def test_to_minor_on_any_decimal_returns_an_exact_amount_or_raises_value_error(value, code):
    try:
        minor = to_minor(value, code)
    except ValueError:
        return
    assert from_minor(minor, code) == value


def test_a_symbol_of_letters_is_kept_apart_from_the_digits():
    # CLDR currency spacing: "IDR 15,000" (no-break space), never "IDR15,000"; symbols stay attached.
    assert format_minor(15000, "IDR", "en_US") == "IDR\u00a015,000"
    assert format_minor(990, "MYR", "en_US") == "MYR\u00a09.90"
    assert format_minor(2599, "PHP", "zh_CN") == "PHP\u00a025.99"
    assert format_minor(750, "CNY", "en_US") == "CN¥7.50"
    assert format_minor(1850, "GBP", "en_US") == "£18.50"
    assert format_minor(12000, "HKD", "zh_CN") == "HK$120.00"
    assert format_minor(150000, "EUR", "de_DE") == "1.500,00\u00a0€"


def test_the_display_locales_currency_data_can_be_read_ahead():
    money._currency_pattern.cache_clear()
    money.load_locale_data()
    read_ahead = money._currency_pattern.cache_info().misses
    assert read_ahead >= 2
    money.format_minor(12345, "HKD")
    money.format_minor(500, "IDR")
    assert money._currency_pattern.cache_info().misses == read_ahead  # nothing left to read at the first amounts
