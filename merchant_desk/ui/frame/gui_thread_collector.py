"""Python's cyclic garbage collector, run on the GUI thread only.

CPython collects in whichever thread happens to cross the allocation threshold: in this app that can be the
embedded sandbox's HTTP thread, the webhook worker or a thread that encodes a QR code. A widget, timer or
other QObject held in a reference cycle is then destroyed on that thread, and Qt objects must be destroyed
on the thread they live in (a widget destroyed elsewhere can crash the process). So automatic collection is
switched off and a timer on the GUI thread collects instead, following the same per-generation thresholds
the interpreter would (``responsiveness`` sets them). The timer ticks between events, so a collection never
lands in the middle of painting or paging in rows either.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

# Often enough that garbage does not pile up while rows are paged in; a due-less tick costs a few
# microseconds.
INTERVAL_MS = 100


def due_generation(counts: tuple[int, int, int], thresholds: tuple[int, int, int]) -> int | None:
    """The oldest generation the interpreter itself would collect now, or None when nothing is due."""
    if counts[0] <= thresholds[0]:
        return None
    generation = 0
    for older in (1, 2):
        if counts[older] <= thresholds[older]:
            break
        generation = older
    return generation


class GuiThreadCollector(QObject):
    """Owns the collection: ``start`` turns automatic collection off, ``stop`` gives it back."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def collect_due(self) -> int | None:
        """Collect what is due; returns the generation collected (None when nothing was)."""
        generation = due_generation(gc.get_count(), gc.get_threshold())  # type: ignore[arg-type]
        if generation is not None:
            gc.collect(generation)
        return generation
