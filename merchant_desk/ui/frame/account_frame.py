"""The main window's account: checking its connection, and switching to another account (every page is
rebuilt against it; the composition root closes what the previous account held).

A part of ``MainWindow`` (a mixin).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from merchant_desk.ui.frame import connection

if TYPE_CHECKING:
    import asyncio

# Strings say their "MainWindow" context: self.tr here would give lupdate this mixin's name instead.

log = logging.getLogger("merchant_desk.ui.frame.main_window")


class AccountFrame:
    """Mixed into MainWindow; expects its ``ctx``, ``accounts``, pages, status bar and the QMainWindow API."""

    # ---- connection ---------------------------------------------------------------------------------
    def check_connection(self) -> None:
        if self.ctx is None or self._closed or (self._check_task is not None and not self._check_task.done()):
            return
        from merchant_desk.ui.widgets.ops import run_op

        self.connection_state.set_checking()
        self._check_task = run_op(self, self._check(self.ctx))

    async def _check(self, ctx) -> connection.ConnectionResult:
        result = await connection.check_connection(ctx)
        if ctx is self.ctx:  # the account may have changed while the call was out
            self.connection_state.set_result(result)
        return result

    # ---- account switching --------------------------------------------------------------------------
    def set_context(self, ctx) -> None:
        """Show another account: every page is rebuilt against ``ctx``; the old client is closed. The
        first account of a window made without one arrives here too."""
        from merchant_desk.ui.frame.page import shutdown_page
        from merchant_desk.ui.widgets.ops import run_op

        old = self.ctx
        current = self.pages.currentIndex() if old is not None else self.navigation.currentRow()
        self._stop_freshness()
        unsubscribe = getattr(self, "_unsubscribe_inspector", None)
        if unsubscribe is not None:
            unsubscribe()
            self._unsubscribe_inspector = None
        page_tasks: list[asyncio.Task] = []
        old_pages = self.page_widgets() if old is not None else []
        for page in old_pages:
            page_tasks.extend(shutdown_page(page))
            self.pages.removeWidget(page)
            page.hide()
            page.setParent(None)  # out of the window's tree at once, so lookups by objectName find the new page
        if self._check_task is not None:
            self._check_task.cancel()
            self._check_task = None
        self.ctx = ctx
        if self.starting_label is not None:
            self.pages.removeWidget(self.starting_label)
            self.starting_label.hide()
            self.starting_label.setParent(None)  # out of the window's tree at once, like replaced pages
            self.starting_label.deleteLater()
            self.starting_label = None
        self._build_pages()
        self.pages.setCurrentIndex(max(current, 0))
        if old is None and not self._closed:
            self._check_timer.start()
        if old is not None:
            run_op(self._retiring, self._retire(old, ctx, old_pages, page_tasks))
        log.info("Switched to account %r (%s)", ctx.name, ctx.mode)
        self.check_connection()

    async def _retire(self, old, new, old_pages: list[QWidget], page_tasks: list[asyncio.Task]) -> None:  # type: ignore[no-untyped-def]
        """Close what the previous account held, after its pages' own shutdown work (which may still talk
        to the server, e.g. deleting the webhook inspector's endpoint, or touch their widgets while being
        cancelled) is over; only then are the old pages deleted."""
        import asyncio

        try:
            if page_tasks:
                await asyncio.wait(page_tasks, timeout=5)
        finally:
            for page in old_pages:
                page.deleteLater()
        if self.accounts is not None and new is self.ctx:
            await self.accounts.retire(old, new)

    def switch_to_profile(self, name: str) -> None:
        from merchant_desk.ui.widgets.ops import run_op

        run_op(self, self._switch(lambda: self.accounts.open_profile(name)))

    def switch_to_sandbox(self) -> None:
        from merchant_desk.ui.widgets.ops import run_op

        run_op(self, self._switch(lambda: self.accounts.open_sandbox()))

    async def _switch(self, open_context) -> None:  # type: ignore[no-untyped-def]
        if self.accounts is None:
            self.settings_page.show_switch_error(QCoreApplication.translate("MainWindow", "Switching accounts is not available here."))
            return
        try:
            ctx = await open_context()
        except Exception as exc:  # noqa: BLE001 - any failure to open an account is shown, not raised
            log.warning("Could not switch account: %s", exc)
            self.settings_page.show_switch_error(QCoreApplication.translate("MainWindow", "Could not switch: %1").replace("%1", str(exc)))
            return
        self.set_context(ctx)
