"""Where a ledger lives: a file path (SQLite) or a ``postgresql://`` URL.

A URL written to settings, logs or argv never carries a password: the password of a shared ledger lives
in the OS keyring (see ``keystore``), and ``redact`` is what may be shown.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit, urlunsplit

POSTGRES_SCHEMES = ("postgresql", "postgres")


def is_postgres_url(text: str) -> bool:
    return urlsplit(str(text)).scheme.lower() in POSTGRES_SCHEMES


def url_password(url: str) -> str | None:
    """The password written into the URL, if any (it should not be; see ``without_password``)."""
    password = urlsplit(url).password
    return None if password is None else unquote(password)


def without_password(url: str) -> str:
    """The URL with any password removed (the user name kept)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = f"{parts.username or ''}@{host}" if parts.username is not None else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def redact(location: str) -> str:
    """What may be shown or logged of a ledger's location."""
    return without_password(location) if is_postgres_url(location) else location


def keyring_name(url: str) -> str:
    """The keyring entry that holds this shared ledger's password (one per server, user and database)."""
    return f"ledger:{without_password(url)}"
