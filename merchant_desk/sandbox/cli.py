"""``merchant-desk-sandbox``: run the sandbox in the foreground until Ctrl-C.

Prints one line with the base URL and the test keys; nothing else ever prints the secret key.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import Any

from .faults import FAIL_STATUSES
from .runner import start_sandbox


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="merchant-desk-sandbox",
        description="A local, stateful WooshPay-compatible server with a wallet cashier page and signed webhooks.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8790, help="port to listen on; 0 picks a free one (default 8790)")
    parser.add_argument(
        "--public-url", default=None,
        help="base URL that cashier and checkout links carry, e.g. http://192.168.1.20:8790 for a phone "
        "on the same network (default: the listen address)",
    )
    parser.add_argument("--db", default=":memory:", help="SQLite file to keep state in (default :memory:)")
    parser.add_argument("--any-key", action="store_true", help="accept any sk_test_ key, not just the issued one")
    parser.add_argument(
        "--webhook-time-factor", type=float, default=1.0,
        help="multiply the webhook retry schedule (18 tries over 72 h) by this factor (default 1)",
    )
    demo = parser.add_argument_group("demo data")
    demo.add_argument(
        "--demo-data", type=int, default=0, metavar="DAYS",
        help="fill the store with paid, failed, canceled and refunded payments over the past DAYS days",
    )
    demo.add_argument("--seed", type=int, default=None, help="seed for --demo-data (same seed, same data)")
    faults = parser.add_argument_group("faults (for reliability tests; also POST /_sandbox/faults)")
    faults.add_argument("--fail-next", type=int, default=0, help="fail the next N API requests")
    faults.add_argument("--fail-rate", type=float, default=0.0, help="fail each API request with this probability")
    faults.add_argument("--fail-status", type=int, default=503, choices=FAIL_STATUSES, help="status of failed answers")
    faults.add_argument("--retry-after", type=int, default=1, help="Retry-After seconds on 429 answers")
    faults.add_argument("--delay-ms", type=int, default=0, help="delay every API answer by this many ms")
    faults.add_argument("--drop-next", type=int, default=0, help="commit the next N POSTs, then drop the connection")
    faults.add_argument("--drop-rate", type=float, default=0.0, help="commit-then-drop each POST with this probability")
    faults.add_argument("--fault-seed", type=int, default=None, help="seed for the *-rate draws")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    fault_settings: dict[str, Any] = {
        "fail_next": args.fail_next, "fail_rate": args.fail_rate, "fail_status": args.fail_status,
        "retry_after": args.retry_after, "delay_ms": args.delay_ms, "drop_next": args.drop_next,
        "drop_rate": args.drop_rate, "seed": args.fault_seed,
    }
    try:
        handle = start_sandbox(
            host=args.host, port=args.port, public_url=args.public_url, db=args.db, any_key=args.any_key,
            webhook_time_factor=args.webhook_time_factor, faults=fault_settings,
        )
    except (OSError, ValueError, RuntimeError) as exc:
        print(f"merchant-desk-sandbox: {exc}", file=sys.stderr)
        return 1
    if args.demo_data:
        from .demo_data import fill_demo_data

        try:
            summary = fill_demo_data(handle.state, args.demo_data, seed=args.seed)
        except ValueError as exc:
            handle.stop()
            print(f"merchant-desk-sandbox: --demo-data: {exc}", file=sys.stderr)
            return 2
        print(f"Demo data: {summary.payments} payments, {summary.refunds} refunds over {args.demo_data} days",
              flush=True)
    print(
        f"WooshPay sandbox at {handle.base_url}  secret key {handle.secret_key}  "
        f"publishable key {handle.publishable_key}  (Ctrl-C to stop)",
        flush=True,
    )
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    try:
        while not done.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        handle.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
