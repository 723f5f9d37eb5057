"""The cyclic collector runs on the GUI thread only: garbage made there is never collected (and its Qt
objects never destroyed) on another thread that happens to allocate a lot."""

from __future__ import annotations

import gc
import threading

import pytest
from PySide6.QtCore import QObject

from merchant_desk.ui.frame.gui_thread_collector import GuiThreadCollector, due_generation


@pytest.mark.parametrize(
    "counts, thresholds, expected",
    [
        ((5, 0, 0), (700, 10, 10), None),
        ((700, 3, 0), (700, 10, 10), None),  # at the threshold, not over it (as CPython counts)
        ((701, 3, 0), (700, 10, 10), 0),
        ((701, 11, 3), (700, 10, 10), 1),
        ((701, 11, 11), (700, 10, 10), 2),
        ((701, 3, 11), (700, 10, 10), 0),  # an older generation is only reached through the younger
    ],
)
def test_the_generation_due_follows_the_interpreters_thresholds(counts, thresholds, expected):
    assert due_generation(counts, thresholds) == expected


class Cycle:
    """Garbage only the cyclic collector can free; says on which thread it was freed."""

    freed_on: list[str] = []

    def __init__(self) -> None:
        self.me = self
        self.qobject = QObject()

    def __del__(self) -> None:
        Cycle.freed_on.append(threading.current_thread().name)


def test_garbage_is_collected_on_the_gui_thread_while_another_thread_allocates(qtbot, gui_thread_collector):
    assert gui_thread_collector.is_active() and not gc.isenabled()
    Cycle.freed_on.clear()
    Cycle()

    kept: list[list[int]] = []

    def allocate() -> None:
        # Far past every threshold (kept alive, so the young generation's count stays up): with automatic
        # collection this thread would collect the cycle.
        kept.extend([n] for n in range(300_000))

    worker = threading.Thread(target=allocate, name="allocating-worker")
    worker.start()
    worker.join()
    assert Cycle.freed_on == []
    qtbot.waitUntil(lambda: Cycle.freed_on != [], timeout=5000)
    assert Cycle.freed_on == [threading.main_thread().name]


def test_stopping_gives_collection_back_to_the_interpreter(qapp):
    collector = GuiThreadCollector()
    was_enabled = gc.isenabled()
    try:
        collector.start()
        assert not gc.isenabled() and collector.is_active()
        collector.stop()
        assert gc.isenabled() and not collector.is_active()
    finally:
        (gc.enable if was_enabled else gc.disable)()
