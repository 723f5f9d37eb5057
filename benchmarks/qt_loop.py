"""One QApplication and one qasync loop for every benchmark that runs in this process."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Coroutine
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
        asyncio.set_event_loop(_loop)
    return _loop.run_until_complete(coro)
