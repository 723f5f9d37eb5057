"""Every benchmark still runs (tiny sizes) and prints its rows; its figures are judged by scripts/bench,
never here, because these machines are shared and timings are noisy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_benchmark_runs_quick() -> None:
    from benchmarks.__main__ import available

    names = available()
    assert {"payments_model", "startup", "gui_stalls", "create_to_qr"} <= set(names)
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick"], cwd=ROOT, capture_output=True, text=True, timeout=600,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    for name in names:
        assert f"# {name}:" in done.stderr
    table = done.stdout.splitlines()
    assert table[0].split()[:2] == ["what", "measured"]
    assert len(table) >= 2 + len(names)


def test_unknown_benchmark_is_one_line_and_exit_2() -> None:
    done = subprocess.run([sys.executable, "-m", "benchmarks", "nosuch"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "nosuch" in done.stderr
