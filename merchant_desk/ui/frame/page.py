"""What every page of the main window offers: ``refresh()`` (F5), ``shutdown()`` (the page is going
away: cancel its work and hand back the tasks to await) and ``load_when_shown()`` (a hidden page in the window
fetches nothing: its first load waits until it is first shown, so start-up sends no request for pages
nobody looks at)."""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from merchant_desk.ui.widgets.ops import cancel_ops

log = logging.getLogger(__name__)


class Page(QWidget):
    _first_load: bool = False  # a load is waiting for the page to be shown

    def load_when_shown(self) -> None:
        """The page's first load (``refresh()``): at once for a page on its own or on screen, but a page
        made hidden inside a container (the window's page stack) waits until it is first shown."""
        if self.isVisible() or self.parent() is None:
            self.refresh()
        else:
            self._first_load = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._first_load:
            self._first_load = False
            self.refresh()

    def refresh(self) -> None:
        """Load what the page shows again (F5). Pages with nothing to reload keep this."""

    def shutdown(self) -> list[asyncio.Task[object]]:
        """Cancel the page's background work (its ops and its children's); returns the tasks to await."""
        tasks = cancel_ops(self)
        for child in self.findChildren(QWidget):
            tasks.extend(cancel_ops(child))
        return tasks


def shutdown_page(page: QWidget) -> list[asyncio.Task[object]]:
    """``page.shutdown()``, whose failure is logged rather than stopping the others'."""
    if not isinstance(page, Page):
        return cancel_ops(page)
    try:
        return page.shutdown()
    except Exception:
        log.exception("Shutting down %s failed", page.objectName())
        return []
