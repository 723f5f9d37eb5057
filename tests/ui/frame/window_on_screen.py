"""Run by test_high_dpi_xvfb in a child process on a real X server (xcb), at the QT_SCALE_FACTOR it sets:
opens the main window at its default size in MD_LANG on the sandbox named by MD_BASE_URL / MD_SECRET_KEY, shows every
page and reports each widget whose text is cut ("CLIPPED <page> <widget> <shown> < <needed>"), then takes
a payment and reports "READY <cashier url>" with its QR code on screen. A line on stdin ends it."""

from __future__ import annotations

import asyncio
import os
import sys

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget


def clipped(root: QWidget) -> list[str]:
    found = []
    window = root.window()
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            needed = widget.sizeHint().width()
        elif isinstance(widget, QLabel) and widget.text() and not widget.wordWrap() and widget.pixmap().isNull():
            needed = widget.minimumSizeHint().width()
        else:
            continue
        if widget.width() < needed:
            found.append(f"{widget.objectName() or type(widget).__name__} {widget.text()!r} {widget.width()} < {needed}")
    return found


async def main(app: QApplication) -> None:
    from merchant_desk.app import create_main_window
    from tests.app.fakes import MemoryKeyStore

    window = create_main_window(
        base_url=os.environ["MD_BASE_URL"],
        secret_key=os.environ["MD_SECRET_KEY"],
        ledger_path=os.environ["MD_LEDGER"],
        keystore=MemoryKeyStore(),
    )
    window.show()
    await asyncio.sleep(1.0)
    for index in range(window.navigation.count()):
        window.show_page(index)
        await asyncio.sleep(0.8)
        for line in clipped(window):
            print("CLIPPED", window.current_page().objectName(), line, flush=True)
    window.show_page_named("paymentsPage")
    page = window.payments_page
    page.findChild(QLineEdit, "paymentAmount").setText("43.21")
    page.findChild(QAbstractButton, "createPaymentButton").click()
    for _ in range(100):
        if page.intent is not None:
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(1.0)
    for line in clipped(window):
        print("CLIPPED", "paymentsPage (taking a payment)", line, flush=True)
    print("READY", page.intent.cashier_url, flush=True)
    done = asyncio.get_running_loop().create_future()
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda *_: done.done() or done.set_result(None))
    await asyncio.wait_for(done, 60)
    await window.shutdown()


if __name__ == "__main__":
    import qasync

    from merchant_desk.ui.i18n import install_translator
    from merchant_desk.ui.widgets.theme import follow_system_scheme

    application = QApplication(sys.argv[:1])
    translators = install_translator(application, os.environ.get("MD_LANG", "en_US"))
    application.setQuitOnLastWindowClosed(False)
    follow_system_scheme(application)
    loop = qasync.QEventLoop(application)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(main(application))
