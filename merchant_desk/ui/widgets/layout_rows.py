"""Rows that several forms and lists build alike: buttons in a row, a summary line with its buttons, and form
fields with their error message under them."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget


def buttons_row(*buttons: QWidget) -> QHBoxLayout:
    """The buttons side by side from the left; the spare width stays after them."""
    row = QHBoxLayout()
    for each in buttons:
        row.addWidget(each)
    row.addStretch(1)
    return row


def summary_row(summary: QWidget, *buttons: QWidget) -> QHBoxLayout:
    """A line (a count, a summary, a URL to copy) that takes the spare width, and its buttons at the right end."""
    row = QHBoxLayout()
    row.addWidget(summary, 1)
    for each in buttons:
        row.addWidget(each)
    return row


def add_field_rows(form: QFormLayout, rows: Iterable[tuple[str, QWidget, QLabel | None]]) -> None:
    """One row of ``form`` per ``(label, field, error label or None)``: the error, when there is one, right
    under its field."""
    for label, field, error in rows:
        cell = QVBoxLayout()
        cell.setSpacing(2)
        cell.addWidget(field)
        if error is not None:
            cell.addWidget(error)
        form.addRow(label, cell)
