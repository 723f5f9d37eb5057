"""words.py: every code the app knows reads as words in English and Chinese, an unknown code still reads
as words, and refusals and amount errors become sentences with their numbers."""

from __future__ import annotations

import pytest

from merchant_desk import money
from merchant_desk.services.events import ALL_EVENTS, EVENT_TYPES
from merchant_desk.services.problems import Problem
from merchant_desk.services.refunds import REFUND_REASONS, REFUND_STATUSES, RefundRefused
from merchant_desk.ui import i18n, words


@pytest.fixture
def chinese(qapp):
    translators = i18n.install_translator(qapp, "zh_CN")
    yield
    i18n.remove_translators(qapp, translators)
    money.set_display_locale("en_US")


TABLES = [
    (words.payment_status, ["requires_action", "succeeded", "canceled", "failed", "processing"]),
    (words.refund_status, list(REFUND_STATUSES)),
    (words.refund_reason, list(REFUND_REASONS)),
    (words.checkout_status, ["open", "complete", "expired"]),
    (words.checkout_payment_status, ["paid", "unpaid"]),
    (words.endpoint_status, ["enabled", "disabled"]),
    (words.event_type, [*EVENT_TYPES, ALL_EVENTS]),
]


def test_every_known_code_has_words_and_no_code_shows_through():
    for phrase, codes in TABLES:
        for code in codes:
            text = phrase(code)
            assert text and text != code and "_" not in text, (phrase.__name__, code)
    assert all(words.problem(kind) for kind in Problem)


def test_every_known_code_is_translated_into_chinese(chinese):
    for phrase, codes in TABLES:
        for code in codes:
            text = phrase(code)
            assert not text.isascii(), (phrase.__name__, code, text)
    assert all(not words.problem(kind).isascii() for kind in Problem)


def test_an_unknown_code_still_reads_as_words():
    assert words.payment_status("requires_something_new") == "Requires something new"
    assert words.event_type("invoice.paid") == "Invoice · paid"
    assert words.cancellation_reason("the customer left") == "the customer left"  # free text stays as typed


def test_refusals_become_sentences_with_their_numbers():
    over = RefundRefused("over_remainder", "log", remainder_minor=750, currency="PHP")
    assert words.refund_refusal(over) == "At most ₱7.50 is left to refund."
    paid = RefundRefused("not_succeeded", "log", status="requires_action")
    assert "“Waiting”" in words.refund_refusal(paid)
    assert "500" in words.refund_refusal(RefundRefused("note_too_long", "log", limit=500))


@pytest.mark.parametrize("text, fragment", [
    ("", "Enter an amount"), ("-2", "negative"), ("x", "not a number"), ("1.234", "at most 2 decimals"),
    ("1,23", "groups of three"), ("9" * 14, "too large"),
])
def test_amount_errors_become_sentences(text, fragment):
    with pytest.raises(money.AmountError) as error:
        money.to_minor(text, "HKD")
    assert fragment in words.amount_error(error.value)
    with pytest.raises(money.AmountError) as error:
        money.to_minor("1.5", "IDR")
    assert words.amount_error(error.value) == "IDR amounts have no decimals."
