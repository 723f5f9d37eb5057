"""Key prefixes decide the mode; masks and validation messages never show a whole key."""

from __future__ import annotations

import pytest

from merchant_desk.wooshpay import keys

BODY = "NTE2NjM1MDMyODY5" + "Xy7z" * 4


@pytest.mark.parametrize(
    ("key", "mode"),
    [("sk_test_" + BODY, "test"), ("sk_live_" + BODY, "live"), ("pk_test_" + BODY, "test"), ("pk_live_" + BODY, "live")],
)
def test_key_mode(key, mode):
    assert keys.key_mode(key) == mode


@pytest.mark.parametrize("key", ["", "sk_" + BODY, "SK_TEST_" + BODY, "rk_live_" + BODY, None, 42])
def test_key_mode_refuses_other_strings_without_echoing_them(key):
    with pytest.raises(ValueError) as caught:
        keys.key_mode(key)
    if isinstance(key, str) and key:
        assert key not in str(caught.value)


def test_mask_key():
    assert keys.mask_key("sk_test_" + BODY) == "sk_test_…Xy7z"
    assert keys.mask_key("pk_live_" + BODY) == "pk_live_…Xy7z"
    assert keys.mask_key("sk_test_short") == "sk_test_…"  # too short to show any of it
    assert keys.mask_key("") == "…" and keys.mask_key(None) == "…"
    assert keys.mask_key("something-else-entirely-long") == "…long"


def test_redact_keys_in_text():
    text = f"Invalid key sk_live_{BODY}, try pk_test_{BODY}."
    assert keys.redact_keys(text) == "Invalid key sk_live_…Xy7z, try pk_test_…Xy7z."


def test_base_urls():
    assert keys.TEST_BASE_URL == "https://apitest.wooshpay.com"
    assert keys.LIVE_BASE_URL == "https://api.wooshpay.com"
    assert keys.base_url_for("live") == keys.LIVE_BASE_URL and keys.base_url_for("test") == keys.TEST_BASE_URL


def test_valid_keys_have_no_reason():
    assert keys.validate_secret_key("sk_test_" + BODY) is None
    assert keys.validate_secret_key("sk_live_" + BODY + "+/=") is None
    assert keys.validate_secret_key("sk_test_" + "a1-_" * 8) is None  # the sandbox issues URL-safe base64
    assert keys.validate_publishable_key("pk_test_" + "p" * 20) is None


@pytest.mark.parametrize(
    ("key", "fragment"),
    [
        ("", "Enter the secret key"),
        ("   ", "Enter the secret key"),
        (" sk_test_" + BODY, "spaces"),
        ("sk_test_" + BODY + "\n", "spaces"),
        ("pk_test_" + BODY, "publishable key"),
        ("sk_" + BODY, "starts with sk_test_ or sk_live_"),
        ("sk_test_abc", "too short"),
        ("sk_test_" + BODY[:8] + " " + BODY[8:], "characters"),
        ("sk_test_" + BODY + "é", "characters"),
    ],
)
def test_secret_key_reasons(key, fragment):
    reason = keys.validate_secret_key(key)
    assert reason is not None and fragment in reason
    if key.strip():
        assert key.strip() not in reason


def test_publishable_key_reasons():
    assert "secret key" in keys.validate_publishable_key("sk_live_" + BODY)
    assert "starts with pk_test_ or pk_live_" in keys.validate_publishable_key("nope" + BODY)
    assert keys.validate_publishable_key(None) is not None
