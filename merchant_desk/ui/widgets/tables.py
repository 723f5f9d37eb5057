"""The set-up shared by the tables that only show data (lists of payments, refunds, events, endpoints)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QToolTip,
    QWidget,
)

# The narrowest a column is cut to when the table is too narrow for every column's contents (less only
# where its contents are narrower), and the least a stretching column keeps.
T = TypeVar("T")

MIN_COLUMN_WIDTH = 60
REFIT_ROWS = 200  # beyond this many rows, added rows no longer refit the columns
MIN_STRETCH_WIDTH = 120


class ElidedTextDelegate(QStyledItemDelegate):
    """Draws text elided at the end (the view's elide mode) and, where a cell's text does not fit and the
    model offers no tooltip of its own, shows the whole text as the tooltip."""

    def helpEvent(  # type: ignore[override]
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if event is not None and event.type() == QEvent.Type.ToolTip and index.isValid():
            own = index.data(Qt.ItemDataRole.ToolTipRole)
            if not own:
                text = index.data(Qt.ItemDataRole.DisplayRole)
                if text is not None and str(text) and is_elided(view, option, index):
                    QToolTip.showText(event.globalPos(), str(text), view)
                    return True
                QToolTip.hideText()
                event.ignore()
                return True
        return super().helpEvent(event, view, option, index)


def is_elided(view: QAbstractItemView, option: QStyleOptionViewItem, index: QModelIndex) -> bool:
    """Whether the cell at ``index`` is narrower than its contents."""
    delegate = view.itemDelegateForIndex(index) if hasattr(view, "itemDelegateForIndex") else view.itemDelegate()
    needed = delegate.sizeHint(option, index).width() if delegate is not None else 0
    return needed > view.visualRect(index).width()


class ColumnFitter(QObject):
    """Sizes a table's columns to their contents whenever the rows or the width change, and, where they
    would not all fit, narrows the widest ones (their text is elided, whole in the tooltip) so that the
    table needs no horizontal scrolling. Stretch and fixed columns are left to the header; columns a page
    set to resize to their contents are fitted here instead (the header alone would let them push the
    others out of sight)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.setObjectName("columnFitter")
        self._table = table
        self._model = None
        self._pending = False
        table.viewport().installEventFilter(self)
        self._watch_model()

    def _watch_model(self) -> None:
        model = self._table.model()
        if model is self._model or model is None:
            return
        self._model = model
        for signal in (model.modelReset, model.layoutChanged, model.headerDataChanged):
            signal.connect(self.schedule)
        # New and changed rows refit while the list is short; a long list that is being scrolled through
        # (pages fetched as it goes) keeps its columns still, and costs nothing per page.
        for signal in (model.rowsInserted, model.rowsRemoved, model.dataChanged):
            signal.connect(self._rows_changed)
        self.schedule()

    def _rows_changed(self, *_args: object) -> None:
        model = self._model
        if model is not None and model.rowCount() <= REFIT_ROWS:
            self.schedule()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.schedule()
        return False

    def schedule(self, *_args: object) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self.fit)

    def fit(self) -> None:
        self._pending = False
        table = self._table
        try:
            model = table.model()
            header = table.horizontalHeader()
        except RuntimeError:  # the table is gone
            return
        if model is not self._model:
            self._watch_model()
        if model is None or not table.isVisible():
            return
        modes = QHeaderView.ResizeMode
        last = header.count() - 1
        fitted: dict[int, int] = {}
        floors: dict[int, int] = {}
        taken = 0
        for column in range(header.count()):
            if header.isSectionHidden(column):
                continue
            mode = header.sectionResizeMode(column)
            stretches = mode == modes.Stretch or (column == last and header.stretchLastSection())
            if stretches:
                taken += max(MIN_STRETCH_WIDTH, header.sectionSizeHint(column))
            elif mode in (modes.Interactive, modes.ResizeToContents):
                if mode == modes.ResizeToContents:
                    header.setSectionResizeMode(column, modes.Interactive)
                fitted[column] = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
                floors[column] = min(fitted[column], max(MIN_COLUMN_WIDTH, header.sectionSizeHint(column)))
            else:
                taken += header.sectionSize(column)
        available = table.viewport().width() - taken
        for column, width in shrink_to_fit(fitted, floors, available).items():
            header.resizeSection(column, width)


def shrink_to_fit(wanted: dict[int, int], floors: dict[int, int], available: int) -> dict[int, int]:
    """Widths for ``wanted`` that add up to at most ``available``: the widest are cut to one common width
    first (never below their floor), so short columns stay whole."""
    if sum(wanted.values()) <= available:
        return dict(wanted)
    widths = dict(wanted)
    # Lower a common cap until everything fits or every column is at its floor.
    for cap in sorted(set(wanted.values()), reverse=True):
        over = sum(widths.values()) - available
        if over <= 0:
            break
        wider = [c for c in widths if widths[c] >= cap]
        next_cap = max([w for w in wanted.values() if w < cap], default=0)
        room = sum(widths[c] - max(next_cap, floors[c]) for c in wider)
        if room >= over:
            # A common cap between next_cap and cap does it.
            level = cap - over // max(1, len(wider))
            for c in wider:
                widths[c] = max(floors[c], min(widths[c], level))
            while sum(widths.values()) > available and any(widths[c] > floors[c] for c in wider):
                for c in wider:
                    if widths[c] > floors[c] and sum(widths.values()) > available:
                        widths[c] -= 1
            break
        for c in wider:
            widths[c] = max(floors[c], next_cap)
    return widths


def make_read_only(table: QTableView, name: str, accessible_name: str) -> None:
    """Name the table and make it a view only: no editing, no row numbers; text that does not fit is elided
    at the end and shown whole in the tooltip."""
    table.setObjectName(name)
    table.setAccessibleName(accessible_name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setItemDelegate(ElidedTextDelegate(table))


def make_list_table(
    table: QTableView,
    name: str,
    accessible_name: str,
    *,
    alternating_rows: bool = True,
    fixed_row_height: bool = False,
) -> None:
    """A read-only list whose rows are picked one at a time and kept to one line each; interactive columns
    follow their contents (``ColumnFitter``).

    ``fixed_row_height`` is for lists that may hold very many rows: nothing then has to measure them.
    """
    make_read_only(table, name, accessible_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    table.setAlternatingRowColors(alternating_rows)
    if fixed_row_height:
        vertical = table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(table.fontMetrics().height() + 8)
    ColumnFitter(table)


def fit_tables(root: QWidget) -> int:
    """Every table under ``root`` that does not follow its contents yet gets a ``ColumnFitter`` and elides
    at the end (the frame calls this for every page, so a page's own tables need not remember to)."""
    added = 0
    for table in root.findChildren(QTableView):
        if table.findChild(ColumnFitter, "columnFitter") is None:
            table.setTextElideMode(Qt.TextElideMode.ElideRight)
            ColumnFitter(table)
            added += 1
    return added


def list_table_widget(parent: QWidget, name: str, accessible_name: str, headers: list[str]) -> QTableWidget:
    """A ``make_list_table`` list of items with these column headers, each column as wide as its contents
    and the last one taking what is left."""
    table = QTableWidget(0, len(headers), parent)
    make_list_table(table, name, accessible_name)
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def selected_item(table: QTableView, items: Sequence[T]) -> T | None:
    """What the table's selected row shows, its rows standing for ``items`` in order; None without one."""
    rows = table.selectionModel().selectedRows()
    if not rows or rows[0].row() >= len(items):
        return None
    return items[rows[0].row()]
