"""Settings: profiles with keys in the keyring, validation at the field, test connection in plain words."""

from __future__ import annotations

import json
import os
import uuid

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton

from merchant_desk.profiles import Profile, ProfileStore
from merchant_desk.ui.settings.settings_page import SettingsPage
from merchant_desk.wooshpay.keys import validate_publishable_key, validate_secret_key
from tests.app.fakes import MemoryKeyStore
from tests.qt_support import run_async
from tests.ui.helpers import make_context

IN_DBUS = bool(os.environ.get("CI") or os.environ.get("MERCHANT_DESK_IN_DBUS"))
TEST_SK = "sk_test_" + "t" * 28
LIVE_SK = "sk_live_" + "l" * 28
TEST_PK = "pk_test_" + "p" * 28
LIVE_PK = "pk_live_" + "q" * 28


@pytest.fixture
def store(tmp_path):
    return ProfileStore(tmp_path / "profiles.json")


@pytest.fixture
def make_page(qtbot, store, sandbox):
    pages = []

    def factory(keystore=None, ctx=None):
        page = SettingsPage(
            ctx if ctx is not None else make_context(sandbox),
            profiles=store,
            keystore=keystore if keystore is not None else MemoryKeyStore(),
        )
        qtbot.addWidget(page)
        page.show()
        pages.append(page)
        qtbot.waitUntil(lambda: page.profile_list.count() >= 1)
        return page

    yield factory
    for page in pages:
        page.shutdown()
        run_async(page.ctx.client.aclose())


def error_of(page, name: str) -> str:
    field = page.findChild(QLineEdit, name)
    return field.property("error") or ""


def label_of(page, name: str) -> QLabel:
    return page.findChild(QLabel, name + "Error")


def fill(page, name="Shop", secret=TEST_SK, publishable="", base_url=""):
    page.profile_name.setText(name)
    page.secret_key.setText(secret)
    page.publishable_key.setText(publishable)
    page.base_url.setText(base_url)


def test_fields_have_contract_names_and_the_key_is_hidden(make_page):
    page = make_page()
    assert page.objectName() == "settingsPage"
    for name in ("profileName", "secretKey", "publishableKey", "baseUrl", "saveProfileButton",
                 "testConnectionButton"):
        widget = page.findChild(QLineEdit, name) or page.findChild(QLabel, name) or page.findChild(QPushButton, name)
        assert widget.objectName() == name and widget.accessibleName()
    assert page.secret_key.echoMode() == QLineEdit.EchoMode.Password


@pytest.mark.parametrize("bad", ["hello", "pk_test_" + "a" * 24, "sk_prod_" + "a" * 24, "sk_test_"])
def test_a_bad_secret_key_is_refused_at_the_field(make_page, store, bad):
    page = make_page()
    fill(page, secret=bad)
    page.save_profile_button.click()
    expected = validate_secret_key(bad)
    assert expected
    assert error_of(page, "secretKey") == expected
    label = label_of(page, "secretKey")
    assert label.isVisible() and label.text() == expected
    assert store.list() == []


def test_a_bad_publishable_key_and_mismatched_modes(make_page):
    page = make_page()
    fill(page, publishable="hello")
    page.validate()
    assert error_of(page, "publishableKey") == validate_publishable_key("hello")
    fill(page, secret=TEST_SK, publishable=LIVE_PK)
    page.validate()
    assert "both must be test keys or both live" in error_of(page, "publishableKey")
    assert not error_of(page, "secretKey")


def test_a_live_key_needs_https(make_page):
    page = make_page()
    fill(page, secret=LIVE_SK, publishable=LIVE_PK, base_url="http://api.example.test")
    page.validate()
    assert "https" in error_of(page, "baseUrl")
    page.base_url.setText("https://api.example.test")
    assert error_of(page, "baseUrl") == ""  # the message goes as soon as the input is fixed
    assert not label_of(page, "baseUrl").isVisible()


def test_name_and_key_are_required(make_page):
    page = make_page()
    fill(page, name="", secret="")
    problems = page.validate()
    assert set(problems) == {"profileName", "secretKey"}
    fill(page, base_url="not a url")
    assert "baseUrl" in page.validate()


def test_save_puts_the_key_in_the_keystore_only(make_page, store, qtbot):
    keystore = MemoryKeyStore()
    page = make_page(keystore)
    fill(page, publishable=TEST_PK)
    page.save_profile_button.click()
    qtbot.waitUntil(lambda: store.get("Shop") is not None)
    qtbot.waitUntil(lambda: "Saved" in page.status_message.text())
    assert keystore.secrets == {"Shop": TEST_SK}
    assert page.secret_key.text() == ""
    assert TEST_SK not in store.path.read_text()
    assert json.loads(store.path.read_text())["profiles"][0]["mode"] == "test"
    # "Saved" shows before the list is reloaded: wait for the list itself.
    qtbot.waitUntil(lambda: page.profile_list.count() >= 2)
    texts = [page.profile_list.item(i).text() for i in range(page.profile_list.count())]
    assert any("Shop" in t and "pk_test_…pppp" in t for t in texts), texts
    assert not any(TEST_PK in t for t in texts)
    # Editing shows the stored key masked, never in full.
    qtbot.waitUntil(lambda: "sk_test_…tttt" in page.secret_key.placeholderText())


def test_edit_and_rename_move_the_key(make_page, store, qtbot):
    keystore = MemoryKeyStore()
    page = make_page(keystore)
    fill(page)
    assert run_async(page.save_profile())
    page.select_profile("Shop")
    qtbot.waitUntil(lambda: page.profile_name.text() == "Shop")
    page.profile_name.setText("Shop 2")
    assert run_async(page.save_profile())  # no new key typed: the stored one moves with the name
    assert keystore.secrets == {"Shop 2": TEST_SK}
    assert [p.name for p in store.list()] == ["Shop 2"]


def test_without_a_keyring_nothing_is_saved(make_page, store, qtbot):
    message = "No Secret Service is running: install gnome-keyring."
    page = make_page(MemoryKeyStore(unavailable=message))
    qtbot.waitUntil(lambda: page.keyring_message.isVisible())  # said up front, before any attempt
    fill(page)
    assert run_async(page.save_profile()) is False
    assert message in page.keyring_message.text()
    assert "Not saved" in page.status_message.text()
    assert store.list() == []


def test_remove_deletes_the_keyring_entry_after_confirmation(make_page, store, qtbot):
    keystore = MemoryKeyStore()
    page = make_page(keystore)
    fill(page)
    assert run_async(page.save_profile())
    page.select_profile("Shop")
    page.remove_profile_button.click()
    box = page.findChild(QMessageBox, "confirmRemoveBox")
    qtbot.waitUntil(lambda: box.isVisible())
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: store.list() == [])
    assert keystore.secrets == {}


def test_test_connection_ok_against_the_sandbox(make_page, sandbox, qtbot):
    page = make_page()
    fill(page, secret=sandbox.secret_key, base_url=sandbox.base_url)
    result = run_async(page.test_connection())
    assert result is not None and result.ok
    assert page.connection_result.text() == "OK — test mode account"
    assert page.connection_result.property("state") == "online"


def test_test_connection_with_a_wrong_key(make_page, sandbox, qtbot):
    page = make_page()
    fill(page, secret="sk_test_" + "w" * 28, base_url=sandbox.base_url)
    page.test_connection_button.click()
    qtbot.waitUntil(lambda: page.connection_result.property("state") == "wrong_key", timeout=10_000)
    assert "Wrong key" in page.connection_result.text() and "401" in page.connection_result.text()


def test_test_connection_with_no_server(make_page, qtbot):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    page = make_page()
    fill(page, base_url=f"http://127.0.0.1:{port}")
    result = run_async(page.test_connection())
    assert result.state == "offline"
    assert page.connection_result.text().startswith("No network")


def test_test_connection_uses_the_stored_key_of_the_selected_profile(make_page, store, sandbox, qtbot):
    keystore = MemoryKeyStore()
    keystore.secrets["Local"] = sandbox.secret_key
    store.save(Profile("Local", base_url=sandbox.base_url, mode="test"))
    page = make_page(keystore)
    qtbot.waitUntil(lambda: page.select_profile("Local"))
    qtbot.waitUntil(lambda: page.profile_name.text() == "Local")
    result = run_async(page.test_connection())
    assert result is not None and result.ok


def test_sandbox_lan_setting_is_remembered(make_page):
    page = make_page()
    page.sandbox_lan_check.setChecked(True)
    assert make_page().sandbox_lan_check.isChecked()


# ---- the real Secret Service ------------------------------------------------------------------------
real_keyring = [
    pytest.mark.keyring,
    pytest.mark.skipif(not IN_DBUS, reason="needs the real Secret Service (scripts/run-tests or CI)"),
]


@pytest.mark.parametrize("_", [None], ids=["secret-service"])
@real_keyring[0]
@real_keyring[1]
def test_save_and_remove_with_the_real_keyring(make_page, store, qtbot, _):
    import keyring

    from merchant_desk.keystore import KeyStore

    assert type(keyring.get_keyring()).__module__.endswith("SecretService")
    service = "merchant-desk-test-" + uuid.uuid4().hex[:8]
    page = make_page(KeyStore(service=service))
    fill(page, name="Real")
    assert run_async(page.save_profile())
    assert keyring.get_password(service, "Real") == TEST_SK
    assert run_async(page.remove_profile("Real"))
    assert keyring.get_password(service, "Real") is None
    assert store.list() == []


# ---- failure wording, keyring texts, consistency of a failed save -------------------------------------
def _listening_socket():
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    return sock


def test_test_connection_tls_failure(make_page, sandbox):
    # https:// to a server that speaks plain http: the TLS handshake fails.
    page = make_page()
    fill(page, base_url=sandbox.base_url.replace("http://", "https://"))
    result = run_async(page.test_connection())
    assert result is not None and result.state == "tls_error"
    assert page.connection_result.text().startswith("TLS failure"), page.connection_result.text()


def test_test_connection_timeout(make_page):
    # A server that accepts the connection and never answers.
    sock = _listening_socket()
    try:
        page = make_page()
        page.test_timeout = 0.3
        fill(page, base_url=f"http://127.0.0.1:{sock.getsockname()[1]}")
        result = run_async(page.test_connection())
    finally:
        sock.close()
    assert result is not None and result.state == "offline"
    assert page.connection_result.text().startswith("Timed out"), page.connection_result.text()


def test_keyring_sentences_are_translatable_copies_of_the_keystore_texts(make_page):
    from merchant_desk import keystore
    from merchant_desk.ui.settings.profile_editor import keyring_words

    make_page()
    for text in (keystore.NO_SECRET_SERVICE, keystore.NO_DBUS, keystore.NO_SECRETSTORAGE, keystore.LOCKED,
                 keystore.NULL_BACKEND):
        assert keyring_words(text) == text  # in English the tr() source must be the same sentence


def test_no_keyring_is_explained_on_the_page_without_a_warning_in_the_log(qtbot, store, sandbox, caplog):
    import logging

    import keyring
    from keyring.backends import fail

    from merchant_desk.keystore import KeyStore

    original = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with caplog.at_level(logging.INFO):
            page = SettingsPage(make_context(sandbox), profiles=store, keystore=KeyStore())
            qtbot.addWidget(page)
            page.show()
            qtbot.waitUntil(lambda: page.keyring_message.isVisible(), timeout=10_000)
        assert "Keys cannot be stored" in page.keyring_message.text()
        assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
        page.shutdown()
        run_async(page.ctx.client.aclose())
    finally:
        keyring.set_keyring(original)


def test_a_rename_that_cannot_be_written_keeps_the_key_under_the_old_name(make_page, store, qtbot, monkeypatch):
    keystore = MemoryKeyStore()
    page = make_page(keystore)
    fill(page)
    assert run_async(page.save_profile())
    page.select_profile("Shop")
    qtbot.waitUntil(lambda: page.profile_name.text() == "Shop")
    page.profile_name.setText("Shop 2")

    def disk_full(*_args, **_kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(store, "save", disk_full)
    assert run_async(page.save_profile()) is False
    assert "No space left" in page.status_message.text()
    assert keystore.secrets == {"Shop": TEST_SK}
    assert [p.name for p in store.list()] == ["Shop"]


def test_a_new_profile_that_cannot_be_written_leaves_no_key_behind(make_page, store, monkeypatch):
    keystore = MemoryKeyStore()
    page = make_page(keystore)
    fill(page)
    monkeypatch.setattr(store, "save", lambda *_a, **_k: (_ for _ in ()).throw(OSError("read-only")))
    assert run_async(page.save_profile()) is False
    assert keystore.secrets == {}
