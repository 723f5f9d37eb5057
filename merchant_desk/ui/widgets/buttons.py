"""The one way to make a push button: its contract object name, its words and what it does."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtWidgets import QPushButton, QWidget

from merchant_desk.ui.widgets.ops import run_op


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


def op_button(parent: QWidget, name: str, text: str, operation: Callable[[], Coroutine[Any, Any, object]]) -> QPushButton:
    """A ``button`` whose click runs ``operation()`` in the background, owned by ``parent`` (``run_op``)."""
    return button(parent, name, text, text, lambda _checked=False: run_op(parent, operation()))
