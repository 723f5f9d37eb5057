"""Secret keys in the OS keyring (jaraco keyring): service "merchant-desk", one entry per profile name.

Every keyring call runs in a daemon thread of its own and is awaited with a timeout: a Secret Service
that waits for an unlock prompt, or a D-Bus that never answers, must not freeze the GUI or hold the
process open at exit. Any failure becomes ``KeyringUnavailableError`` with a message that says what is
missing. There is no plaintext fallback: plaintext and no-op backends are refused, and a chain of
backends is narrowed to its first safe member so a locked Secret Service never falls through to a file.

The secret itself never appears in messages, reprs or logs; error texts from the backend are scrubbed
before they are shown.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

log = logging.getLogger(__name__)

T = TypeVar("T")

SERVICE = "merchant-desk"
_PROBE_USER = "merchant-desk-probe"  # read (never written) by status() to see that the keyring answers

NO_SECRET_SERVICE = (
    "No Secret Service is running: install gnome-keyring (Debian: apt install gnome-keyring) or KeePassXC "
    "with Secret Service enabled, and log in to a desktop session."
)
NO_DBUS = (
    "No D-Bus session bus was found, so the keyring cannot be reached: log in to a desktop session "
    "(or start Merchant Desk under dbus-run-session with gnome-keyring running)."
)
NO_SECRETSTORAGE = (
    "The Python package 'secretstorage' is missing, so the Secret Service cannot be used: "
    "reinstall Merchant Desk or run: pip install secretstorage."
)
LOCKED = "The keyring is locked: unlock it and try again."
NULL_BACKEND = (
    "Keyring storage is switched off (the 'null' keyring backend is configured, e.g. by "
    "PYTHON_KEYRING_BACKEND or keyringrc.cfg): remove that setting to store keys."
)
UNSAFE_BACKEND = (
    "The configured keyring backend ({backend}) keeps secrets without OS protection, so Merchant Desk "
    "will not use it: uninstall keyrings.alt or configure the Secret Service, KWallet, macOS Keychain or "
    "Windows Credential Manager."
)


class KeyringUnavailableError(Exception):
    """The OS keyring cannot be used right now; ``message`` says why, in words for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class KeyringStatus:
    ok: bool
    backend: str  # dotted class path of the backend in use, e.g. "keyring.backends.SecretService.Keyring"
    message: str


def backend_name(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _refusal(backend: KeyringBackend) -> str | None:
    """Why ``backend`` must not hold keys, or None if it is fine."""
    if isinstance(backend, fail.Keyring):
        return _missing_backend_message()
    if isinstance(backend, null.Keyring):
        return NULL_BACKEND
    cls = type(backend)
    # keyrings.alt holds plaintext and weakly protected files (and its EncryptedKeyring prompts on stdin).
    if cls.__module__.startswith("keyrings.alt") or "plaintext" in cls.__name__.lower():
        return UNSAFE_BACKEND.format(backend=backend_name(backend))
    return None


def _missing_backend_message() -> str:
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        try:
            import secretstorage  # noqa: F401
        except ImportError:
            return NO_SECRETSTORAGE
        bus = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
        runtime = os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
        if not bus and not os.path.exists(os.path.join(runtime, "bus")):
            return NO_DBUS
        return NO_SECRET_SERVICE
    return "No usable keyring was found on this system, so keys cannot be stored."


def _usable_backend() -> KeyringBackend:
    """The backend keys go to; raises ``KeyringUnavailableError`` if there is none we accept."""
    backend = keyring.get_keyring()
    if isinstance(backend, chainer.ChainerBackend):
        # A chain tries its members in turn, so a locked Secret Service would fall through to whatever
        # comes next (possibly a plaintext file). Use only the best member we accept.
        members = list(backend.backends)
        safe = [member for member in members if _refusal(member) is None]
        if safe:
            return cast(KeyringBackend, safe[0])
        backend = members[0] if members else fail.Keyring()  # type: ignore[no-untyped-call]
    reason = _refusal(backend)
    if reason is not None:
        raise KeyringUnavailableError(reason)
    return backend


_KEY_LIKE = re.compile(r"\b([sprw]k|whsec)_[A-Za-z0-9_]{6,}")


def _scrub(text: str, secret: str | None) -> str:
    if secret:
        text = text.replace(secret, "***")
    text = _KEY_LIKE.sub("***", text)
    return text if len(text) <= 200 else text[:197] + "..."


def _explain(exc: BaseException, secret: str | None) -> str:
    """Plain words for a failed keyring call; the backend's own text only after scrubbing."""
    if isinstance(exc, KeyringUnavailableError):
        return exc.message
    if isinstance(exc, keyring.errors.KeyringLocked):
        return LOCKED
    if isinstance(exc, keyring.errors.NoKeyringError):
        return _missing_backend_message()
    detail = _scrub(str(exc) or type(exc).__name__, secret)
    if isinstance(exc, keyring.errors.InitError):
        return (
            f"The keyring could not be opened ({detail}). Check that the Secret Service "
            "(gnome-keyring or KeePassXC) is running and has a default collection."
        )
    if isinstance(exc, keyring.errors.PasswordSetError):
        return f"The keyring refused to store the key ({detail})."
    module = type(exc).__module__ or ""
    if module.startswith(("secretstorage", "jeepney", "dbus")):
        if "locked" in type(exc).__name__.lower():
            return LOCKED
        return f"The keyring service did not work ({type(exc).__name__}: {detail}). {NO_SECRET_SERVICE}"
    return f"The keyring failed ({type(exc).__name__}: {detail})."


def _check_profile(profile: str) -> None:
    if not isinstance(profile, str) or not profile.strip():
        raise ValueError("A profile needs a name before its key can be stored.")


class KeyStore:
    def __init__(self, service: str = SERVICE, timeout: float = 5.0) -> None:
        self.service = service
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"KeyStore(service={self.service!r}, timeout={self.timeout!r})"

    async def set_secret(self, profile: str, secret: str) -> None:
        _check_profile(profile)
        if not isinstance(secret, str) or not secret:
            raise ValueError("The key is empty.")

        def work() -> None:
            backend = _usable_backend()
            backend.set_password(self.service, profile, secret)
            log.info("stored the key of profile %r in %s", profile, backend_name(backend))

        await self._run(work, secret)

    async def get_secret(self, profile: str) -> str | None:
        """The profile's key, or None if none is stored."""
        _check_profile(profile)
        return await self._run(lambda: _usable_backend().get_password(self.service, profile), None)

    async def delete_secret(self, profile: str) -> None:
        """Remove the profile's key; removing a key that is not there is not an error."""
        _check_profile(profile)

        def work() -> None:
            backend = _usable_backend()
            try:
                backend.delete_password(self.service, profile)
            except keyring.errors.PasswordDeleteError:
                # Backends report "no such password" this way; only a key still present is a failure.
                if backend.get_password(self.service, profile) is not None:
                    raise
                return
            log.info("deleted the key of profile %r from %s", profile, backend_name(backend))

        await self._run(work, None)

    async def status(self) -> KeyringStatus:
        """Whether keys can be stored, with the backend in use and a sentence for the user. Never raises."""
        seen: dict[str, str] = {}

        def probe() -> KeyringStatus:
            configured = keyring.get_keyring()
            seen["backend"] = backend_name(configured)
            backend = _usable_backend()
            seen["backend"] = backend_name(backend)
            backend.get_password(self.service, _PROBE_USER)
            log.info("Keyring in use: %s", seen["backend"])  # for support requests
            return KeyringStatus(True, seen["backend"], f"Keys are kept in {_describe(backend)}.")

        try:
            return await self._run(probe, None, quiet=True)
        except KeyringUnavailableError as exc:
            return KeyringStatus(False, seen.get("backend", "unknown"), exc.message)

    async def _run(self, work: Callable[[], T], secret: str | None, *, quiet: bool = False) -> T:
        """Run ``work`` in a daemon thread; its failures and a timeout become KeyringUnavailableError.

        ``quiet`` logs a failure at INFO instead of WARNING: a status probe on a machine without a
        keyring is an expected answer (the UI says it), not something to print at every start.
        """
        level = logging.INFO if quiet else logging.WARNING
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()

        def deliver(setter: Callable[[Any], None], value: Any) -> None:
            if not future.done():
                setter(value)

        def thread_main() -> None:
            try:
                result = work()
            except BaseException as exc:  # noqa: BLE001 - every failure is reported, in safe words
                message = _explain(exc, secret)
                log.log(level, "keyring call failed: %s", message)
                outcome: tuple[Callable[[Any], None], Any] = (future.set_exception, KeyringUnavailableError(message))
            else:
                outcome = (future.set_result, result)
            try:
                loop.call_soon_threadsafe(deliver, *outcome)
            except RuntimeError:  # the loop closed while we waited on the keyring: nobody is listening
                pass

        # A daemon thread per call rather than a pool: a call stuck on D-Bus is abandoned at the timeout
        # and never blocks interpreter exit or the calls that follow.
        threading.Thread(target=thread_main, name="merchant-desk-keyring", daemon=True).start()
        try:
            return await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            message = (
                f"The keyring did not answer within {self.timeout:g} s: it may be waiting for you to unlock "
                "it (look for a password prompt), or its service is not responding."
            )
            log.log(level, "keyring call timed out after %s s", self.timeout)
            raise KeyringUnavailableError(message) from None


def _describe(backend: KeyringBackend) -> str:
    module = type(backend).__module__
    if module.endswith(("SecretService", "libsecret")):
        return "the Secret Service (GNOME Keyring, KWallet or KeePassXC)"
    if module.endswith("kwallet"):
        return "KWallet"
    if "macOS" in module:
        return "the macOS Keychain"
    if module.endswith("Windows"):
        return "Windows Credential Manager"
    return f"the {getattr(backend, 'name', backend_name(backend))} keyring"
