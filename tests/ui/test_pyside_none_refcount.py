"""Regression guard for the PySide6 6.12.0 bug that drops a reference to None on every Qt→Python callback.

On Python 3.11 that ends in ``Fatal Python error: none_dealloc`` after ~2,500 callbacks; pyproject pins
PySide6-Essentials below 6.12 for it. If an upgrade brings the bug back, this test fails (early, before the
interpreter would abort) instead of the app dying in front of a cashier.

The count runs in a fresh interpreter: inside the test session, objects left by earlier tests die while
the timer runs and each takes its references to None along, which looks like a leak of the same size.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CALLBACKS = 3000
SLACK = 100

PROBE = f"""
import gc, sys
from PySide6.QtCore import QCoreApplication, QTimer
app = QCoreApplication(sys.argv[:1])
timer = QTimer()
timer.setInterval(0)
state = {{"calls": 0, "worst_drop": 0}}
gc.collect()
baseline = sys.getrefcount(None)
def tick():
    state["calls"] += 1
    if state["calls"] % 250 == 0:
        drop = baseline - sys.getrefcount(None)
        state["worst_drop"] = max(state["worst_drop"], drop)
        # Stop long before the refcount could reach zero, so a regression fails instead of aborting.
        if drop > {SLACK} or state["calls"] >= {CALLBACKS}:
            timer.stop()
            app.quit()
timer.timeout.connect(tick)
timer.start()
app.exec()
print(state["calls"], state["worst_drop"])
"""


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal on Python >= 3.12: the leak is invisible")
def test_qt_timer_callbacks_do_not_lose_references_to_none() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr[-2000:]
    calls, worst_drop = map(int, done.stdout.split())
    assert calls >= CALLBACKS or worst_drop > SLACK
    assert worst_drop <= SLACK, (
        f"sys.getrefcount(None) fell by {worst_drop} over {calls} Qt callbacks: "
        "this PySide6 build leaks references to None (see DESIGN.md, 'Known dependency trap')"
    )
