"""Stand-ins for GUI tests that must not touch the real keyring."""

from __future__ import annotations

from merchant_desk.keystore import KeyringStatus, KeyringUnavailableError


class MemoryKeyStore:
    """KeyStore's interface over a dict; ``unavailable`` makes every call fail like a missing keyring."""

    def __init__(self, unavailable: str | None = None) -> None:
        self.secrets: dict[str, str] = {}
        self.unavailable = unavailable

    def _check(self) -> None:
        if self.unavailable:
            raise KeyringUnavailableError(self.unavailable)

    async def set_secret(self, profile: str, secret: str) -> None:
        self._check()
        self.secrets[profile] = secret

    async def get_secret(self, profile: str) -> str | None:
        self._check()
        return self.secrets.get(profile)

    async def delete_secret(self, profile: str) -> None:
        self._check()
        self.secrets.pop(profile, None)

    async def status(self) -> KeyringStatus:
        if self.unavailable:
            return KeyringStatus(False, "keyring.backends.fail.Keyring", self.unavailable)
        return KeyringStatus(True, "memory", "Keys are kept in memory (test).")
