"""The ``Wooshpay-Signature`` header: HMAC-SHA256 over ``"<t>.<raw body>"`` (docs/wooshpay-api.md §10.2).

WooshPay documents the header and the signed payload but not the comparison step; the constant-time
comparison and the 300 s tolerance are likely as Stripe.
"""

from __future__ import annotations

import hashlib
import hmac
import time

__all__ = ["SignatureVerificationError", "sign", "verify", "parse_header", "compute_signature"]

DEFAULT_TOLERANCE = 300


class SignatureVerificationError(ValueError):
    """A webhook body whose ``Wooshpay-Signature`` header is missing, malformed, stale or wrong."""


def compute_signature(payload: bytes, secret: str, timestamp: int) -> str:
    # The whole secret, ``whsec_`` included, is the HMAC key as UTF-8 (inferred, as Stripe).
    message = str(int(timestamp)).encode("ascii") + b"." + payload
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def sign(payload: bytes, secret: str, timestamp: int) -> str:
    """The ``Wooshpay-Signature`` header value for ``payload`` sent at ``timestamp`` (Unix seconds)."""
    return f"t={int(timestamp)},v1={compute_signature(payload, secret, timestamp)}"


def parse_header(header: str) -> tuple[int, list[str]]:
    """``(timestamp, [v1 signatures])``; other prefixes are ignored, as the docs say."""
    if not isinstance(header, str) or not header.strip():
        raise SignatureVerificationError("The Wooshpay-Signature header is missing or empty.")
    timestamp: int | None = None
    signatures: list[str] = []
    for piece in header.split(","):
        prefix, sep, value = piece.strip().partition("=")
        if not sep:
            continue
        if prefix == "t":
            # Seconds since 1970 fit in 12 digits for the next 30,000 years; a longer one is no timestamp
            # (and int() refuses strings of over 4,300 digits with a ValueError).
            if not (value.isascii() and value.isdigit()) or len(value) > 12:
                raise SignatureVerificationError("The Wooshpay-Signature timestamp is not a number.")
            timestamp = int(value)
        elif prefix == "v1" and value:
            signatures.append(value.strip().lower())
    if timestamp is None:
        raise SignatureVerificationError("The Wooshpay-Signature header has no timestamp (t=).")
    if not signatures:
        raise SignatureVerificationError("The Wooshpay-Signature header has no v1 signature.")
    return timestamp, signatures


def verify(
    payload: bytes,
    header: str,
    secret: str,
    *,
    tolerance: int = DEFAULT_TOLERANCE,
    now: int | None = None,
) -> None:
    """Raise :class:`SignatureVerificationError` unless ``header`` signs ``payload`` with ``secret``.

    ``payload`` must be the raw request body, byte for byte. Any one of several ``v1=`` entries may match.
    """
    if not secret:
        raise SignatureVerificationError("No webhook signing secret is configured.")
    timestamp, signatures = parse_header(header)
    expected = compute_signature(payload, secret, timestamp).encode("ascii")
    # Bytes, not str: compare_digest raises TypeError on non-ASCII text, and the header is untrusted input.
    # Compare against every entry without stopping early so timing says nothing about which one matched.
    matched = False
    for candidate in signatures:
        matched |= hmac.compare_digest(expected, candidate.encode("utf-8", errors="replace"))
    if not matched:
        raise SignatureVerificationError("The webhook signature does not match the body and secret.")
    current = int(time.time()) if now is None else int(now)
    if tolerance is not None and tolerance > 0 and abs(current - timestamp) > tolerance:
        raise SignatureVerificationError(
            f"The webhook timestamp is {abs(current - timestamp)} s away from now (tolerance {tolerance} s)."
        )
