"""Building blocks for GUI tests: an account context wired to the real sandbox, pages shown on screen,
finding widgets by their contract names, and reading a painted QR code back."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPushButton, QWidget

from merchant_desk.ledger import Ledger
from merchant_desk.services.context import AccountContext
from merchant_desk.wooshpay import Client
from tests.qt_support import run_async


def make_context(sandbox, ledger_path=":memory:", *, name: str = "Sandbox") -> AccountContext:
    client = Client(sandbox.secret_key, base_url=sandbox.base_url, backoff_base=0.05, backoff_cap=0.2)
    return AccountContext(
        name=name,
        mode="sandbox",
        base_url=sandbox.base_url,
        client=client,
        ledger=Ledger(ledger_path),
        sandbox_public_url=sandbox.public_url,
    )


@contextmanager
def open_context(sandbox, ledger_path=":memory:", *, name: str = "Sandbox") -> Iterator[AccountContext]:
    """``make_context`` whose client is closed afterwards (whatever client the test left in ``ctx``)."""
    ctx = make_context(sandbox, ledger_path, name=name)
    try:
        yield ctx
    finally:
        run_async(ctx.client.aclose())


@contextmanager
def shown(qtbot, page: QWidget, width: int = 1200, height: int = 760) -> Iterator[QWidget]:
    """Show ``page`` at a realistic size; afterwards shut it down and let its cancelled tasks finish."""
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    qtbot.waitExposed(page)
    try:
        yield page
    finally:
        run_async(settled(page.shutdown()))


def show_page(qtbot, page: QWidget, width: int = 1200, height: int = 760) -> QWidget:
    """Show ``page`` for a test that shuts nothing down itself (qtbot closes it at the end)."""
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    qtbot.waitExposed(page)
    return page


async def settled(tasks: Any) -> None:
    """Wait for shutdown tasks; cancelled ones and their errors are expected here."""
    await asyncio.gather(*(tasks or ()), return_exceptions=True)


def w(page: QWidget, cls: type, name: str) -> Any:
    """The child of ``page`` with the contract object name ``name``; fails the test when missing."""
    widget = page.findChild(cls, name)
    assert widget is not None, name
    return widget


def click(qtbot, page: QWidget, name: str) -> None:
    qtbot.mouseClick(w(page, QPushButton, name), Qt.MouseButton.LeftButton)


def decode(widget: QWidget) -> list[str]:
    """The texts of the QR codes painted in ``widget``."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    return [r.text for r in zxingcpp.read_barcodes(image)]


@contextmanager
def window_on_screen(qtbot, sandbox, ledger_path) -> Iterator[Any]:
    """The whole window on ``sandbox`` (a ledger file, a keyring in memory), shown, with short status polls;
    shut down afterwards."""
    from merchant_desk.app import create_main_window
    from tests.app.fakes import MemoryKeyStore

    window = create_main_window(base_url=sandbox.base_url, secret_key=sandbox.secret_key, ledger_path=ledger_path,
                                keystore=MemoryKeyStore())
    window.payments_page.watch_timing = (0.05, 0.2, 1.5)
    window.show()
    qtbot.waitExposed(window)
    try:
        yield window
    finally:
        run_async(window.shutdown())

