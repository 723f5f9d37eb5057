"""The refunds table model: rows arrive page by page as the view scrolls (Qt's canFetchMore/fetchMore)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from merchant_desk.ui import words
from merchant_desk.ui.widgets.ops import run_op

log = logging.getLogger(__name__)

# A page loader: (starting_after) -> (refunds, has_more, last_id, from_ledger); see RefundService.list_page.
PageLoader = Callable[[str | None], Awaitable[Any]]

RefundRole = Qt.ItemDataRole.UserRole + 1  # the Refund model object of the row
RawRole = Qt.ItemDataRole.UserRole + 2  # the raw API value of the cell (status, reason, amount in minor units)

def note_of(refund: Any) -> str:
    """The merchant's note, kept in the refund's metadata by the refund dialog."""
    metadata = getattr(refund, "metadata", None)
    note = metadata.get("note") if isinstance(metadata, dict) else None
    return "" if note is None else str(note)


def local_time_text(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M:%S") if value else ""


class RefundsTableModel(QAbstractTableModel):
    COLUMNS = ("created", "id", "payment_intent", "amount", "reason", "status", "note")

    loadingChanged = Signal(bool)
    loadFailed = Signal(str)
    pageLoaded = Signal(int)  # rows added by the page
    sourceChanged = Signal(bool)  # True when rows come from the ledger (the server has no refunds list)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._loader: PageLoader | None = None
        self._has_more = False
        self._loading = False
        self._cursor: str | None = None
        self._generation = 0
        self._task: asyncio.Task | None = None
        self.from_ledger = False

    # -- data ------------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            "created": QCoreApplication.translate("RefundsModel", "Created"),
            "id": QCoreApplication.translate("RefundsModel", "Refund"),
            "payment_intent": QCoreApplication.translate("RefundsModel", "Payment"),
            "amount": QCoreApplication.translate("RefundsModel", "Amount"),
            "reason": QCoreApplication.translate("RefundsModel", "Reason"),
            "status": QCoreApplication.translate("RefundsModel", "Status"),
            "note": QCoreApplication.translate("RefundsModel", "Note"),
        }
        return titles[self.COLUMNS[section]]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        refund = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == RefundRole:
            return refund
        if role == RawRole:
            if column == "note":
                return note_of(refund)
            return refund.amount if column == "amount" else getattr(refund, column, None)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "created":
                return local_time_text(refund.created)
            if column == "amount":
                return words.amount_text(refund.amount, refund.currency)
            if column == "reason":
                return words.refund_reason(refund.reason)
            if column == "status":
                return words.refund_status(refund.status)
            if column == "note":
                return note_of(refund)
            return getattr(refund, column, None) or ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "amount":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == "created" and refund.created:
            return refund.created.isoformat()
        return None

    def refund_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def refunds(self) -> list[Any]:
        return list(self._rows)

    @property
    def loading(self) -> bool:
        return self._loading

    # -- lazy paging -----------------------------------------------------------------------------

    def shutdown(self) -> None:
        self._generation += 1
        if self._task is not None and not self._task.done():
            self._task.cancel()

    def reset_with(self, loader: PageLoader) -> None:
        """Forget every row and load the first page with ``loader``; a page still in flight is dropped."""
        self._generation += 1
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self.beginResetModel()
        self._rows = []
        self._cursor = None
        self._loader = loader
        self._has_more = True
        self._set_loading(False)
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self._loader is not None and self._has_more and not self._loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._set_loading(True)
        self._task = run_op(self, self._fetch(self._generation, self._loader, self._cursor))

    async def _fetch(self, generation: int, loader: PageLoader, cursor: str | None) -> None:
        try:
            page = await loader(cursor)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # shown to the user; the next scroll or refresh tries again
            if generation == self._generation:
                log.warning("loading refunds failed: %s", exc)
                self._set_loading(False)
                self.loadFailed.emit(words.failure(exc))
            return
        if generation != self._generation:
            return
        self._cursor = page.last_id
        self._has_more = page.has_more
        if page.from_ledger != self.from_ledger:
            self.from_ledger = page.from_ledger
            self.sourceChanged.emit(page.from_ledger)
        known = {r.id for r in self._rows}
        new = [r for r in page.refunds if r.id not in known]
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._rows.extend(new)
            self.endInsertRows()
        self._set_loading(False)
        self.pageLoaded.emit(len(new))
        # A page whose rows were all filtered out adds nothing the view could scroll to: keep going.
        if not new and self._has_more:
            self.fetchMore(QModelIndex())

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loadingChanged.emit(loading)
