"""What only the PostgreSQL engine does: the URL and its password, plain-words errors (no server, wrong
password, no permission, no such database), the schema version table and concurrent upgrades."""

from __future__ import annotations

import threading
import uuid

import pytest

from merchant_desk.ledger import (
    SCHEMA_VERSION,
    Ledger,
    LedgerAuthFailed,
    LedgerNoDatabase,
    LedgerPermissionDenied,
    LedgerUnreachable,
)
from tests.postgres import admin_execute, admin_url, database_of, with_database


def test_the_schema_version_lives_in_a_table(pg_url):
    import psycopg

    with Ledger.open(pg_url) as ledger:
        assert ledger.engine_name == "postgresql" and ledger.schema_version == SCHEMA_VERSION
        assert "@" not in repr(ledger) or ":" not in repr(ledger).split("@")[0].split("//")[1]
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT version FROM ledger_schema").fetchall() == [(SCHEMA_VERSION,)]


def test_tills_starting_at_once_upgrade_the_schema_once(pg_url):
    errors: list[BaseException] = []
    ledgers: list[Ledger] = []
    lock = threading.Lock()

    def start() -> None:
        try:
            led = Ledger.open(pg_url)
            with lock:
                ledgers.append(led)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        assert not errors and len(ledgers) == 6
        assert {led.schema_version for led in ledgers} == {SCHEMA_VERSION}
    finally:
        for led in ledgers:
            led.close()


def test_no_server_says_so(tmp_path):
    with pytest.raises(LedgerUnreachable):
        Ledger.open(f"postgresql://md_admin@/postgres?host={tmp_path}", connect_timeout=2)


def test_an_unknown_database_says_so(pg_url):
    with pytest.raises(LedgerNoDatabase):
        Ledger.open(with_database(admin_url(), f"md_missing_{uuid.uuid4().hex[:8]}"))


@pytest.fixture
def password_role(pg_url):
    # pg_hba of the test server asks members of md_pw for their password.
    name = f"md_pw_{uuid.uuid4().hex[:8]}"
    admin_execute("DO $$ BEGIN CREATE ROLE md_pw NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    admin_execute(f"CREATE ROLE {name} LOGIN PASSWORD 'right horse battery' IN ROLE md_pw")
    try:
        yield name
    finally:
        admin_execute(f"DROP OWNED BY {name}", database=database_of(pg_url))
        admin_execute(f"DROP ROLE IF EXISTS {name}")


def test_a_wrong_password_says_so_and_the_right_one_opens(pg_url, password_role):
    url = with_database(pg_url, database_of(pg_url), user=password_role)
    with pytest.raises(LedgerAuthFailed):
        Ledger.open(url, password="wrong")
    with pytest.raises(LedgerAuthFailed):
        Ledger.open(url)  # no password at all
    database = database_of(pg_url)
    admin_execute(f"GRANT CREATE ON SCHEMA public TO {password_role}", database=database)
    with Ledger.open(url, password="right horse battery") as ledger:
        ledger.audit("x", None, account="a")
        assert "right horse" not in repr(ledger)


def test_a_user_without_rights_is_told_no_permission(pg_url, password_role):
    database = database_of(pg_url)
    url = with_database(pg_url, database, user=password_role)
    # PostgreSQL 15: nobody but the owner may create tables in public, so the first start cannot migrate.
    with pytest.raises(LedgerPermissionDenied):
        Ledger.open(url, password="right horse battery")
    # Migrated by the owner, but no rights on the tables: still no permission.
    Ledger.open(pg_url).close()
    with pytest.raises(LedgerPermissionDenied):
        with Ledger.open(url, password="right horse battery") as ledger:
            ledger.pending()
    # With row rights only (no CREATE), a till works on a ledger that is up to date.
    admin_execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {password_role}",
                  database=database)
    with Ledger.open(url, password="right horse battery") as ledger:
        entry = ledger.begin("refund", "POST", "/v1/refunds", {"amount": 1}, account="shop")
        assert ledger.pending() == [entry]
        assert ledger.audit("refund.created", "re_1", account="shop").id > 0
