"""The Qt side of the test suite: one qasync loop for the whole pytest session.

A new loop per test segfaults after a few dozen tests, so the loop is created once and never stopped
mid-session. GUI tests wait with ``qtbot.waitUntil`` / ``qtbot.waitSignal`` and are never ``async def``.
"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session", autouse=True)
def qasync_loop(qapp):
    import qasync

    loop = qasync.QEventLoop(qapp, already_running=True)
    # qasync's default executor runs QThreads; one still alive when the interpreter exits aborts the
    # process ("QThread: Destroyed while thread is still running"). Plain threads are joined cleanly.
    executor = ThreadPoolExecutor(max_workers=8, thread_name_prefix="test-loop")
    loop.set_default_executor(executor)
    asyncio.set_event_loop(loop)
    yield loop
    executor.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="session", autouse=True)
def gui_thread_collector(qapp):
    """As in the app: the cyclic collector runs on the GUI thread only, never on a sandbox thread."""
    from merchant_desk.ui.frame.gui_thread_collector import GuiThreadCollector

    collector = GuiThreadCollector()
    collector.start()
    yield collector
    collector.stop()


@pytest.fixture(autouse=True)
def widgets_deleted_after_each_test(qapp):
    """Widgets a test closed (pytest-qt closes and ``deleteLater``s those given to ``qtbot.addWidget``) are
    deleted when the test ends, as the app's event loop would delete them: the collector then only ever frees
    wrappers of objects already gone, and a test never meets the last one's widgets being destroyed."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture(autouse=True)
def isolated_settings(monkeypatch, tmp_path):
    """QSettings, logs and the ledger of each test go to its own folder, never the user's."""
    from PySide6.QtCore import QSettings

    monkeypatch.setenv("MERCHANT_DESK_HOME", str(tmp_path / "home"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


def run_async(coro, timeout: float = 20.0):
    """Run ``coro`` on the session's qasync loop from a sync GUI test, pumping Qt until it is done."""
    import time

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtCore import QEventLoop as _QtLoop

    task = asyncio.ensure_future(coro)
    deadline = time.monotonic() + timeout
    while not task.done():
        if time.monotonic() > deadline:
            task.cancel()
            raise TimeoutError("coroutine did not finish in time")
        QCoreApplication.processEvents(_QtLoop.ProcessEventsFlag.AllEvents, 50)
    return task.result()


