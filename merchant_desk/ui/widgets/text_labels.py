"""Labels of plain text: a page's or a dialog's heading, a paragraph that explains a section, and the line
that says what just happened; a read-only text to copy."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget


def title_label(text: str, parent: QWidget, scale: float) -> QLabel:
    """A bold label ``scale`` times the size of the parent's font."""
    title = QLabel(text, parent)
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    title.setFont(font)
    return title


def paragraph_label(text: str, parent: QWidget) -> QLabel:
    """A label that wraps its text across lines: an explanation above a section's fields."""
    paragraph = QLabel(text, parent)
    paragraph.setWordWrap(True)
    return paragraph


def message_label(parent: QWidget, name: str) -> QLabel:
    """A word-wrapped line named ``name`` for what just happened, hidden until there is something to say."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.hide()
    return label


def copyable_text(parent: QWidget, name: str, accessible: str) -> QLineEdit:
    """A read-only line named ``name`` whose text (a URL, a secret) can be selected and copied."""
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setAccessibleName(accessible)
    field.setReadOnly(True)
    return field
