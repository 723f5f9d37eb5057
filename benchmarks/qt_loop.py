"""One QApplication and one qasync loop for every benchmark that runs in this process."""

from __future__ import annotations

import asyncio
import atexit
import os
import sys
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

T = TypeVar("T")
_loop: qasync.QEventLoop | None = None


def run(coro: Coroutine[Any, Any, T]) -> T:
    global _loop
    if _loop is None:
        app = QApplication.instance() or QApplication(sys.argv[:1])
        app.setQuitOnLastWindowClosed(False)
        _loop = qasync.QEventLoop(app)
        # qasync's default executor runs QThreads, and one still alive when the interpreter exits aborts
        # the process; plain threads, shut down at exit, end cleanly.
        executor = ThreadPoolExecutor(max_workers=8, thread_name_prefix="bench-loop")
        _loop.set_default_executor(executor)
        atexit.register(executor.shutdown, wait=True, cancel_futures=True)
        asyncio.set_event_loop(_loop)
    return _loop.run_until_complete(coro)


def tune_like_the_app() -> None:
    """The app's own start-up, as ``app.main`` and ``app.launch`` apply it: the GIL switch interval, the
    display locale's currency data read ahead, the frozen start-up objects and the cyclic collector running
    on the GUI thread only (the QApplication must exist)."""
    from merchant_desk import money, responsiveness
    from merchant_desk.ui.frame.gui_thread_collector import GuiThreadCollector

    global _collector
    money.load_locale_data()
    responsiveness.share_the_gil()
    responsiveness.freeze_after_startup()
    if _collector is None:
        _collector = GuiThreadCollector()
        _collector.start()


_collector: Any = None


def payments_table(model: Any) -> Any:
    """A table view on ``model``, configured as the Payments page configures paymentsTable, on screen."""
    from PySide6.QtWidgets import QHeaderView, QTableView

    view = QTableView()
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(22)
    view.setModel(model)
    view.resize(1000, 700)
    view.show()
    return view
