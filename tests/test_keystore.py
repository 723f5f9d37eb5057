"""merchant_desk.keystore: keys in the OS keyring, off the calling thread, never in plaintext.

Tests marked ``keyring`` talk to the REAL Secret Service. They run where the suite runs inside a private
D-Bus session with an unlocked gnome-keyring (``scripts/run-tests`` sets MERCHANT_DESK_IN_DBUS; CI sets
CI), and there they insist on the SecretService backend, so a missing daemon fails loudly instead of
quietly testing nothing. Elsewhere they are skipped, never run against a developer's own keyring.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
import traceback
import uuid
from pathlib import Path

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.compat import properties

from merchant_desk import keystore
from merchant_desk.keystore import KeyringStatus, KeyringUnavailableError, KeyStore

ROOT = Path(__file__).resolve().parent.parent
IN_DBUS = bool(os.environ.get("CI") or os.environ.get("MERCHANT_DESK_IN_DBUS"))
needs_real_keyring = pytest.mark.skipif(
    not IN_DBUS,
    reason="needs the real Secret Service: run inside scripts/run-tests (dbus-run-session + gnome-keyring, "
    "sets MERCHANT_DESK_IN_DBUS=1) or with CI set",
)


def make_key(tail: str = "a") -> str:
    return "sk_test_" + tail * 24


@pytest.fixture(autouse=True)
def restore_keyring_backend():
    original = keyring.get_keyring()
    yield
    keyring.set_keyring(original)


# --- fake backends -----------------------------------------------------------------------------------


class FakeBackend(KeyringBackend):
    """Base of the test doubles. keyring registers every KeyringBackend subclass as a candidate for
    auto-detection; a priority that raises makes these non-viable, so detection never picks one."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("test double, never auto-detected")


class MemoryBackend(FakeBackend):

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}
        self.threads: set[str] = set()

    def get_password(self, service, username):
        self.threads.add(threading.current_thread().name)
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.threads.add(threading.current_thread().name)
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        if self.store.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("No such password!")


class LockedBackend(FakeBackend):
    def get_password(self, service, username, *password):
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    set_password = delete_password = get_password


class SlowBackend(FakeBackend):
    """Hangs like a Secret Service waiting for an unlock prompt nobody answers."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def get_password(self, service, username, *password):
        self.release.wait(30)

    set_password = delete_password = get_password


class LeakyBackend(FakeBackend):
    """A backend whose errors quote what it was given."""

    def set_password(self, service, username, password):
        raise keyring.errors.PasswordSetError(f"cannot store {password!r} for {username}")

    def get_password(self, service, username):
        raise keyring.errors.InitError("Failed to create the collection: org.freedesktop.DBus.Error.NoReply.")

    def delete_password(self, service, username):
        raise RuntimeError("boom")


class PlaintextKeyring(MemoryBackend):
    """Stands in for keyrings.alt.file.PlaintextKeyring (not installed here, on purpose)."""


PlaintextKeyring.__module__ = "keyrings.alt.file"


class EncryptedKeyring(MemoryBackend):
    pass


EncryptedKeyring.__module__ = "keyrings.alt.file"


# --- behaviour with fake backends --------------------------------------------------------------------


@pytest.mark.asyncio
async def test_round_trip_one_entry_per_profile_off_the_calling_thread():
    backend = MemoryBackend()
    keyring.set_keyring(backend)
    store = KeyStore()
    assert store.service == "merchant-desk" and store.timeout == 5.0
    await store.set_secret("Shop A", make_key("a"))
    await store.set_secret("Shop B", make_key("b"))
    assert backend.store == {("merchant-desk", "Shop A"): make_key("a"), ("merchant-desk", "Shop B"): make_key("b")}
    assert await store.get_secret("Shop A") == make_key("a")
    assert await store.get_secret("nobody") is None
    await store.delete_secret("Shop A")
    assert await store.get_secret("Shop A") is None
    assert await store.get_secret("Shop B") == make_key("b")
    await store.delete_secret("Shop A")  # already gone: fine
    assert threading.current_thread().name not in backend.threads
    assert backend.threads == {"merchant-desk-keyring"}
    status = await store.status()
    assert status == KeyringStatus(True, f"{__name__}.MemoryBackend", status.message) and status.ok


@pytest.mark.asyncio
async def test_no_backend_explains_what_is_missing(monkeypatch):
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
    store = KeyStore()
    with pytest.raises(KeyringUnavailableError) as caught:
        await store.set_secret("Shop", make_key())
    assert caught.value.message == keystore.NO_SECRET_SERVICE
    assert "apt install gnome-keyring" in str(caught.value) and "keyrings.alt" not in str(caught.value)
    with pytest.raises(KeyringUnavailableError):
        await store.get_secret("Shop")
    with pytest.raises(KeyringUnavailableError):
        await store.delete_secret("Shop")
    status = await store.status()
    assert status == KeyringStatus(False, "keyring.backends.fail.Keyring", keystore.NO_SECRET_SERVICE)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="D-Bus is a Linux matter")
@pytest.mark.asyncio
async def test_no_backend_without_a_session_bus_says_so(monkeypatch, tmp_path):
    keyring.set_keyring(fail.Keyring())
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    status = await KeyStore().status()
    assert (status.ok, status.message) == (False, keystore.NO_DBUS)


@pytest.mark.asyncio
async def test_locked_keyring(caplog):
    keyring.set_keyring(LockedBackend())
    store = KeyStore()
    with pytest.raises(KeyringUnavailableError, match="The keyring is locked: unlock it and try again"):
        await store.set_secret("Shop", make_key())
    with pytest.raises(KeyringUnavailableError, match="locked"):
        await store.get_secret("Shop")
    status = await store.status()
    assert (status.ok, status.message) == (False, keystore.LOCKED)
    assert status.backend.endswith("LockedBackend")


@pytest.mark.asyncio
async def test_a_keyring_that_hangs_times_out_without_blocking_the_loop():
    backend = SlowBackend()
    keyring.set_keyring(backend)
    store = KeyStore(timeout=0.3)
    ticks = 0

    async def heartbeat():
        nonlocal ticks
        while True:
            await asyncio.sleep(0.02)
            ticks += 1

    beat = asyncio.create_task(heartbeat())
    try:
        started = time.monotonic()
        with pytest.raises(KeyringUnavailableError, match="did not answer within 0.3 s") as caught:
            await store.set_secret("Shop", make_key())
        assert time.monotonic() - started < 2.0
        assert ticks >= 5  # the event loop kept running while the keyring hung
        assert "unlock" in caught.value.message
        status = await store.status()
        assert not status.ok and "did not answer" in status.message
        assert status.backend.endswith("SlowBackend")
    finally:
        beat.cancel()
        backend.release.set()


@pytest.mark.asyncio
async def test_unsafe_backends_are_refused():
    for backend, words in [
        (PlaintextKeyring(), "without OS protection"),
        (EncryptedKeyring(), "uninstall keyrings.alt"),
        (null.Keyring(), "switched off"),
    ]:
        keyring.set_keyring(backend)
        store = KeyStore()
        with pytest.raises(KeyringUnavailableError, match=words):
            await store.set_secret("Shop", make_key())
        with pytest.raises(KeyringUnavailableError, match=words):
            await store.get_secret("Shop")
        status = await store.status()
        assert not status.ok and words in status.message
        assert status.backend == keystore.backend_name(backend)
        if isinstance(backend, MemoryBackend):
            assert backend.store == {}


@pytest.mark.asyncio
async def test_a_chain_uses_its_first_safe_member_never_a_plaintext_one(monkeypatch):
    plain, safe = PlaintextKeyring(), MemoryBackend()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [plain, safe])
    keyring.set_keyring(chainer.ChainerBackend())
    store = KeyStore()
    await store.set_secret("Shop", make_key())
    assert safe.store and not plain.store
    status = await store.status()
    assert status.ok and status.backend.endswith("MemoryBackend")

    monkeypatch.setattr(chainer.ChainerBackend, "backends", [plain])
    with pytest.raises(KeyringUnavailableError, match="without OS protection"):
        await store.set_secret("Shop", make_key())
    assert not plain.store

    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    assert not (await store.status()).ok


@pytest.mark.asyncio
async def test_the_secret_never_appears_in_errors_reprs_or_logs(caplog):
    caplog.set_level(logging.DEBUG)
    secret = make_key("z")
    keyring.set_keyring(LeakyBackend())
    store = KeyStore()
    with pytest.raises(KeyringUnavailableError) as caught:
        await store.set_secret("Shop", secret)
    error = caught.value
    assert "refused to store" in error.message
    rendered = "".join(traceback.format_exception(error))
    for text in (str(error), repr(error), error.message, rendered, repr(store), caplog.text, str(error.args)):
        assert secret not in text and "zzzzzz" not in text
    with pytest.raises(KeyringUnavailableError, match="could not be opened"):
        await store.get_secret("Shop")
    with pytest.raises(KeyringUnavailableError, match="keyring failed"):
        await store.delete_secret("Shop")

    keyring.set_keyring(MemoryBackend())
    caplog.clear()
    await store.set_secret("Shop", secret)
    assert await store.get_secret("Shop") == secret
    assert secret not in caplog.text and "Shop" in caplog.text


class RaisingBackend(FakeBackend):
    def __init__(self, exc: BaseException) -> None:
        super().__init__()
        self.exc = exc

    def get_password(self, service, username, *password):
        raise self.exc

    set_password = delete_password = get_password


def _dbus_error() -> BaseException:
    from jeepney.low_level import Header, HeaderFields, Message, MessageType
    from jeepney.wrappers import DBusErrorResponse

    header = Header(0, MessageType.error, 0, 1, 0, 0, {HeaderFields.error_name: "org.freedesktop.DBus.Error.NoReply"})
    return DBusErrorResponse(Message(header, ("Did not receive a reply",)))


@pytest.mark.parametrize(
    "make_error, expected",
    [
        (lambda: __import__("secretstorage").exceptions.SecretServiceNotAvailableException("gone"),
         keystore.NO_SECRET_SERVICE),
        (lambda: __import__("secretstorage").exceptions.LockedException("locked"), keystore.LOCKED),
        (_dbus_error, "NoReply"),
        (lambda: keyring.errors.NoKeyringError("install keyrings.alt"), keystore.NO_SECRET_SERVICE),
    ],
    ids=["no-service", "secretstorage-locked", "dbus-error", "no-keyring"],
)
@pytest.mark.asyncio
async def test_dbus_and_secretstorage_errors_become_keyring_unavailable(make_error, expected, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
    keyring.set_keyring(RaisingBackend(make_error()))
    with pytest.raises(KeyringUnavailableError) as caught:
        await KeyStore().get_secret("Shop")
    assert expected in caught.value.message
    assert "keyrings.alt" not in caught.value.message


@pytest.mark.asyncio
async def test_inputs_are_checked_before_touching_the_keyring():
    backend = MemoryBackend()
    keyring.set_keyring(backend)
    store = KeyStore()
    with pytest.raises(ValueError):
        await store.set_secret("", make_key())
    with pytest.raises(ValueError):
        await store.set_secret("Shop", "")
    with pytest.raises(ValueError):
        await store.get_secret("  ")
    assert backend.threads == set()


# --- the real Secret Service -------------------------------------------------------------------------


@pytest.fixture
def real_store():
    return KeyStore(service=f"merchant-desk-test-{uuid.uuid4().hex[:8]}", timeout=10.0)


def _stored_items(service: str) -> list:
    import secretstorage

    connection = secretstorage.dbus_init()
    try:
        collection = secretstorage.get_default_collection(connection)
        return [item.get_attributes() for item in collection.search_items({"service": service})]
    finally:
        connection.close()


@pytest.mark.asyncio
@pytest.mark.keyring
@needs_real_keyring
async def test_real_keyring_is_the_secret_service(real_store):
    configured = await asyncio.to_thread(keyring.get_keyring)
    assert keystore.backend_name(configured) == "keyring.backends.SecretService.Keyring", (
        "the Secret Service is not the keyring in use: is gnome-keyring running in this D-Bus session?")
    status = await real_store.status()
    assert status.backend == "keyring.backends.SecretService.Keyring", status
    assert status.ok, status.message
    assert "Secret Service" in status.message


@pytest.mark.asyncio
@pytest.mark.keyring
@needs_real_keyring
async def test_real_keyring_round_trip_and_removal(real_store):
    assert type(keyring.get_keyring()).__module__ == "keyring.backends.SecretService"
    await real_store.set_secret("Shop A", make_key("a"))
    await real_store.set_secret("Shop B", make_key("b"))
    await real_store.set_secret("Shop A", make_key("c"))  # replaced, not duplicated
    assert await real_store.get_secret("Shop A") == make_key("c")
    assert await real_store.get_secret("Shop B") == make_key("b")
    assert await real_store.get_secret("Shop C") is None
    items = _stored_items(real_store.service)
    assert sorted(item["username"] for item in items) == ["Shop A", "Shop B"]

    await real_store.delete_secret("Shop A")  # removing a profile deletes its entry
    assert await real_store.get_secret("Shop A") is None
    assert [item["username"] for item in _stored_items(real_store.service)] == ["Shop B"]
    await real_store.delete_secret("Shop A")
    await real_store.delete_secret("Shop B")
    assert _stored_items(real_store.service) == []


@pytest.mark.asyncio
@pytest.mark.keyring
@needs_real_keyring
async def test_real_keyring_default_service_name():
    store = KeyStore()
    profile = f"test-profile-{uuid.uuid4().hex[:8]}"
    try:
        await store.set_secret(profile, make_key("d"))
        [item] = [i for i in _stored_items("merchant-desk") if i["username"] == profile]
        assert item["service"] == "merchant-desk"
    finally:
        await store.delete_secret(profile)
    assert await store.get_secret(profile) is None


_LOCKED_CHILD = textwrap.dedent(
    """
    import asyncio, secretstorage
    from merchant_desk.keystore import KeyStore

    async def main():
        store = KeyStore(service="merchant-desk-locked-test", timeout=5.0)
        await store.set_secret("Shop", "sk_test_" + "e" * 24)
        connection = secretstorage.dbus_init()
        secretstorage.get_default_collection(connection).lock()
        status = await store.status()
        print("STATUS", status.ok, status.backend, status.message, sep="|")
        try:
            await store.get_secret("Shop")
        except Exception as exc:
            print("ERROR", type(exc).__name__, exc, sep="|")
        else:
            print("ERROR|none")

    asyncio.run(main())
    """
)


@pytest.mark.keyring
@needs_real_keyring
def test_real_locked_collection_in_a_session_of_its_own(tmp_path):
    """Locking the shared collection would break the other tests, so this gets its own D-Bus session
    and gnome-keyring. With no display the unlock prompt cannot appear, so the collection stays locked."""
    for tool in ("dbus-run-session", "gnome-keyring-daemon"):
        assert shutil.which(tool), f"{tool} is missing: apt install dbus gnome-keyring"
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
    env.update(XDG_RUNTIME_DIR=str(runtime), XDG_DATA_HOME=str(tmp_path / "data"), PYTHONPATH=str(ROOT))
    script = tmp_path / "child.py"
    script.write_text(_LOCKED_CHILD)
    proc = subprocess.run(
        ["dbus-run-session", "--", "bash", "-c",
         'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$0" "$1"',
         sys.executable, str(script)],
        check=False, env=env, cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    lines = dict(line.split("|", 1) for line in proc.stdout.splitlines() if "|" in line)
    assert "STATUS" in lines, proc.stdout + proc.stderr
    assert lines["STATUS"] == f"False|keyring.backends.SecretService.Keyring|{keystore.LOCKED}"
    assert lines["ERROR"] == f"KeyringUnavailableError|{keystore.LOCKED}"
    assert "eeeeee" not in proc.stdout + proc.stderr
