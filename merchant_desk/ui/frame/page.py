"""What every page of the main window offers: ``refresh()`` (F5) and ``shutdown()`` (the page is going
away: cancel its work and hand back the tasks to await)."""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtWidgets import QWidget

from merchant_desk.ui.widgets.ops import cancel_ops

log = logging.getLogger(__name__)


class Page(QWidget):
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
