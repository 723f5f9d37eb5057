"""The longest time the GUI loop went without running a 1 ms heartbeat: the longest frame a person would
have seen frozen while the measured work ran on (or around) that loop."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTimer

FRAME_MS = 1000 / 60


class StallMeter:
    def __init__(self) -> None:
        self.longest_ms = 0.0
        self._last = 0.0
        self._timer = QTimer()
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest_ms = max(self.longest_ms, (now - self._last) * 1000)
        self._last = now

    def start(self) -> None:
        self.longest_ms = 0.0
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        self._tick()
        self._timer.stop()
        return self.longest_ms


@contextmanager
def measure_stalls() -> Iterator[StallMeter]:
    meter = StallMeter()
    meter.start()
    try:
        yield meter
    finally:
        meter.stop()
