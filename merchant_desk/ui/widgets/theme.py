"""Light or dark, as the system says (Qt 6.5+ ``QStyleHints.colorScheme``), and again whenever it changes.

Dark uses the Fusion style with a dark palette of our own (the platform styles on Linux often have no dark
palette); light keeps the platform's own palette. ``MERCHANT_DESK_THEME=light|dark`` overrides the system
(for screenshots and for people whose desktop does not report a scheme). Icons (``icons``) take their colour
from the palette when painted, so they follow without being set again.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QScreen
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

log = logging.getLogger(__name__)

LIGHT = "light"
DARK = "dark"
ENV_OVERRIDE = "MERCHANT_DESK_THEME"

# The main window's first size: every list and the payment's QR side by side with its form fit without
# scrolling sideways or cutting a column (the screenshots show it); less on a smaller screen.
DEFAULT_WINDOW_SIZE = (1280, 800)

# Page content sits this far from the page's edges (every page alike).
PAGE_MARGINS = (12, 12, 12, 12)
# Content inside a tab keeps off the tab's frame.
TAB_MARGINS = (8, 8, 8, 8)


def dark_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    window = QColor("#1f2329")
    base = QColor("#16191d")
    text = QColor("#e6e8eb")
    colours = {
        role.Window: window,
        role.WindowText: text,
        role.Base: base,
        role.AlternateBase: QColor("#22262c"),
        role.ToolTipBase: QColor("#2b3037"),
        role.ToolTipText: text,
        role.PlaceholderText: QColor("#8b929b"),
        role.Text: text,
        role.Button: QColor("#2a2f36"),
        role.ButtonText: text,
        role.BrightText: QColor("#ff6b6b"),
        role.Light: QColor("#3a4048"),
        role.Midlight: QColor("#30353c"),
        role.Mid: QColor("#24282e"),
        role.Dark: QColor("#121417"),
        role.Shadow: QColor("#000000"),
        role.Highlight: QColor("#3b82f6"),
        role.HighlightedText: QColor("#ffffff"),
        role.Link: QColor("#7cb4ff"),
        role.LinkVisited: QColor("#b49cff"),
        role.Accent: QColor("#3b82f6"),
    }
    for colour_role, colour in colours.items():
        palette.setColor(colour_role, colour)
    disabled = QPalette.ColorGroup.Disabled
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, colour_role, QColor("#6b7280"))
    palette.setColor(disabled, role.Highlight, QColor("#3a4048"))
    return palette


def system_scheme(app: QGuiApplication | None = None) -> str:
    override = os.environ.get(ENV_OVERRIDE, "").strip().lower()
    if override in (LIGHT, DARK):
        return override
    app = app or QGuiApplication.instance()
    scheme = app.styleHints().colorScheme() if app is not None else Qt.ColorScheme.Unknown
    return DARK if scheme == Qt.ColorScheme.Dark else LIGHT


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


class ThemeFollower(QObject):
    """Keeps the application's palette in step with the system scheme."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("themeFollower")
        self._app = app
        self._light_style = app.style().name()
        self._light_palette = QPalette(app.palette())
        self.scheme = ""
        app.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)
        self.apply(system_scheme(app))

    def _on_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        self.apply(system_scheme(self._app))

    def apply(self, scheme: str) -> None:
        if scheme == self.scheme:
            return
        self.scheme = scheme
        if scheme == DARK:
            self._app.setStyle("Fusion")
            self._app.setPalette(dark_palette())
        else:
            if self._app.style().name().lower() != self._light_style.lower():
                self._app.setStyle(self._light_style)
            self._app.setPalette(self._light_palette)
        log.info("Colour scheme: %s", scheme)


def follow_system_scheme(app: QApplication) -> ThemeFollower:
    """Apply the system's light or dark scheme now and whenever it changes (the follower is a child of
    ``app``, so it lives as long as the application)."""
    existing = app.findChild(ThemeFollower, "themeFollower")
    return existing if existing is not None else ThemeFollower(app)


def apply_page_margins(page: QWidget) -> None:
    """The same margins around every page's content (pages set their own spacing inside)."""
    layout = page.layout()
    if layout is not None:
        layout.setContentsMargins(*PAGE_MARGINS)
    for tabs in page.findChildren(QTabWidget):
        for index in range(tabs.count()):
            inner = tabs.widget(index).layout()
            if inner is not None and inner.contentsMargins().isNull():
                inner.setContentsMargins(*TAB_MARGINS)


def default_window_size(screen: QScreen | None) -> QSize:
    width, height = DEFAULT_WINDOW_SIZE
    if screen is not None:
        room = screen.availableGeometry().size()
        width = min(width, int(room.width() * 0.95))
        height = min(height, int(room.height() * 0.92))
    return QSize(width, height)
