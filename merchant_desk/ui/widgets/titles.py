"""A page's or a dialog's heading: its own words, bold and larger than the text under it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def title_label(text: str, parent: QWidget, scale: float) -> QLabel:
    """A bold label ``scale`` times the size of the parent's font."""
    title = QLabel(text, parent)
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    title.setFont(font)
    return title
