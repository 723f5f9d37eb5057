"""Keeps the pages current: a page is reloaded whenever it is shown, and when something it shows changes
(a payment made or canceled, a refund sent, an endpoint created, a webhook received, requests of an earlier
run settled) the page on screen reloads at once and the others the next time they are shown. The payment on
the cashier's panel follows its refunds.

Changes come from the account's feed (``services.changes``); a burst of them reloads once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from merchant_desk.services.changes import Change

log = logging.getLogger(__name__)

SETTLE_MS = 250  # changes closer together than this reload the page once


class PageFreshness(QObject):
    def __init__(self, ctx, pages: Callable[[], list[QWidget]], current: Callable[[], QWidget | None],  # type: ignore[no-untyped-def]
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageFreshness")
        self._pages = pages
        self._current = current
        self._stale: set[int] = set()
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self._reload_current)
        self._unsubscribe = ctx.changes.subscribe(self.on_change)

    def stop(self) -> None:
        """No more reloads (the account is being switched or the app quits); safe to call twice."""
        self._stopped = True
        self._timer.stop()
        self._unsubscribe()

    def on_change(self, change: Change) -> None:
        if self._stopped:
            return
        self._stale = {id(page) for page in self._pages()}
        self._timer.start()
        if change.kind == "refund" and change.payment_intent:
            for page in self._pages():
                follow = getattr(page, "follow_refunds", None)
                if callable(follow):
                    follow(change.payment_intent)

    def page_shown(self, page: QWidget) -> None:
        """The navigation brought ``page`` up: what it shows is loaded again."""
        self._stale.discard(id(page))
        if not self._stopped:
            self._reload(page)

    def _reload_current(self) -> None:
        if self._stopped:
            return
        page = self._current()
        if page is not None and id(page) in self._stale:
            self._stale.discard(id(page))
            self._reload(page)

    @staticmethod
    def _reload(page: QWidget) -> None:
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            try:
                refresh()
            except Exception:
                log.exception("Reloading %s failed", page.objectName())
