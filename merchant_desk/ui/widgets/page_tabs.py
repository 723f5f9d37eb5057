"""A page made of tabs (a list and its log, events and received webhooks)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget


def page_tabs(page: QWidget, name: str, accessible: str) -> QTabWidget:
    """Tabs named ``name`` that fill ``page``."""
    tabs = QTabWidget(page)
    tabs.setObjectName(name)
    tabs.setAccessibleName(accessible)
    QVBoxLayout(page).addWidget(tabs)
    return tabs
