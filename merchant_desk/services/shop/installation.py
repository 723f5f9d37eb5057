"""What belongs to this installation, not to the shop: the till's name and which ledger it uses.

Kept in ``<config_dir>/shop.json``. A shared ledger's URL is stored without its password; the password
lives in the OS keyring (entry ``ledger:<url>``), like the API keys.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from merchant_desk import paths
from merchant_desk.ledger import Ledger, LedgerError, is_postgres_url, keyring_name, url_password
from merchant_desk.ledger import errors as ledger_errors

if TYPE_CHECKING:
    from merchant_desk.keystore import KeyStore

TILL_NAME_MAX = 40


def default_path() -> Path:
    return paths.config_dir() / "shop.json"


def default_till_name() -> str:
    return (socket.gethostname().split(".")[0] or "Till")[:TILL_NAME_MAX]


@dataclass(frozen=True)
class Installation:
    till: str
    ledger_url: str | None = None  # None: the local SQLite ledger


class InstallationStore:
    """``shop.json``: synchronous, thread-safe, written atomically."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self._lock = threading.Lock()

    def load(self) -> Installation:
        with self._lock:
            try:
                data: Any = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
        if not isinstance(data, dict):
            data = {}
        till = data.get("till") if isinstance(data.get("till"), str) and data["till"].strip() else None
        url = data.get("ledger_url") if isinstance(data.get("ledger_url"), str) else None
        if url is not None and (not is_postgres_url(url) or url_password(url) is not None):
            url = None  # never use (or keep) a URL with a password in it
        return Installation(till or default_till_name(), url or None)

    def save(self, installation: Installation) -> None:
        problem = ledger_url_problem(installation.ledger_url) if installation.ledger_url else None
        if problem:
            raise ValueError(problem)
        till = installation.till.strip()[:TILL_NAME_MAX] or default_till_name()
        data = {"till": till, "ledger_url": installation.ledger_url}
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
            os.replace(tmp, self.path)


def ledger_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be saved as a shared ledger: "scheme" or "password" (the UI words it)."""
    if not is_postgres_url(url):
        return "scheme"
    if url_password(url) is not None:
        return "password"
    return None


# What a ledger check found, for the Settings page to say in plain words.
OK, NO_SERVER, WRONG_PASSWORD, NO_DATABASE, NO_PERMISSION, SCHEMA_TOO_NEW, OTHER = (
    "ok", "no_server", "wrong_password", "no_database", "no_permission", "schema_too_new", "other")


@dataclass(frozen=True)
class LedgerCheck:
    outcome: str
    schema_version: int | None = None
    detail: str = ""  # the driver's words, for a tooltip or the log


# What each of the ledger's typed errors means for the check.
_OUTCOMES: tuple[tuple[type[LedgerError], str], ...] = (
    (ledger_errors.LedgerUnreachable, NO_SERVER),
    (ledger_errors.LedgerAuthFailed, WRONG_PASSWORD),
    (ledger_errors.LedgerNoDatabase, NO_DATABASE),
    (ledger_errors.LedgerPermissionDenied, NO_PERMISSION),
    (ledger_errors.LedgerSchemaError, SCHEMA_TOO_NEW),
)


def classify(exc: LedgerError) -> str:
    for kind, outcome in _OUTCOMES:
        if isinstance(exc, kind):
            return outcome
    return OTHER


async def check_ledger(url: str, password: str | None, *, timeout: float = 5.0) -> LedgerCheck:
    """Connect to a shared ledger and check it could be used, changing nothing (the Test button)."""
    try:
        version = await asyncio.to_thread(Ledger.probe, url, password=password, connect_timeout=timeout)
    except LedgerError as exc:
        return LedgerCheck(classify(exc), detail=str(exc))
    return LedgerCheck(OK, schema_version=version)


async def ledger_password(keystore: "KeyStore", url: str) -> str | None:
    return await keystore.get_secret(keyring_name(url))


async def store_ledger_password(keystore: "KeyStore", url: str, password: str | None) -> None:
    """Keep (or, given None or "", forget) the shared ledger's password in the keyring."""
    if password:
        await keystore.set_secret(keyring_name(url), password)
    else:
        await keystore.delete_secret(keyring_name(url))


async def open_ledger(installation: Installation, keystore: "KeyStore | None", *,
                      sqlite_path: str | os.PathLike[str]) -> Ledger:
    """The ledger this installation uses, opened on a worker thread and named after the till."""
    if installation.ledger_url:
        password = await ledger_password(keystore, installation.ledger_url) if keystore is not None else None
        return await asyncio.to_thread(Ledger.open, installation.ledger_url, password=password,
                                       till=installation.till)
    return await asyncio.to_thread(Ledger.open, sqlite_path, till=installation.till)


_PLAIN = {
    NO_SERVER: "no database server answers at that address",
    WRONG_PASSWORD: "the server refused the user name or password",
    NO_DATABASE: "the server has no database of that name",
    NO_PERMISSION: "this user may not use the ledger's tables",
    SCHEMA_TOO_NEW: "it was set up by a newer Merchant Desk; update this one",
}


def probe_message(exc: LedgerError) -> str:
    """One plain line for the command line (the GUI words the outcome itself, translated)."""
    return _PLAIN.get(classify(exc), str(exc))
