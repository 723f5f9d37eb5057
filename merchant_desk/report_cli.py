"""``merchant-desk report``: one local day's end-of-day report as PDF, CSV or JSON, without a window.

The key comes from a stored profile (``--profile``, key in the keyring) or from ``WOOSHPAY_SECRET_KEY``
with the server from ``WOOSHPAY_BASE_URL`` (default: the server for the key's mode); never from argv.
Bad arguments: one line on stderr, exit 2. Failures talking to the server: one line, exit 1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from merchant_desk.services.reports.aggregate import DayReport
from merchant_desk.services.reports.cache import DayCache, default_cache_path
from merchant_desk.services.reports.days import local_zone_name, parse_day, parse_zone
from merchant_desk.services.reports.export import save
from merchant_desk.services.reports.service import DayReports, account_key
from merchant_desk.wooshpay import Client, WooshPayError
from merchant_desk.wooshpay import keys as wp_keys

PROG = "merchant-desk report"


class UsageError(Exception):
    """A bad argument, reported in one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Write the end-of-day report of one local day: totals per currency, wallet and status, "
        "the refunds made that day and the day's payments.",
        epilog="Without --profile the secret key is read from WOOSHPAY_SECRET_KEY and the server from "
        "WOOSHPAY_BASE_URL (default: the server for the key's mode). Keys are never read from the command line.",
    )
    parser.add_argument("--day", required=True, metavar="YYYY-MM-DD", help="the local day")
    parser.add_argument("--tz", metavar="ZONE", help="IANA time zone of the day (default: this computer's)")
    parser.add_argument("--profile", metavar="NAME", help="a stored account (its key comes from the keyring)")
    parser.add_argument("--format", required=True, choices=("pdf", "csv", "json"), help="file format")
    parser.add_argument("--out", required=True, metavar="FILE", help="where to write the report")
    return parser


@dataclass
class Account:
    name: str
    secret_key: str
    base_url: str


async def _account(profile_name: str | None) -> Account:
    if profile_name:
        from merchant_desk.keystore import KeyringUnavailableError, KeyStore
        from merchant_desk.profiles import ProfileStore

        profile = await asyncio.to_thread(ProfileStore().get, profile_name)
        if profile is None:
            raise UsageError(f"no stored account named {profile_name!r}")
        try:
            secret = await KeyStore().get_secret(profile.name)
        except KeyringUnavailableError as exc:
            raise UsageError(f"the key of {profile.name!r} could not be read: {exc.message}") from None
        if not secret:
            raise UsageError(f"no key is stored for {profile.name!r}")
        mode = wp_keys.key_mode(secret)
        return Account(profile.name, secret, profile.base_url or wp_keys.base_url_for(mode))
    secret = os.environ.get("WOOSHPAY_SECRET_KEY", "").strip()
    if not secret:
        raise UsageError("no account: pass --profile NAME or set WOOSHPAY_SECRET_KEY")
    problem = wp_keys.validate_secret_key(secret)
    if problem:
        raise UsageError(f"WOOSHPAY_SECRET_KEY: {problem}")
    base_url = os.environ.get("WOOSHPAY_BASE_URL", "").strip() or wp_keys.base_url_for(wp_keys.key_mode(secret))
    if not base_url.startswith(("http://", "https://")):
        raise UsageError(f"WOOSHPAY_BASE_URL is not an http(s) URL: {base_url!r}")
    return Account("", secret, base_url)


async def _report(account: Account, args: argparse.Namespace) -> DayReport:
    day, zone = parse_day(args.day), parse_zone(args.tz or local_zone_name())
    cache = DayCache(default_cache_path())
    try:
        async with Client(account.secret_key, base_url=account.base_url) as client:
            service = DayReports(client, cache, account_key(account.name or "env", account.base_url))
            return await service.report(day, zone)
    finally:
        cache.close()


def _write_pdf(report: DayReport, path: Path, account: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window: a display is not needed
    # Qt stays in ui/: the report document brings its own application object for the fonts.
    from merchant_desk.ui.report.report_document import write_pdf_without_window

    write_pdf_without_window(report, str(path), account)


def run(argv: list[str]) -> int:
    try:
        args = build_parser().parse_args(argv)
        parse_day(args.day)
        parse_zone(args.tz or local_zone_name())
        out = Path(args.out)
        if out.is_dir():
            raise UsageError(f"--out is a folder, not a file: {args.out}")
        if not out.parent.is_dir():
            raise UsageError(f"--out: the folder {str(out.parent)!r} does not exist")
        account = asyncio.run(_account(args.profile))
    except (UsageError, ValueError) as exc:
        # A key typed on the command line by mistake is not echoed back.
        print(f"{PROG}: {wp_keys.redact_keys(str(exc))}", file=sys.stderr)
        return 2
    try:
        report = asyncio.run(_report(account, args))
    except WooshPayError as exc:
        print(f"{PROG}: the server could not give the day's figures: {wp_keys.redact_keys(str(exc))}", file=sys.stderr)
        return 1
    try:
        if args.format == "pdf":
            _write_pdf(report, out, account.name)
        else:
            save(report, out, args.format)
    except OSError as exc:
        print(f"{PROG}: could not write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    totals = ", ".join(f"{code} net {t.net}" for code, t in sorted(report.currencies.items())) or "no payments"
    print(f"{out}: {args.day} ({report.tz}), {len(report.payments)} payments; {totals} (minor units)")
    return 0


def main(argv: list[str] | None = None) -> int:
    return run(sys.argv[1:] if argv is None else argv)
