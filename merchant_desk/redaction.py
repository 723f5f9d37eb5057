"""The one redaction of API keys, used for logs, ledger rows and error texts alike.

A key leaks in more shapes than its raw text: masked by someone else (``sk_test_****abcd``,
``sk_live_BQok...lfQ2``), percent- or JSON-escaped (``%2B``, ``\\/``), and base64-encoded, above all as the
HTTP Basic credential ``base64("<secret key>:")`` that a proxy or a debugging server may echo back in an
error body. Base64 text is recognised by decoding it (standard and URL-safe alphabets, at every alignment),
so a key inside it is found whatever its offset in the encoded bytes.

This module sits at the bottom of the layers so that ``wooshpay``, ``ledger`` and ``logging_setup`` all use
this same code; ``wooshpay.keys.redact_keys`` is this function.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any, TypeVar, overload

__all__ = ["contains_secret", "mask_key", "redact_keys"]

_T = TypeVar("_T")

# Prefixes of WooshPay keys and secrets (restricted keys and webhook signing secrets included).
_KEY_PREFIXES = ("sk_test_", "sk_live_", "pk_test_", "pk_live_", "rk_test_", "rk_live_", "whsec_")
_SECRET_PREFIXES = tuple(p for p in _KEY_PREFIXES if not p.startswith("pk_"))

_BODY_CHAR = r"(?:[A-Za-z0-9_\-+/=]|%[0-9A-Fa-f]{2}|\\/)"
# Characters people and tools use to hide part of a key; "..." only between two pieces of key.
_MASK_RUN = r"(?:[*•…]+|\.{2,}(?=[A-Za-z0-9]))"
# A mistyped prefix ("sk_" + a long token) is still a secret.
_KEY_IN_TEXT = re.compile(
    rf"(?<![A-Za-z0-9])((?:sk|pk|rk)_(?:test|live)_|whsec_|(?:sk|pk|rk)_(?=[A-Za-z0-9]{{12}}))"
    rf"((?:{_BODY_CHAR}|{_MASK_RUN})+)"
)
_MASKED = re.compile(r"[*•…]|\.{2,}")
# An Authorization credential ("Basic settings" stays readable: a token has a digit or base64 symbol).
_CREDENTIAL = re.compile(r"\b(Basic|Bearer)(\s+|%20)(?=[A-Za-z._~-]*[0-9+/=])[A-Za-z0-9+/=._~-]{8,}")
# Runs of base64 (either alphabet), possibly percent- or JSON-escaped.
_B64_CHAR = r"(?:[A-Za-z0-9+_\-]|\\?/|%2[BbFf])"
_B64_RUN = re.compile(rf"{_B64_CHAR}{{12,}}(?:=|%3[Dd]){{0,2}}")
_ESCAPES = (("\\/", "/"), ("%2B", "+"), ("%2b", "+"), ("%2F", "/"), ("%2f", "/"), ("%3D", "="), ("%3d", "="))
_B64_REDACTED = "[REDACTED]"


def _prefix(key: str) -> str | None:
    for prefix in _KEY_PREFIXES:
        if key.startswith(prefix):
            return prefix
    return None


def mask_key(key: str | None) -> str:
    """``"sk_test_…abcd"``: the prefix and at most the last four characters, and those only for long keys."""
    if not isinstance(key, str) or not key:
        return "…"
    prefix = _prefix(key)
    head, tail = (prefix, key[len(prefix):]) if prefix is not None else ("", key)
    # A short key would be mostly revealed by its last four characters.
    shown = tail[-4:] if len(tail) >= 16 else ""
    return f"{head}…{shown}"


def _mask_found(match: re.Match[str]) -> str:
    prefix, body = match.group(1), match.group(2)
    pieces = _MASKED.split(body)
    if len(pieces) > 1:
        # Already masked by someone: show no more of it than the last four characters they showed.
        return f"{prefix}…{pieces[-1][-4:]}"
    # As mask_key, keeping a mistyped prefix too.
    return f"{prefix}…{body[-4:] if len(body) >= 16 else ''}"


def _decoded_forms(run: str) -> list[bytes]:
    text = run
    for escaped, plain in _ESCAPES:
        text = text.replace(escaped, plain)
    text = text.rstrip("=")
    forms: list[bytes] = []
    for alphabet in (text, text.replace("-", "+").replace("_", "/")):
        # The encoded key may start at any of the four positions of a base64 quad within the run.
        for start in range(4):
            chunk = alphabet[start:]
            chunk = chunk[: len(chunk) - len(chunk) % 4]
            if len(chunk) < 8:
                continue
            try:
                forms.append(base64.b64decode(chunk, validate=True))
            except (binascii.Error, ValueError):
                continue
    return forms


def _base64_hides(run: str, prefixes: tuple[str, ...]) -> bool:
    wanted = [p.encode() for p in prefixes]
    return any(p in raw for raw in _decoded_forms(run) for p in wanted)


def _redact_text(text: str) -> str:
    if not text:
        return text
    text = _KEY_IN_TEXT.sub(_mask_found, text)
    text = _CREDENTIAL.sub(rf"\1\2{_B64_REDACTED}", text)
    return _B64_RUN.sub(lambda m: _B64_REDACTED if _base64_hides(m.group(0), _KEY_PREFIXES) else m.group(0), text)


@overload
def redact_keys(value: str) -> str: ...


@overload
def redact_keys(value: _T) -> _T: ...


def redact_keys(value: Any) -> Any:
    """``value`` with every key in it masked (raw and masked-by-others forms become ``sk_test_…abcd``) and
    every base64 text that decodes to a key, and every Basic/Bearer credential, replaced by ``[REDACTED]``.

    Strings are redacted; dicts, lists and tuples are copied with every string in them (keys included)
    redacted; anything else is returned as it is.
    """
    if isinstance(value, str):
        return _redact_text(value)
    if isinstance(value, dict):
        return {redact_keys(k): redact_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_keys(item) for item in value]
    if isinstance(value, tuple):
        return tuple(redact_keys(item) for item in value)
    return value


def contains_secret(text: str) -> bool:
    """True when ``text`` holds a secret key, restricted key or webhook secret, raw, masked or in base64.

    Publishable keys are not secrets and do not count.
    """
    for match in _KEY_IN_TEXT.finditer(text):
        if not match.group(1).startswith("pk_"):
            return True
    return any(_base64_hides(m.group(0), _SECRET_PREFIXES) for m in _B64_RUN.finditer(text))
