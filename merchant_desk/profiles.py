"""Merchant accounts the user has set up: everything about them except the secret key.

Profiles live as JSON in ``paths.config_dir()``. The secret key of a profile lives only in the OS keyring
(``merchant_desk.keystore``); this module refuses to write anything shaped like a secret key, so a mix-up
in a caller cannot put one on disk. File access is synchronous: async callers use ``asyncio.to_thread``.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from merchant_desk import paths
from merchant_desk.redaction import contains_secret

PROFILES_FILE = "profiles.json"
_FORMAT_VERSION = 1


class ProfileError(ValueError):
    """A profile that cannot be stored as asked (bad name, duplicate, secret-looking data)."""


@dataclass
class Profile:
    name: str
    publishable_key: str = ""
    # None: the default WooshPay endpoint of the profile's mode.
    base_url: str | None = None
    mode: str = "test"  # "test" | "live", from the secret key's prefix

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Profile:
        return cls(
            name=str(data["name"]),
            publishable_key=str(data.get("publishable_key") or ""),
            base_url=(str(data["base_url"]) if data.get("base_url") else None),
            mode=str(data.get("mode") or "test"),
        )


@dataclass
class _Document:
    profiles: list[Profile] = field(default_factory=list)
    active: str | None = None


def default_profiles_path() -> Path:
    return paths.config_dir() / PROFILES_FILE


def _check_no_secret(profile: Profile) -> None:
    for value in (profile.name, profile.publishable_key, profile.base_url or "", profile.mode):
        if contains_secret(value):
            raise ProfileError("a secret key belongs in the keyring, not in the profile file")


class ProfileStore:
    """The profiles file. Thread-safe; every change is written at once (atomically)."""

    def __init__(self, path: Path | str | None = None) -> None:
        self._path = Path(path) if path is not None else None
        self._lock = threading.Lock()

    @property
    def path(self) -> Path:
        return self._path if self._path is not None else default_profiles_path()

    def _read(self) -> _Document:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return _Document()
        except (OSError, ValueError):
            # A damaged file must not stop the app from starting; the sandbox still works.
            return _Document()
        profiles = []
        for item in raw.get("profiles", []) if isinstance(raw, dict) else []:
            try:
                profiles.append(Profile.from_dict(item))
            except (KeyError, TypeError):
                continue
        active = raw.get("active") if isinstance(raw, dict) else None
        return _Document(profiles, active if any(p.name == active for p in profiles) else None)

    def _write(self, doc: _Document) -> None:
        for profile in doc.profiles:
            _check_no_secret(profile)
        data = {
            "version": _FORMAT_VERSION,
            "active": doc.active,
            "profiles": [asdict(p) for p in doc.profiles],
        }
        target = self.path
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".profiles-", suffix=".json", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, indent=2)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def list(self) -> list[Profile]:
        with self._lock:
            return self._read().profiles

    def get(self, name: str) -> Profile | None:
        return next((p for p in self.list() if p.name == name), None)

    def active(self) -> Profile | None:
        """The profile used at start: the one last switched to, else the first one, else None."""
        with self._lock:
            doc = self._read()
        if doc.active:
            return next(p for p in doc.profiles if p.name == doc.active)
        return doc.profiles[0] if doc.profiles else None

    def save(self, profile: Profile, *, old_name: str | None = None) -> None:
        """Add ``profile``, or replace the one called ``old_name`` (default: its own name)."""
        name = profile.name.strip()
        if not name:
            raise ProfileError("a profile needs a name")
        profile.name = name
        _check_no_secret(profile)
        with self._lock:
            doc = self._read()
            replaced = old_name if old_name is not None else name
            if name != replaced and any(p.name == name for p in doc.profiles):
                raise ProfileError(f"a profile named {name!r} already exists")
            for i, existing in enumerate(doc.profiles):
                if existing.name == replaced:
                    doc.profiles[i] = profile
                    break
            else:
                if old_name is not None and old_name != name:
                    raise ProfileError(f"no profile named {old_name!r}")
                doc.profiles.append(profile)
            if doc.active == replaced:
                doc.active = name
            self._write(doc)

    def remove(self, name: str) -> bool:
        with self._lock:
            doc = self._read()
            kept = [p for p in doc.profiles if p.name != name]
            if len(kept) == len(doc.profiles):
                return False
            doc.profiles = kept
            if doc.active == name:
                doc.active = None
            self._write(doc)
            return True

    def set_active(self, name: str | None) -> None:
        with self._lock:
            doc = self._read()
            if name is not None and not any(p.name == name for p in doc.profiles):
                raise ProfileError(f"no profile named {name!r}")
            doc.active = name
            self._write(doc)
