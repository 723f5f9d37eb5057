"""Every ledger test runs against both engines: SQLite (a file of the test's own) and PostgreSQL (a
database of the test's own on the run's throwaway server)."""

from __future__ import annotations

import pytest

from merchant_desk.ledger import Ledger
from tests.postgres import fresh_database


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request) -> str:
    return request.param


@pytest.fixture
def ledger_url(engine, tmp_path):
    """Where a ledger lives: a path for SQLite, a URL for PostgreSQL."""
    if engine == "sqlite":
        yield str(tmp_path / "sub" / "ledger.sqlite3")
    else:
        with fresh_database() as url:
            yield url


@pytest.fixture
def ledger(ledger_url):
    with Ledger.open(ledger_url) as led:
        yield led
