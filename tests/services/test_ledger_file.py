"""Trouble opening the ledger file told apart, and a damaged file moved aside with its companions."""

from __future__ import annotations

import sqlite3

from merchant_desk.ledger import LedgerError
from merchant_desk.services import ledger_file as lf


def test_the_kinds_of_trouble_are_told_apart():
    assert lf.classify(sqlite3.DatabaseError("file is not a database")) == lf.CORRUPT
    assert lf.classify(sqlite3.DatabaseError("database disk image is malformed")) == lf.CORRUPT
    assert lf.classify(sqlite3.OperationalError("database is locked")) == lf.LOCKED
    assert lf.classify(sqlite3.OperationalError("attempt to write a readonly database")) == lf.READ_ONLY
    assert lf.classify(sqlite3.OperationalError("unable to open database file")) == lf.READ_ONLY
    assert lf.classify(PermissionError(13, "Permission denied")) == lf.READ_ONLY
    assert lf.classify(LedgerError("written by a newer Merchant Desk")) == lf.NEWER
    assert lf.classify(ValueError("something else")) == lf.OTHER


def test_move_aside_keeps_the_file_and_its_companions_under_one_new_name(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    for suffix, content in (("", b"main"), ("-wal", b"wal"), ("-shm", b"shm")):
        path.with_name(path.name + suffix).write_bytes(content)
    first = lf.move_aside(path)
    assert not path.exists() and first.read_bytes() == b"main"
    assert first.with_name(first.name + "-wal").read_bytes() == b"wal"
    assert first.with_name(first.name + "-shm").read_bytes() == b"shm"
    path.write_bytes(b"again")
    second = lf.move_aside(path)  # a second move in the same second gets a name of its own
    assert second != first and second.read_bytes() == b"again" and first.read_bytes() == b"main"
