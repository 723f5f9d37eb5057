"""The throwaway PostgreSQL server of the test run (started by scripts/run-tests, see scripts/test-postgres).

``MERCHANT_DESK_TEST_PG`` is a URL of its maintenance database; every test gets a database of its own.
Without a server the PostgreSQL tests are skipped - except in CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import pytest

ENV = "MERCHANT_DESK_TEST_PG"


def admin_url() -> str:
    url = os.environ.get(ENV)
    if not url:
        message = f"{ENV} is not set: run the tests with ./scripts/run-tests (it starts a PostgreSQL server)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return url


def with_database(url: str, database: str, *, user: str | None = None) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc
    if user is not None:
        netloc = f"{user}@{netloc.rpartition('@')[2]}"
    return urlunsplit((parts.scheme, netloc, f"/{database}", parts.query, parts.fragment))


def database_of(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def admin_execute(*statements: str, database: str = "postgres") -> None:
    import psycopg

    with psycopg.connect(with_database(admin_url(), database), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)  # type: ignore[arg-type]


@contextmanager
def fresh_database() -> Iterator[str]:
    """A new, empty database for one test; dropped afterwards (with any connection left to it)."""
    name = f"md_test_{uuid.uuid4().hex[:12]}"
    admin_execute(f"CREATE DATABASE {name}")
    try:
        yield with_database(admin_url(), name)
    finally:
        admin_execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of a fresh PostgreSQL database (no password in it: the test server trusts its socket)."""
    with fresh_database() as url:
        yield url
