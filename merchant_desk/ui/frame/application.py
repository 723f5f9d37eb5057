"""The Qt side of the window app's life: the application object with its names and icon, Ctrl+C and
SIGTERM as a normal quit, and the one qasync loop that runs until the app quits."""

from __future__ import annotations

import os
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QSocketNotifier, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from merchant_desk.ui.i18n import resources_dir

if TYPE_CHECKING:  # asyncio and qasync are imported after the first paint (new_event_loop)
    import qasync


def create_application(version: str, config_dir: Callable[[], Path]) -> QApplication:
    """The application object (the existing one in tests), named so that settings and the desktop find it."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("MerchantDesk")
    app.setApplicationName("merchant-desk")
    # No application display name: Qt appends it to every window title that does not end with it, and the
    # main window's title already begins with "Merchant Desk".
    app.setApplicationVersion(version)
    app.setDesktopFileName("merchant-desk")
    icons = resources_dir()
    if icons is not None and (icons / "icons" / "merchant-desk.svg").is_file():
        app.setWindowIcon(QIcon(str(icons / "icons" / "merchant-desk.svg")))
    if os.environ.get("MERCHANT_DESK_HOME"):
        # A portable/test home keeps the window settings beside the rest of its files.
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(config_dir()))
    return app


def quit_on_signals(app: Any) -> QSocketNotifier:
    """Ctrl+C or SIGTERM quit the app the normal way (settings saved, sandbox stopped).

    Python runs signal handlers only when it gets control; Qt waits in C++. The wakeup fd makes the
    signal readable on a socket Qt watches, which hands control to Python.
    """
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:
        try:
            reader.recv(64)
        except OSError:
            pass

    notifier.activated.connect(drain)
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_args: app.quit())
    notifier._sockets = (reader, writer)  # type: ignore[attr-defined]
    return notifier


def new_event_loop(app: QApplication) -> qasync.QEventLoop:
    """The app's one qasync loop, made the current asyncio loop."""
    import asyncio

    import qasync

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    return loop


def run_until_quit(app: QApplication, loop: qasync.QEventLoop, start: Callable[[], Awaitable[None]],
                   finish: Callable[[], Awaitable[None] | None]) -> object:
    """Run ``start()`` on the loop until the app quits; ``finish()`` then runs once more on the asyncio side
    (the Qt loop has ended by then). Returns the Qt loop's exit status."""
    signal_notifier = quit_on_signals(app)  # noqa: F841  (kept alive while the loop runs)
    with loop:
        loop.create_task(start())  # type: ignore[arg-type]
        status = loop.run_forever()
        ending = finish()
        if ending is not None:
            loop.run_until_complete(ending)
    return status
