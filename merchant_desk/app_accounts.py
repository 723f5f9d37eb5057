"""The composition root's account opener: which account and which ledger a start opens, opens accounts for
the main window (a stored profile with its key from the keyring, or the embedded sandbox) and owns what they
share, the ledger and the sandbox server.

Imported on a worker thread with the rest of what an account needs (``merchant_desk.app``): it may import
the client, the keystore and the sandbox at the top.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from pathlib import Path
from typing import Any

from merchant_desk import paths
from merchant_desk.command_line import LaunchError
from merchant_desk.keystore import KeyringUnavailableError, KeyStore
from merchant_desk.ledger import Ledger
from merchant_desk.profiles import Profile, ProfileStore
from merchant_desk.services.context import AccountContext
from merchant_desk.services.urls import base_url_for, is_loopback_url
from merchant_desk.wooshpay import Client
from merchant_desk.wooshpay import keys as wp_keys

log = logging.getLogger("merchant_desk.app")

SANDBOX_DB = "sandbox.db"


def lan_ipv4() -> str:
    """This machine's address on its LAN: the source address of the default route.

    ``connect`` on a UDP socket only picks a route; no packet is sent. 192.0.2.1 is TEST-NET-1.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def free_port(host: str = "0.0.0.0") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def start_app_sandbox(*, lan: bool = False, db: Path | str | None = None) -> Any:
    """Start the embedded sandbox (blocking until it answers: call it off the GUI thread)."""
    from merchant_desk.sandbox import start_sandbox

    database = str(db if db is not None else paths.data_dir() / SANDBOX_DB)
    if lan:
        # The public URL goes into cashier links and QR codes, so it must name the LAN address and the
        # port before the server starts; hence a port chosen here rather than by the server.
        port = free_port("0.0.0.0")
        return start_sandbox(
            host="0.0.0.0", port=port, public_url=f"http://{lan_ipv4()}:{port}", db=database
        )
    return start_sandbox(db=database)


def build_context(
    *,
    base_url: str,
    secret_key: str,
    ledger: Ledger,
    name: str | None = None,
    mode: str | None = None,
    sandbox_public_url: str | None = None,
) -> AccountContext:
    if mode is None:
        mode = "sandbox" if is_loopback_url(base_url) else wp_keys.key_mode(secret_key)
    if name is None:
        name = "Sandbox" if mode == "sandbox" else "Account"
    client = Client(secret_key, base_url=base_url)
    return AccountContext(
        name=name,
        mode=mode,
        base_url=base_url,
        client=client,
        ledger=ledger,
        sandbox_public_url=sandbox_public_url if mode == "sandbox" else None,
    )


async def ledger_options(flag: str | None, keystore: KeyStore) -> dict[str, Any]:
    """Which ledger to open (``--ledger``, else Settings → Shared ledger, else the local file), its
    password from the keyring, and this till's name: keyword arguments for ``open_main_window``."""
    from merchant_desk.ledger import LedgerError, is_postgres_url, keyring_name, url_password
    from merchant_desk.services.shop.installation import InstallationStore, probe_message

    installation = await asyncio.to_thread(InstallationStore().load)
    location = flag or installation.ledger_url
    options: dict[str, Any] = {"till": installation.till}
    if not location:
        return options
    if is_postgres_url(location):
        if url_password(location) is not None:
            raise LaunchError("merchant-desk: --ledger must not contain a password; store it in Settings → "
                              "Shared ledger (it is kept in the keyring)")
        try:
            options["ledger_password"] = await keystore.get_secret(keyring_name(location))
        except KeyringUnavailableError as exc:
            log.warning("no password for the shared ledger: %s", exc.message)
        try:
            await asyncio.to_thread(Ledger.probe, location, password=options.get("ledger_password"))
        except LedgerError as exc:
            raise LaunchError(f"merchant-desk: the shared ledger cannot be used: {probe_message(exc)}") from None
    options["ledger_path"] = location
    return options



async def stored_account(
    profiles: ProfileStore, keystore: KeyStore, name: str | None
) -> tuple[Profile | None, str | None, str | None]:
    """The account to open at start-up (``--profile NAME``, else the one last used), its key, and why the
    keyring could not give the key (None when it could): ``(profile, secret, keyring_problem)``."""
    if name:
        profile = await asyncio.to_thread(profiles.get, name)
        if profile is None:
            names = ", ".join(p.name for p in await asyncio.to_thread(profiles.list)) or "none stored"
            raise LaunchError(f"merchant-desk: no account named {name!r} (accounts: {names})")
    else:
        profile = await asyncio.to_thread(profiles.active)
    if profile is None:
        return None, None, None
    try:
        return profile, await keystore.get_secret(profile.name), None
    except KeyringUnavailableError as exc:
        return profile, None, exc.message


class AppAccounts:
    """Opens accounts for the main window (profiles via the keyring, or the sandbox) and owns the
    resources shared between them: the ledger and the sandbox server."""

    def __init__(
        self,
        *,
        ledger: Ledger,
        profiles: ProfileStore,
        keystore: KeyStore,
        sandbox: Any = None,
        sandbox_lan: bool = False,
        own_ledger: bool = True,
    ) -> None:
        self.ledger = ledger
        self.profiles = profiles
        self.keystore = keystore
        self.sandbox = sandbox
        self.sandbox_lan = sandbox_lan
        self._own_ledger = own_ledger

    async def open_profile(self, name: str) -> AccountContext:
        profile = await asyncio.to_thread(self.profiles.get, name)
        if profile is None:
            raise LookupError(f"there is no account named {name!r}")
        secret = await self.keystore.get_secret(name)  # KeyringUnavailableError speaks for itself
        if not secret:
            raise LookupError(f"no secret key is stored for {name!r}; enter it and save")
        mode = wp_keys.key_mode(secret)
        base_url = profile.base_url or base_url_for(mode)
        # Remembered before the client exists, so a failure here leaves no open client behind.
        await asyncio.to_thread(self.profiles.set_active, name)
        return build_context(base_url=base_url, secret_key=secret, ledger=self.ledger, name=name, mode=mode)

    async def open_sandbox(self) -> AccountContext:
        if self.sandbox is None:
            self.sandbox = await asyncio.to_thread(start_app_sandbox, lan=self.sandbox_lan)
        handle = self.sandbox
        return build_context(
            base_url=handle.base_url,
            secret_key=handle.secret_key,
            ledger=self.ledger,
            name="Sandbox",
            mode="sandbox",
            sandbox_public_url=handle.public_url,
        )

    async def release_sandbox(self) -> None:
        """Stop the sandbox while a real account is in use: a LAN sandbox must not stay reachable from the
        network behind the merchant's back. Its database persists; switching back starts it again."""
        handle, self.sandbox = self.sandbox, None
        if handle is not None:
            await asyncio.to_thread(handle.stop)
            log.info("Sandbox stopped (a real account is in use)")

    async def retire(self, old: AccountContext, new: AccountContext) -> None:
        """The window switched from ``old`` to ``new``: close what ``old`` held (its client; the sandbox
        when a real account takes over). The window's pages have finished their own shutdown by now."""
        if old.client is not new.client:
            try:
                await old.client.aclose()
            except Exception:
                log.exception("Closing the previous account's client failed")
        if old.is_sandbox and not new.is_sandbox:
            try:
                await self.release_sandbox()
            except Exception:
                log.exception("Stopping the sandbox failed")

    async def aclose(self, current: AccountContext | None = None) -> None:
        """At quit: close the current account's client, stop the sandbox, close the ledger we opened."""
        if current is not None:
            try:
                await current.client.aclose()
            except Exception:  # quitting goes on; the failure is logged
                log.exception("Closing the API client failed")
        handle, self.sandbox = self.sandbox, None
        if handle is not None:
            await asyncio.to_thread(handle.stop)
        if self._own_ledger:
            await asyncio.to_thread(self.ledger.close)
