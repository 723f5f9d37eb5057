"""The payments list as a lazily paged Qt model.

Rows are kept as plain tuples of strings and numbers (a few hundred bytes each), so 100,000 of them stay
cheap: CPython stops tracking such a tuple at its first garbage collection (a named tuple, a subclass, it
tracks for ever, and every later collection walked all of them: 5-9 ms each at 30,000 rows). Text is
formatted only when the view asks for a visible cell. Pages are fetched once, in order, with ``starting_after``; a
refresh starts over, nothing is ever refetched behind the user's back.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from merchant_desk import money
from merchant_desk.ui import words
from merchant_desk.ui.widgets.ops import run_op
from merchant_desk.wooshpay.errors import WooshPayError

log = logging.getLogger(__name__)

PAGE_SIZE = 100
_ROOT = QModelIndex()
# Plain ints: the view asks ``data`` about a thousand times per repaint (every visible cell, for every
# role), and comparing an int with a Qt enum member goes through Python's enum machinery each time.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ID = int(Qt.ItemDataRole.UserRole.value) + 1
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class Row(NamedTuple):
    """One payment as the list shows it (``PaymentsModel.rows``); the model keeps the same fields as a plain
    tuple, in this order."""

    id: str
    created: float | None  # POSIX seconds
    amount: int
    currency: str
    status: str
    order_id: str
    description: str


_KEY, _CREATED, _AMOUNT, _CURRENCY, _STATUS = range(5)
_Cells = tuple[str, float | None, int, str, str, str, str]


def _cells_of(intent) -> _Cells:
    created = intent.created.timestamp() if intent.created is not None else None
    return (
        intent.id,
        created,
        intent.amount or 0,
        (intent.currency or "").upper(),
        intent.status or "",
        intent.merchant_order_id or "",
        intent.description or "",
    )


def row_of(intent) -> Row:
    return Row._make(_cells_of(intent))


# The view asks for the same visible cells again on every repaint; babel and strftime are the costly
# part of a cell, so recent results are kept.
@lru_cache(maxsize=4096)
def format_created(created: float | None) -> str:
    if created is None:
        return ""
    return datetime.fromtimestamp(created).strftime("%Y-%m-%d %H:%M:%S")


@lru_cache(maxsize=4096)
def format_amount(amount: int, currency: str) -> str:
    try:
        return money.format_minor(amount, currency)
    except ValueError:  # a currency outside our table still shows, in minor units
        return f"{amount} {currency}"


@lru_cache(maxsize=64)
def status_text(status: str) -> str:
    # The interface language is chosen before any window exists, so a status's words do not change.
    return words.payment_status(status)


class PaymentsModel(QAbstractTableModel):
    CREATED, AMOUNT, CURRENCY, STATUS, ORDER_ID, DESCRIPTION = range(6)
    IdRole = Qt.ItemDataRole.UserRole + 1

    loadingChanged = Signal(bool)
    loadFailed = Signal(str)

    def __init__(self, payments, parent=None) -> None:
        super().__init__(parent)
        self._payments = payments  # PaymentService
        self._rows: list[_Cells] = []
        # "idle" until the first refresh(): nothing is fetched before someone wants to see the list.
        self._mode = "idle"
        self._has_more = False
        self._failed = False
        self._task: asyncio.Task | None = None
        # Bumped on every reset so that a page that arrives for an old list is dropped.
        self._generation = 0
        # Ids put on top by upsert(): a page loaded afterwards may hold them too and must not repeat them.
        self._inserted: set[str] = set()
        # Row lookup by id in O(1): rows only ever join at the bottom (pages) or at the top (upsert), so
        # each gets a number that never changes, counting down from 0 at the top and up at the bottom;
        # its row is its number minus the top's.
        self._numbers: dict[str, int] = {}
        self._top = 0
        self._bottom = 0
        # What this app has refunded of each payment (``set_refunded``): the status says "Refunded" for it.
        self._refunded: dict[str, int] = {}
        self._headers = (
            self.tr("Created"),
            self.tr("Amount"),
            self.tr("Currency"),
            self.tr("Status"),
            self.tr("Order ID"),
            self.tr("Description"),
        )

    # -- Qt model API ----------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        # Roles this model does not answer are the most asked: they leave first.
        if role != _DISPLAY and role != _ALIGNMENT and role != _TOOLTIP and role != _ID:
            return None
        if not index.isValid():
            return None
        if role == _DISPLAY:
            row = self._rows[index.row()]
            column = index.column()
            if column == self.CREATED:
                return format_created(row[_CREATED])
            if column == self.AMOUNT:
                return format_amount(row[_AMOUNT], row[_CURRENCY])
            if column == self.STATUS:
                return status_text(words.payment_state(row[_STATUS], self._refunded.get(row[_KEY], 0), row[_AMOUNT]))
            # currency, status, order id, description sit in the tuple in column order
            return row[column + 1]
        if role == _ALIGNMENT:
            return _RIGHT if index.column() == self.AMOUNT else None
        if role == _ID:
            return self._rows[index.row()][_KEY]
        if role == _TOOLTIP and index.column() == self.AMOUNT:
            return self.tr("%1 minor units").replace("%1", str(self._rows[index.row()][_AMOUNT]))
        if role == _TOOLTIP and index.column() == self.STATUS:
            return self._rows[index.row()][_STATUS]  # the API's own code, for those who look it up
        return None

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        if parent.isValid():
            return False
        return self._has_more and not self._failed and self._task is None

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        after = self._rows[-1][_KEY] if self._rows else None
        self._start(self._load_page(self._generation, after))

    # -- our API ---------------------------------------------------------------------------------

    def set_refunded(self, refunded: dict[str, int]) -> None:
        """Amounts refunded per payment id (minor units); the status column follows."""
        if refunded == self._refunded:
            return
        self._refunded = dict(refunded)
        if self._rows:
            self.dataChanged.emit(self.index(0, self.STATUS), self.index(len(self._rows) - 1, self.STATUS))

    @property
    def loading(self) -> bool:
        return self._task is not None

    @property
    def failed(self) -> bool:
        """The last page could not be loaded; ``retry()`` or ``refresh()`` to try again."""
        return self._failed

    @property
    def has_more(self) -> bool:
        return self._has_more

    def rows(self) -> list[Row]:
        """The rows shown, top to bottom (a new list)."""
        return [Row._make(cells) for cells in self._rows]

    def intent_id(self, row: int) -> str:
        return self._rows[row][_KEY]

    @property
    def mode(self) -> str:
        """"idle" (never loaded), "list" (paged, newest first) or "search" (one page of results)."""
        return self._mode

    def refresh(self) -> None:
        """Start over with the newest page."""
        self._mode = "list"
        self._reset(has_more=True)
        self.fetchMore()

    def retry(self) -> None:
        """After a failed page, allow fetching again."""
        self._failed = False
        self.fetchMore()

    def show_search(self, order_id: str, limit: int = 100) -> None:
        """Replace the rows with one page of the payments with this merchant order ID (not paged)."""
        self._mode = "search"
        self._reset(has_more=False)
        self._start(self._load_search(self._generation, order_id, limit))

    def upsert(self, intent) -> None:
        """Show a created or changed intent: update its row, or put it on top of the list as the newest
        (search results only get updates: a new intent may not match the search)."""
        new = _cells_of(intent)
        row = self.row_of_id(new[_KEY])
        if row is not None:
            self._rows[row] = new
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
            return
        if self._mode != "list":
            return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._inserted.add(new[_KEY])
        self._top -= 1
        self._numbers[new[_KEY]] = self._top
        self._rows.insert(0, new)
        self.endInsertRows()

    def row_of_id(self, intent_id: str) -> int | None:
        """The row showing ``intent_id``, or None."""
        number = self._numbers.get(intent_id)
        return None if number is None else number - self._top

    def shutdown(self) -> None:
        self._generation += 1
        if self._task is not None:
            self._task.cancel()
            self._task = None

    # -- internals -------------------------------------------------------------------------------

    def _reset(self, *, has_more: bool) -> None:
        self.shutdown()
        self.beginResetModel()
        self._rows = []
        self._inserted = set()
        self._numbers = {}
        self._top = self._bottom = 0
        self._has_more = has_more
        self._failed = False
        self.endResetModel()

    def _start(self, coro) -> None:
        task = run_op(self, coro)
        self._task = task
        self.loadingChanged.emit(True)

        def done(t: asyncio.Task) -> None:
            self._finish(t)

        task.add_done_callback(done)

    def _finish(self, task: asyncio.Task | None) -> None:
        """Mark the load as over. Called from inside the load before rows are inserted, so the view,
        reacting to the insertion, may already ask for the next page."""
        if task is not None and self._task is task:
            self._task = None
            self.loadingChanged.emit(False)

    async def _load_page(self, generation: int, after: str | None) -> None:
        try:
            page = await self._payments.list_page(starting_after=after, limit=PAGE_SIZE)
        except WooshPayError as exc:  # shown to the user; the next scroll does not hammer a failing server
            if generation == self._generation:
                self._failed = True
                self.loadFailed.emit(words.failure(exc))
            return
        if generation != self._generation:
            return
        rows = [_cells_of(intent) for intent in page.data]
        self._has_more = bool(page.has_more) and bool(rows)
        self._finish(asyncio.current_task())
        self._append(rows)

    async def _load_search(self, generation: int, order_id: str, limit: int) -> None:
        try:
            page = await self._payments.search_by_order_id(order_id, limit=limit)
        except WooshPayError as exc:
            if generation == self._generation:
                self._failed = True
                self.loadFailed.emit(words.failure(exc))
            return
        if generation == self._generation:
            rows = [_cells_of(intent) for intent in page.data]
            self._finish(asyncio.current_task())
            self._append(rows)

    def _append(self, rows: list[_Cells]) -> None:
        if self._inserted:
            rows = [row for row in rows if row[_KEY] not in self._inserted]
        if not rows:
            return
        first = len(self._rows)
        # One insertion for the whole page: the view lays out once, not once per row.
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        numbers = self._numbers
        bottom = self._bottom
        for row in rows:
            numbers.setdefault(row[_KEY], bottom)
            bottom += 1
        self._bottom = bottom
        self.endInsertRows()
