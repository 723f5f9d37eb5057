"""The set-up shared by the tables that only show data (lists of payments, refunds, events, endpoints)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def make_read_only(table: QTableView, name: str, accessible_name: str) -> None:
    """Name the table and make it a view only: no editing, no row numbers."""
    table.setObjectName(name)
    table.setAccessibleName(accessible_name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()


def make_list_table(
    table: QTableView,
    name: str,
    accessible_name: str,
    *,
    alternating_rows: bool = True,
    fixed_row_height: bool = False,
) -> None:
    """A read-only list whose rows are picked one at a time and kept to one line each.

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
