"""Object ids shaped like WooshPay's: ``<prefix>_`` + a 19-digit snowflake-like number (§2.1).

The number grows with time, so sorting ids numerically sorts objects by creation order; lists rely on it.
"""

from __future__ import annotations

import secrets
import string
import threading
import time

# Twitter's snowflake epoch: (now - epoch) << 22 is a 19-digit number from 2020 until well past 2050.
_EPOCH_MS = 1288834974657
_ALPHANUM = string.ascii_letters + string.digits
# Random bytes below 248 (4 * 62) map uniformly onto the 62 characters; the rest are dropped.
_TO_ALPHANUM = bytes(ord(_ALPHANUM[b % 62]) for b in range(248)) + bytes(8)
_OVER = bytes(range(248, 256))

_lock = threading.Lock()
_last_ms = 0
_sequence = 0
# A random worker field keeps ids from two sandboxes sharing a database file apart within one millisecond.
_worker = secrets.randbelow(1024)


def snowflake() -> int:
    global _last_ms, _sequence
    with _lock:
        now = int(time.time() * 1000)
        if now <= _last_ms:
            _sequence += 1
            if _sequence >= 4096:
                # Borrow the next millisecond rather than repeat a number.
                _last_ms += 1
                _sequence = 0
            now = _last_ms
        else:
            _sequence = 0
        _last_ms = now
        return ((now - _EPOCH_MS) << 22) | (_worker << 12) | _sequence


def new_id(prefix: str) -> str:
    return f"{prefix}_{snowflake()}"


def id_number(object_id: str) -> int:
    """The numeric part of an id (0 when it has none), used as the list sort key."""
    digits = object_id.rpartition("_")[2]
    return int(digits) if digits.isdigit() else 0


def random_chars(length: int) -> str:
    # Rejection sampling over random bytes: uniform over the 62 characters, one urandom call for all.
    chars = b""
    while len(chars) < length:
        chars += secrets.token_bytes(length + 8).translate(_TO_ALPHANUM, _OVER)
    return chars[:length].decode("ascii")
