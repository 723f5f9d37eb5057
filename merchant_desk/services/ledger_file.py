"""What can go wrong opening the ledger file, told apart, and moving a damaged file aside (kept, renamed).

No Qt: the start-up window (``ui.frame.ledger_problem``) puts these into words and choices.
"""

from __future__ import annotations

import errno
import sqlite3
from datetime import datetime
from pathlib import Path

from merchant_desk.ledger import LedgerError, LedgerSchemaError

CORRUPT, LOCKED, READ_ONLY, NEWER, OTHER = "corrupt", "locked", "read_only", "newer", "other"
_DAMAGED_SUFFIX = ".damaged-"


def classify(exc: BaseException) -> str:
    """What kind of trouble opening the ledger ran into."""
    if isinstance(exc, LedgerSchemaError):
        return NEWER
    if isinstance(exc, LedgerError):
        # The engine wraps the file's own trouble (a folder it may not write in) in a LedgerError.
        if isinstance(exc.__cause__, (sqlite3.Error, OSError)):
            return classify(exc.__cause__)
        return NEWER if "newer" in str(exc) else OTHER
    if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return READ_ONLY
    if isinstance(exc, sqlite3.DatabaseError):
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            return LOCKED
        if "readonly" in text or "read-only" in text or "unable to open" in text:
            return READ_ONLY
        if isinstance(exc, sqlite3.OperationalError) and "disk i/o" in text:
            return OTHER
        # "file is not a database", "database disk image is malformed", a foreign schema
        return CORRUPT
    return OTHER


def move_aside(path: Path) -> Path:
    """Rename the ledger (and its -wal/-shm companions) to ``<name>.damaged-<time>``; returns the new name."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}{_DAMAGED_SUFFIX}{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}{_DAMAGED_SUFFIX}{stamp}-{counter}")
    path.rename(target)
    for companion in ("-wal", "-shm"):
        extra = path.with_name(path.name + companion)
        if extra.exists():
            extra.rename(target.with_name(target.name + companion))
    return target


def opening_errors() -> tuple[type[BaseException], ...]:
    """The errors opening a ledger raises for trouble with its file (anything else is a bug)."""
    return (sqlite3.Error, OSError, LedgerError)
