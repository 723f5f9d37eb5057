"""Cells written to CSV files that people open in a spreadsheet."""

from __future__ import annotations


def inert(cell: str) -> str:
    """Spreadsheets run a cell starting with = + - @ (or a tab or carriage return) as a formula; a leading
    apostrophe keeps free text as text. Ids, codes and amounts never start that way."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
