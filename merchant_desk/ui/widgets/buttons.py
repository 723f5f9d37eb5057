"""The one way to make a push button: its contract object name, its words and what it does."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton, QWidget


def button(parent: QWidget, name: str, text: str, accessible: str,
           slot: Callable[..., object] | None = None) -> QPushButton:
    """A ``QPushButton`` named ``name`` (see DESIGN.md) that says ``text``, reads as ``accessible`` and calls
    ``slot`` when clicked."""
    made = QPushButton(text, parent)
    made.setObjectName(name)
    made.setAccessibleName(accessible)
    if slot is not None:
        made.clicked.connect(slot)
    return made
