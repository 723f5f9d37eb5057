"""Renders the README's screenshots of one language at one scale from a seeded sandbox.

Run through ``scripts/screenshots`` (which starts Xvfb and runs this once per language and scale); on its
own it needs a display: ``python scripts/screenshots.py --lang zh_CN --out docs/screenshots/zh_CN/2x``
with ``QT_SCALE_FACTOR=2`` set for the 2x pictures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.sample_data


async def _until(predicate, timeout: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError("the window did not get there in time")
        await asyncio.sleep(0.1)


async def _settle(seconds: float = 1.2) -> None:
    await asyncio.sleep(seconds)


def _save(widget, folder: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    path = folder / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)


async def render(out: Path, lang: str) -> None:
    from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton, QTableView

    from merchant_desk.app import create_main_window
    from merchant_desk.sandbox import start_sandbox
    from tests.sample_data import seed

    app = QApplication.instance()
    with tempfile.TemporaryDirectory() as home, start_sandbox(webhook_time_factor=0.01) as sandbox:
        window = create_main_window(
            base_url=sandbox.base_url,
            secret_key=sandbox.secret_key,
            ledger_path=Path(home) / "ledger.sqlite",
            sandbox_public_url=sandbox.public_url,
        )
        window.show()
        try:
            data = await seed(window.ctx, "zh_CN" if lang.startswith("zh") else "en")
            pages = window
            # A payment being taken: the QR code of its cashier page.
            window.show_page_named("paymentsPage")
            page = window.payments_page
            page.tabs.setCurrentIndex(0)
            amount = page.findChild(QLineEdit, "paymentAmount")
            amount.setText("88.00")
            page.findChild(QPushButton, "createPaymentButton").click()
            await _until(lambda: page.intent is not None)
            await _settle()
            _save(pages, out, "payment-qr")
            from tests.customer import pay_async

            await pay_async(page.intent)
            await _until(lambda: page.intent.status == "succeeded")
            await _settle()
            _save(pages, out, "payment-paid")

            page.tabs.setCurrentIndex(1)
            page.refresh()
            table = page.findChild(QTableView, "paymentsTable")
            await _until(lambda: table.model().rowCount() >= 8)
            wanted = data.payments["partially_refunded"].id
            row = next(r for r in range(table.model().rowCount()) if table.model().intent_id(r) == wanted)
            table.selectRow(row)
            await _until(lambda: page.detail.refund_button.isEnabled())
            await _settle(1.5)
            _save(pages, out, "payments-list")
            page.detail.open_refund_dialog()
            await _settle()
            dialogs = [d for d in app.topLevelWidgets() if isinstance(d, QDialog) and d.isVisible()]
            if dialogs:
                _save(dialogs[0], out, "refund-dialog")
                dialogs[0].reject()

            for name, shot in (
                ("overviewPage", "overview-page"),
                ("reportPage", "report-page"),
                ("checkoutPage", "checkout-page"),
                ("refundsPage", "refunds-page"),
                ("webhooksPage", "webhooks-page"),
                ("eventsPage", "events-page"),
                ("settingsPage", "settings-page"),
            ):
                window.show_page_named(name)
                refresh = getattr(window.current_page(), "refresh", None)
                if callable(refresh):
                    result = refresh()
                    if asyncio.iscoroutine(result):
                        await result
                if name == "reportPage":  # a report of today, as the merchant makes it at closing time
                    window.current_page().findChild(QPushButton, "runReportButton").click()
                    await _settle(3.0)
                await _settle(2.0)
                _save(pages, out, shot)
                if name == "refundsPage":
                    window.refunds_page.tabs.setCurrentIndex(window.refunds_page.tabs.count() - 1)
                    await _settle(1.5)
                    _save(pages, out, "audit-log")
        finally:
            window.close()
            await window.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    home = tempfile.mkdtemp(prefix="merchant-desk-shots-")
    os.environ["MERCHANT_DESK_HOME"] = home
    os.environ.setdefault("MERCHANT_DESK_THEME", "light")

    import qasync
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from merchant_desk.ui.i18n import install_translator
    from merchant_desk.ui.widgets.theme import follow_system_scheme

    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # a dialog closing must not end the run
    app.setOrganizationName("MerchantDesk")
    app.setApplicationName("merchant-desk")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, home)
    translators = install_translator(app, args.lang)  # noqa: F841  (kept alive)
    follow_system_scheme(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(render(args.out, args.lang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
