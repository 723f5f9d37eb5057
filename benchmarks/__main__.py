"""Every benchmark against its bare baseline, one table of ratios with the goal beside each.

Run: scripts/bench [--quick] [name ...]   (names: the bench_<name> modules; default all)
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.table import Row, format_table  # noqa: E402


def available() -> list[str]:
    folder = Path(__file__).parent
    return sorted(m.name.removeprefix("bench_") for m in pkgutil.iter_modules([str(folder)]) if m.name.startswith("bench_"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench", description="Run the benchmarks and print one table.")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: checks that each benchmark runs")
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default all: {', '.join(available())})")
    args = parser.parse_args(argv)
    names = args.names or available()
    unknown = sorted(set(names) - set(available()))
    if unknown:
        print(f"scripts/bench: no benchmark named {', '.join(unknown)} (have: {', '.join(available())})", file=sys.stderr)
        return 2
    rows: list[Row] = []
    for name in names:
        started = time.perf_counter()
        module = importlib.import_module(f"benchmarks.bench_{name}")
        rows.extend(module.results(quick=args.quick))
        print(f"# {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    print(format_table(rows))
    return 0 if args.quick or all(r["met"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
