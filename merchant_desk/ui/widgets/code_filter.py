"""A list's filter by an API code (a status, an event type): everything first, then each code in words."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget


def code_filter(parent: QWidget, name: str, accessible: str, everything: str, codes: Iterable[str],
                word: Callable[[str], str], *, code_tooltips: bool = False) -> QComboBox:
    """A combo box named ``name``: ``everything`` (item data "") first, then ``word(code)`` for each code (item
    data: the code, also its tooltip with ``code_tooltips``)."""
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    combo.addItem(everything, "")
    for code in codes:
        combo.addItem(word(code), code)
        if code_tooltips:
            combo.setItemData(combo.count() - 1, code, Qt.ItemDataRole.ToolTipRole)
    return combo
