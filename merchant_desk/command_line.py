"""The command line of the window app: its options, what a launch is for (the report command, a payment
asked for by another program, a second launch, or a window of its own), and whether this session has a
display at all."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping

import merchant_desk

NO_DISPLAY_MESSAGE = (
    "merchant-desk: no display found; run it in a desktop session, "
    "or set QT_QPA_PLATFORM=offscreen for a headless run"
)
# Qt platform plugins that need no window system.
_HEADLESS_PLATFORMS = {"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"}


class LaunchError(Exception):
    """A start-up problem to report in one line (exit status 2)."""


class LedgerUnavailable(LaunchError):
    """The person chose to quit because the ledger could not be opened."""


def window_launch(command: list[str]) -> argparse.Namespace | int:
    """The options of a launch that opens a window of its own, or the exit status of one served without it:
    ``report``, ``charge`` (handed to the running app, which is started when none runs) and a plain second
    launch (the running window comes to the front: one instance per user and data folder)."""
    if command[:1] == ["report"]:
        from merchant_desk.report_cli import run as run_report

        return run_report(command[1:])
    app_argv, charge_tokens = command, []
    if any(token == "charge" or token.lower().startswith("merchant-desk:") for token in command):
        from merchant_desk.charge_request import split_command_line  # only then: a plain launch stays light

        app_argv, charge_tokens = split_command_line(command)
    args = build_parser().parse_args(app_argv)
    if charge_tokens:
        from merchant_desk.charge_request import ChargeRequestError, parse_charge_args

        # A payment asked for by another program: validated here, so nothing invalid reaches the app.
        try:
            request = parse_charge_args(charge_tokens)
        except ChargeRequestError as exc:
            print(f"merchant-desk charge: {exc}", file=sys.stderr)
            return 2
        from merchant_desk.ui.frame import second_launch

        return second_launch.charge(app_argv, request, display_problem=lambda: display_problem(os.environ))
    from merchant_desk.ui.frame.second_launch import activate_running

    if activate_running():
        return 0
    problem = display_problem(os.environ)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    return args


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
