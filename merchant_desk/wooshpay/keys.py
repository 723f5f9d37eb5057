"""API keys: which mode a key belongs to, how to show one safely, and whether a pasted key looks right.

The key decides the mode (docs/wooshpay-api.md §1.2): ``sk_test_``/``pk_test_`` are test, ``sk_live_``/``pk_live_``
are live. Nothing here ever puts a whole key into a message.
"""

from __future__ import annotations

import re
from typing import Literal

# One redaction for the whole app (logs, ledger, errors) lives below every layer; these are its names here.
from merchant_desk.redaction import mask_key, redact_keys

__all__ = [
    "LIVE_BASE_URL",
    "TEST_BASE_URL",
    "base_url_for",
    "key_mode",
    "mask_key",
    "redact_keys",
    "validate_publishable_key",
    "validate_secret_key",
]

TEST_BASE_URL = "https://apitest.wooshpay.com"
LIVE_BASE_URL = "https://api.wooshpay.com"

Mode = Literal["test", "live"]

_PREFIXES: dict[str, Mode] = {
    "sk_test_": "test",
    "sk_live_": "live",
    "pk_test_": "test",
    "pk_live_": "live",
}
# Real key bodies are base64 (§1.2); the sandbox issues URL-safe base64. Both alphabets are allowed.
_BODY = re.compile(r"[A-Za-z0-9_\-+/=]+")
_MIN_BODY = 12


def _prefix(key: str) -> str | None:
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            return prefix
    return None


def key_mode(key: str) -> Mode:
    """``"test"`` or ``"live"`` from the key's prefix; ``ValueError`` (without the key) otherwise."""
    prefix = _prefix(key) if isinstance(key, str) else None
    if prefix is None:
        raise ValueError("Not a WooshPay key: it must start with sk_test_, sk_live_, pk_test_ or pk_live_.")
    return _PREFIXES[prefix]


def base_url_for(mode: str) -> str:
    return LIVE_BASE_URL if mode == "live" else TEST_BASE_URL


def _validate(key: object, kind: str, wanted: tuple[str, str], other: tuple[str, str]) -> str | None:
    if not isinstance(key, str) or not key.strip():
        return f"Enter the {kind} key."
    if key != key.strip():
        return f"The {kind} key has spaces or line breaks around it; paste it again without them."
    if key.startswith(other):
        other_kind = "publishable" if kind == "secret" else "secret"
        return f"This is a {other_kind} key; the {kind} key starts with {wanted[0]} or {wanted[1]}."
    prefix = _prefix(key)
    if prefix is None or prefix not in wanted:
        return f"A {kind} key starts with {wanted[0]} or {wanted[1]}."
    body = key[len(prefix):]
    if body and not _BODY.fullmatch(body):
        return f"The {kind} key contains characters a WooshPay key never has; copy it again."
    if len(body) < _MIN_BODY:
        return f"The {kind} key is too short; copy the whole key."
    return None


def validate_secret_key(key: str) -> str | None:
    """``None`` when ``key`` looks like a secret key, else the reason in plain words."""
    return _validate(key, "secret", ("sk_test_", "sk_live_"), ("pk_test_", "pk_live_"))


def validate_publishable_key(key: str) -> str | None:
    """``None`` when ``key`` looks like a publishable key, else the reason in plain words."""
    return _validate(key, "publishable", ("pk_test_", "pk_live_"), ("sk_test_", "sk_live_"))
