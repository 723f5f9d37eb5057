"""The one way a widget runs background work: operation → success callback → one failure display.

In the spirit of Anki's ``QueryOp``::

    BackgroundOp(self, lambda: self.ctx.refunds.refund_summary(intent), self._show_summary) \\
        .failure(self._show_error).with_progress(self._set_busy).run()

or ``run_op(self, coro, success=..., failure=...)``. The operation runs on the one qasync loop (network
and disk waits never block the GUI thread; services move blocking work to worker threads). The op belongs
to its ``owner``: ``cancel_ops(owner)`` (a page's ``shutdown``) cancels every op it still runs and returns
the tasks to await, and an owner that Qt deletes cancels its ops too. Callbacks never run on a deleted
owner. A failure without a handler is logged, never silently dropped.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import weakref
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

log = logging.getLogger(__name__)

T = TypeVar("T")

_RUNNING: weakref.WeakKeyDictionary[QObject, set[asyncio.Task[object]]] = weakref.WeakKeyDictionary()


def _tasks_of(owner: QObject) -> set[asyncio.Task[object]]:
    tasks = _RUNNING.get(owner)
    if tasks is None:
        tasks = _RUNNING[owner] = set()
        # Qt may delete the owner before Python lets go of it: take its work down with it.
        owner.destroyed.connect(lambda *_: _cancel(tasks))
    return tasks


def _cancel(tasks: set[asyncio.Task[object]]) -> list[asyncio.Task[object]]:
    running = list(tasks)
    for task in running:
        task.cancel()
    return running


def cancel_ops(owner: QObject) -> list[asyncio.Task[object]]:
    """Cancel every op ``owner`` still runs; returns their tasks for the caller to await."""
    tasks = _RUNNING.get(owner)
    return _cancel(tasks) if tasks else []


def running_ops(owner: QObject) -> list[asyncio.Task[object]]:
    """The ops ``owner`` still runs (e.g. to wait for them at quit)."""
    return list(_RUNNING.get(owner) or ())


class BackgroundOp(Generic[T]):
    def __init__(self, owner: QObject, op: Callable[[], Awaitable[T]] | Awaitable[T],
                 success: Callable[[T], object] | None = None) -> None:
        self._owner = owner
        self._op = op
        self._success = success
        self._failure: Callable[[BaseException], object] | None = None
        self._progress: Callable[[bool], object] | None = None

    def failure(self, on_failure: Callable[[BaseException], object]) -> BackgroundOp[T]:
        """Called with the exception when the op fails (not when it is cancelled)."""
        self._failure = on_failure
        return self

    def with_progress(self, on_busy: Callable[[bool], object]) -> BackgroundOp[T]:
        """Called with True as the op starts and with False once it is over, however it ended."""
        self._progress = on_busy
        return self

    def run(self) -> asyncio.Task[T | None]:
        if self._progress is not None:
            self._progress(True)
        task: asyncio.Task[T | None] = asyncio.ensure_future(self._run())
        tasks = _tasks_of(self._owner)
        tasks.add(task)  # type: ignore[arg-type]
        task.add_done_callback(tasks.discard)  # type: ignore[arg-type]
        if inspect.iscoroutine(self._op):
            # Cancelled before it ever ran: close the coroutine so it is not reported as never awaited.
            task.add_done_callback(lambda _t, coro=self._op: coro.close())
        return task

    def _alive(self) -> bool:
        return shiboken6.isValid(self._owner)

    async def _run(self) -> T | None:
        try:
            op = self._op() if callable(self._op) else self._op
            result = await op
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if self._failure is not None and self._alive():
                self._failure(exc)
            else:
                log.error("%s: background work failed", type(self._owner).__name__, exc_info=exc)
            return None
        finally:
            if self._progress is not None and self._alive():
                self._progress(False)
        if self._success is not None and self._alive():
            self._success(result)
        return result


def run_op(owner: QObject, op: Callable[[], Awaitable[T]] | Awaitable[T], *,
           success: Callable[[T], object] | None = None,
           failure: Callable[[BaseException], object] | None = None,
           progress: Callable[[bool], object] | None = None) -> asyncio.Task[T | None]:
    """``BackgroundOp`` in one call."""
    background = BackgroundOp(owner, op, success)
    if failure is not None:
        background.failure(failure)
    if progress is not None:
        background.with_progress(progress)
    return background.run()


async def accepted(dialog: QDialog) -> bool:
    """Open ``dialog`` (``open()``, never ``exec()``, which would stall the loop) and wait until it closes:
    True when it was accepted. The caller deletes it."""
    finished: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    dialog.finished.connect(lambda code: finished.done() or finished.set_result(code))
    dialog.open()
    return await finished == QDialog.DialogCode.Accepted
