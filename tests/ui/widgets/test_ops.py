"""The background-op helper: success and failure reach their callbacks once, progress brackets the op,
the owner's shutdown cancels its ops, and a deleted owner hears nothing."""

from __future__ import annotations

import asyncio
import gc
import warnings

from PySide6.QtWidgets import QWidget

from merchant_desk.ui.widgets.ops import BackgroundOp, cancel_ops, run_op, running_ops
from tests.qt_support import run_async
from tests.ui.helpers import settled


async def _value(value: int) -> int:
    await asyncio.sleep(0)
    return value


async def _fail() -> int:
    await asyncio.sleep(0)
    raise ValueError("nope")


def test_success_goes_to_the_callback_with_progress_around_it(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    seen: list[object] = []
    task = BackgroundOp(owner, lambda: _value(7), seen.append).with_progress(
        lambda busy: seen.append(("busy", busy))).run()
    assert seen == [("busy", True)] and running_ops(owner) == [task]
    assert run_async(task) == 7
    assert seen == [("busy", True), ("busy", False), 7]
    assert running_ops(owner) == []


def test_a_failure_goes_to_the_failure_callback_not_to_success(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    successes: list[int] = []
    failures: list[BaseException] = []
    task = run_op(owner, _fail(), success=successes.append, failure=failures.append)
    assert run_async(task) is None
    assert successes == [] and [str(e) for e in failures] == ["nope"]


def test_a_failure_without_a_handler_is_logged(qtbot, caplog):
    owner = QWidget()
    qtbot.addWidget(owner)
    run_async(run_op(owner, _fail()))
    assert "background work failed" in caplog.text and "nope" in caplog.text


def test_cancel_ops_cancels_only_that_owners_ops(qtbot):
    owner, other = QWidget(), QWidget()
    qtbot.addWidget(owner)
    qtbot.addWidget(other)
    done: list[str] = []
    slow = run_op(owner, asyncio.sleep(30), success=lambda _r: done.append("owner"))
    kept = run_op(other, _value(1), success=lambda _r: done.append("other"))
    tasks = cancel_ops(owner)
    assert tasks == [slow]
    run_async(settled(tasks))
    run_async(kept)
    assert slow.cancelled() and done == ["other"]


def test_an_op_cancelled_before_it_ran_leaves_no_unawaited_coroutine(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        task = run_op(owner, _value(3))
        cancel_ops(owner)
        run_async(settled([task]))
        gc.collect()
    assert task.cancelled()


def test_a_deleted_owner_cancels_its_ops_and_hears_nothing(qtbot):
    owner = QWidget()
    heard: list[object] = []
    task = run_op(owner, asyncio.sleep(30), success=heard.append, failure=heard.append,
                  progress=heard.append)
    heard.clear()
    owner.deleteLater()
    qtbot.waitUntil(lambda: task.done(), timeout=5000)
    assert task.cancelled() and heard == []
