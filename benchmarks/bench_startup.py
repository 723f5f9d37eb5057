"""Start-up to the first painted window: ``merchant-desk --sandbox`` with a fresh home, against a bare
PySide6 QMainWindow holding a QTableView, each in a new process, interleaved so drift hits both alike.

Each run is timed from spawning the interpreter to the first Paint event of a QMainWindow, seen by an
event filter installed before anything else (the process then ends at once, so shutdown is not counted).

The app's own modules are byte-compiled first (``compileall``, into their ``__pycache__``), as pip does when
it installs the wheel, PyInstaller does for the bundle and Python does on any start where it may write:
where ``PYTHONDONTWRITEBYTECODE`` is set (as on the machines these are run on) every start would otherwise
compile them again from source, which no installed copy does (about 20 ms of the difference).

Run: .venv/bin/python -m benchmarks.bench_startup [--quick] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.table import Row, format_table, median, row

ROOT = Path(__file__).resolve().parents[1]

# The same first-paint probe for both sides; only what it then starts differs.
PROBE = """
import os, sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            sys.stdout.write("painted\\n"); sys.stdout.flush(); os._exit(0)
        return False

QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
app = QApplication(sys.argv[:1])
probe = FirstPaint()
app.installEventFilter(probe)
"""

BARE = PROBE + """
from PySide6.QtWidgets import QTableView
window = QMainWindow()
window.setCentralWidget(QTableView())
window.resize(1100, 720)
window.show()
app.exec()
"""

APP = PROBE + """
from merchant_desk.app import main
main(["--sandbox"])
"""


def time_to_first_paint(source: str) -> float:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, MERCHANT_DESK_HOME=home, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", source.format(root=str(ROOT))], env=env, capture_output=True,
                              text=True, timeout=60)
        elapsed = time.perf_counter() - started
    if "painted" not in done.stdout:
        raise RuntimeError(f"no window was painted (exit {done.returncode}): {done.stderr[-2000:]}")
    return elapsed


def results(quick: bool = False, runs: int | None = None) -> list[Row]:
    runs = runs or (1 if quick else 9)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "merchant_desk")], check=True,
                   stdout=subprocess.DEVNULL)
    time_to_first_paint(BARE)  # warm the file cache for both sides alike
    time_to_first_paint(APP)
    bare, app = [], []
    for _ in range(runs):
        bare.append(time_to_first_paint(BARE))
        app.append(time_to_first_paint(APP))
    b, a = median(bare), median(app)
    return [row("start-up to first painted window (--sandbox, fresh home)", f"{a * 1000:.0f} ms",
                f"bare QMainWindow + table {b * 1000:.0f} ms", a / b, "<= 1.5x")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--runs", type=int)
    args = parser.parse_args()
    print(format_table(results(args.quick, args.runs)))


if __name__ == "__main__":
    main()
