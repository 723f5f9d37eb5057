"""PINs are kept only as scrypt hashes with a salt of their own: a copy of the shared ledger does not give
away anybody's PIN, and two people with the same PIN do not share a hash.

A PIN is short, so the hash is deliberately slow (~tens of ms): call these off the GUI thread.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

MIN_LENGTH = 4
MAX_LENGTH = 12
# scrypt cost: n=2**14, r=8 takes 16 MiB and tens of milliseconds per try.
_N, _R, _P, _DKLEN = 2**14, 8, 1, 32


def pin_problem(pin: str) -> str | None:
    """Why ``pin`` cannot be a PIN: "digits" (not only digits) or "length" (the UI words it); None if it can."""
    if not pin.isascii() or not pin.isdigit():
        return "digits"
    if not MIN_LENGTH <= len(pin) <= MAX_LENGTH:
        return "length"
    return None


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    salt = os.urandom(16) if salt is None else salt
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=_DKLEN)
    return "$".join(("scrypt", str(_N), str(_R), str(_P), _b64(salt), _b64(digest)))


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                                dklen=len(expected))
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
