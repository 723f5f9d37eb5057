"""Wooshpay-Signature: sign and verify (docs/wooshpay-api.md §10.2)."""

from __future__ import annotations

import pytest

from merchant_desk import wooshpay
from merchant_desk.wooshpay.webhooks import SignatureVerificationError, sign, verify

SECRET = "whsec_9rMfZUGWM3gTTBtn0f8kPEfmiIJCmzQi"
T = 1687845304
BODY = b'{"id":"evt_1593219809108033536","object":"event","type":"payment_intent.succeeded"}'
VECTOR = "bfab3ddb6998301509f601e6c7d99677792eea86dd8e7a81355322cd72c35836"
OTHER = "0" * 64


def test_sign_reproduces_the_test_vector():
    assert sign(BODY, SECRET, T) == f"t={T},v1={VECTOR}"


def test_verify_accepts_the_test_vector():
    verify(BODY, f"t={T},v1={VECTOR}", SECRET, now=T)
    verify(BODY, sign(BODY, SECRET, T), SECRET, now=T + 299)


def test_package_exports_the_module():
    assert wooshpay.webhooks.sign is sign
    assert wooshpay.SignatureVerificationError is SignatureVerificationError


@pytest.mark.parametrize(
    "header",
    [
        f"t={T},v1={OTHER},v1={VECTOR}",
        f"t={T},v1={VECTOR},v1={OTHER}",
        f"v1={OTHER}, t={T}, v1={VECTOR}",
        f"t={T},v0=abc,v1={VECTOR},scheme=x",
        f"t={T},v1={VECTOR.upper()}",
    ],
)
def test_any_of_several_v1_entries_may_match_and_other_prefixes_are_ignored(header):
    verify(BODY, header, SECRET, now=T)


def test_no_matching_v1_entry_fails():
    with pytest.raises(SignatureVerificationError, match="does not match"):
        verify(BODY, f"t={T},v1={OTHER},v1={'1' * 64}", SECRET, now=T)


def test_body_must_be_byte_for_byte():
    with pytest.raises(SignatureVerificationError):
        verify(BODY + b" ", f"t={T},v1={VECTOR}", SECRET, now=T)
    with pytest.raises(SignatureVerificationError):
        verify(BODY.replace(b'","', b'", "'), f"t={T},v1={VECTOR}", SECRET, now=T)


def test_timestamp_is_part_of_the_signature():
    with pytest.raises(SignatureVerificationError):
        verify(BODY, f"t={T + 1},v1={VECTOR}", SECRET, now=T)


def test_wrong_secret_fails():
    with pytest.raises(SignatureVerificationError):
        verify(BODY, f"t={T},v1={VECTOR}", SECRET + "x", now=T)
    with pytest.raises(SignatureVerificationError):
        verify(BODY, f"t={T},v1={VECTOR}", SECRET.removeprefix("whsec_"), now=T)  # the prefix is part of the key


def test_empty_secret_is_refused():
    with pytest.raises(SignatureVerificationError, match="secret"):
        verify(BODY, f"t={T},v1={VECTOR}", "", now=T)


@pytest.mark.parametrize("skew", [301, -301, 86_400, -86_400])
def test_stale_or_future_timestamp_fails(skew):
    with pytest.raises(SignatureVerificationError, match="tolerance"):
        verify(BODY, sign(BODY, SECRET, T), SECRET, now=T + skew)


@pytest.mark.parametrize("skew", [300, -300, 0])
def test_within_default_tolerance_passes(skew):
    verify(BODY, sign(BODY, SECRET, T), SECRET, now=T + skew)


def test_tolerance_is_configurable_and_can_be_disabled():
    header = sign(BODY, SECRET, T)
    verify(BODY, header, SECRET, tolerance=3600, now=T + 3000)
    with pytest.raises(SignatureVerificationError):
        verify(BODY, header, SECRET, tolerance=10, now=T + 11)
    verify(BODY, header, SECRET, tolerance=0, now=T + 10**6)


def test_default_now_is_the_current_time():
    import time

    now = int(time.time())
    verify(BODY, sign(BODY, SECRET, now), SECRET)
    with pytest.raises(SignatureVerificationError):
        verify(BODY, f"t={T},v1={VECTOR}", SECRET)  # 2023 is long past


def test_stale_but_wrong_signature_reports_the_mismatch_first():
    # A forged header should not learn anything about the clock.
    with pytest.raises(SignatureVerificationError, match="does not match"):
        verify(BODY, f"t={T},v1={OTHER}", SECRET, now=T + 10_000)


@pytest.mark.parametrize(
    ("header", "fragment"),
    [
        ("", "missing"),
        ("   ", "missing"),
        (None, "missing"),
        (f"v1={VECTOR}", "no timestamp"),
        (f"t={T}", "no v1"),
        (f"t={T},v1=", "no v1"),
        (f"t=abc,v1={VECTOR}", "not a number"),
        (f"t=-5,v1={VECTOR}", "not a number"),
        ("garbage without equals", "no timestamp"),
        (f"t={T};v1={VECTOR}", "not a number"),
        # Untrusted bytes: digits int() would not take, and a signature compare_digest would not take as str.
        (f"t=\u00b2,v1={VECTOR}", "not a number"),
        # A timestamp of 5,000 digits: int() would raise ValueError past 4,300 digits.
        ("t=" + "9" * 5000 + f",v1={VECTOR}", "not a number"),
        (f"t={T},v1=\u00e9" + "0" * 63, "does not match"),
        (f"t={T},v1=\u0661\u0662", "does not match"),
    ],
)
def test_malformed_headers(header, fragment):
    with pytest.raises(SignatureVerificationError, match=fragment):
        verify(BODY, header, SECRET, now=T)


def test_signature_error_is_a_value_error():
    assert issubclass(SignatureVerificationError, ValueError)
