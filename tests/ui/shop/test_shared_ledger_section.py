"""Settings → Shared ledger: the Test button says in plain words what is wrong, against a real PostgreSQL;
Save keeps the URL without a password and the password in the keyring."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from PySide6.QtCore import Qt

from merchant_desk.ledger import Ledger, keyring_name
from merchant_desk.services.shop.installation import InstallationStore
from merchant_desk.ui.shop.shared_ledger_section import SharedLedgerSection
from tests.app.fakes import MemoryKeyStore
from tests.postgres import admin_execute, database_of, with_database
from tests.ui.helpers import shown


@pytest.fixture
def section(qtbot, tmp_path):
    keystore = MemoryKeyStore()
    widget = SharedLedgerSection(keystore, store=InstallationStore(tmp_path / "shop.json"))
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        pass  # (its reload runs on the loop, which turns only inside the wait)
    with shown(qtbot, widget, 700, 400):
        yield widget


def press_test(qtbot, section, url: str, password: str = "") -> str:
    section.ledger_url.setText(url)
    section.ledger_password.setText(password)
    qtbot.mouseClick(section.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.result_label.property("outcome") not in ("", "checking"), timeout=20_000)
    outcome = section.result_label.property("outcome")
    section.result_label.setProperty("outcome", "")
    return outcome


@pytest.fixture
def password_role(pg_url):
    name = f"md_pw_{uuid.uuid4().hex[:8]}"
    admin_execute("DO $$ BEGIN CREATE ROLE md_pw NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    admin_execute(f"CREATE ROLE {name} LOGIN PASSWORD 'open sesame' IN ROLE md_pw")
    try:
        yield name
    finally:
        admin_execute(f"DROP OWNED BY {name}", database=database_of(pg_url))
        admin_execute(f"DROP ROLE IF EXISTS {name}")


def test_the_test_button_says_what_is_wrong(qtbot, section, pg_url, password_role, tmp_path):
    (tmp_path / "nothing").mkdir()
    assert press_test(qtbot, section, f"postgresql://me@/shop?host={tmp_path / 'nothing'}") == "no_server"
    assert "No database server answers" in section.result_label.text()

    as_role = with_database(pg_url, database_of(pg_url), user=password_role)
    assert press_test(qtbot, section, as_role, "wrong") == "wrong_password"
    assert "refused the user name or password" in section.result_label.text()

    assert press_test(qtbot, section, as_role, "open sesame") == "no_permission"  # may not create tables
    assert "no permission" in section.result_label.text()

    assert press_test(qtbot, section, pg_url) == "ok"
    assert "empty" in section.result_label.text()
    Ledger.open(pg_url).close()
    assert press_test(qtbot, section, pg_url) == "ok"
    assert "ready" in section.result_label.text()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE ledger_schema SET version = version + 1")
    assert press_test(qtbot, section, pg_url) == "schema_too_new"
    assert "newer Merchant Desk" in section.result_label.text()


def test_a_password_in_the_address_is_refused_next_to_the_field(qtbot, section):
    section.ledger_url.setText("postgresql://till:secret@db.shop.lan/shop")
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(section.ledger_url.property("error")), timeout=5_000)
    assert "Password field" in section.ledger_url.property("error")
    assert not section.store.path.exists()


def test_save_keeps_the_address_and_puts_the_password_in_the_keyring(qtbot, section):
    url = "postgresql://till@db.shop.lan/shop"
    section.till_name.setText("Front till")
    section.ledger_url.setText(url)
    section.ledger_password.setText("open sesame")
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.result_label.property("outcome") == "saved", timeout=5_000)
    saved = section.store.load()
    assert (saved.till, saved.ledger_url) == ("Front till", url)
    assert "open sesame" not in section.store.path.read_text()
    assert section.keystore.secrets == {keyring_name(url): "open sesame"}
    assert section.ledger_password.text() == ""
