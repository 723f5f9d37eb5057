"""Charge requests from other programs: the command-line and URL forms, and every way they can be wrong."""

from __future__ import annotations

import pytest

from merchant_desk.charge_request import (
    ChargeRequest,
    ChargeRequestError,
    outcome_exit_status,
    parse_charge_args,
    parse_charge_url,
    split_command_line,
)


def test_command_line_form():
    request = parse_charge_args(["charge", "12.50", "cny", "--order", "ORD-1", "--description", "Tea", "--wait"])
    assert request == ChargeRequest(1250, "CNY", "ORD-1", "Tea", wait=True)
    assert request.amount_text == "12.50"


def test_url_form_with_encoded_text():
    request = parse_charge_url("merchant-desk:charge?amount=12.50&currency=CNY&order=ORD-1&description=Tea%20x2")
    assert request == ChargeRequest(1250, "CNY", "ORD-1", "Tea x2")
    assert parse_charge_url("merchant-desk://charge?amount=1000&currency=IDR&order=A").amount_minor == 1000


def test_url_form_through_the_command_line_takes_wait():
    request = parse_charge_args(["merchant-desk:charge?amount=5&currency=HKD&order=B", "--wait"])
    assert request.wait and request.amount_minor == 500


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (["charge", "12.505", "CNY", "--order", "A"], "at most 2 decimals"),
        (["charge", "0", "CNY", "--order", "A"], "more than zero"),
        (["charge", "-3", "CNY", "--order", "A"], "negative"),
        (["charge", "abc", "CNY", "--order", "A"], "bad amount"),
        (["charge", "12", "XYZ", "--order", "A"], "unknown currency"),
        (["charge", "12", "CNY"], "--order"),
        (["charge", "12", "CNY", "--order", "  "], "order ID"),
        (["charge", "12", "CNY", "--order", "A\nB"], "control characters"),
        (["charge", "12", "CNY", "--order", "A" * 256], "longer than 255"),
        (["charge", "12"], "required"),
        (["refund", "12"], "unknown command"),
        (["merchant-desk:charge?amount=12&currency=CNY"], "order ID"),
        (["merchant-desk:charge?currency=CNY&order=A"], "amount is missing"),
        (["merchant-desk:charge?amount=12&order=A"], "currency is missing"),
        (["merchant-desk:charge?amount=1&amount=2&currency=CNY&order=A"], "more than once"),
        (["merchant-desk:charge?amount=1&currency=CNY&order=A&tip=5"], "unknown field"),
        (["merchant-desk:refund?amount=1&currency=CNY&order=A"], "unknown action"),
        (["merchant-desk:charge?amount=1&currency=CNY&order=A", "--order", "B"], "only --wait"),
    ],
)
def test_bad_requests_give_one_clear_line(tokens, expected):
    with pytest.raises(ChargeRequestError) as caught:
        parse_charge_args(tokens)
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message


def test_the_running_app_validates_the_message_again():
    good = ChargeRequest(1250, "CNY", "ORD-1", None, wait=True)
    assert ChargeRequest.from_message(good.to_message()) == good
    for bad in (None, [], {"amount_minor": 0, "currency": "CNY", "order_id": "A"},
                {"amount_minor": "12", "currency": "CNY", "order_id": "A"},
                {"amount_minor": 100, "currency": "???", "order_id": "A"},
                {"amount_minor": 100, "currency": "CNY", "order_id": ""},
                {"amount_minor": True, "currency": "CNY", "order_id": "A"},
                {"amount_minor": 10**20, "currency": "CNY", "order_id": "A"}):
        with pytest.raises(ChargeRequestError):
            ChargeRequest.from_message(bad)


def test_app_options_come_before_the_charge():
    assert split_command_line(["--sandbox", "charge", "1", "CNY"]) == (["--sandbox"], ["charge", "1", "CNY"])
    assert split_command_line(["--profile", "charge", "--lang", "en"]) == (["--profile", "charge", "--lang", "en"], [])
    assert split_command_line(["merchant-desk:charge?amount=1"]) == ([], ["merchant-desk:charge?amount=1"])


def test_exit_status_of_an_outcome():
    assert outcome_exit_status({"status": "succeeded"}) == 0
    assert outcome_exit_status({"status": "failed"}) == 1
    assert outcome_exit_status({"status": "canceled"}) == 1
    assert outcome_exit_status({}) == 1
