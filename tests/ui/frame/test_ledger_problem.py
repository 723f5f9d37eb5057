"""A ledger that cannot be opened at start-up (damaged, locked by another process, read-only folder) opens a
window that says so in plain words and offers try again / move aside and start a new ledger / quit. Driven
through the launch path, ``app.open_main_window``."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from merchant_desk import app
from merchant_desk.ledger import Ledger
from merchant_desk.ui.frame.ledger_problem import LedgerProblemDialog
from tests.app.fakes import MemoryKeyStore
from tests.qt_support import run_async


def problem_dialog() -> LedgerProblemDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, LedgerProblemDialog) and widget.isVisible():
            return widget
    return None


def launch(sandbox, path):
    return asyncio.ensure_future(app.open_main_window(
        ledger_path=path, base_url=sandbox.base_url, secret_key=sandbox.secret_key, keystore=MemoryKeyStore(),
    ))


def wait_for_dialog(qtbot) -> LedgerProblemDialog:
    qtbot.waitUntil(lambda: problem_dialog() is not None, timeout=15_000)
    dialog = problem_dialog()
    assert dialog.objectName() == "ledgerProblemDialog"
    return dialog


def finish(qtbot, task):
    qtbot.waitUntil(task.done, timeout=15_000)
    return task.result()


def close_window(window) -> None:
    run_async(window.shutdown())
    window.close()
    window.deleteLater()


def test_a_damaged_ledger_is_moved_aside_and_kept_and_a_new_one_started(qtbot, sandbox, tmp_path):
    path = tmp_path / "ledger.sqlite3"
    damaged = b"this is not a database" * 100
    path.write_bytes(damaged)
    task = launch(sandbox, path)
    dialog = wait_for_dialog(qtbot)
    message = dialog.message_label.text()
    assert "is damaged and cannot be read" in message and str(path) in message
    assert dialog.move_aside_button.isVisible() and dialog.retry_button.isVisible() and dialog.quit_button.isVisible()
    qtbot.mouseClick(dialog.move_aside_button, Qt.MouseButton.LeftButton)
    window = finish(qtbot, task)
    try:
        assert window.objectName() == "mainWindow"
        [kept] = [p for p in tmp_path.iterdir() if p.name.startswith("ledger.sqlite3.damaged-")
                  and not p.name.endswith(("-wal", "-shm"))]
        assert kept.read_bytes() == damaged
        with Ledger(path) as fresh:
            assert fresh.entries() == []
    finally:
        close_window(window)


def test_a_ledger_locked_by_another_process_can_be_tried_again(qtbot, sandbox, tmp_path, monkeypatch):
    monkeypatch.setattr(app, "LEDGER_BUSY_TIMEOUT", 0.2)
    path = tmp_path / "ledger.sqlite3"
    with Ledger(path) as ledger:
        ledger.audit("refund.created", "re_1", {}, account="Sandbox")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
         "c.execute('PRAGMA locking_mode=EXCLUSIVE'); c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); "
         "sys.stdin.readline()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        task = launch(sandbox, path)
        dialog = wait_for_dialog(qtbot)
        assert "in use by another program" in dialog.message_label.text()
        assert not dialog.move_aside_button.isVisible()  # a locked file is not damaged: it is never moved
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=10)
        qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
        window = finish(qtbot, task)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        holder.stdin.close()
        holder.stdout.close()
    try:
        assert [a.object_id for a in window.ctx.ledger.audit_entries()] == ["re_1"]  # the same ledger, kept
    finally:
        close_window(window)


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder nobody may write in: ``chattr +i`` (which binds root too) or, for other users, mode 0555."""
    folder = tmp_path / "data"
    folder.mkdir()
    if os.geteuid() == 0:
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)]).returncode != 0:
            pytest.skip("running as root on a file system without immutable folders")
        undo = ["chattr", "-i", str(folder)]
    else:
        folder.chmod(0o555)
        undo = ["chmod", "755", str(folder)]
    yield folder, undo
    subprocess.run(undo, check=False)


def test_a_read_only_folder_is_explained_and_quit_leaves_with_one_line(qtbot, sandbox, read_only_folder):
    folder, _undo = read_only_folder
    task = launch(sandbox, folder / "ledger.sqlite3")
    dialog = wait_for_dialog(qtbot)
    assert "cannot be written" in dialog.message_label.text() and str(folder) in dialog.message_label.text()
    assert not dialog.move_aside_button.isVisible()
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(task.done, timeout=15_000)
    with pytest.raises(app.LedgerUnavailable, match="could not be opened"):
        task.result()
    assert list(folder.iterdir()) == []


def test_a_read_only_folder_made_writable_opens_on_try_again(qtbot, sandbox, read_only_folder):
    folder, undo = read_only_folder
    task = launch(sandbox, folder / "ledger.sqlite3")
    dialog = wait_for_dialog(qtbot)
    subprocess.run(undo, check=True)
    qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    window = finish(qtbot, task)
    try:
        assert (folder / "ledger.sqlite3").exists() and window.ctx.ledger.entries() == []
    finally:
        close_window(window)


def test_the_painted_launch_path_asks_too_and_quit_ends_start_up_with_one_line(qtbot, tmp_path, monkeypatch):
    """``launch`` opens the ledger on a worker thread after the window is painted: a damaged file there
    opens the same window instead of ending start-up with a traceback."""
    import argparse

    path = tmp_path / "ledger.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    monkeypatch.setattr(app, "default_ledger_path", lambda: path)
    monkeypatch.setattr(app, "KeyStore", MemoryKeyStore)
    args = argparse.Namespace(sandbox=True, sandbox_lan=False, profile=None)
    task = asyncio.ensure_future(app.launch(args))
    dialog = wait_for_dialog(qtbot)
    assert "damaged" in dialog.message_label.text() and dialog.move_aside_button.isVisible()
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(task.done, timeout=30_000)
    with pytest.raises(app.LedgerUnavailable, match="could not be opened"):
        task.result()
    assert path.read_bytes() == b"this is not a database" * 100  # untouched
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "mainWindow":
            widget.close()
            widget.deleteLater()
