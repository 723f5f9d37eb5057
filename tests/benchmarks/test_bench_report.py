"""The report benchmark runs (quick) and answers in its documented shape; no timing is asserted here.

It runs in a child process: it starts its own Qt application and qasync loop, which must not meet the
loops of the test session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import json, sys
from benchmarks import bench_report
print("RESULTS" + json.dumps(bench_report.results(quick=True)))
"""


def test_quick_run_reports_every_figure():
    run = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=240,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert run.returncode == 0, run.stderr[-2000:]
    line = next(line for line in run.stdout.splitlines() if line.startswith("RESULTS"))
    rows = json.loads(line[len("RESULTS"):])
    assert len(rows) == 4
    for row in rows:
        assert set(row) == {"what", "measured", "baseline", "ratio", "goal", "met"}
        assert isinstance(row["ratio"], float) and isinstance(row["goal"], str) and isinstance(row["met"], bool)
        assert row["measured"].endswith(" ms") and row["baseline"] and row["ratio"] > 0
    assert any("stall" in row["what"] for row in rows)


def test_main_prints_with_quick():
    run = subprocess.run([sys.executable, "-m", "benchmarks.bench_report", "--quick"], cwd=ROOT, capture_output=True,
                         text=True, timeout=240, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.splitlines()[0].split()[:2] == ["what", "measured"]
    assert run.stdout.count("day report:") == 4
