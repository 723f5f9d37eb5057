"""Stored accounts: a profile (settings file) and its secret key (OS keyring) saved, renamed and removed as
one transaction, and trying a key before it is saved."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from merchant_desk.keystore import KeyringUnavailableError, KeyStore
from merchant_desk.profiles import Profile, ProfileError, ProfileStore
from merchant_desk.services import api_probe
from merchant_desk.services.urls import base_url_for
from merchant_desk.wooshpay import Client, WooshPayError
from merchant_desk.wooshpay import keys as wp_keys

log = logging.getLogger(__name__)


class AccountRefused(Exception):
    """The change was not made (and nothing was left half-made). ``code``: ``name_taken``, ``keyring`` (the
    keyring could not be reached; ``detail`` is the keystore's message), ``profile_file`` (``detail``)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


class AccountStore:
    def __init__(self, profiles: ProfileStore, keystore: KeyStore) -> None:
        self.profiles = profiles
        self.keystore = keystore

    async def list(self) -> list[Profile]:
        return await asyncio.to_thread(self.profiles.list)

    async def get(self, name: str) -> Profile | None:
        return await asyncio.to_thread(self.profiles.get, name)

    async def secret(self, name: str) -> str | None:
        """The stored key; raises ``AccountRefused("keyring")`` when the keyring cannot be reached."""
        try:
            return await self.keystore.get_secret(name)
        except KeyringUnavailableError as exc:
            raise AccountRefused("keyring", str(exc)) from exc

    async def save(self, profile: Profile, secret: str | None, *, old_name: str | None = None) -> None:
        """Save ``profile`` with ``secret`` (None keeps the stored key), renaming ``old_name``.

        Key first, profile second, the old entry last: a failure at any step leaves the profile file and the
        keyring agreeing with each other (no profile without its key, no orphaned key).
        """
        name = profile.name
        existing = await asyncio.to_thread(self.profiles.get, name)
        if existing is not None and name != old_name:
            raise AccountRefused("name_taken")
        renamed = old_name is not None and old_name != name
        try:
            previous = await self.keystore.get_secret(name) if secret and not renamed and old_name else None
            key = secret or (await self.keystore.get_secret(old_name) if renamed and old_name else None)
            if key:
                await self.keystore.set_secret(name, key)
        except KeyringUnavailableError as exc:
            raise AccountRefused("keyring", str(exc)) from exc
        try:
            await asyncio.to_thread(self.profiles.save, profile, old_name=old_name)
        except (ProfileError, OSError) as exc:
            await self._undo_key(name, key, previous)
            raise AccountRefused("profile_file", str(exc)) from exc
        if renamed and old_name:
            try:
                await self.keystore.delete_secret(old_name)
            except KeyringUnavailableError as exc:
                log.warning("The key of the renamed profile %r stays in the keyring: %s", old_name, exc)
        log.info("Saved profile %r (%s mode%s)", name, profile.mode,
                 f", key {wp_keys.mask_key(secret)}" if secret else "")

    async def _undo_key(self, name: str, written: str | None, previous: str | None) -> None:
        """Put the keyring back as it was before a save whose profile could not be written."""
        if not written:
            return
        try:
            if previous:
                await self.keystore.set_secret(name, previous)
            else:
                await self.keystore.delete_secret(name)
        except KeyringUnavailableError as exc:
            log.warning("Could not undo the key stored for %r: %s", name, exc)

    async def remove(self, name: str) -> None:
        """Delete the key, then the profile: keeping the profile is better than an orphaned key."""
        try:
            await self.keystore.delete_secret(name)
        except KeyringUnavailableError as exc:
            raise AccountRefused("keyring", str(exc)) from exc
        await asyncio.to_thread(self.profiles.remove, name)
        log.info("Removed profile %r and its keyring entry", name)


@dataclass(frozen=True)
class KeyTrial:
    base_url: str  # the address tried
    failure: Exception | None  # None when key and network work (``problems.classify`` names a failure's kind)
    probe: api_probe.ProbeReport | None = None  # what the server confirms of the app's API assumptions


async def try_key(secret: str, base_url: str | None, *, timeout: float) -> KeyTrial:
    """One cheap call with ``secret`` (not stored), then, when it works, the read-only API checks
    (``api_probe``); checks that cannot finish are logged and left out, never a connection failure."""
    url = base_url or base_url_for(wp_keys.key_mode(secret))
    try:
        async with Client(secret, base_url=url, timeout=timeout, max_attempts=1) as client:
            await client.payment_intents.list(limit=1)
            try:
                report: api_probe.ProbeReport | None = await api_probe.probe(client)
            except Exception:  # noqa: BLE001 - a failed check must not turn a working connection into an error
                log.warning("API checks against the server failed", exc_info=True)
                report = None
    except (WooshPayError, TimeoutError, ValueError) as exc:  # ValueError: a client that cannot be built
        return KeyTrial(url, exc)
    return KeyTrial(url, None, report)
