"""Addresses: the one loopback check, the one URL check and the one base URL for a mode."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from merchant_desk.wooshpay.keys import base_url_for

__all__ = ["base_url_for", "is_loopback_host", "is_loopback_url", "url_problem"]


def is_loopback_host(host: str | None) -> bool:
    """``localhost`` or a loopback IP (127.0.0.0/8, ::1): only this machine can reach it."""
    host = (host or "").strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_loopback_url(url: str | None) -> bool:
    try:
        return is_loopback_host(urlsplit(url or "").hostname)
    except ValueError:
        return False


def url_problem(text: str, *, https_only: bool = False) -> str | None:
    """Why ``text`` is not a usable http(s) address, as a code; None when it is.

    Codes: ``empty``, ``spaces``, ``invalid`` (unreadable, e.g. a bad port), ``scheme`` (not http/https),
    ``no_host``, ``https_only`` (plain http where only https will do; a loopback address is allowed, since
    only this machine can reach it anyway).
    """
    text = text.strip()
    if not text:
        return "empty"
    if any(ch.isspace() for ch in text):
        return "spaces"
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return "invalid"
    if parts.scheme not in ("http", "https"):
        return "scheme"
    if not host:
        return "no_host"
    if https_only and parts.scheme != "https" and not is_loopback_host(host):
        return "https_only"
    return None
