"""The cyclic collector runs on the GUI thread only: garbage made there is never collected (and its Qt
objects never destroyed) on another thread that happens to allocate a lot."""

from __future__ import annotations

import gc
import threading

import pytest
from PySide6.QtCore import QObject

from merchant_desk.ui.frame.gui_thread_collector import GuiThreadCollector, due_generation

T = (700, 10, 10)


@pytest.mark.parametrize(
    "counts, passed, pending, total, expected",
    [
        ((5, 0, 0), 0, 0, 0, None),
        ((700, 0, 0), 0, 0, 0, None),  # at the threshold, not over it (as CPython counts)
        ((701, 0, 0), 0, 0, 0, 0),
        ((701, 0, 0), 1_049, 0, 0, 0),  # the middle generation waits for a quarter of 700 * 10 objects passed on
        ((701, 0, 0), 1_050, 0, 0, 1),
        ((50_000, 0, 0), 0, 0, 0, 1),  # one large young collection counts as many
        ((701, 0, 10), 1_050, 0, 0, 2),  # ten middle collections, nothing survived the last full one
        ((701, 0, 10), 1_050, 1_000, 40_000, 1),  # a full walk waits until a quarter of the old is new
        ((701, 0, 10), 1_050, 9_000, 40_000, 2),
        ((701, 0, 9), 1_050, 90_000, 40_000, 1),
    ],
)
def test_the_generation_due_follows_the_interpreters_policy_counted_in_objects(counts, passed, pending, total,
                                                                                 expected):
    assert due_generation(counts, T, young_passed=passed, old_pending=pending, old_total=total) == expected


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
