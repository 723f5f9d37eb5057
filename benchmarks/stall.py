"""The longest time the GUI loop went without running a 1 ms heartbeat: the longest frame a person would
have seen frozen while the measured work ran on (or around) that loop.

``longest_ms`` is the wall-clock gap. On a machine shared with other busy processes much of a gap is
time the kernel gave to someone else's process (the GUI thread waiting in the run queue) or timer wake-ups
that came late, which says nothing about the app. ``longest_own_ms`` counts in each gap only what this
process did: the GUI thread's own CPU time, plus the time it was held up while this process's other
threads ran (waiting for the GIL they held), i.e. ``gui_cpu + min(other_threads_cpu, gap - gui_cpu -
gui_run_queue_wait)``, from Linux's per-thread schedstat (``/proc/self/task/<tid>/schedstat``) and the
process CPU clock. Without schedstat it equals ``longest_ms``.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt, QTimer

FRAME_MS = 1000 / 60


def _schedstat(fd: int | None) -> tuple[float, float]:
    """(CPU time, run-queue wait) of the thread, in ms."""
    if fd is None:
        return 0.0, 0.0
    try:
        cpu, wait = os.pread(fd, 256, 0).split()[:2]
        return int(cpu) / 1e6, int(wait) / 1e6
    except (OSError, ValueError):
        return 0.0, 0.0


def _open_schedstat() -> int | None:
    try:
        return os.open(f"/proc/self/task/{threading.get_native_id()}/schedstat", os.O_RDONLY)
    except OSError:
        return None


class StallMeter:
    def __init__(self) -> None:
        self.longest_ms = 0.0
        self.longest_own_ms = 0.0
        self._last = 0.0
        self._last_stat = (0.0, 0.0, 0.0)
        self._fd = _open_schedstat()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)

    def _stat(self) -> tuple[float, float, float]:
        cpu, wait = _schedstat(self._fd)
        return cpu, wait, time.process_time() * 1000

    def _tick(self) -> None:
        now = time.perf_counter()
        stat = self._stat()
        gap_ms = (now - self._last) * 1000
        self.longest_ms = max(self.longest_ms, gap_ms)
        if self._fd is None:
            own = gap_ms
        else:
            cpu, wait, process = (a - b for a, b in zip(stat, self._last_stat, strict=True))
            own = cpu + max(0.0, min(process - cpu, gap_ms - cpu - wait))
        self.longest_own_ms = max(self.longest_own_ms, own)
        self._last = now
        self._last_stat = stat

    def start(self) -> None:
        self.longest_ms = 0.0
        self.longest_own_ms = 0.0
        self._last_stat = self._stat()
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        self._tick()
        self._timer.stop()
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        return self.longest_ms


@contextmanager
def measure_stalls() -> Iterator[StallMeter]:
    meter = StallMeter()
    meter.start()
    try:
        yield meter
    finally:
        meter.stop()
