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

# A tick looks at the interpreter's counts (a few microseconds when nothing is due). Often while objects
# are being made, so that each young collection stays small; seldom when the app is quiet.
BUSY_INTERVAL_MS = 16
QUIET_INTERVAL_MS = 250


def due_generation(counts: tuple[int, int, int], thresholds: tuple[int, int, int], *, young_passed: int,
                   old_pending: int, old_total: int) -> int | None:
    """``GuiThreadCollector``'s policy: the oldest generation due, or None. ``counts`` and ``thresholds`` as
    ``gc`` gives them; the rest counts objects (see the class)."""
    young, _, middle_collections = counts
    threshold0, threshold1, threshold2 = thresholds
    if young <= threshold0:
        return None
    if young_passed + young <= threshold0 * threshold1 // 4:
        return 0
    if middle_collections < threshold2 or old_pending + young_passed + young < old_total // 4:
        return 1
    return 2


class GuiThreadCollector(QObject):
    """Owns the collection: ``start`` turns automatic collection off, ``stop`` gives it back.

    It follows the interpreter's own policy, counted in objects rather than in collections (a tick's young
    collection may hold far more objects than the interpreter's threshold): the middle generation is
    collected once the young collections have passed on a quarter of ``threshold0 * threshold1`` objects
    (a middle collection walks what survived them: rows being paged in all survive), and a full
    collection runs after ``threshold2`` middle ones, and only when what reached the old generation since the
    last one is a quarter of what survived that one, as CPython decides (a full collection walks every
    object the app holds)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(QUIET_INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._young_passed = 0  # objects the young collections looked at since the middle one
        self._old_pending = 0  # objects the middle collections looked at since the full one
        self._old_total = 0  # objects in the old generation after the last full collection

    def start(self) -> None:
        gc.disable()
        self._old_total = len(gc.get_objects(generation=2))
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def due_generation(self) -> int | None:
        """The oldest generation due now, or None when nothing is."""
        return due_generation(gc.get_count(), gc.get_threshold(),  # type: ignore[arg-type]
                              young_passed=self._young_passed, old_pending=self._old_pending,
                              old_total=self._old_total)

    def collect_due(self) -> int | None:
        """Collect what is due; returns the generation collected (None when nothing was)."""
        generation = self.due_generation()
        self._timer.setInterval(QUIET_INTERVAL_MS if generation is None else BUSY_INTERVAL_MS)
        if generation is None:
            return None
        young = gc.get_count()[0]
        gc.collect(generation)
        if generation == 0:
            self._young_passed += young
        elif generation == 1:
            self._old_pending += self._young_passed + young
            self._young_passed = 0
        else:
            self._young_passed = self._old_pending = 0
            self._old_total = len(gc.get_objects(generation=2))
        return generation
