"""One row format for every benchmark, and the one table `scripts/bench` prints.

A benchmark module exposes ``results(quick: bool) -> list[Row]``: each row names what was measured, the
figure and its bare baseline (measured in the same run, so the ratio means the same on any machine), the
ratio, the goal and whether it was met. ``quick`` shrinks the sizes so the test suite can check that every
benchmark still runs, without judging its figures.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from typing import TypedDict


class Row(TypedDict):
    what: str
    measured: str
    baseline: str
    ratio: float
    goal: str
    met: bool


def row(what: str, measured: str, baseline: str, ratio: float, goal: str, value: float | None = None) -> Row:
    """A row whose ``met`` follows from ``goal``: "<= 1.5x" / ">= 0.5x" judge the ratio; a goal in a unit
    ("<= 16.7 ms", "<= 1024 B") judges ``value``, given in that unit."""
    op, limit_text = goal.split()[:2]
    limit = float(limit_text.rstrip("x"))
    judged = ratio if value is None else value
    return Row(what=what, measured=measured, baseline=baseline, ratio=ratio, goal=goal,
               met=judged <= limit if op == "<=" else judged >= limit)


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def format_table(rows: list[Row]) -> str:
    header = ("what", "measured", "baseline", "ratio", "goal", "")
    lines = [header] + [
        (r["what"], r["measured"], r["baseline"], f"{r['ratio']:.2f}", r["goal"], "met" if r["met"] else "NOT MET")
        for r in rows
    ]
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    out = []
    for n, line in enumerate(lines):
        out.append("  ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(line)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)
