"""``--ledger``: a shop's shared PostgreSQL ledger from the command line - never with a password in it."""

from __future__ import annotations

import psycopg

from merchant_desk.ledger import SCHEMA_VERSION
from tests.app.test_cli import DRIVER, base_env, run


def test_a_password_in_the_url_is_refused_in_one_line(tmp_path):
    result = run(["-m", "merchant_desk", "--sandbox", "--ledger", "postgresql://till:hunter2@db.example/shop"],
                 env=base_env(tmp_path))
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "must not contain a password" in line and "keyring" in line
    assert "hunter2" not in result.stderr + result.stdout


def test_no_server_is_said_in_plain_words(tmp_path):
    empty = tmp_path / "nosocket"
    empty.mkdir()
    result = run(["-m", "merchant_desk", "--sandbox", "--ledger", f"postgresql://md_admin@/shop?host={empty}"],
                 env=base_env(tmp_path))
    assert result.returncode == 2
    line = result.stderr.strip().splitlines()[-1]  # (after a warning when no keyring runs here)
    assert "Traceback" not in result.stderr
    assert line == "merchant-desk: the shared ledger cannot be used: no database server answers at that address"


def test_the_app_runs_on_a_shared_ledger(tmp_path, pg_url):
    env = base_env(tmp_path)
    env["DRIVER_SCENARIO"] = "quit"
    result = run([str(DRIVER), "--sandbox", "--ledger", pg_url], env=env, timeout=90)
    assert result.returncode == 0, result.stderr
    assert "SHOWN" in result.stdout
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT version FROM ledger_schema").fetchall() == [(SCHEMA_VERSION,)]
    assert not (tmp_path / "home" / "data" / "ledger.sqlite3").exists()  # the local file was not used
