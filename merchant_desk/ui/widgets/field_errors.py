"""Flagging a form field as invalid: the one way every page and dialog does it.

The UI contract is the dynamic property ``error`` (the message, or "" once fixed). ``invalid`` mirrors it
as a boolean only because a style sheet cannot match "non-empty"; ``INVALID_FIELD_STYLE`` is the rule
keyed on it, installed on a form's top widget with ``install_invalid_style``. The messages themselves stay
in the classes that own them, so that their tr() context (the class name) keeps their translations.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

ERROR_COLOUR = "#b91c1c"
ERROR_TEXT_STYLE = f"color: {ERROR_COLOUR};"
INVALID_FIELD_STYLE = f'*[invalid="true"] {{ border: 1px solid {ERROR_COLOUR}; }}'

# A field's own tooltip, kept while an error message stands in for it.
_SAVED_TOOLTIP = "_toolTipBeforeError"


def install_invalid_style(root: QWidget) -> None:
    """Let every flagged field under ``root`` show the red border."""
    if INVALID_FIELD_STYLE not in root.styleSheet():
        root.setStyleSheet((root.styleSheet() + "\n" + INVALID_FIELD_STYLE).strip())


def error_label(parent: QWidget, name: str) -> QLabel:
    """The red, word-wrapped, initially hidden message shown next to a field."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setStyleSheet(ERROR_TEXT_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def show_message(label: QLabel, message: str | None) -> None:
    """Show ``message`` in ``label``, or hide the label when there is none."""
    label.setText(message or "")
    label.setVisible(bool(message))


def set_field_error(widget: QWidget, label: QLabel | None, message: str | None) -> None:
    """Flag ``widget`` with ``message`` (None or "" clears it) and show the message in ``label``."""
    message = message or ""
    was_flagged = bool(widget.property("error"))
    if message and not was_flagged:
        widget.setProperty(_SAVED_TOOLTIP, widget.toolTip())
    widget.setProperty("error", message)
    widget.setProperty("invalid", bool(message))
    widget.setAccessibleDescription(message)
    if message:
        widget.setToolTip(message)
    elif was_flagged:
        widget.setToolTip(widget.property(_SAVED_TOOLTIP) or "")
        widget.setProperty(_SAVED_TOOLTIP, None)
    # Re-polish so the style sheet follows the changed property.
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    if label is not None:
        show_message(label, message)
