"""The command line of the window app: its options, and whether this session has a display at all."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping

import merchant_desk

NO_DISPLAY_MESSAGE = (
    "merchant-desk: no display found; run it in a desktop session, "
    "or set QT_QPA_PLATFORM=offscreen for a headless run"
)
# Qt platform plugins that need no window system.
_HEADLESS_PLATFORMS = {"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"}


def display_problem(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """The one-line message for a Linux session without a display, else None (Qt would abort there)."""
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    requested = [p.split(":")[0].strip().lower() for p in environ.get("QT_QPA_PLATFORM", "").split(";")]
    requested = [p for p in requested if p]
    if any(p in _HEADLESS_PLATFORMS for p in requested):
        return None
    if requested == ["xcb"]:
        return None if environ.get("DISPLAY") else NO_DISPLAY_MESSAGE
    if requested == ["wayland"]:
        return None if environ.get("WAYLAND_DISPLAY") else NO_DISPLAY_MESSAGE
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return NO_DISPLAY_MESSAGE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="merchant-desk",
        description="Merchant Desk: take, watch and refund WooshPay (Alipay+) payments. Without a stored "
        "account it starts the built-in sandbox (no real money).",
        epilog="Secret keys are entered in Settings and kept in the system keyring; they are never read "
        "from the command line. Files live in the user's data, config and log folders, or under "
        "$MERCHANT_DESK_HOME when it is set. `merchant-desk report --help`: the end-of-day report as PDF, CSV "
        "or JSON, without a window. Another program can ask for a payment with: merchant-desk charge "
        "AMOUNT CURRENCY --order ID [--description TEXT] [--wait] (see merchant-desk charge --help), or the "
        "address merchant-desk:charge?amount=…&currency=…&order=….",
    )
    parser.add_argument(
        "--sandbox", action="store_true",
        help="work against the built-in sandbox (no real money) even if an account is configured",
    )
    parser.add_argument(
        "--sandbox-lan", action="store_true",
        help="like --sandbox, but serve the sandbox's cashier pages on this machine's LAN address so a phone "
        "on the same network can scan the QR code and pay; the window shows the address",
    )
    parser.add_argument("--profile", metavar="NAME", help="open the stored account NAME instead of the last used")
    parser.add_argument(
        "--lang", metavar="LOCALE",
        help="user interface language, e.g. zh_CN or en (default: the system's language)",
    )
    parser.add_argument(
        "--ledger", metavar="URL",
        help="use this ledger instead of the one in Settings: a postgresql://user@host/db URL shared by the "
        "shop's tills (its password comes from the keyring, never from the command line) or a SQLite file",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {merchant_desk.__version__}")
    return parser
